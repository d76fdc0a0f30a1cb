#!/bin/sh
# Backfill benchmark: sh tests/bench/bench_backfill.sh BUILD [PARALLEL...]
# ttsim with 3 advertisers x 50 campaigns x 10 ad groups x 10 ads (15,000 ads),
# --qps 10 --latency-ms 150; ttreport report --format csv for a 30-day window
# (2026-10-20..2026-11-18, its previous window inside the history too), with
# [api] qps = 10 and parallel = each PARALLEL (default: 8 then 1). Requests are
# counted in ttsim's --log. The floor is requests / 10 (the QPS): the time the
# API's rate limit alone imposes. Prints one "backfill:" line per run.
# Env: BENCH_CAMPAIGNS (50) to scale down for a quick try.
build=${1:-build}
shift
[ $# -gt 0 ] || set -- 8 1
PY=/usr/bin/python3
ncamp=${BENCH_CAMPAIGNS:-50}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-bench.XXXXXX")
SIM_PID=""
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM

"$build/ttsim" --port 0 --seed 1 --today 2026-11-20 --days 70 --advertisers 3 --campaigns "$ncamp" \
	--adgroups 10 --ads 10 --qps 10 --latency-ms 150 --log "$TMP/log.jsonl" >"$TMP/sim.out" 2>"$TMP/sim.err" &
SIM_PID=$!
i=0
while ! grep -q '^listening' "$TMP/sim.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 600 ] && kill -0 $SIM_PID 2>/dev/null || { cat "$TMP/sim.err"; echo "bench: ttsim did not start"; exit 1; }
	sleep 0.1
done
PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out")
BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token
unset TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE
IDS=$(curl -s -H 'Access-Token: sim-token' "${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" |
	$PY -c 'import json,sys; print(",".join(a["advertiser_id"] for a in json.load(sys.stdin)["data"]["list"]))')
[ -n "$IDS" ] || { echo "bench: no advertiser ids from ttsim"; exit 1; }
export TIKTOK_ADVERTISER_IDS=$IDS

for par in "$@"; do
	printf '[api]\nqps = 10\nparallel = %s\n' "$par" >"$TMP/b.conf"
	: >"$TMP/log.jsonl"
	rm -rf "$TMP/out"
	start=$(date +%s.%N)
	"$build/ttreport" report -c "$TMP/b.conf" --api-base "$BASE" -o "$TMP/out" --format csv \
		--since 2026-10-20 --until 2026-11-18 2>"$TMP/err"
	rc=$?
	end=$(date +%s.%N)
	[ $rc -eq 0 ] || { tail -n 5 "$TMP/err"; echo "bench: backfill parallel=$par exit $rc"; exit 1; }
	rows=$(cat "$TMP"/out/*_ad.csv | wc -l)
	$PY - "$TMP/log.jsonl" "$start" "$end" "$par" "$rows" <<'PY'
import json, sys
log, start, end, par, rows = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
n = ok = lim = other = 0
by = {}
for line in open(log, encoding="utf-8"):
    r = json.loads(line)
    n += 1
    if r.get("code") == 0 and not r.get("fault"):
        ok += 1
    elif r.get("code") == 40100:
        lim += 1
    else:
        other += 1
    p = r["path"].split("/v1.3/")[-1]
    by[p] = by.get(p, 0) + 1
wall = end - start
floor = n / 10.0
print("backfill: parallel=%s wall=%.1fs requests=%d ok=%d 40100=%d other=%d floor=%.1fs ratio=%.3f ad_rows=%d"
      % (par, wall, n, ok, lim, other, floor, wall / floor, rows - 1))
print("backfill: parallel=%s requests by path: %s" % (par, ", ".join("%s %d" % kv for kv in sorted(by.items()))))
PY
done
