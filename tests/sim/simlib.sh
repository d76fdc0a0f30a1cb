# Helpers for tests/e2e/t_sim_*.sh (sourced; needs $BUILD). Starts ttsim
# instances and kills every one of them (by pid) on exit.
PY=/usr/bin/python3
SIMTEST=tests/sim/simtest.py
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttsim-test.XXXXXX")
SIM_PIDS=""
sim_cleanup() {
	for p in $SIM_PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap sim_cleanup EXIT
trap 'exit 1' INT TERM

die() { echo "$*"; exit 1; }

# exit_of CMD...: the exit status of CMD, killed after 10 s (124: it kept running)
exit_of() {
	timeout 10 "$@" >/dev/null 2>&1
	echo $?
}

[ -x "$BUILD/ttsim" ] || { echo "no $BUILD/ttsim (run make)"; exit 77; }

# sim NAME ARGS...: starts ttsim on a free port; sets PORT, BASE, PID (and
# NAME_BASE / NAME_PID for later use).
sim() {
	name=$1
	shift
	rm -f "$TMP/$name.out"
	"$BUILD/ttsim" --port 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
	PID=$!
	SIM_PIDS="$SIM_PIDS $PID"
	i=0
	PORT=""
	while [ $i -lt 200 ]; do
		PORT=$(sed -n '1s/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$TMP/$name.out" 2>/dev/null)
		[ -n "$PORT" ] && break
		kill -0 "$PID" 2>/dev/null || die "ttsim $name did not start: $(cat "$TMP/$name.err")"
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$PORT" ] || die "ttsim $name did not print its port"
	BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
	eval "${name}_BASE=\$BASE ${name}_PID=\$PID"
}

# stop PID: SIGTERM, and the exit status must be 0
stop() {
	kill -TERM "$1" || die "cannot signal ttsim $1"
	wait "$1"
	rc=$?
	[ $rc -eq 0 ] || die "ttsim $1 exited $rc after SIGTERM"
}
