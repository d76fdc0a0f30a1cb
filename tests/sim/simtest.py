#!/usr/bin/python3
"""Checks of ttsim against its contract, used by tests/e2e/t_sim_*.sh.

usage: simtest.py CHECK BASE [ARGS...]   (see the functions named check_*)
Prints one line per problem and exits 1 when there is any."""
import json
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, ROUND_HALF_UP

TOKEN, ACC = "sim-token", "sim-account-token"
BIZ = "sim-business"
LEVELS = ("advertiser", "campaign", "adgroup", "ad")
DATA_LEVEL = {l: "AUCTION_" + l.upper() for l in LEVELS}
STATUS_FIELD = {"campaign": "campaign_status", "adgroup": "adgroup_status", "ad": "ad_status"}
problems = []


def fail(msg):
    problems.append(msg)
    if len(problems) >= 30:
        finish()


def finish():
    for p in problems[:30]:
        print(p)
    sys.exit(1 if problems else 0)


def call(base, path, params=None, token=TOKEN, body=None, raw=False):
    """GET (or POST with body) path; returns (http status, parsed JSON or text)."""
    q = {}
    for k, v in (params or {}).items():
        q[k] = v if isinstance(v, str) else json.dumps(v)
    url = base + path + ("?" + urllib.parse.urlencode(q) if q else "")
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    if token is not None:
        req.add_header("Access-Token", token)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, text = r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8", "replace")
    if raw:
        return status, text
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def ok(base, path, params=None, token=TOKEN, body=None):
    st, j = call(base, path, params, token, body)
    if st != 200 or not isinstance(j, dict) or j.get("code") != 0:
        fail("%s %s: HTTP %s %s" % (path, params or body, st, str(j)[:300]))
        finish()
    return j["data"]


