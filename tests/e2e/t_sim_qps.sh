#!/bin/sh
# ttsim --qps: 50 rapid requests with --qps 5 get some 40100 (HTTP 200);
# --latency-ms sleeps overlap across concurrent connections.
BUILD=${1:-build}
. tests/sim/simlib.sh

sim a --seed 7 --today 2026-11-20 --qps 5
timeout 60 $PY $SIMTEST qps "$BASE" 50 || die "qps check failed"
stop "$PID"

sim b --seed 7 --today 2026-11-20 --latency-ms 700
CURLS=""
start=$(date +%s%N)
for i in 1 2 3 4 5 6 7 8; do
	curl -s -m 10 -o "$TMP/l$i.json" -H 'Access-Token: sim-token' \
		"${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" &
	CURLS="$CURLS $!"
done
for p in $CURLS; do wait $p; done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
for i in 1 2 3 4 5 6 7 8; do grep -q '"code":0' "$TMP/l$i.json" || die "latency request $i failed"; done
[ $ms -ge 700 ] || die "latency: 8 requests took ${ms} ms, want >= 700"
[ $ms -lt 2500 ] || die "latency: 8 concurrent requests took ${ms} ms: sleeps do not overlap"
stop "$PID"
echo "sim qps: ok (8 x 700 ms concurrent in ${ms} ms)"
