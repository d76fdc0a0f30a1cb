#!/bin/sh
# compare_outputs.sh REF [BUILD]: proves a change of structure changed no output.
# Builds commit REF in a scratch clone, runs its ttsim with the demo's seed and clock,
# then runs REF's ttreport and this tree's BUILD/ttreport (default build) against that
# same simulator with TTREPORT_NOW fixed, and compares the XLSX, PDF, CSVs and action
# log byte for byte. Exit 0 when every file is identical, 1 otherwise.
set -eu
REF=${1:?usage: tests/compare_outputs.sh REF [BUILD]}
BUILD=${2:-build}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-compare.XXXXXX")
SIM=""
trap '[ -n "$SIM" ] && kill "$SIM" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT INT TERM

git clone -q "$(git rev-parse --show-toplevel)" "$TMP/ref"
git -C "$TMP/ref" checkout -q "$REF"
make -C "$TMP/ref" -j2 all >/dev/null
# The flattened font is a build product, not code under comparison: older commits
# stamped it with the build time, so both binaries use this tree's copy.
cp "$BUILD/DejaVuSans-flat.ttf" "$TMP/ref/build/DejaVuSans-flat.ttf"

"$TMP/ref/build/ttsim" --port 0 --seed 7 --today 2026-11-20 >"$TMP/sim.out" 2>/dev/null &
SIM=$!
i=0
until PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out") && [ -n "$PORT" ]; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "compare: ttsim did not start" >&2; exit 1; }
	sleep 0.05
done
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token \
	TIKTOK_ACCOUNT_TOKEN=sim-account-token TIKTOK_BUSINESS_ID=sim-business \
	TIKTOK_APP_ID=sim-app-id TIKTOK_APP_SECRET=sim-app-secret
# Each binary runs from its own tree so that it finds its own font and rules.
run() { # run TREE BIN OUT: the demo's nightly job (dry-run triage)
	(cd "$1" && "$2" run -q --api-base "http://127.0.0.1:$PORT/open_api/v1.3/" \
		-o "$3" --format xlsx,pdf,csv) || [ $? -eq 4 ]
}
top=$(pwd)
run "$TMP/ref" "$TMP/ref/build/ttreport" "$TMP/before"
run "$top" "$top/$BUILD/ttreport" "$TMP/after"

rc=0
n=0
for f in "$TMP"/before/*; do
	b=$(basename "$f")
	n=$((n + 1))
	if cmp -s "$f" "$TMP/after/$b"; then echo "same     $b"; else echo "DIFFERS  $b"; rc=1; fi
done
for f in "$TMP"/after/*; do
	[ -e "$TMP/before/$(basename "$f")" ] || { echo "NEW      $(basename "$f")"; rc=1; }
done
[ "$n" -gt 0 ] || { echo "compare: REF wrote no output" >&2; exit 1; }
echo "compare: $n files from $REF, $( [ $rc -eq 0 ] && echo identical || echo 'not identical')"
exit $rc