def adv_ids(base):
    d = ok(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"})
    return [a["advertiser_id"] for a in d["list"]]


def report_all(base, adv, level, since, until, metrics, daily=True, status_all=True, page_size=1000):
    """All rows of a report across pages, checking page_info on the way."""
    rows, page = [], 1
    while True:
        p = {"advertiser_id": adv, "report_type": "BASIC", "data_level": DATA_LEVEL[level],
             "dimensions": [level + "_id"] + (["stat_time_day"] if daily else []),
             "metrics": metrics, "start_date": since, "end_date": until,
             "page": str(page), "page_size": str(page_size)}
        if status_all and level != "advertiser":
            p["filtering"] = [{"field_name": STATUS_FIELD[level], "filter_type": "IN",
                               "filter_value": '["STATUS_ALL"]'}]
        d = ok(base, "report/integrated/get/", p)
        pi = d["page_info"]
        if pi["page"] != page or pi["page_size"] != page_size:
            fail("report page_info %s for page %d" % (pi, page))
        exp_pages = (pi["total_number"] + page_size - 1) // page_size
        if pi["total_page"] != exp_pages:
            fail("report total_page %s, want %d" % (pi, exp_pages))
        want_n = min(page_size, max(0, pi["total_number"] - (page - 1) * page_size))
        if len(d["list"]) != want_n:
            fail("report page %d has %d rows, want %d" % (page, len(d["list"]), want_n))
        rows += d["list"]
        if page >= pi["total_page"]:
            return rows
        page += 1


def canon(v):
    if v == "-":
        return None
    if isinstance(v, (int, float)):
        return str(v)
    return v


# ---------------------------------------------------------------- basic
def check_basic(base):
    st, j = call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"}, token=None)
    if st != 200 or j.get("code") != 40104 or "Access-Token" not in j.get("message", ""):
        fail("no token: %s %s" % (st, j))
    for k in ("code", "message", "request_id", "data"):
        if k not in j:
            fail("envelope lacks %s: %s" % (k, j))
    st, j = call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"}, token="nope")
    if j.get("code") != 40105:
        fail("bad token: %s" % j)
    st, j = call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"}, token=ACC)
    if j.get("code") != 40105 or "account" not in j.get("message", ""):
        fail("account token on marketing API: %s" % j)
    st, j = call(base, "business/video/list/", {"business_id": BIZ}, token=TOKEN)
    if j.get("code") != 40105 or "advertiser" not in j.get("message", ""):
        fail("marketing token on /business/: %s" % j)
    st, j = call(base, "business/video/list/", {"business_id": BIZ}, token=None)
    if j.get("code") != 40104:
        fail("no token on /business/: %s" % j)
    st, text = call(base, "oauth2/advertiser/get", {"app_id": "sim-app-id"}, raw=True)
    if st != 404 or text != "404 page not found":
        fail("no trailing slash: HTTP %s %r" % (st, text))
    ids = adv_ids(base)
    if len(ids) != 3 or len(set(ids)) != 3:
        fail("advertisers: %s" % ids)
    for i in ids:
        if len(i) != 19 or not i.isdigit() or int(i) <= 2 ** 53:
            fail("advertiser id %s is not a 19-digit id past 2^53" % i)
    info = ok(base, "advertiser/info/", {"advertiser_ids": ids})["list"]
    want = [("MAD", "Africa/Casablanca", "Africa/Casablanca"), ("EUR", "Europe/Paris", "Europe/Paris"),
            ("USD", "Etc/GMT+8", "America/Los_Angeles")]
    for a, w in zip(info, want):
        if (a["currency"], a["timezone"], a["display_timezone"]) != w or a["status"] != "STATUS_ENABLE" \
                or not isinstance(a["create_time"], int):
            fail("advertiser info %s, want %s" % (a, w))
    d = ok(base, "advertiser/info/", {"advertiser_ids": ids[:1], "fields": ["name", "currency"]})
    if set(d["list"][0]) != {"name", "currency"}:
        fail("advertiser info fields: %s" % d)
    st, j = call(base, "advertiser/info/", {"advertiser_ids": ["7000000000000000000"]})
    if j.get("code") != 40001:
        fail("unknown advertiser in info: %s" % j)
    rid = set()
    adv = ids[0]
    base_p = {"advertiser_id": adv, "report_type": "BASIC", "data_level": "AUCTION_CAMPAIGN",
              "dimensions": ["campaign_id", "stat_time_day"], "metrics": ["spend", "impressions"],
              "start_date": "2026-10-01", "end_date": "2026-10-31"}
    st, j = call(base, "report/integrated/get/", base_p)
    if j.get("code") != 40002:
        fail("31-day daily report: %s" % j)
    rid.add(j["request_id"])
    for k, v, code, word in (("end_date", "2026-10-30", 0, None),
                             ("metrics", ["spend", "spendd"], 40002, "'spendd'"),
                             ("metrics", ["ad_name"], 40002, "ad_name"),
                             ("metrics", ["adgroup_name"], 40002, "adgroup_name"),
                             ("metrics", ["campaign_name", "currency", "advertiser_name", "cpm"], 0, None),
                             ("dimensions", ["adgroup_id", "stat_time_day"], 40002, "dimensions"),
                             ("dimensions", ["campaign_id", "stat_time_hour"], 40002, "stat_time_hour"),
                             ("dimensions", ["campaign_id", "stat_time_minute"], 40002, "dimensions"),
                             ("report_type", "AUDIENCE", 40002, "report_type"),
                             ("data_level", "AUCTION_X", 40002, "data_level"),
                             ("page_size", "1001", 40002, "page_size"),
                             ("page_size", "0", 40002, "page_size"),
                             ("start_date", "2026-11-31", 40002, "start_date"),
                             ("advertiser_id", "7000000000000000000", 40001, None)):
        p = dict(base_p, end_date="2026-10-30")
        p[k] = v
        st, j = call(base, "report/integrated/get/", p)
        if st != 200 or j.get("code") != code or (word and word not in j.get("message", "")):
            fail("report with %s=%s: want %s naming %s, got %s" % (k, v, code, word, j))
        rid.add(j["request_id"])
    p = dict(base_p, dimensions=["campaign_id"], start_date="2025-11-21", end_date="2026-11-19")
    if call(base, "report/integrated/get/", p)[1].get("code") != 0:
        fail("365-day period report refused")
    p = dict(p, start_date="2025-11-19")
    if call(base, "report/integrated/get/", p)[1].get("code") != 40002:
        fail("366-day period report accepted")
    if len(rid) != 15:
        fail("request_id not unique")
    # data never exists after local today (today: the hours served so far)
    for level in ("advertiser",):
        rows = report_all(base, adv, level, "2026-11-15", "2026-11-25", ["spend"])
        days = sorted(r["dimensions"]["stat_time_day"] for r in rows)
        if not days or days[-1] != "2026-11-20 00:00:00":
            fail("MAD advertiser last day %s, want 2026-11-20 (local today, partial)" % days[-1:])
    rows = report_all(base, ids[2], "advertiser", "2026-11-15", "2026-11-25", ["spend"])
    days = sorted(r["dimensions"]["stat_time_day"] for r in rows)
    if not days or days[-1] != "2026-11-19 00:00:00":
        fail("Etc/GMT+8 advertiser last day %s, want 2026-11-19 (local today)" % days[-1:])
    # value types: strings, some impressions/clicks as JSON numbers, money with 2 decimals
    rows = report_all(base, adv, "ad", "2026-10-01", "2026-10-30", ["spend", "impressions", "clicks", "cpc"])
    nums = sum(1 for r in rows if isinstance(r["metrics"]["impressions"], int))
    if not 0 < nums < len(rows):
        fail("impressions: %d of %d rows as JSON numbers; want some, not all" % (nums, len(rows)))
    for r in rows:
        m = r["metrics"]
        if not isinstance(m["spend"], str) or len(m["spend"].split(".")[-1]) != 2:
            fail("spend %r is not a 2-decimal string" % m["spend"])
            break
    # token endpoints: a refresh rotates both tokens
    d = ok(base, "tt_user/oauth2/refresh_token/", token=None,
           body={"client_id": "sim-app-id", "client_secret": "sim-app-secret",
                 "grant_type": "refresh_token", "refresh_token": "sim-refresh-token"})
    if d.get("access_token") in (None, ACC) or d.get("refresh_token") in (None, "sim-refresh-token") \
            or d.get("open_id") != BIZ or d.get("expires_in") != 86400 \
            or d.get("refresh_token_expires_in") != 31536000 or d.get("token_type") != "Bearer":
        fail("refresh: %s" % d)
    st, j = call(base, "business/video/list/", {"business_id": BIZ}, token=d.get("access_token"))
    if j.get("code") != 0:
        fail("refreshed access token refused: %s" % j)
    for body, code in (({"client_secret": "x"}, 40101), ({"refresh_token": "x"}, 40107)):
        b = {"client_id": "sim-app-id", "client_secret": "sim-app-secret",
             "grant_type": "refresh_token", "refresh_token": "sim-refresh-token"}
        b.update(body)
        st, j = call(base, "tt_user/oauth2/refresh_token/", token=None, body=b)
        if j.get("code") != code:
            fail("refresh with %s: %s" % (body, j))
    d = ok(base, "oauth2/access_token/", token=None,
           body={"app_id": "sim-app-id", "secret": "sim-app-secret", "auth_code": "sim-auth-code"})
    if d.get("access_token") != TOKEN or d.get("advertiser_ids") != ids:
        fail("access_token: %s" % d)
    finish()


# ---------------------------------------------------------------- qps
def check_qps(base, n):
    """n requests over one keep-alive connection as fast as possible."""
    codes = []
    host, port = base.split("/")[2].split(":")
    s = socket.create_connection((host, int(port)), timeout=10)
    f = s.makefile("rb")
    path = "/" + base.split("/", 3)[3] + "advertiser/info/?advertiser_ids=" + urllib.parse.quote('["x"]')
    for _ in range(int(n)):
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nAccess-Token: %s\r\n\r\n" % (path, TOKEN)).encode())
        status = f.readline()
        length = 0
        while True:
            h = f.readline()
            if h in (b"\r\n", b""):
                break
            if h.lower().startswith(b"content-length:"):
                length = int(h.split(b":")[1])
        if b" 200 " not in status:
            fail("qps: HTTP %r" % status)
        codes.append(json.loads(f.read(length))["code"])
    s.close()
    limited = codes.count(40100)
    if limited == 0 or codes.count(40001) == 0:
        fail("qps: codes %s: want some 40100 and some answered" % codes)
    print("qps: %d of %d requests limited" % (limited, len(codes)))
    finish()


# ---------------------------------------------------------------- paging and status filters
def check_paging(base):
    ids = adv_ids(base)
    adv = ids[0]
    for level, allst in (("campaign", "CAMPAIGN_STATUS_ALL"), ("adgroup", "ADGROUP_STATUS_ALL"), ("ad", "AD_STATUS_ALL")):
        path = level + "/get/"
        every = ok(base, path, {"advertiser_id": adv, "page_size": "1000", "filtering": {"secondary_status": allst}})
        every = every["list"]
        live = ok(base, path, {"advertiser_id": adv, "page_size": "1000"})["list"]
        dele = ok(base, path, {"advertiser_id": adv, "page_size": "1000", "filtering": {"primary_status": "STATUS_DELETE"}})["list"]
        prim = ok(base, path, {"advertiser_id": adv, "page_size": "1000", "filtering": {"primary_status": "STATUS_ALL"}})["list"]
        idk = level + "_id"
        if not dele:
            fail("%s: no deleted entities" % level)
        if any(e["operation_status"] == "DELETE" for e in live):
            fail("%s/get without filter returns deleted ones" % level)
        if any(e["operation_status"] != "DELETE" or not e["secondary_status"].endswith("_STATUS_DELETE") for e in dele):
            fail("%s STATUS_DELETE returns live ones" % level)
        if sorted(e[idk] for e in every) != sorted(e[idk] for e in live + dele) or \
                sorted(e[idk] for e in prim) != sorted(e[idk] for e in every):
            fail("%s: ALL != live + deleted" % level)
        # paging with a small page
        seen, page = [], 1
        while True:
            d = ok(base, path, {"advertiser_id": adv, "page": str(page), "page_size": "3",
                                "filtering": {"secondary_status": allst}})
            pi = d["page_info"]
            if pi["total_number"] != len(every) or pi["total_page"] != (len(every) + 2) // 3 or pi["page"] != page:
                fail("%s page_info %s (total %d)" % (level, pi, len(every)))
            seen += [e[idk] for e in d["list"]]
            if page >= pi["total_page"]:
                break
            page += 1
        if sorted(seen) != sorted(e[idk] for e in every) or len(seen) != len(set(seen)):
            fail("%s: paging lost or repeated entities" % level)
        st, j = call(base, path, {"advertiser_id": adv, "page_size": "1001"})
        if j.get("code") != 40002:
            fail("%s page_size 1001: %s" % (level, j))
        st, j = call(base, path, {"advertiser_id": "7000000000000000000"})
        if j.get("code") != 40001:
            fail("%s unknown advertiser: %s" % (level, j))
        sel = ok(base, path, {"advertiser_id": adv, "fields": [idk, "create_time"]})["list"]
        if any(set(e) - {idk, "create_time"} for e in sel):
            fail("%s fields not honoured: %s" % (level, sel[:1]))
        for e in every:
            for k in ("create_time",) + (("modify_time",) if level != "ad" else ()):
                if not (isinstance(e.get(k), str) and len(e[k]) == 19 and e[k][10] == " "):
                    fail("%s %s %s=%r" % (level, e[idk], k, e.get(k)))
        if level == "campaign":
            if not any(e["budget_mode"] == "BUDGET_MODE_INFINITE" and e["budget"] == 0 for e in every):
                fail("no BUDGET_MODE_INFINITE campaign with budget 0")
            if any(not isinstance(e["budget"], (int, float)) for e in every):
                fail("campaign budget is not a JSON number")
            if not any(e["objective_type"] == "TRAFFIC" for e in every) or \
                    all(e["objective_type"] == "TRAFFIC" for e in every):
                fail("want some but not all TRAFFIC campaigns")
        if level == "ad" and sum(1 for e in every if "modify_time" not in e) != 1:
            fail("want exactly one ad without modify_time (Smart+)")
    # report paging and status filters at each level
    for level in ("campaign", "adgroup", "ad"):
        full = report_all(base, adv, level, "2026-10-21", "2026-11-19", ["spend"], page_size=1000)
        small = report_all(base, adv, level, "2026-10-21", "2026-11-19", ["spend"], page_size=7)
        key = lambda r: (r["dimensions"][level + "_id"], r["dimensions"]["stat_time_day"])
        if [key(r) for r in full] != [key(r) for r in small]:
            fail("%s report: page_size 7 differs from page_size 1000" % level)
        if [key(r) for r in full] != sorted(key(r) for r in full) or len(set(map(key, full))) != len(full):
            fail("%s report rows not ordered by (id, day) or repeated" % level)
        live = report_all(base, adv, level, "2026-10-21", "2026-11-19", ["spend"], status_all=False)
        allst = ok(base, level + "/get/", {"advertiser_id": adv, "page_size": "1000",
                                           "filtering": {"primary_status": "STATUS_DELETE"}})["list"]
        deleted = {e[level + "_id"] for e in allst}
        if any(r["dimensions"][level + "_id"] in deleted for r in live):
            fail("%s report without STATUS_ALL has deleted entities" % level)
        if not any(r["dimensions"][level + "_id"] in deleted for r in full):
            fail("%s report with STATUS_ALL has no deleted entity in the last 30 days" % level)
        if len(live) + sum(1 for r in full if r["dimensions"][level + "_id"] in deleted) != len(full):
            fail("%s report: ALL != live + deleted" % level)
    finish()


# ---------------------------------------------------------------- comments
def list_all(base, path, params, max_count):
    items, cursor, pages, short = [], 0, 0, 0
    while True:
        p = dict(params, cursor=str(cursor), max_count=str(max_count))
        d = ok(base, path, p, token=ACC)
        pages += 1
        n = len(d["comments"])
        if n > max_count:
            fail("%s: %d items > max_count %d" % (path, n, max_count))
        if d["has_more"] and n < max_count:
            short += 1
        items += d["comments"]
        if not d["has_more"]:
            return items, short
        if d["cursor"] == cursor or pages > 1000:
            fail("%s: cursor does not advance" % path)
            return items, short
        cursor = d["cursor"]


def check_comments(base, ncomments):
    ncomments = int(ncomments)
    st, j = call(base, "business/video/list/", {"business_id": BIZ, "max_count": "21"}, token=ACC)
    if j.get("code") != 40002:
        fail("video list max_count 21: %s" % j)
    vids, cursor = [], None
    while True:
        p = {"business_id": BIZ, "max_count": "2", "fields": ["item_id", "create_time", "caption"]}
        if cursor is not None:
            p["cursor"] = str(cursor)
        d = ok(base, "business/video/list/", p, token=ACC)
        vids += d["videos"]
        if not d["has_more"]:
            break
        cursor = d["cursor"]
    if len(vids) != 5 or len({v["item_id"] for v in vids}) != 5:
        fail("video list paging: %d videos" % len(vids))
    if [v["create_time"] for v in vids] != sorted((v["create_time"] for v in vids), reverse=True):
        fail("videos not newest first")
    d2 = ok(base, "business/videos/list/", {"business_id": BIZ}, token=ACC)
    if [v["item_id"] for v in d2["videos"]] != [v["item_id"] for v in vids[:len(d2["videos"])]] or \
            set(d2["videos"][0]) != {"item_id"}:
        fail("business/videos/list/ differs: %s" % d2)
    st, j = call(base, "business/comment/list/", {"business_id": BIZ}, token=ACC)
    if j.get("code") != 40002 or "video_id" not in j.get("message", ""):
        fail("comment list without video_id: %s" % j)
    vid = vids[0]["item_id"]
    allc, short = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "status": "ALL"}, 5)
    if len(allc) != ncomments or len({c["comment_id"] for c in allc}) != ncomments:
        fail("comment list: %d comments (%d distinct), want %d" % (len(allc), len({c["comment_id"] for c in allc}), ncomments))
    total_short = short
    for v in vids[1:]:
        total_short += list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": v["item_id"]}, 5)[1]
    if total_short == 0:
        fail("no short page with has_more=true over all videos")
    for c in allc:
        for k in ("comment_id", "video_id", "user_id", "unique_identifier", "username", "display_name",
                  "create_time", "text", "likes", "replies", "owner", "liked", "pinned", "status"):
            if k not in c:
                fail("comment lacks %s: %s" % (k, c))
        if "parent_comment_id" in c:
            fail("top-level comment with parent_comment_id")
    types = {type(c["create_time"]) for c in allc}
    if types != {int, str}:
        fail("create_time types %s: want numbers and numeric strings" % types)
    sorted_c, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid,
                                                            "sort_field": "create_time", "sort_order": "asc"}, 30)
    ts = [int(c["create_time"]) for c in sorted_c]
    if ts != sorted(ts):
        fail("sort create_time asc not honoured")
    pub, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "status": "PUBLIC"}, 30)
    if any(c["status"] != "PUBLIC" for c in pub) or len(pub) != sum(1 for c in allc if c["status"] == "PUBLIC"):
        fail("status=PUBLIC filter")
    withr, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "include_replies": "true"}, 30)
    if any(len(c.get("reply_list", [])) > 3 for c in withr) or not all("reply_list" in c for c in withr):
        fail("include_replies: reply_list missing or longer than 3")
    # pick a public comment of someone else on the video
    target = next(c for c in allc if not c["owner"] and c["status"] == "PUBLIC")
    cid = target["comment_id"]
    # hide, then see it hidden; unhide
    st, j = call(base, "business/comment/hide/", token=ACC, body={"business_id": BIZ, "comment_id": cid, "action": "HIDE"})
    if j.get("code") != 40002 or j.get("message") != "video_id: Missing data for required field":
        fail("hide without video_id: %s" % j)
    ok(base, "business/comment/hide/", token=ACC, body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "action": "HIDE"})
    now, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)
    if next(c for c in now if c["comment_id"] == cid)["status"] != "HIDDEN":
        fail("hidden comment not HIDDEN")
    pub2, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "status": "PUBLIC"}, 30)
    if any(c["comment_id"] == cid for c in pub2):
        fail("hidden comment in status=PUBLIC")
    ok(base, "business/comment/hide/", token=ACC, body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "action": "UNHIDE"})
    now, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)
    if next(c for c in now if c["comment_id"] == cid)["status"] != "PUBLIC":
        fail("unhidden comment not PUBLIC")
    # reply: 150 code points ok, 151 refused, empty refused
    for text, code in (("", 40002), ("ش" * 151, 40002), ("é" * 150, 0)):
        st, j = call(base, "business/comment/reply/create/", token=ACC,
                     body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "text": text})
        if j.get("code") != code:
            fail("reply of %d chars: %s" % (len(text), j))
    st, j = call(base, "business/comment/reply/create/", token=ACC,
                 body={"business_id": BIZ, "video_id": vid, "comment_id": "7000000000000000001", "text": "hi"})
    if j.get("code") != 40007:
        fail("reply to unknown comment: %s" % j)
    d = ok(base, "business/comment/reply/create/", token=ACC,
           body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "text": "Merci ! Prix en DM 🙏"})
    rid = d["comment_id"]
    if d.get("parent_comment_id") != cid or d.get("video_id") != vid or d.get("text") != "Merci ! Prix en DM 🙏":
        fail("reply create data: %s" % d)
    reps, _ = list_all(base, "business/comment/reply/list/", {"business_id": BIZ, "video_id": vid, "comment_id": cid}, 30)
    mine = [r for r in reps if r["comment_id"] == rid]
    if len(mine) != 1 or not mine[0]["owner"] or mine[0].get("parent_comment_id") != cid:
        fail("created reply not listed as owner reply: %s" % reps)
    after = next(c for c in list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)[0]
                 if c["comment_id"] == cid)
    if after["replies"] != target["replies"] + 2:
        fail("replies count %d, want %d" % (after["replies"], target["replies"] + 2))
    # delete: others' comments refused, own reply deleted
    st, j = call(base, "business/comment/delete/", token=ACC, body={"business_id": BIZ, "comment_id": cid})
    if j.get("code") != 40001:
        fail("delete of another user's comment: %s" % j)
    d = ok(base, "business/comment/delete/", token=ACC, body={"business_id": BIZ, "comment_id": rid})
    if d != {}:
        fail("delete data %s" % d)
    reps, _ = list_all(base, "business/comment/reply/list/", {"business_id": BIZ, "video_id": vid, "comment_id": cid}, 30)
    if any(r["comment_id"] == rid for r in reps):
        fail("deleted reply still listed")
    st, j = call(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "max_count": "31"}, token=ACC)
    if j.get("code") != 40002:
        fail("comment list max_count 31: %s" % j)
    finish()


