#!/bin/sh
# Run every end-to-end test tests/e2e/t_*.sh with the build folder as $1.
# Exit status 0 = pass, 77 = skip, anything else = fail. `make check` installs
# every tool the tests use first, so a skip there means something is broken:
# it counts as a failure unless TT_ALLOW_SKIP=1 (a partial machine, by hand).
build=${1:-build}
pass=0 fail=0 skip=0 failed=""
for t in tests/e2e/t_*.sh; do
	name=$(basename "$t" .sh)
	start=$(date +%s)
	out=$(sh "$t" "$build" 2>&1)
	rc=$?
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) pass=$((pass + 1)); echo "ok    $name (${secs}s)" ;;
	77) skip=$((skip + 1)); echo "skip  $name: $(printf '%s\n' "$out" | tail -n 1)"
	    [ "${TT_ALLOW_SKIP:-0}" = 1 ] || { fail=$((fail + 1)); echo "FAIL  $name: skipped (TT_ALLOW_SKIP=1 allows it)"; } ;;
	*) fail=$((fail + 1)); failed="$failed $name"
	   echo "FAIL  $name (exit $rc, ${secs}s)"; printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /' ;;
	esac
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
