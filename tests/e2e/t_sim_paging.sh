#!/bin/sh
# ttsim paging and status filters: */get/ and report pages cover every row
# exactly once with consistent page_info; deleted entities only with STATUS_ALL.
BUILD=${1:-build}
. tests/sim/simlib.sh

sim a --seed 7 --today 2026-11-20 --campaigns 6 --adgroups 3 --ads 4
timeout 120 $PY $SIMTEST paging "$BASE" || die "paging checks failed"
stop "$PID"
echo "sim paging: ok"
