#!/bin/sh
# Short soak (50 seeds, about a minute on 2 cores): random fault mixes against
# ttsim; exit 0 with outputs equal to the truth, or exit 3/4 naming what failed;
# SIGKILL midway leaves no half-written file; no token anywhere. The long
# version is `make soak` (500 seeds). See tests/soak.py.
BUILD=${1:-build}
[ -x "$BUILD/ttsim" ] && [ -x "$BUILD/ttreport" ] || { echo "ttsim/ttreport not built"; exit 77; }
out=$(sh tests/soak.sh "$BUILD" "${SOAK_SHORT_SEEDS:-50}" 2>&1)
rc=$?
printf '%s\n' "$out" | grep '^soak: details'
printf '%s\n' "$out" | grep -v '^soak: details' | grep -v '^soak: `ttreport comments`'
[ $rc -eq 0 ]
