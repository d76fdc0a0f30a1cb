#!/bin/sh
# make demo: start ttsim, run the nightly job against it, write out/demo/, stop
# the simulator and show what was written.
set -eu
BUILD=${1:-build}
OUT=out/demo
LOG=$(mktemp)
mkdir -p "$OUT"
"$BUILD/ttsim" --port 0 --seed 7 --today 2026-11-20 >"$LOG" 2>/dev/null &
SIM=$!
trap 'kill $SIM 2>/dev/null; rm -f "$LOG"' EXIT INT TERM
i=0
until PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$LOG") && [ -n "$PORT" ]; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "demo: ttsim did not start" >&2; exit 1; }
	sleep 0.05
done
echo "demo: ttsim is listening on 127.0.0.1:$PORT (simulated clock 2026-11-20 06:00 UTC)"
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token \
	TIKTOK_ACCOUNT_TOKEN=sim-account-token TIKTOK_BUSINESS_ID=sim-business \
	TIKTOK_APP_ID=sim-app-id TIKTOK_APP_SECRET=sim-app-secret
set +e
"$BUILD/ttreport" run --api-base "http://127.0.0.1:$PORT/open_api/v1.3/" -o "$OUT" --format xlsx,pdf,csv
rc=$?
set -e
echo "demo: ttreport exited $rc; $OUT now holds:"
ls -l "$OUT"
[ $rc -eq 0 ] || [ $rc -eq 4 ]
