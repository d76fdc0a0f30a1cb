#!/bin/sh
# ttsim Accounts API behaviour (issue 13), all on the simulated clock (no
# sleeping): account tokens expire after --account-token-ttl (40102), refresh
# tokens rotate (a used one answers 40107) and count down (40103 after a
# year); --reply-visible-ms hides a new reply until then; --business-qpm
# limits each /business/ endpoint per minute (40100); three nights against one
# ttsim via POST /__sim/advance; dropafter still applies the write.
BUILD=${1:-build}
. tests/sim/simlib.sh

[ "$(exit_of "$BUILD/ttsim" --now 2026-11-20T25:00:00Z)" = 1 ] || die "bad --now accepted"
[ "$(exit_of "$BUILD/ttsim" --account-token-ttl 0)" = 1 ] || die "--account-token-ttl 0 accepted"

sim a --seed 7 --today 2026-11-20 --account-token-ttl 3600
timeout 120 $PY $SIMTEST tokens "$BASE" 3600 || die "token checks failed"
stop "$PID"

sim b --seed 7 --today 2026-11-20 --reply-visible-ms 5000 --faults dropafter:0
timeout 120 $PY $SIMTEST reply_delay "$BASE" 5000 || die "reply delay checks failed"
stop "$PID"

sim c --seed 7 --today 2026-11-20 --business-qpm 5
timeout 120 $PY $SIMTEST business_qpm "$BASE" 5 || die "business qpm checks failed"
stop "$PID"

sim d --seed 7 --today 2026-11-20 --account-token-ttl 864000 --truth "$TMP/n.json" --log "$TMP/n.jsonl"
timeout 300 $PY $SIMTEST nights "$BASE" "$TMP/n.json" || die "three nights failed"
stop "$PID"
grep -q '"path":"/__sim/advance"' "$TMP/n.jsonl" || die "advance not in the log"

sim e --seed 7 --today 2026-11-20 --faults dropafter:1 --reply-visible-ms 0 --business-qpm 100 \
	--account-token-ttl 60 --log "$TMP/e.jsonl"
timeout 60 $PY $SIMTEST dropafter "$BASE" "$TMP/e.jsonl" || die "dropafter with the new options"
stop "$PID"
echo "sim accounts: ok"