def check_comment_truth(base, truth_path):
    """The truth's comment states match what is served (after actions)."""
    t = json.load(open(truth_path, encoding="utf-8"))
    kinds = set()
    for v in t["videos"]:
        served, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": v["video_id"], "include_replies": "true"}, 30)
        by = {c["comment_id"]: c for c in served}
        for c in v["comments"]:
            s = by.get(c["comment_id"])
            kinds.add(c["expected"])
            if not s or s["owner"] != c["owner"] or s["status"] != c["status"]:
                fail("truth comment %s differs from served %s" % (c, s))
    if kinds != {"inquiry", "complaint", "spam", "abuse", "offtopic", "other"}:
        fail("expected categories present: %s" % kinds)
    flat = [c for v in t["videos"] for c in v["comments"]]
    for what, f in (("owner", lambda c: c["owner"]), ("hidden", lambda c: c["status"] == "HIDDEN"),
                    ("store reply", lambda c: c["has_store_reply"])):
        if not any(map(f, flat)):
            fail("no comment with %s" % what)
    finish()


# ---------------------------------------------------------------- faults
def check_faults(base, n):
    """Counts what n report requests meet under --faults (one connection each)."""
    ids = adv_ids_retry(base)
    seen = {}
    for i in range(int(n)):
        p = {"advertiser_id": ids[0], "report_type": "BASIC", "data_level": "AUCTION_CAMPAIGN",
             "dimensions": ["campaign_id"], "metrics": ["spend"], "start_date": "2026-10-01",
             "end_date": "2026-10-20"}
        try:
            st, text = call(base, "report/integrated/get/", p, raw=True)
        except Exception:  # dropped connection
            seen["drop"] = seen.get("drop", 0) + 1
            continue
        if st == 504:
            kind = "504" if "<html>" in text else "504?"
        else:
            try:
                kind = str(json.loads(text)["code"])
            except ValueError:
                kind = "trunc"
        seen[kind] = seen.get(kind, 0) + 1
    print("faults seen: %s" % json.dumps(seen, sort_keys=True))
    for k in ("0", "40100", "50000", "504", "trunc", "drop", "40067"):
        if not seen.get(k):
            fail("fault kind %s never seen in %s requests" % (k, n))
    finish()


