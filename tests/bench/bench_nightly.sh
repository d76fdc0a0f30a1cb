#!/bin/sh
# Nightly-job benchmark: sh tests/bench/bench_nightly.sh BUILD
# A small store: 1 advertiser, 200 ads (10 campaigns x 4 ad groups x 5 ads),
# 30 videos x 20 comments (600), on ttsim --qps 10 --latency-ms 150. Runs
# `ttreport run --apply` (report + comment triage, default lookback and
# formats) when triage is wired in, else `ttreport report`. Prints the wall
# time, the requests by endpoint from ttsim's --log, and the floor: marketing
# requests at 10/s plus the triage's default pacing of the Accounts API
# (0.6 reads/s, 0.5 writes/s).
build=${1:-build}
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-bench.XXXXXX")
SIM_PID=""
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM

"$build/ttsim" --port 0 --seed 3 --today 2026-11-20 --days 70 --advertisers 1 --campaigns 10 \
	--adgroups 4 --ads 5 --videos 30 --comments 20 --qps 10 --latency-ms 150 \
	--log "$TMP/log.jsonl" >"$TMP/sim.out" 2>"$TMP/sim.err" &
SIM_PID=$!
i=0
while ! grep -q '^listening' "$TMP/sim.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 600 ] && kill -0 $SIM_PID 2>/dev/null || { cat "$TMP/sim.err"; echo "bench: ttsim did not start"; exit 1; }
	sleep 0.1
done
PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out")
BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_BUSINESS_ID=sim-business \
	TIKTOK_ACCOUNT_TOKEN=sim-account-token TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE TIKTOK_REFRESH_TOKEN
IDS=$(curl -s -H 'Access-Token: sim-token' "${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" |
	$PY -c 'import json,sys; print(",".join(a["advertiser_id"] for a in json.load(sys.stdin)["data"]["list"]))')
export TIKTOK_ADVERTISER_IDS=$IDS
: >"$TMP/log.jsonl"
printf '[report]\nfont = %s\n' "$PWD/$build/DejaVuSans-flat.ttf" >"$TMP/n.conf"

cmd="run --apply"
start=$(date +%s.%N)
"$build/ttreport" $cmd -c "$TMP/n.conf" --api-base "$BASE" -o "$TMP/out" 2>"$TMP/err"
rc=$?
end=$(date +%s.%N)
[ $rc -eq 0 ] || { tail -n 5 "$TMP/err"; echo "bench: nightly exit $rc"; exit 1; }
acts=$(cat "$TMP"/out/actions_*.jsonl 2>/dev/null | wc -l)
$PY - "$TMP/log.jsonl" "$start" "$end" "$cmd" "$acts" "$(ls "$TMP/out" | tr '\n' ' ')" <<'PY'
import json, sys
log, start, end, cmd, acts, files = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
n = lim = 0
by = {}
for line in open(log, encoding="utf-8"):
    r = json.loads(line)
    n += 1
    lim += r.get("code") == 40100
    p = r["path"].split("/v1.3/")[-1]
    by[p] = by.get(p, 0) + 1
mkt = sum(v for k, v in by.items() if not k.startswith("business/"))
bget = sum(v for k, v in by.items() if k.startswith("business/") and k.endswith("/list/"))
bpost = n - mkt - bget
# the floor: the marketing requests at the simulator's 10/s, then the triage's
# own pacing (triage.read_qps 0.6, triage.write_qps 0.5 by default: the
# Accounts API's limits), one after the other as the job runs them
floor = mkt / 10.0 + bget / 0.6 + bpost / 0.5
print("nightly: ttreport %s: wall=%.1fs requests=%d (marketing %d, business reads %d, writes %d) 40100=%d "
      "floor=%.1fs ratio=%.3f action_lines=%s"
      % (cmd, end - start, n, mkt, bget, bpost, lim, floor, (end - start) / floor, acts))
print("nightly: requests by path: %s" % ", ".join("%s %d" % kv for kv in sorted(by.items())))
print("nightly: outputs: %s" % files)
PY
