# Shared helpers for the end-to-end tests (sourced). Needs $BUILD.
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-e2e.XXXXXX")
# the comment triage lock of each TikTok account (core/lock.h) lives here: a
# test never meets another test's (or a real run's) lock
mkdir -m 700 "$TMP/run" && export XDG_RUNTIME_DIR="$TMP/run"
SIM_PID=""
SMTP_PID=""
cleanup() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	[ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null && wait "$SMTP_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# start_sim ARGS...: starts ttsim on a free port; sets PORT, BASE, SIM_PID.
start_sim() {
	rm -f "$TMP/sim.out"
	"$BUILD/ttsim" --port 0 "$@" >"$TMP/sim.out" 2>"$TMP/sim.err" &
	SIM_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out" 2>/dev/null)
		[ -n "$PORT" ] && break
		kill -0 "$SIM_PID" 2>/dev/null || { cat "$TMP/sim.err"; echo "ttsim did not start"; exit 1; }
		sleep 0.05
		i=$((i + 1))
	done
	[ -n "$PORT" ] || { echo "ttsim did not print its port"; exit 1; }
	BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
}

stop_sim() {
	[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null
	SIM_PID=""
}

# adv_ids TRUTH N: the first N advertiser ids of the truth, comma-separated.
adv_ids() {
	$PY -c 'import json,sys; t=json.load(open(sys.argv[1])); print(",".join(a["advertiser_id"] for a in t["advertisers"][:int(sys.argv[2])]))' "$1" "$2"
}

die() { echo "$*"; exit 1; }

# start_smtp SECONDS: tests/smtp_server.py on a free loopback port, storing each
# message as a .eml under $TMP/mail; sets SMTP_PID and exports TTREPORT_SMTP_URL.
start_smtp() {
	$PY tests/smtp_server.py "$TMP/mail" --seconds "$1" >"$TMP/smtp.out" 2>"$TMP/smtp.err" &
	SMTP_PID=$!
	i=0
	SPORT=""
	while [ $i -lt 100 ] && [ -z "$SPORT" ]; do
		SPORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/smtp.out" 2>/dev/null)
		[ -n "$SPORT" ] || sleep 0.1
		i=$((i + 1))
	done
	[ -n "$SPORT" ] || die "smtp_server.py did not start: $(cat "$TMP/smtp.err")"
	export TTREPORT_SMTP_URL="smtp://127.0.0.1:$SPORT"
}
