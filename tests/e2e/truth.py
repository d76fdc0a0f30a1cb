#!/usr/bin/python3
"""Compare ttreport's outputs with ttsim's --truth, exactly.

usage: truth.py csv TRUTH OUTDIR ADV_IDS (--lookback N | --since D --until D)
       truth.py xlsx TRUTH XLSX ADV_IDS (--lookback N | --since D --until D)
       truth.py today TRUTH OUTDIR ADV_IDS
       truth.py xlsx-reach TRUTH XLSX ADV_IDS (--lookback N | --since D --until D)

csv:  every entity x day x metric of the window, at campaign, ad group and ad
      level, equals the truth (deleted entities included, "-" as empty), and
      the CSVs hold no row the truth does not.
xlsx: the same for the workbook's Daily sheet, advertiser level included:
      every entity x day x metric of the truth, read with openpyxl.
today: every entity x hour x metric of today's hourly truth (the hours ttsim
      serves: those that ended --hour-latency-min before its clock) equals
      the today CSVs, and no CSV row is an hour ttsim does not serve yet.
xlsx-reach: the Reach of each campaign in the Campaigns sheet equals the truth's
      period reach for the window (never a sum of daily reach).
Prints one line per problem (at most 20) and exits 1 when there is any."""
import csv
import datetime as dt
import glob
import json
import os
import sys

LEVELS = ("campaign", "adgroup", "ad")


def window(adv, args):
    if "--since" in args:
        return args[args.index("--since") + 1], args[args.index("--until") + 1]
    n = int(args[args.index("--lookback") + 1])
    today = dt.date.fromisoformat(adv["local_today"])
    return str(today - dt.timedelta(days=n)), str(today - dt.timedelta(days=1))


def canon(v):
    return "" if v is None else str(v)


def check_csv(truth, outdir, ids, args):
    problems = []
    advs = {a["advertiser_id"]: a for a in truth["advertisers"] if a["advertiser_id"] in ids}
    if len(advs) != len(ids):
        return ["advertiser ids not in truth: %s" % ids]
    for level in LEVELS:
        files = glob.glob(os.path.join(outdir, "ttreport_*_%s.csv" % level))
        if len(files) != 1:
            return ["expected one %s CSV in %s, found %d" % (level, outdir, len(files))]
        with open(files[0], newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        got = {}
        for r in rows:
            key = (r["advertiser_id"], r["%s_id" % level], r["stat_time_day"])
            if key in got:
                problems.append("%s: row %s twice" % (level, key))
            got[key] = r
        want = {}
        for aid, adv in advs.items():
            since, until = window(adv, args)
            for t in adv["daily"][level]:
                if since <= t["day"] <= until:
                    want[(aid, t["id"], t["day"])] = t["metrics"]
        for key, metrics in want.items():
            r = got.get(key)
            if r is None:
                problems.append("%s: missing row %s" % (level, key))
                continue
            for name, v in metrics.items():
                if name not in r:
                    problems.append("%s: no column %s" % (level, name))
                elif r[name] != canon(v):
                    problems.append("%s %s %s: %s is %r, truth %r" % (level, key[1], key[2], name, r[name], canon(v)))
        for key in got:
            if key not in want:
                problems.append("%s: row %s not in truth" % (level, key))
        print("%s: %d rows compared, %d in CSV" % (level, len(want), len(got)))
    return problems


def catalog_labels():
    """{label: api name} of schemas/metrics.def (the workbook's headers)."""
    import re
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas", "metrics.def")
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\s*STORED\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*\w+\s*,\s*\w+\s*,\s*"([^"]+)"', line) or \
            re.match(r'\s*DERIVED\(\s*\w+\s*,\s*"([^"]+)"\s*,\s*\w+\s*,\s*"([^"]+)"', line)
        if m:
            out[m.group(2)] = m.group(1)
    return out


def xlsx_daily(path):
    """{(level, advertiser, day, id): {api: value}} from the Daily sheet."""
    import openpyxl
    from decimal import Decimal
    labels = catalog_labels()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = wb["Daily"].iter_rows(values_only=True)
    head = list(next(rows))
    idcol = {"advertiser": head.index("Advertiser ID"), "campaign": head.index("Campaign ID"),
             "adgroup": head.index("Ad group ID"), "ad": head.index("Ad ID")}
    cols = [(i, labels[h]) for i, h in enumerate(head) if h in labels]
    got = {}
    for r in rows:
        if not r or not r[0]:
            continue
        day = r[head.index("Date")]
        day = day.date().isoformat() if hasattr(day, "date") else str(day)[:10]
        key = (r[0], str(r[idcol["advertiser"]]), day, str(r[idcol[r[0]]]))
        if key in got:
            got[key]["__twice"] = True
        got[key] = {api: (None if r[i] is None else Decimal(repr(r[i])) if isinstance(r[i], float)
                          else Decimal(r[i])) for i, api in cols}
    wb.close()
    return got