def adv_ids_retry(base):
    for _ in range(50):
        try:
            st, j = call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"})
            if isinstance(j, dict) and j.get("code") == 0:
                return [a["advertiser_id"] for a in j["data"]["list"]]
        except Exception:
            pass
    fail("cannot list advertisers through the faults")
    finish()


def check_dropafter(base, logfile):
    """With dropafter:1 every reply create is applied, then the connection dropped."""
    vid = ok(base, "business/video/list/", {"business_id": BIZ}, token=ACC)["videos"][0]["item_id"]
    before, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)
    cid = before[0]["comment_id"]
    try:
        call(base, "business/comment/reply/create/", token=ACC,
             body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "text": "ok"})
        fail("dropafter: the write was answered")
    except Exception:
        pass
    after, _ = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)
    b = next(c for c in before if c["comment_id"] == cid)["replies"]
    a = next(c for c in after if c["comment_id"] == cid)["replies"]
    if a != b + 1:
        fail("dropafter: write not applied (replies %d -> %d)" % (b, a))
    lines = [json.loads(l) for l in open(logfile, encoding="utf-8")]
    if not any(l["fault"] == "dropafter" and l["body"] and l["path"].endswith("reply/create/") for l in lines):
        fail("dropafter not in the log")
    for l in lines:
        for k in ("seq", "method", "path", "query", "body", "code", "fault"):
            if k not in l:
                fail("log line lacks %s: %s" % (k, l))
    if "sim-account-token" in open(logfile, encoding="utf-8").read():
        fail("the log holds the access token")
    finish()


# ---------------------------------------------------------------- truth
def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def metric_names(t):
    return list(t["advertisers"][0]["daily"]["ad"][0]["metrics"].keys())


def check_served(base, truth_path):
    """Daily and period reports at every level equal the truth."""
    t = load(truth_path)
    names = metric_names(t)
    import datetime as dt
    for a in t["advertisers"]:
        lt = dt.date.fromisoformat(a["local_today"])
        until = str(lt - dt.timedelta(days=1))
        since = str(lt - dt.timedelta(days=30))
        for level in LEVELS:
            rows = report_all(base, a["advertiser_id"], level, since, until, names)
            got = {(r["dimensions"][level + "_id"], r["dimensions"]["stat_time_day"][:10]): r["metrics"] for r in rows}
            want = {(r["id"], r["day"]): r["metrics"] for r in a["daily"][level] if since <= r["day"] <= until}
            if set(got) != set(want):
                fail("%s %s daily: %d served rows, %d truth rows" % (a["currency"], level, len(got), len(want)))
            for k, m in want.items():
                g = got.get(k, {})
                for name in names:
                    if canon(g.get(name)) != m[name]:
                        fail("%s %s %s %s: served %r, truth %r" % (a["currency"], level, k, name, g.get(name), m[name]))
            # period: a startup window (7 days) and a new one (5 days)
            for n in (7, 5):
                ps = str(lt - dt.timedelta(days=n))
                rows = report_all(base, a["advertiser_id"], level, ps, until, names, daily=False)
                got = {r["dimensions"][level + "_id"]: r["metrics"] for r in rows}
                t2 = load(truth_path)
                a2 = next(x for x in t2["advertisers"] if x["advertiser_id"] == a["advertiser_id"])
                per = [p for p in a2["periods"] if p["level"] == level and p["since"] == ps and p["until"] == until]
                if len(per) != 1:
                    fail("%s %s: truth has %d periods %s..%s" % (a["currency"], level, len(per), ps, until))
                    continue
                want = {r["id"]: r["metrics"] for r in per[0]["rows"]}
                if set(got) != set(want):
                    fail("%s %s period %s..%s: ids differ" % (a["currency"], level, ps, until))
                for i, m in want.items():
                    for name in names:
                        if canon(got.get(i, {}).get(name)) != m[name]:
                            fail("%s %s period %s %s: served %r, truth %r" % (a["currency"], level, i, name, got.get(i, {}).get(name), m[name]))
    finish()


ADDITIVE = ("spend", "impressions", "clicks", "conversion", "complete_payment", "total_complete_payment_rate",
            "video_play_actions", "video_watched_2s", "video_views_p100", "likes", "comments", "shares",
            "follows", "profile_visits")


def ival(s):
    return None if s is None else int(s.replace(".", ""))


def q2(num, den, scale):
    """num/den rounded half up to `scale` decimals, as text."""
    v = (Decimal(num) / Decimal(den)).quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_UP)
    return str(v)


