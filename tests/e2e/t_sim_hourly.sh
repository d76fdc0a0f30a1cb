#!/bin/sh
# ttsim hourly reports and its own metric table: --eval-metrics against values
# hand-computed from tiktok-api.md's formulas (conversion_rate_v2 per
# impression); stat_time_hour rows equal the truth's hourly part, add up to the
# day rows, stop at the hours that ended --hour-latency-min before the clock;
# a two-day hourly request is refused; ttsim links no product object.
BUILD=${1:-build}
. tests/sim/simlib.sh

timeout 60 $PY $SIMTEST metric_defs "$BUILD" || die "metric definitions differ from tiktok-api.md"
# independence: no product header, no product object in the link
grep -l '#include "\(metrics\|dates\|err\|record\)\.h"' tests/sim/*.c tests/sim/*.h && die "ttsim includes a product header"
nm "$BUILD/ttsim" | grep -q ' T sim_metric_find$' || die "nm cannot read ttsim"
nm "$BUILD/ttsim" | grep -E ' [TDR] (metric_by_api|metric_defs|mrow_get|fx_format|fx_parse|currency_decimals|date_parse|date_format|tz_today|window_lookback|errf)$' \
	&& die "ttsim links product code"

sim a --seed 7 --today 2026-11-20 --truth "$TMP/t1.json"
timeout 300 $PY $SIMTEST hourly "$BASE" "$TMP/t1.json" || die "hourly reports differ from the truth"
timeout 60 $PY $SIMTEST hour_latency "$TMP/t1.json" 2026-11-20T06:00:00Z 10 || die "hours of today (06:00Z, 10 min)"
stop "$PID"
timeout 300 $PY $SIMTEST consistency "$TMP/t1.json" >/dev/null || die "truth consistency failed"

sim b --seed 7 --now 2026-11-20T13:37:00Z --hour-latency-min 45 --truth "$TMP/t2.json"
timeout 300 $PY $SIMTEST hourly "$BASE" "$TMP/t2.json" || die "hourly reports differ from the truth (13:37Z)"
timeout 60 $PY $SIMTEST hour_latency "$TMP/t2.json" 2026-11-20T13:37:00Z 45 || die "hours of today (13:37Z, 45 min)"
stop "$PID"
echo "sim hourly: ok"
