#!/bin/sh
# make valgrind: sh tests/valgrind.sh BUILD
# Runs under valgrind memcheck (definite leaks and every memory error count,
# exit 99): ttreport report (csv,xlsx,pdf) against ttsim with and without
# faults, with an unknown advertiser, a wrong token and nothing listening;
# ttreport today through the same faults;
# ttreport classify on fixtures/comments/dev.tsv and a bad command line; a few
# unit test binaries; and ttsim itself serving a run, then stopped with SIGTERM
# (it must exit 0). Logs: BUILD/valgrind/.
build=${1:-build}
PY=/usr/bin/python3
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
for f in "$build/ttreport" "$build/ttsim"; do
	[ -x "$f" ] || { echo "valgrind: $f not built (make all)"; exit 1; }
done
logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-vg.XXXXXX")
SIM_PID=""
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
VG="valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 --track-fds=no -q"
pass=0 fail=0

# check NAME WANT_RC RC: the exit status expected of a run under valgrind
check() {
	if [ "$3" -eq 99 ] || { [ -n "$2" ] && [ "$3" -ne "$2" ]; }; then
		fail=$((fail + 1))
		echo "FAIL  $1 (exit $3, want ${2:-any but 99}): $logs/$1.log"
		grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Mismatched|Source|Syscall|[0-9,]+ bytes in .* definitely)' \
			"$logs/$1.log" | head -n 5 | sed 's/^/    /'
	else
		pass=$((pass + 1))
		echo "ok    $1"
	fi
}

# start_sim LOGNAME ARGS...: ttsim (plain, or under valgrind when VGSIM=1)
start_sim() {
	name=$1
	shift
	if [ "${VGSIM:-0}" = 1 ]; then
		$VG --log-file="$logs/$name.log" "$build/ttsim" --port 0 "$@" >"$TMP/sim.out" 2>"$TMP/sim.err" &
	else
		"$build/ttsim" --port 0 "$@" >"$TMP/sim.out" 2>"$TMP/sim.err" &
	fi
	SIM_PID=$!
	i=0
	while [ $i -lt 600 ]; do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out")
		[ -n "$PORT" ] && break
		kill -0 "$SIM_PID" 2>/dev/null || { cat "$TMP/sim.err"; echo "valgrind: ttsim did not start"; exit 1; }
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$PORT" ] || { echo "valgrind: ttsim did not print its port"; exit 1; }
	BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
}

stop_sim() { # stop_sim -> SIM_RC
	kill -TERM "$SIM_PID" 2>/dev/null
	wait "$SIM_PID"
	SIM_RC=$?
	SIM_PID=""
}

export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE
cat >"$TMP/fast.conf" <<CONF
[api]
qps = 1000
retry_base_ms = 5
retry_max_ms = 50
max_tries = 12
[report]
font = $PWD/$build/DejaVuSans-flat.ttf
CONF
SIMARGS="--seed 11 --today 2026-11-20 --days 60 --advertisers 2 --campaigns 2 --adgroups 2 --ads 2"

# 1. ttsim under valgrind serving report runs (clean, then with faults), SIGTERM
VGSIM=1 start_sim ttsim $SIMARGS --truth "$TMP/truth.json"
IDS=$($PY -c 'import json,sys; print(",".join(a["advertiser_id"] for a in json.load(open(sys.argv[1]))["advertisers"]))' "$TMP/truth.json")
export TIKTOK_ADVERTISER_IDS=$IDS
$VG --log-file="$logs/report.log" "$build/ttreport" report -q -c "$TMP/fast.conf" --api-base "$BASE" \
	-o "$TMP/a" --format csv,xlsx,pdf --since 2026-10-20 --until 2026-11-05 2>"$logs/report.err"