def check_consistency(truth_path):
    t = load(truth_path)
    import datetime as dt
    first = t["advertisers"][0]
    jp = [c for c in first["campaigns"] if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in c["name"])]
    if len(jp) != 1:
        fail("want exactly one Japanese campaign name in the first advertiser, got %s" % jp)
    allids = []
    for a in t["advertisers"]:
        cur = a["currency"]
        parent = {"campaign": {c["id"]: a["advertiser_id"] for c in a["campaigns"]},
                  "adgroup": {g["id"]: g["campaign_id"] for g in a["adgroups"]},
                  "ad": {d["id"]: d["adgroup_id"] for d in a["ads"]}}
        up = {"campaign": "advertiser", "adgroup": "campaign", "ad": "adgroup"}
        allids += [a["advertiser_id"]] + [e["id"] for k in ("campaigns", "adgroups", "ads") for e in a[k]]
        daily = {lv: {(r["id"], r["day"]): r["metrics"] for r in a["daily"][lv]} for lv in LEVELS}
        # deleted entities with past spend, traffic campaigns with "-"
        for k, lv in (("campaigns", "campaign"), ("adgroups", "adgroup"), ("ads", "ad")):
            dele = [e["id"] for e in a[k] if e["deleted"]]
            if not dele:
                fail("%s: no deleted %s" % (cur, lv))
            if not any(i == e for (i, _d) in daily[lv] for e in dele):
                fail("%s: deleted %s have no spend" % (cur, lv))
        traffic = {c["id"] for c in a["campaigns"] if c["objective_type"] == "TRAFFIC"}
        if not traffic or len(traffic) == len(a["campaigns"]):
            fail("%s: TRAFFIC campaigns %s" % (cur, traffic))
        for (i, d), m in daily["campaign"].items():
            if (i in traffic) != (m["conversion"] is None):
                fail("%s campaign %s %s: conversion %r (traffic %s)" % (cur, i, d, m["conversion"], i in traffic))
                break
        over = 0
        for c in a["campaigns"]:
            if c["budget_mode"] == "BUDGET_MODE_DAY":
                b = ival(c["budget"])
                over += sum(1 for (i, d), m in daily["campaign"].items() if i == c["id"] and ival(m["spend"]) > b)
        if over == 0:
            fail("%s: no campaign ever spends over its daily budget" % cur)
        # children sums
        for lv in ("ad", "adgroup", "campaign"):
            sums, reach = {}, {}
            for (i, d), m in daily[lv].items():
                key = (parent[lv][i], d)
                s = sums.setdefault(key, {n: None for n in ADDITIVE})
                for n in ADDITIVE:
                    if m[n] is not None:
                        s[n] = (s[n] or 0) + ival(m[n])
                reach.setdefault(key, []).append(int(m["reach"]))
            pl = up[lv]
            if set(sums) != set(daily[pl]):
                fail("%s %s rows are not the %s rows with children" % (cur, pl, lv))
            for key, s in sums.items():
                pm = daily[pl].get(key)
                if pm is None:
                    continue
                for n in ADDITIVE:
                    if s[n] != ival(pm[n]):
                        fail("%s %s %s %s: %r != sum of %ss %r" % (cur, pl, key, n, pm[n], lv, s[n]))
                r = int(pm["reach"])
                if not max(reach[key]) <= r <= sum(reach[key]):
                    fail("%s %s %s reach %d outside [max %d, sum %d] of children" % (cur, pl, key, r, max(reach[key]), sum(reach[key])))
        # derived metrics recomputed from the integers
        for lv in LEVELS:
            for (i, d), m in list(daily[lv].items())[:2000]:
                sp, im, cl, cv, val, rc = (ival(m[n]) for n in ("spend", "impressions", "clicks", "conversion",
                                                                 "total_complete_payment_rate", "reach"))
                exp = {"ctr": q2(cl * 100, im, 2), "cpm": q2(sp * 1000, im, 0), "frequency": q2(im, rc, 2),
                       "cpc": q2(sp, cl, 0) if cl else None,
                       "cost_per_conversion": q2(sp, cv, 0) if cv else None,
                       # tiktok-api.md: conversion_rate_v2 = conversion / impressions * 100
                       "conversion_rate_v2": q2(cv * 100, im, 2) if cv is not None and im else None,
                       "complete_payment_roas": q2(val, sp, 2) if val is not None and sp else None}
                for n, e in exp.items():
                    g = m[n]
                    if n in ("cpm", "cpc", "cost_per_conversion") and g is not None:
                        g = str(ival(g))
                    if g != e:
                        fail("%s %s %s %s %s: %r, recomputed %r" % (cur, lv, i, d, n, m[n], e))
                if rc > im:
                    fail("%s %s %s %s: reach > impressions" % (cur, lv, i, d))
                for n in ("spend", "total_complete_payment_rate", "cpc", "cpm", "cost_per_conversion"):
                    if m[n] is not None and len(m[n].split(".")[-1]) != 2:
                        fail("%s money %s=%r has not 2 decimals" % (cur, n, m[n]))
        # periods: reach < sum of daily reach when more than one active day; <= children
        for p in a["periods"]:
            lv = p["level"]
            rows = {r["id"]: r["metrics"] for r in p["rows"]}
            for i, m in rows.items():
                days = [dm for (j, d), dm in daily[lv].items() if j == i and p["since"] <= d <= p["until"]]
                r = int(m["reach"])
                sr = sum(int(x["reach"]) for x in days)
                if len(days) > 1 and not r < sr:
                    fail("%s %s %s %s..%s: period reach %d not < sum of daily %d" % (cur, lv, i, p["since"], p["until"], r, sr))
                if r > sr or r < max(int(x["reach"]) for x in days):
                    fail("%s %s %s period reach %d outside [max daily, sum daily]" % (cur, lv, i, r))
                for n in ADDITIVE:
                    vals = [ival(x[n]) for x in days if x[n] is not None]
                    want = sum(vals) if vals else None
                    if ival(m[n]) != want:
                        fail("%s %s %s period %s %r != sum of days %r" % (cur, lv, i, n, m[n], want))
            if lv != "ad":
                child = {"advertiser": "campaign", "campaign": "adgroup", "adgroup": "ad"}[lv]
                cp = next((q for q in a["periods"] if q["level"] == child and q["since"] == p["since"] and q["until"] == p["until"]), None)
                if cp:
                    csum = {}
                    for r in cp["rows"]:
                        csum[parent[child][r["id"]]] = csum.get(parent[child][r["id"]], 0) + int(r["metrics"]["reach"])
                    for i, m in rows.items():
                        if int(m["reach"]) > csum.get(i, 0):
                            fail("%s %s %s period reach > sum of children's period reach" % (cur, lv, i))
        lt = dt.date.fromisoformat(a["local_today"])
        if any(r["day"] > a["local_today"] for lv in LEVELS for r in a["daily"][lv]):
            fail("%s: data after local today" % cur)
        if not any(r["day"] == str(lt - dt.timedelta(days=1)) for r in a["daily"]["advertiser"]):
            fail("%s: no data for local yesterday" % cur)
    if len(allids) != len(set(allids)) or any(len(i) != 19 or int(i) <= 2 ** 53 for i in allids):
        fail("ids not unique 19-digit > 2^53")
    print("consistency: %d advertisers checked" % len(t["advertisers"]))
    finish()


def check_settle(early_path, late_path):
    """A later --today restates recent days upward and leaves old days alone."""
    import datetime as dt
    e, l = load(early_path), load(late_path)
    more = 0
    for ae, al in zip(e["advertisers"], l["advertisers"]):
        lt = dt.date.fromisoformat(ae["local_today"])
        first = str(dt.date.fromisoformat(al["local_today"]) - dt.timedelta(days=400))
        for lv in LEVELS:
            late = {(r["id"], r["day"]): r["metrics"] for r in al["daily"][lv]}
            for r in ae["daily"][lv]:
                if r["day"] < first or r["day"] >= ae["local_today"]:
                    continue
                m2 = late.get((r["id"], r["day"]))
                if m2 is None:
                    fail("%s %s %s vanished later" % (lv, r["id"], r["day"]))
                    continue
                age = (lt - dt.date.fromisoformat(r["day"])).days
                for n in ("conversion", "complete_payment", "total_complete_payment_rate"):
                    a, b = ival(r["metrics"][n]), ival(m2[n])
                    if age >= 3 and a != b:
                        fail("%s %s %s (age %d) %s changed %r -> %r" % (lv, r["id"], r["day"], age, n, a, b))
                    if age < 3 and a is not None and b < a:
                        fail("%s %s %s %s went down %r -> %r" % (lv, r["id"], r["day"], n, a, b))
                    if age < 3 and a is not None and b > a:
                        more += 1
                for n in ("spend", "impressions", "clicks", "reach"):
                    if r["metrics"][n] != m2[n]:
                        fail("%s %s %s %s changed" % (lv, r["id"], r["day"], n))
    if more == 0:
        fail("no recent day was restated upward")
    print("settle: %d recent values grew" % more)
    finish()


# ---------------------------------------------------------------- metric definitions
# Hand-computed from the formulas of tiktok-api.md ("Gotchas with specific metrics"),
# not from ttsim's table: each case gives base values and the expected served text.
METRIC_CASES = [
    ("spend=20.00,impressions=2000,clicks=40,conversion=3,reach=1600,real_time_conversion=4,"
     "complete_payment=2,total_complete_payment_rate=90.00",
     {"conversion_rate_v2": "0.15",           # 3 / 2000 * 100 (not 3 / 40 * 100 = 7.50)
      "real_time_conversion_rate_v2": "0.20",  # 4 / 2000 * 100
      "ctr": "2.00",                          # 40 / 2000 * 100
      "cpc": "0.50",                          # 20.00 / 40
      "cpm": "10.00",                         # 20.00 / 2000 * 1000
      "cost_per_conversion": "6.67",          # 20.00 / 3
      "real_time_cost_per_conversion": "5.00",  # 20.00 / 4
      "frequency": "1.25",                    # 2000 / 1600
      "complete_payment_roas": "4.50",        # 90.00 / 20.00
      "spend": "20.00", "impressions": "2000", "total_complete_payment_rate": "90.00"}),
    ("spend=20.00,impressions=4696,clicks=51,conversion=3,reach=3822",
     {"ctr": "1.09", "cpc": "0.39", "cpm": "4.26", "frequency": "1.23",  # tiktok-api.md §4 example
      "cost_per_conversion": "6.67", "conversion_rate_v2": "0.06"}),
    ("spend=0.00,impressions=0,clicks=0,conversion=-,reach=0",
     {"ctr": "-", "cpc": "-", "cpm": "-", "frequency": "-", "conversion_rate_v2": "-",
      "cost_per_conversion": "-", "complete_payment_roas": "-", "conversion": "-"}),
    ("spend=12.35,impressions=7,clicks=3,conversion=1,reach=7",
     {"cpc": "4.12", "cpm": "1764.29", "ctr": "42.86", "conversion_rate_v2": "14.29",
      "frequency": "1.00", "cost_per_conversion": "12.35"}),
]


