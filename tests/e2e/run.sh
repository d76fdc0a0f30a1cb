#!/bin/sh
# Run every end-to-end test tests/e2e/t_*.sh with the build folder as $1
# (or only the tests named after it: run.sh build t_extract t_pdf).
# Exit status 0 = pass, 77 = skip, anything else = fail. `make check` installs
# every tool the tests use first, so a skip there means something is broken:
# it counts as a failure unless TT_ALLOW_SKIP=1 (a partial machine, by hand).
# E2E_JOBS tests run at once (default 2: the machines have 2 cores and most
# tests wait on ttsim's pacing); each has its own ttsim port and temp folder.
# The results print in name order once each test ends.
# one test: its output, exit code and seconds into $out/NAME.{log,rc,secs}
if [ "${1:-}" = --one ]; then
	build=$2 out=$3 name=$(basename "$4" .sh)
	start=$(date +%s)
	sh "$4" "$build" >"$out/$name.log" 2>&1
	echo $? >"$out/$name.rc"
	echo $(( $(date +%s) - start )) >"$out/$name.secs"
	exit 0
fi

build=${1:-build}
jobs=${E2E_JOBS:-2}

if [ $# -gt 1 ]; then
	shift
	tests=$(for n in "$@"; do echo "tests/e2e/$n.sh"; done)
else
	tests=$(ls tests/e2e/t_*.sh)
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-e2e-run.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

# a pool of $jobs: the next test starts when any one ends
printf '%s\n' $tests | xargs -P "$jobs" -n 1 sh "$0" --one "$build" "$out"

pass=0 fail=0 skip=0
for t in $tests; do
	name=$(basename "$t" .sh)
	rc=$(cat "$out/$name.rc" 2>/dev/null || echo 99)
	secs=$(cat "$out/$name.secs" 2>/dev/null || echo 0)
	case $rc in
	0) pass=$((pass + 1)); echo "ok    $name (${secs}s)" ;;
	77) skip=$((skip + 1)); echo "skip  $name: $(tail -n 1 "$out/$name.log")"
	    [ "${TT_ALLOW_SKIP:-0}" = 1 ] || { fail=$((fail + 1)); echo "FAIL  $name: skipped (TT_ALLOW_SKIP=1 allows it)"; } ;;
	*) fail=$((fail + 1))
	   echo "FAIL  $name (exit $rc, ${secs}s)"; tail -n 30 "$out/$name.log" | sed 's/^/    /' ;;
	esac
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