check report 0 $?
# Arabic labels: gettext, mirrored pages, the fallback fonts' runs (emoji, Japanese)
LC_ALL=C $VG --log-file="$logs/report-ar.log" "$build/ttreport" report -q -c "$TMP/fast.conf" --lang ar \
	--api-base "$BASE" -o "$TMP/ar" --format xlsx,pdf --since 2026-11-01 --until 2026-11-05 2>"$logs/report-ar.err"
check report-ar 0 $?
$PY tests/e2e/truth.py csv "$TMP/truth.json" "$TMP/a" "$IDS" --since 2026-10-20 --until 2026-11-05 >"$TMP/cmp" ||
	{ fail=$((fail + 1)); echo "FAIL  report: CSVs differ from the truth under valgrind"; head -n 5 "$TMP/cmp"; }
stop_sim
check ttsim 0 $SIM_RC

# 2. ttreport through every retry path (plain ttsim: faster)
start_sim ttsim-faults $SIMARGS --faults 40100:0.1,50000:0.05,504:0.05,drop:0.05,trunc:0.05,40067:0.1
$VG --log-file="$logs/report-faults.log" "$build/ttreport" report -q -c "$TMP/fast.conf" --api-base "$BASE" \
	-o "$TMP/b" --format csv,xlsx,pdf --since 2026-09-01 --until 2026-10-15 2>"$logs/report-faults.err"
check report-faults 0 $?
# 2b. ttreport today (hourly reports, alerts, page, CSVs) through the same faults
$VG --log-file="$logs/today-faults.log" "$build/ttreport" today -q -c "$TMP/fast.conf" --api-base "$BASE" \
	-o "$TMP/t" --format csv,pdf 2>"$logs/today-faults.err"
check today-faults 0 $?

# 3. an advertiser id the token cannot see next to good ones: advertiser/info/ refuses
#    the batch, each id is asked alone, the others are reported (exit 4, partial)
TIKTOK_ADVERTISER_IDS="$IDS,7999999999999999999" $VG --log-file="$logs/report-badid.log" \
	"$build/ttreport" report -q -c "$TMP/fast.conf" --api-base "$BASE" -o "$TMP/c" --format csv,xlsx,pdf 2>"$logs/report-badid.err"
check report-badid 4 $?

# 4. wrong token (exit 2) and nothing listening (exit 3)
TIKTOK_ACCESS_TOKEN=wrong $VG --log-file="$logs/report-auth.log" "$build/ttreport" report -q \
	-c "$TMP/fast.conf" --api-base "$BASE" -o "$TMP/d" --format csv 2>"$logs/report-auth.err"
check report-auth 2 $?
stop_sim
$VG --log-file="$logs/report-noserver.log" "$build/ttreport" report -q -c "$TMP/fast.conf" \
	--api-base "$BASE" -o "$TMP/e" --format csv 2>"$logs/report-noserver.err"
check report-noserver 3 $?

# 5. classify the labeled comments, and a bad command line
cut -f4 fixtures/comments/dev.tsv | tail -n +2 >"$TMP/dev.txt"
$VG --log-file="$logs/classify.log" "$build/ttreport" classify --rules schemas/rules.conf <"$TMP/dev.txt" >"$TMP/cls"
check classify 0 $?
[ "$(wc -l <"$TMP/cls")" -eq "$(wc -l <"$TMP/dev.txt")" ] ||
	{ fail=$((fail + 1)); echo "FAIL  classify: $(wc -l <"$TMP/cls") lines out for $(wc -l <"$TMP/dev.txt") in"; }
$VG --log-file="$logs/usage.log" "$build/ttreport" report --since 2026-13-01 --until x 2>"$logs/usage.err"
check usage 1 $?

# 6. unit test binaries (each runs every case of its file)
for t in test_metrics test_dates test_record test_atomic test_normalize test_xlsx test_http test_alerts test_fonts test_l10n test_mail_text; do
	[ -x "$build/tests/$t" ] || continue
	$VG --log-file="$logs/$t.log" "$build/tests/$t" >"$TMP/$t.out" 2>&1
	check "$t" 0 $?
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
