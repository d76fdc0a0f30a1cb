#!/bin/sh
# Run every end-to-end test tests/e2e/t_*.sh with the build folder as $1.
# Exit status 0 = pass, 77 = skip, anything else = fail.
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
	77) skip=$((skip + 1)); echo "skip  $name: $(printf '%s\n' "$out" | tail -n 1)" ;;
	*) fail=$((fail + 1)); failed="$failed $name"
	   echo "FAIL  $name (exit $rc, ${secs}s)"; printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /' ;;
	esac
done
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
