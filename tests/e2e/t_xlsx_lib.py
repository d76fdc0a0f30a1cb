# t_xlsx_lib.py: checks shared by t_xlsx_fake.sh and t_xlsx.sh (run with
# Debian's /usr/bin/python3). Usage:
#   t_xlsx_lib.py openpyxl FILE.xlsx            loads with warnings as errors, checks structure
#   t_xlsx_lib.py csvs LODIR BASENAME CSVDIR    LibreOffice sheet CSVs == ttreport's CSV files
#   t_xlsx_lib.py truth LODIR BASENAME TRUTH    LibreOffice sheet CSVs == ttsim's truth
# Prints one line and exits 1 on the first failure.
import csv
import os
import re
import sys
import warnings
import zipfile
from decimal import Decimal

FIXED_DAILY = 12  # Level .. Ad, before the metrics
SHEETS = ["Summary", "Campaigns", "Ad groups", "Ads", "Daily", "Comments"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def catalog():
    """(api, label, stored) per metric, in display order, from schemas/metrics.def."""
    out = []
    with open("schemas/metrics.def", encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        m = re.match(r'\s*(STORED|DERIVED)\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*(?:(\w+)\s*,\s*)?"([^"]+)"', line)
        if not m:
            continue
        kind, api, _typ, agg, label = m.groups()
        if kind == "DERIVED":
            label = re.match(r'\s*DERIVED\(\s*\w+\s*,\s*"[^"]+"\s*,\s*\w+\s*,\s*"([^"]+)"', line).group(1)
        out.append((api, label, kind == "STORED", agg))
    if len(out) < 10:
        fail("metric catalog not parsed")
    return out


def num(s):
    s = (s or "").strip()
    if s == "":
        return None
    try:
        return Decimal(s)
    except Exception:
        fail("not a number: %r" % s)


def read_sheet(lodir, base, sheet):
    p = os.path.join(lodir, "%s-%s.csv" % (base, sheet))
    if not os.path.exists(p):
        fail("LibreOffice wrote no CSV for sheet %s" % sheet)
    with open(p, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def check_openpyxl(path):
    warnings.simplefilter("error")
    import openpyxl
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != SHEETS:
        fail("sheets are %s" % wb.sheetnames)
    cat = catalog()
    daily = wb["Daily"]
    head = [c.value for c in daily[1]]
    if head[FIXED_DAILY:] != [c[1] for c in cat]:
        fail("Daily metric columns do not follow the catalog: %s" % head[FIXED_DAILY:])
    if daily.freeze_panes is None or not daily.freeze_panes.endswith("2"):
        fail("Daily header row not frozen (%s)" % daily.freeze_panes)
    if not daily.tables and not daily.auto_filter.ref:
        fail("Daily has neither a table nor an autofilter")
    if not daily.conditional_formatting:
        fail("Daily has no conditional formatting")
    spend = head.index(cat[0][1]) + 1
    adv_id = head.index("Advertiser ID") + 1
    cur = head.index("Currency") + 1
    rtl = False
    for row in daily.iter_rows(min_row=2, max_row=min(daily.max_row, 400)):
        if row[adv_id - 1].data_type != "s":
            fail("advertiser id not text at %s" % row[adv_id - 1].coordinate)
        s, c = row[spend - 1], row[cur - 1].value
        if s.value is not None and ('"%s"' % c) not in s.number_format:
            fail("spend %s format %r lacks currency %s" % (s.coordinate, s.number_format, c))
        for cell in row:
            if isinstance(cell.value, str) and re.search("[\u0600-\u06ff]", cell.value[:1] or ""):
                if cell.alignment.readingOrder != 2:
                    fail("Arabic text %s not right-to-left" % cell.coordinate)
                rtl = True
            if isinstance(cell.value, float) and cell.value != cell.value:
                fail("NaN at %s" % cell.coordinate)
    camp = wb["Campaigns"]
    if not camp.tables and not camp.auto_filter.ref:
        fail("Campaigns has neither a table nor an autofilter")
    if not camp.conditional_formatting:
        fail("Campaigns has no conditional formatting on ROAS/CPA")
    with zipfile.ZipFile(path) as z:
        if not any(n.startswith("xl/charts/chart") for n in z.namelist()):
            fail("no native chart in the workbook")
    summary = wb["Summary"]
    if not summary.print_area or not summary.sheet_properties.pageSetUpPr.fitToPage or \
            summary.page_setup.fitToHeight not in (0, "0"):
        fail("Summary has no print area / fit to width")
    return rtl


def daily_index(lodir, base):
    rows = read_sheet(lodir, base, "Daily")
    head = rows[0]
    idcol = {"campaign": head.index("Campaign ID"), "adgroup": head.index("Ad group ID"),
             "ad": head.index("Ad ID")}
    idx = {}
    for r in rows[1:]:
        if not r or not r[0]:
            continue
        lvl = r[0]
        eid = r[1] if lvl == "advertiser" else r[idcol[lvl]]
        idx[(lvl, r[1], r[4], eid)] = r[FIXED_DAILY:]
    return head, idx


def check_csvs(lodir, base, csvdir):
    cat = catalog()
    _head, idx = daily_index(lodir, base)
    n = empties = 0
    sums = {}
    for lvl in ("campaign", "adgroup", "ad"):
        files = [f for f in os.listdir(csvdir) if f.endswith("_%s.csv" % lvl) and f.startswith("ttreport_")]
        if len(files) != 1:
            fail("expected one %s CSV in %s" % (lvl, csvdir))
        with open(os.path.join(csvdir, files[0]), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        first = head.index(cat[0][0])
        ididx = head.index({"campaign": "campaign_id", "adgroup": "adgroup_id", "ad": "ad_id"}[lvl])
        for r in rows[1:]:
            key = (lvl, r[0], r[2], r[ididx])
            got = idx.get(key)
            if got is None:
                fail("Daily lacks %s" % (key,))
            for i, (api, label, _s, _a) in enumerate(cat):
                a, b = num(r[first + i]), num(got[i] if i < len(got) else "")
                if a != b:
                    fail("%s %s: csv %s, xlsx %s" % (key, api, a, b))
                if a is None:
                    empties += 1
            if lvl == "campaign":
                s = sums.setdefault(r[ididx], [Decimal(0), 0])
                s[0] += num(r[first]) or 0
                s[1] += int(num(r[first + 1]) or 0)
            n += 1
    if n == 0 or empties == 0:
        fail("compared %d rows, %d missing values (expected both > 0)" % (n, empties))
    # Campaigns sheet: window totals = sum of the daily rows
    rows = read_sheet(lodir, base, "Campaigns")
    head = rows[0]
    cid, sp, im = head.index("Campaign ID"), head.index(cat[0][1]), head.index(cat[1][1])
    for r in rows[1:]:
        if r and r[cid] in sums:
            want = sums.pop(r[cid])
            if num(r[sp]) != want[0] or num(r[im]) != want[1]:
                fail("campaign %s totals %s/%s, daily sums %s/%s" % (r[cid], r[sp], r[im], want[0], want[1]))
    if sums:
        fail("Campaigns sheet lacks %s" % list(sums)[:3])
    print("ok: %d daily rows equal the CSV exporter's, %d missing values empty, campaign totals add up" % (n, empties))


def truth_value(v):
    if v is None or v == "-" or v == "":
        return None
    return Decimal(str(v).rstrip("%"))


def check_truth(lodir, base, truth_path):
    import json
    cat = catalog()
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    _head, idx = daily_index(lodir, base)
    days = {}
    for (lvl, adv, day, eid) in idx:
        days.setdefault(adv, set()).add(day)
    n = 0
    stored = [(i, api) for i, (api, _l, s, agg) in enumerate(cat) if s]
    checked_adv = 0
    for adv in truth.get("advertisers", []):
        aid = str(adv.get("id") or adv.get("advertiser_id"))
        if aid not in days:
            continue
        checked_adv += 1
        win = days[aid]
        today = adv.get("local_today") or adv.get("today")
        if today:
            import datetime
            t = datetime.date.fromisoformat(str(today)[:10])
            want = {str(t - datetime.timedelta(days=k)) for k in (1, 2, 3)}
            if win != want:
                fail("advertiser %s: Daily days %s, expected the 3 days before %s" % (aid, sorted(win), today))
        daily = adv.get("daily", {})
        for lvl in ("advertiser", "campaign", "adgroup", "ad"):
            for row in daily.get(lvl, []):
                day = str(row["day"])[:10]
                if day not in win:
                    continue
                got = idx.get((lvl, aid, day, str(row["id"])))
                if got is None:
                    # an entity-day with no data at all may be absent from the report
                    if all(truth_value(v) in (None, 0) for v in row.get("metrics", {}).values()):
                        continue
                    fail("Daily lacks %s %s %s %s" % (lvl, aid, day, row["id"]))
                for i, api in stored:
                    if api not in row.get("metrics", {}):
                        continue
                    want = truth_value(row["metrics"][api])
                    have = num(got[i])
                    if want != have and not (want is not None and have is not None and
                                             abs(want - have) <= Decimal("0.005")):
                        fail("%s %s %s %s %s: truth %s, xlsx %s" % (lvl, aid, day, row["id"], api, want, have))
                n += 1
    if checked_adv == 0 or n == 0:
        fail("no advertiser of the truth found in the Daily sheet")
    # Campaigns: additive totals are sums over the window's days
    rows = read_sheet(lodir, base, "Campaigns")
    head = rows[0]
    cid, aidc = head.index("Campaign ID"), head.index("Advertiser ID")
    sums = {}
    for (lvl, adv, day, eid), got in idx.items():
        if lvl == "campaign":
            s = sums.setdefault((adv, eid), [None] * len(cat))
            for i, (api, _l, st, agg) in enumerate(cat):
                v = num(got[i])
                if st and agg == "AGG_SUM" and v is not None:
                    s[i] = v if s[i] is None else s[i] + v  # missing + x = x, all missing = missing
    m = 0
    for r in rows[1:]:
        key = (r[aidc], r[cid]) if r else None
        if key in sums:
            for i, (api, label, st, agg) in enumerate(cat):
                if st and agg == "AGG_SUM" and num(r[head.index(label)]) != sums[key][i]:
                    fail("campaign %s %s %s, daily sum %s" % (key, api, r[head.index(label)], sums[key][i]))
            m += 1
    # Campaigns: non-additive metrics (reach, frequency) come from the period query
    per = 0
    cat_by_api = {c[0]: c for c in cat}
    for adv in truth.get("advertisers", []):
        aid = str(adv.get("id") or adv.get("advertiser_id"))
        if aid not in days:
            continue
        win = sorted(days[aid])
        for p in adv.get("periods", []):
            if p.get("level") not in ("campaign", "AUCTION_CAMPAIGN") or \
                    str(p.get("since"))[:10] != win[0] or str(p.get("until"))[:10] != win[-1]:
                continue
            for pr in p.get("rows", []):
                r = next((r for r in rows[1:] if r and r[aidc] == aid and r[cid] == str(pr["id"])), None)
                if r is None:
                    continue
                for api, v in pr.get("metrics", {}).items():
                    c = cat_by_api.get(api)
                    if not c or c[3] != "AGG_PERIOD":
                        continue
                    if truth_value(v) != num(r[head.index(c[1])]):
                        fail("campaign %s %s: period truth %s, xlsx %s" % (pr["id"], api, v, r[head.index(c[1])]))
                    per += 1
    print("ok: %d truth entity-days equal the Daily sheet, %d campaign totals add up, %d period values match"
          % (n, m, per))


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "openpyxl":
        check_openpyxl(sys.argv[2])
        print("ok: openpyxl loads %s with no warnings" % sys.argv[2])
    elif what == "csvs":
        check_csvs(sys.argv[2], sys.argv[3], sys.argv[4])
    elif what == "truth":
        check_truth(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        fail("unknown check " + what)