def check_metric_defs(build):
    """ttsim's table against hand-computed values (--eval-metrics)."""
    import subprocess
    for spec, want in METRIC_CASES:
        out = subprocess.run([build + "/ttsim", "--eval-metrics", spec], capture_output=True,
                             text=True, timeout=30)
        if out.returncode != 0:
            fail("--eval-metrics %s: exit %d %s" % (spec, out.returncode, out.stderr))
            continue
        got = json.loads(out.stdout)
        for k, v in want.items():
            if got.get(k) != v:
                fail("%s with %s: ttsim %r, tiktok-api.md formula %r" % (k, spec, got.get(k), v))
    bad = __import__("subprocess").run([build + "/ttsim", "--eval-metrics", "ctr=5"],
                                       capture_output=True, text=True, timeout=30)
    if bad.returncode == 0:
        fail("--eval-metrics accepted a derived metric as a base value")
    print("metric definitions: %d cases" % len(METRIC_CASES))
    finish()


# ---------------------------------------------------------------- hourly
def hourly_all(base, adv, level, day, metrics, status_all=True):
    rows, page = [], 1
    while True:
        p = {"advertiser_id": adv, "report_type": "BASIC", "data_level": DATA_LEVEL[level],
             "dimensions": [level + "_id", "stat_time_hour"], "metrics": metrics,
             "start_date": day, "end_date": day, "page": str(page), "page_size": "1000"}
        if status_all and level != "advertiser":
            p["filtering"] = [{"field_name": STATUS_FIELD[level], "filter_type": "IN",
                               "filter_value": '["STATUS_ALL"]'}]
        d = ok(base, "report/integrated/get/", p)
        rows += d["list"]
        if page >= d["page_info"]["total_page"]:
            return rows
        page += 1


def derived_ok(where, m):
    """Derived metrics of one row recomputed from its base values with the doc's formulas."""
    if m["spend"] is None:
        return
    sp, im, cl, rc = ival(m["spend"]), ival(m["impressions"]), ival(m["clicks"]), ival(m["reach"])
    cv, val = ival(m["conversion"]), ival(m["total_complete_payment_rate"])
    exp = {"ctr": q2(cl * 100, im, 2), "cpm": q2(sp * 1000, im, 0), "frequency": q2(im, rc, 2) if rc else None,
           "cpc": q2(sp, cl, 0) if cl else None, "cost_per_conversion": q2(sp, cv, 0) if cv else None,
           "conversion_rate_v2": q2(cv * 100, im, 2) if cv is not None else None,
           "complete_payment_roas": q2(val, sp, 2) if val is not None and sp else None}
    for n, e in exp.items():
        g = m[n]
        if n in ("cpm", "cpc", "cost_per_conversion") and g is not None:
            g = str(ival(g))
        if g != e:
            fail("%s %s: %r, recomputed %r" % (where, n, m[n], e))


def check_hourly(base, truth_path):
    """Hourly reports equal the truth; hours add up to the day; today stops at the
    served hours; one day per request; stat_time_hour format."""
    t = load(truth_path)
    names = metric_names(t)
    import datetime as dt
    for a in t["advertisers"]:
        aid, lt = a["advertiser_id"], a["local_today"]
        yday = str(dt.date.fromisoformat(lt) - dt.timedelta(days=1))
        if a["hourly"]["days"] != [yday, lt]:
            fail("truth hourly days %s" % a["hourly"]["days"])
        for level in LEVELS:
            daily = {(r["id"], r["day"]): r["metrics"] for r in a["daily"][level]}
            want = {(r["id"], r["hour"]): r["metrics"] for r in a["hourly"][level]}
            for day in (yday, lt):
                rows = hourly_all(base, aid, level, day, names)
                got = {(r["dimensions"][level + "_id"], r["dimensions"]["stat_time_hour"]): r["metrics"] for r in rows}
                w = {k: v for k, v in want.items() if k[1].startswith(day)}
                if set(got) != set(w):
                    fail("%s %s %s hourly: %d served rows, %d truth rows" % (a["currency"], level, day, len(got), len(w)))
                for k, m in w.items():
                    if len(k[1]) != 19 or k[1][13:] != ":00:00":
                        fail("stat_time_hour %r" % k[1])
                    for n in names:
                        if canon(got.get(k, {}).get(n)) != m[n]:
                            fail("%s %s %s %s: served %r, truth %r" % (a["currency"], level, k, n, got.get(k, {}).get(n), m[n]))
                    derived_ok("%s %s %s" % (a["currency"], level, k), m)
                    if int(m["reach"]) > int(m["impressions"]):
                        fail("%s %s %s: reach > impressions" % (a["currency"], level, k))
                hours = sorted({int(k[1][11:13]) for k in w})
                if day == lt and hours and hours[-1] >= a["hours_today"]:
                    fail("%s %s: hour %d served, only %d hours of today ended" % (a["currency"], level, hours[-1], a["hours_today"]))
                # hours add up exactly to the day row
                ids = {k[0] for k in w} | {i for (i, d) in daily if d == day}
                for i in ids:
                    hs = [m for k, m in w.items() if k[0] == i]
                    dm = daily.get((i, day))
                    for n in ADDITIVE:
                        vals = [ival(m[n]) for m in hs if m[n] is not None]
                        s = sum(vals) if vals else None
                        d = ival(dm[n]) if dm else None
                        if dm is None and s in (None, 0):
                            continue
                        if s != d:
                            fail("%s %s %s %s %s: hours add up to %r, day %r" % (a["currency"], level, i, day, n, s, d))
                    if dm and hs and not max(int(m["reach"]) for m in hs) <= int(dm["reach"]):
                        fail("%s %s %s %s: an hour's reach above the day's" % (a["currency"], level, i, day))
        p = {"advertiser_id": aid, "report_type": "BASIC", "data_level": "AUCTION_CAMPAIGN",
             "dimensions": ["campaign_id", "stat_time_hour"], "metrics": ["spend"],
             "start_date": yday, "end_date": lt}
        st, j = call(base, "report/integrated/get/", p)
        if j.get("code") != 40002 or "stat_time_hour" not in j.get("message", ""):
            fail("hourly report over two days: %s" % j)
    print("hourly: %d advertisers" % len(t["advertisers"]))
    finish()


def check_hour_latency(truth_path, now, latency):
    """hours_today: the local hours that ended `latency` minutes before `now`."""
    import datetime as dt
    from zoneinfo import ZoneInfo
    t = load(truth_path)
    n = dt.datetime.fromisoformat(now.replace("Z", "+00:00"))
    for a in t["advertisers"]:
        loc = n.astimezone(ZoneInfo(a["timezone"])) - dt.timedelta(minutes=int(latency))
        want = loc.hour if str(loc.date()) == a["local_today"] else 0
        if a["hours_today"] != want:
            fail("%s: hours_today %d, want %d (local %s)" % (a["timezone"], a["hours_today"], want, loc))
        got = {r["hour"][11:13] for r in a["hourly"]["advertiser"] if r["hour"].startswith(a["local_today"])}
        if got != {"%02d" % h for h in range(want)}:
            fail("%s: today's hours %s, want 00..%02d" % (a["timezone"], sorted(got), want - 1))
    finish()


# ---------------------------------------------------------------- scenarios
def hour_series(a, level, ident, day):
    """24 (spend, conversion) pairs of one entity on day from the hourly truth."""
    out = [(0, 0)] * 24
    for r in a["hourly"][level]:
        if r["id"] == ident and r["hour"].startswith(day):
            m = r["metrics"]
            out[int(r["hour"][11:13])] = (ival(m["spend"]), ival(m["conversion"]))
    return out


def cum(series, h):
    sp = sum(x[0] for x in series[:h + 1])
    cv = [x[1] for x in series[:h + 1] if x[1] is not None]
    return sp, (sum(cv) if cv else None)