def check_xlsx(truth, path, ids, args, failed=(), quiet=False):
    """Problems of the Daily sheet against the truth: every entity x day x
    metric at the four levels; for advertisers in failed, rows present must be
    exact but may be missing."""
    from decimal import Decimal
    got = xlsx_daily(path)
    problems, n = [], 0
    want = {}
    for adv in truth["advertisers"]:
        if adv["advertiser_id"] not in ids:
            continue
        since, until = window(adv, args)
        for level in ("advertiser",) + LEVELS:
            for t in adv["daily"].get(level, []):
                if since <= t["day"] <= until:
                    want[(level, adv["advertiser_id"], t["day"], t["id"])] = t["metrics"]
    for key, metrics in want.items():
        r = got.get(key)
        if r is None:
            if key[1] not in failed:
                problems.append("xlsx: missing row %s" % (key,))
            continue
        if r.get("__twice"):
            problems.append("xlsx: row %s twice" % (key,))
        n += 1
        for name, v in metrics.items():
            w = None if v is None else Decimal(str(v))
            if name not in r:
                problems.append("xlsx: no column for %s" % name)
            elif r[name] != w:
                problems.append("WRONG NUMBER xlsx %s %s %s %s: %s is %s, truth %s" % (
                    key[0], key[1], key[2], key[3], name, r[name], w))
    for key in got:
        if key not in want:
            problems.append("xlsx: row %s not in truth" % (key,))
    if not quiet:
        print("xlsx: %d daily rows compared, %d in the sheet" % (n, len(got)))
    return problems


def check_reach(truth, path, ids, args):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    problems = []
    ws = wb["Campaigns"]
    rows = list(ws.iter_rows(values_only=True))
    hdr_i = next(i for i, r in enumerate(rows) if r and "Reach" in r)
    hdr = list(rows[hdr_i])
    idcol = next(i for i, h in enumerate(hdr) if h and str(h).lower().replace(" ", "_") in ("campaign_id", "id", "campaign id"))
    rc = hdr.index("Reach")
    got = {str(r[idcol]): r[rc] for r in rows[hdr_i + 1:] if r and r[idcol]}
    n = 0
    for adv in truth["advertisers"]:
        if adv["advertiser_id"] not in ids:
            continue
        since, until = window(adv, args)
        per = [p for p in adv["periods"] if p["level"] == "campaign" and p["since"] == since and p["until"] == until]
        if not per:
            problems.append("truth has no campaign period %s..%s" % (since, until))
            continue
        for row in per[0]["rows"]:
            want = row["metrics"]["reach"]
            g = got.get(row["id"])
            n += 1
            if g is None or str(int(g)) != str(want):
                problems.append("campaign %s: reach %r, truth period reach %r" % (row["id"], g, want))
    print("reach: %d campaigns compared" % n)
    return problems


def check_today(truth, outdir, ids, args):
    """today: every entity x hour x metric of today's hourly truth equals the
    CSVs; no CSV row is at or after the simulator's first unreported hour."""
    problems = []
    advs = {a["advertiser_id"]: a for a in truth["advertisers"] if a["advertiser_id"] in ids}
    if len(advs) != len(ids):
        return ["advertiser ids not in truth: %s" % ids]
    for level in LEVELS:
        files = glob.glob(os.path.join(outdir, "ttreport_today_*_%s.csv" % level))
        if len(files) != 1:
            return ["expected one today %s CSV in %s, found %d" % (level, outdir, len(files))]
        with open(files[0], newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        got = {}
        for r in rows:
            key = (r["advertiser_id"], r["%s_id" % level], r["stat_time_hour"])
            if key in got:
                problems.append("%s: row %s twice" % (level, key))
            got[key] = r
            adv = advs.get(r["advertiser_id"])
            if adv is None:
                problems.append("%s: row of advertiser %s not asked for" % (level, key[0]))
            elif not r["stat_time_hour"].startswith(adv["local_today"]) or \
                    int(r["stat_time_hour"][11:13]) >= adv["hours_today"]:
                problems.append("%s: row %s is not a served hour of today (%s, %d hours)" %
                                (level, key, adv["local_today"], adv["hours_today"]))
        want = {}
        for aid, adv in advs.items():
            for t in adv["hourly"][level]:
                if t["hour"].startswith(adv["local_today"]):
                    want[(aid, t["id"], t["hour"])] = t["metrics"]
        n = 0
        for key, metrics in want.items():
            r = got.get(key)
            if r is None:
                problems.append("%s: missing row %s" % (level, key))
                continue
            for name, v in metrics.items():
                n += 1
                if name not in r:
                    problems.append("%s: no column %s" % (level, name))
                elif r[name] != canon(v):
                    problems.append("%s %s %s: %s is %r, truth %r" % (level, key[1], key[2], name, r[name], canon(v)))
        for key in got:
            if key not in want:
                problems.append("%s: row %s not in truth" % (level, key))
        if not want:
            problems.append("%s: the truth has no hour of today: nothing compared" % level)
        print("today %s: %d rows, %d values compared, %d rows in CSV" % (level, len(want), n, len(got)))
    return problems


def main():
    mode, truth_path, target, ids = sys.argv[1:5]
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)
    ids = ids.split(",")
    args = sys.argv[5:]
    check = {"csv": check_csv, "xlsx": check_xlsx, "today": check_today, "xlsx-reach": check_reach}[mode]
    probs = check(truth, target, ids, args)
    for p in probs[:20]:
        print(p)
    if len(probs) > 20:
        print("... and %d more" % (len(probs) - 20))
    sys.exit(1 if probs else 0)


if __name__ == "__main__":
    main()
