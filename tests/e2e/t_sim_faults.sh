#!/bin/sh
# ttsim --faults: every kind shows up at its rate (40100, 50000, 504 with HTML,
# truncated JSON, dropped connections, 40067 on wide windows); dropafter applies
# the write and then drops; faults are logged; the draws are deterministic.
BUILD=${1:-build}
. tests/sim/simlib.sh

F=40100:0.1,50000:0.1,504:0.1,trunc:0.1,drop:0.1,40067:0.1
sim a --seed 7 --today 2026-11-20 --faults $F --log "$TMP/a.jsonl"
timeout 120 $PY $SIMTEST faults "$BASE" 150 >"$TMP/a.txt" || die "faults: $(cat "$TMP/a.txt")"
stop "$PID"
sim b --seed 7 --today 2026-11-20 --faults $F --log "$TMP/b.jsonl"
timeout 120 $PY $SIMTEST faults "$BASE" 150 >"$TMP/b.txt" || die "faults (2nd run): $(cat "$TMP/b.txt")"
stop "$PID"
cmp -s "$TMP/a.txt" "$TMP/b.txt" || die "fault draws differ between identical runs: $(cat "$TMP/a.txt" "$TMP/b.txt")"
grep -q '"fault":"504"' "$TMP/a.jsonl" || die "504 not logged"

sim c --seed 7 --today 2026-11-20 --faults dropafter:1 --log "$TMP/c.jsonl"
timeout 60 $PY $SIMTEST dropafter "$BASE" "$TMP/c.jsonl" || die "dropafter check failed"
stop "$PID"
sim d --seed 7 --today 2026-11-20 --faults slow:1
ms=$(curl -s -o "$TMP/slow.json" -w '%{time_total}' -H 'Access-Token: sim-token' \
	"${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" | tr -d .)
grep -q '"code":0' "$TMP/slow.json" || die "slow: bad answer $(cat "$TMP/slow.json")"
[ "${ms%??????}" -ge 2 ] 2>/dev/null || die "slow: answered in ${ms}us, want >= 2 s"
stop "$PID"
echo "sim faults: ok ($(cat "$TMP/a.txt"))"
