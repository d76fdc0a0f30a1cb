#!/bin/sh
# ttsim --truth: valid JSON; daily and period reports at every level equal it;
# sums and reach rules hold; a later --today restates only recent conversions;
# the same seed gives the same truth, another seed a different one.
BUILD=${1:-build}
. tests/sim/simlib.sh

sim a --seed 7 --today 2026-11-20 --truth "$TMP/t1.json"
timeout 120 $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/t1.json" || die "truth is not JSON"
cp "$TMP/t1.json" "$TMP/t1.start.json"
timeout 300 $PY $SIMTEST served "$BASE" "$TMP/t1.json" || die "served values differ from the truth"
stop "$PID"
timeout 300 $PY $SIMTEST consistency "$TMP/t1.json" || die "truth consistency failed"

sim b --seed 7 --today 2026-11-20 --truth "$TMP/t2.json"
stop "$PID"
cmp -s "$TMP/t1.start.json" "$TMP/t2.json" || die "same seed, different truth"
sim c --seed 8 --today 2026-11-20 --truth "$TMP/t3.json"
stop "$PID"
cmp -s "$TMP/t2.json" "$TMP/t3.json" && die "different seeds, same truth"

sim d --seed 7 --today 2026-11-23 --truth "$TMP/t4.json"
stop "$PID"
timeout 300 $PY $SIMTEST settle "$TMP/t2.json" "$TMP/t4.json" || die "settling check failed"
echo "sim truth: ok"
