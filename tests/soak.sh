#!/bin/sh
# Randomized fault soak: sh tests/soak.sh BUILD SEEDS (make soak: SOAK_SEEDS=500).
# Each seed: ttsim with a fault mix derived from the seed, ttreport against it,
# outputs compared with the truth; see tests/soak.py for every check.
# Env: SOAK_FIRST (first seed, 1), SOAK_JOBS (parallel seeds, nproc),
# SOAK_KILL_EVERY (SIGKILL case every Nth seed, 7), SOAK_KEEP (dir for failed seeds).
build=${1:-build}
seeds=${2:-500}
for f in "$build/ttreport" "$build/ttsim"; do
	[ -x "$f" ] || { echo "soak: $f not built (make all)"; exit 1; }
done
exec /usr/bin/python3 tests/soak.py "$build" "$seeds"