def check_scenario(truth_path, name, hour):
    """What each --scenario NAME@HOUR promises (tests/sim/README.md), read from the truth."""
    import datetime as dt
    t = load(truth_path)
    H = int(hour)
    for a in t["advertisers"]:
        cur, day = a["currency"], a["scenario_day"]
        last = a["hours_today"] if day == a["local_today"] else 24
        if last <= H:
            fail("%s: the clock is before hour %d of %s: nothing to check" % (cur, H, day))
            continue
        sc = [x for x in a["scenarios"] if x["name"] == name and x["hour"] == H]
        if len(sc) != 1 or not sc[0]["campaign_ids"]:
            fail("%s: truth scenarios %s" % (cur, a["scenarios"]))
            continue
        sc = sc[0]
        d0 = str(dt.date.fromisoformat(day) - dt.timedelta(days=7))
        camps = {c["id"]: c for c in a["campaigns"]}
        for cid in sc["campaign_ids"]:
            ser = hour_series(a, "campaign", cid, day)
            week = [r["metrics"] for r in a["daily"]["campaign"] if r["id"] == cid and d0 <= r["day"] < day]
            s7 = sum(ival(m["spend"]) for m in week)
            c7 = sum(ival(m["conversion"]) or 0 for m in week)
            budget = ival(camps[cid]["budget"])
            where = "%s %s %s@%d" % (cur, cid, name, H)
            if name == "spend_no_conv":
                if any(ser[h][0] for h in range(H)):
                    fail("%s: spend before %d: %s" % (where, H, ser[:H]))
                if not ser[H][0] > 0 or any(ser[h][1] for h in range(H, last)):
                    fail("%s: want spend at %d and no conversion from then: %s" % (where, H, ser[H:last]))
                if camps[cid]["objective_type"] == "TRAFFIC":
                    fail("%s: a TRAFFIC campaign" % where)
                ags = [hour_series(a, "adgroup", g, day)[H] for g in sc["adgroup_ids"]]
                if not any(x[0] > 0 and x[1] == 0 for x in ags):
                    fail("%s: no ad group spends at %d without conversion" % (where, H))
            elif name == "cpa_spike":
                for h in range(H):
                    sp, cv = cum(ser, h)
                    if cv and sp * c7 > 1.5 * s7 * cv:
                        fail("%s: CPA since midnight at %02d:00 is %.2f x the 7-day CPA (want <= 1.5)" % (where, h, sp * c7 / (s7 * cv)))
                sp, cv = cum(ser, H)
                if not cv or sp * c7 < 3 * s7 * cv:
                    fail("%s: CPA since midnight at %02d:00 is not >= 3 x the 7-day CPA (%s %s, week %s %s)" % (where, H, sp, cv, s7, c7))
            elif name == "budget_fast":
                for h in range(H):
                    if cum(ser, h)[0] * 24 > budget * (h + 1):
                        fail("%s: pace above the budget at %02d:00 (%d of %d)" % (where, h, cum(ser, h)[0], budget))
                need = min(budget, 2 * budget * (H + 1) / 24)
                if cum(ser, H)[0] < need - 1:
                    fail("%s: spend since midnight at %02d:00 is %d, want >= %d (budget %d)" % (where, H, cum(ser, H)[0], need, budget))
                if cum(ser, 23)[0] > budget:
                    fail("%s: spent %d over the budget %d" % (where, cum(ser, 23)[0], budget))
            elif name == "budget_slow":
                before, after = ival(sc["budget_before"]), ival(sc["budget_after"])
                if budget != after or after != 4 * before:
                    fail("%s: budget %s, before %s, after %s" % (where, budget, before, after))
                for h in range(H):
                    p = cum(ser, h)[0] * 24 / (before * (h + 1))
                    if not 0.35 <= p <= 1:
                        fail("%s: pace %.2f of the budget before %02d:00 (want 0.35..1)" % (where, p, h))
                for h in range(H, last):
                    p = cum(ser, h)[0] * 24 / (after * (h + 1))
                    if p > 0.25:
                        fail("%s: pace %.2f of the raised budget at %02d:00 (want <= 0.25)" % (where, p, h))
            elif name == "tracking_gone":
                if any(ser[h][1] for h in range(H, last)):
                    fail("%s: conversions after %d: %s" % (where, H, ser[H:last]))
        if name == "tracking_gone":
            adv = hour_series(a, "advertiser", a["advertiser_id"], day)
            if not adv[H - 1][1] or any(adv[h][1] for h in range(H, last)) or not all(adv[h][0] for h in range(H, last)):
                fail("%s tracking_gone@%d: advertiser hours %s" % (cur, H, adv))
            conv = {c["id"] for c in a["campaigns"] if c["objective_type"] != "TRAFFIC" and not c["deleted"]}
            if set(sc["campaign_ids"]) != conv:
                fail("%s tracking_gone: campaigns %s, want every live conversion campaign" % (cur, sc["campaign_ids"]))
    print("scenario %s@%d: checked" % (name, H))
    finish()


def check_same_hours(early_path, late_path, hour):
    """The hours before HOUR are the same whatever the clock: no scenario shows early."""
    e, l = load(early_path), load(late_path)
    n = 0
    for ae, al in zip(e["advertisers"], l["advertisers"]):
        day = ae["scenario_day"]
        for lv in LEVELS:
            early = {(r["id"], r["hour"]): r["metrics"] for r in ae["hourly"][lv] if r["hour"].startswith(day)}
            late = {(r["id"], r["hour"]): r["metrics"] for r in al["hourly"][lv]
                    if r["hour"].startswith(day) and int(r["hour"][11:13]) < min(int(hour), ae["hours_today"])}
            if set(late) != set(k for k in early if int(k[1][11:13]) < int(hour)):
                fail("%s %s: early and late clocks serve different hours before %s" % (ae["currency"], lv, hour))
            for k, m in late.items():
                n += 1
                if early.get(k) != m:
                    fail("%s %s %s: %s early, %s late" % (ae["currency"], lv, k, early.get(k), m))
    if n == 0:
        fail("no hour before %s to compare" % hour)
    finish()


