#!/usr/bin/python3
"""Check ttsim's --log of a ttreport run: no daily report spans more than 30
days, every paged request asks page_size 1000, report filters ask STATUS_ALL
below the advertiser level, and no request that succeeded was sent again."""
import datetime as dt
import json
import sys

problems, seen_ok, n = [], set(), 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    q = r.get("query") or {}
    path = r["path"]
    n += 1
    if path.endswith("report/integrated/get/"):
        dims = json.loads(q.get("dimensions", "[]"))
        s, u = dt.date.fromisoformat(q["start_date"]), dt.date.fromisoformat(q["end_date"])
        if "stat_time_day" in dims and (u - s).days + 1 > 30:
            problems.append("daily report over %d days: %s..%s" % ((u - s).days + 1, s, u))
        if q.get("data_level") != "AUCTION_ADVERTISER" and "STATUS_ALL" not in q.get("filtering", ""):
            problems.append("report without STATUS_ALL filter at %s" % q.get("data_level"))
    if ("page" in q or path.endswith("/get/")) and not path.endswith("advertiser/info/") \
            and not path.endswith("oauth2/advertiser/get/") and q.get("page_size") != "1000":
        problems.append("%s asked page_size %s" % (path, q.get("page_size")))
    key = (r["method"], path, json.dumps(q, sort_keys=True), r.get("body"))
    if key in seen_ok:
        problems.append("repeated after success: %s %s" % (path, q))
    if r.get("code") == 0 and not r.get("fault"):
        seen_ok.add(key)
print("log: %d requests checked" % n)
for p in problems[:20]:
    print(p)
sys.exit(1 if problems else 0)
