#!/bin/sh
# ttsim basics: startup line, envelopes and token errors, 404 without the
# trailing slash, report parameter validation (31-day daily window, unknown
# metric), local-today cut-off per timezone, value types, token endpoints,
# clean exit on SIGTERM, --help and bad options.
BUILD=${1:-build}
. tests/sim/simlib.sh

"$BUILD/ttsim" --help | grep -q "TTREPORT_NOW=<today>T06:00:00Z" || die "--help lacks the clock note"
"$BUILD/ttsim" --bogus >/dev/null 2>&1 && die "bad option accepted"
"$BUILD/ttsim" --today 2026-02-30 >/dev/null 2>&1 && die "bad --today accepted"
"$BUILD/ttsim" --faults 999:0.5 >/dev/null 2>&1 && die "bad --faults accepted"

sim a --seed 7 --today 2026-11-20 --log "$TMP/log.jsonl"
head -n 1 "$TMP/a.out" | grep -Eqx 'listening on 127\.0\.0\.1:[0-9]+' || die "bad startup line: $(head -n 1 "$TMP/a.out")"
code=$(curl -s -o "$TMP/r.json" -w '%{http_code}' "${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret")
[ "$code" = 200 ] || die "no token: HTTP $code"
grep -q '"code":40104' "$TMP/r.json" || die "no token: $(cat "$TMP/r.json")"
timeout 120 $PY $SIMTEST basic "$BASE" || die "basic API checks failed"
grep -q sim-token "$TMP/log.jsonl" && die "the request log holds the token"
[ "$(wc -l <"$TMP/log.jsonl")" -gt 30 ] || die "request log too short"
stop "$PID"
echo "sim basic: ok"