# ---------------------------------------------------------------- accounts API behaviour
def advance(base, seconds):
    root = base.split("/open_api/")[0]
    req = urllib.request.Request(root + "/__sim/advance", data=json.dumps({"seconds": seconds}).encode(),
                                 method="POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        j = json.loads(r.read())
    if j.get("code") != 0:
        fail("advance %s: %s" % (seconds, j))
        finish()
    return j["data"]["now"]


def refresh(base, tok):
    return call(base, "tt_user/oauth2/refresh_token/", token=None,
                body={"client_id": "sim-app-id", "client_secret": "sim-app-secret",
                      "grant_type": "refresh_token", "refresh_token": tok})[1]


def check_tokens(base, ttl):
    """--account-token-ttl TTL: expiry (40102) on the simulated clock, refresh
    rotation (a used refresh token is refused, 40107), countdown of
    refresh_token_expires_in; the Marketing API token never expires."""
    ttl = int(ttl)
    vl = lambda tok: call(base, "business/video/list/", {"business_id": BIZ}, token=tok)[1].get("code")
    if vl(ACC) != 0:
        fail("fresh account token refused")
    advance(base, ttl - 1)
    if vl(ACC) != 0:
        fail("account token refused 1 s before its expiry")
    advance(base, 1)
    st, j = call(base, "business/video/list/", {"business_id": BIZ}, token=ACC)
    if j.get("code") != 40102 or "expired" not in j.get("message", ""):
        fail("expired account token: %s" % j)
    if call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"})[1].get("code") != 0:
        fail("the Marketing API token expired with the account token")
    j = refresh(base, "sim-refresh-token")
    d1 = j.get("data", {})
    if j.get("code") != 0 or d1.get("refresh_token_expires_in") != 31536000 - ttl or d1.get("expires_in") != ttl:
        fail("first refresh: %s" % j)
        finish()
    if vl(d1["access_token"]) != 0:
        fail("refreshed access token refused")
    j = refresh(base, "sim-refresh-token")
    if j.get("code") != 40107:
        fail("a used refresh token: %s" % j)
    advance(base, 100)
    j = refresh(base, d1["refresh_token"])
    d2 = j.get("data", {})
    if j.get("code") != 0 or d2.get("refresh_token_expires_in") != d1["refresh_token_expires_in"] - 100 \
            or d2["refresh_token"] == d1["refresh_token"] or d2["access_token"] == d1["access_token"]:
        fail("second refresh (countdown, new tokens): %s after %s" % (d2, d1))
    if refresh(base, d1["refresh_token"]).get("code") != 40107:
        fail("the first rotated refresh token still works")
    advance(base, ttl)
    if vl(d1["access_token"]) != 40102 or vl(d2["access_token"]) != 40102:
        fail("refreshed access tokens do not expire after the ttl")
    j = refresh(base, d2["refresh_token"])
    if j.get("code") != 0 or vl(j["data"]["access_token"]) != 0:
        fail("third refresh: %s" % j)
    advance(base, 31536000)
    j = refresh(base, j["data"]["refresh_token"])
    if j.get("code") != 40103:
        fail("refresh after a year: %s" % j)
    print("tokens: ok")
    finish()


def check_reply_delay(base, ms):
    """--reply-visible-ms MS: a new reply is listed (reply/list, include_replies,
    the replies count) only MS later; the simulated clock can skip the wait."""
    ms = int(ms)
    vid = ok(base, "business/video/list/", {"business_id": BIZ}, token=ACC)["videos"][0]["item_id"]
    top = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)[0]
    target = next(c for c in top if not c["owner"])
    cid = target["comment_id"]
    rid = ok(base, "business/comment/reply/create/", token=ACC,
             body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "text": "Merci !"})["comment_id"]

    def seen():
        reps = list_all(base, "business/comment/reply/list/", {"business_id": BIZ, "video_id": vid, "comment_id": cid}, 30)[0]
        tops = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid, "include_replies": "true"}, 30)[0]
        t = next(c for c in tops if c["comment_id"] == cid)
        return (any(r["comment_id"] == rid for r in reps), any(r["comment_id"] == rid for r in t["reply_list"]),
                t["replies"])
    a = seen()
    if a != (False, False, target["replies"]):
        fail("reply visible at once with --reply-visible-ms %d: %s" % (ms, a))
    advance(base, (ms + 999) // 1000)
    b = seen()
    if b[0] is not True or b[2] != target["replies"] + 1 or (not b[1] and target["replies"] < 3):
        fail("reply not visible after %d ms: %s" % (ms, b))
    print("reply delay: ok")
    finish()


def check_business_qpm(base, n):
    """--business-qpm N: the N+1st request to one /business/ endpoint within a
    minute answers 40100; other endpoints have their own count; a minute later
    (simulated) it answers again; the Marketing API is not limited by it."""
    n = int(n)
    vid = ok(base, "business/video/list/", {"business_id": BIZ}, token=ACC)["videos"][0]["item_id"]
    p = {"business_id": BIZ, "video_id": vid, "max_count": "5"}
    codes = [call(base, "business/comment/list/", p, token=ACC)[1].get("code") for _ in range(n + 2)]
    if codes[:n] != [0] * n or codes[n:] != [40100, 40100]:
        fail("comment/list codes with --business-qpm %d: %s" % (n, codes))
    if call(base, "business/video/list/", {"business_id": BIZ}, token=ACC)[1].get("code") != 0:
        fail("video/list limited by comment/list's count")
    for _ in range(n + 2):
        if call(base, "oauth2/advertiser/get/", {"app_id": "sim-app-id", "secret": "sim-app-secret"})[1].get("code") != 0:
            fail("marketing API limited by --business-qpm")
            break
    advance(base, 61)
    if call(base, "business/comment/list/", p, token=ACC)[1].get("code") != 0:
        fail("comment/list still limited a minute later")
    print("business qpm: ok")
    finish()


def check_nights(base, truth_path):
    """Three nights against one ttsim: each advance of a day moves every
    advertiser's local today, the old today becomes a complete day equal to the
    truth, the truth's clock follows, and comment actions persist."""
    import datetime as dt
    t0 = load(truth_path)
    vid = ok(base, "business/video/list/", {"business_id": BIZ}, token=ACC)["videos"][0]["item_id"]
    top = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)[0]
    cid = next(c for c in top if not c["owner"] and c["status"] == "PUBLIC")["comment_id"]
    ok(base, "business/comment/hide/", token=ACC, body={"business_id": BIZ, "video_id": vid, "comment_id": cid, "action": "HIDE"})
    prev = t0
    for night in range(1, 4):
        now = advance(base, 86400)
        t = load(truth_path)
        if t["now"] != now:
            fail("night %d: truth now %s, clock %s" % (night, t["now"], now))
        for a0, a in zip(prev["advertisers"], t["advertisers"]):
            lt0 = dt.date.fromisoformat(a0["local_today"])
            if a["local_today"] != str(lt0 + dt.timedelta(days=1)):
                fail("night %d %s: local today %s after %s" % (night, a["currency"], a["local_today"], a0["local_today"]))
            rows = report_all(base, a["advertiser_id"], "campaign", str(lt0), str(lt0), ["spend", "conversion"])
            want = {r["id"]: r["metrics"] for r in a["daily"]["campaign"] if r["day"] == str(lt0)}
            got = {r["dimensions"]["campaign_id"]: r["metrics"] for r in rows}
            if not want or set(got) != set(want) or any(canon(got[i]["spend"]) != want[i]["spend"] for i in want):
                fail("night %d %s: the old today %s served %s, truth %s" % (night, a["currency"], lt0, got, want))
            hrs = {r["hour"] for r in a["hourly"]["advertiser"] if r["hour"].startswith(str(lt0))}
            if len(hrs) != 24:
                fail("night %d %s: %d hours of yesterday" % (night, a["currency"], len(hrs)))
        prev = t
    now = list_all(base, "business/comment/list/", {"business_id": BIZ, "video_id": vid}, 30)[0]
    if next(c for c in now if c["comment_id"] == cid)["status"] != "HIDDEN":
        fail("a hidden comment came back after three nights")
    print("nights: ok")
    finish()


def bench(base, seconds, conns):
    """Requests/second for 1000-row report pages, `conns` keep-alive connections."""
    import threading
    ids = adv_ids(base)
    p = {"advertiser_id": ids[0], "report_type": "BASIC", "data_level": "AUCTION_AD",
         "dimensions": ["ad_id", "stat_time_day"], "metrics": metric_names_served(),
         "start_date": "2026-10-21", "end_date": "2026-11-19", "page": "1", "page_size": "1000",
         "filtering": [{"field_name": "ad_status", "filter_type": "IN", "filter_value": '["STATUS_ALL"]'}]}
    d = ok(base, "report/integrated/get/", p)
    rows = len(d["list"])
    q = {k: v if isinstance(v, str) else json.dumps(v) for k, v in p.items()}
    path = "/" + base.split("/", 3)[3] + "report/integrated/get/?" + urllib.parse.urlencode(q)
    host, port = base.split("/")[2].split(":")
    counts = [0] * int(conns)
    stop = time.time() + float(seconds)

    def worker(k):
        s = socket.create_connection((host, int(port)))
        f = s.makefile("rb")
        req = ("GET %s HTTP/1.1\r\nHost: x\r\nAccess-Token: %s\r\n\r\n" % (path, TOKEN)).encode()
        while time.time() < stop:
            s.sendall(req)
            f.readline()
            n = 0
            while True:
                h = f.readline()
                if h == b"\r\n":
                    break
                if h.lower().startswith(b"content-length:"):
                    n = int(h.split(b":")[1])
            f.read(n)
            counts[k] += 1
        s.close()
    t0 = time.time()
    th = [threading.Thread(target=worker, args=(k,)) for k in range(int(conns))]
    for x in th:
        x.start()
    for x in th:
        x.join()
    el = time.time() - t0
    print("bench: %d connection(s), %d-row pages (%d bytes): %.0f requests/s"
          % (int(conns), rows, len(json.dumps(d)), sum(counts) / el))


def metric_names_served():
    return ["spend", "impressions", "reach", "frequency", "clicks", "ctr", "cpc", "cpm", "conversion",
            "cost_per_conversion", "conversion_rate_v2", "complete_payment", "total_complete_payment_rate",
            "complete_payment_roas", "video_play_actions", "video_watched_2s", "video_views_p100", "likes",
            "comments", "shares", "follows", "profile_visits", "ad_name", "adgroup_name", "campaign_name"]


if __name__ == "__main__":
    fn = globals().get("check_" + sys.argv[1]) or globals().get(sys.argv[1])
    if not fn:
        print(__doc__)
        sys.exit(2)
    fn(*sys.argv[2:])
