#!/bin/sh
# ttsim throughput: requests/second for 1000-row daily ad report pages on
# loopback, over keep-alive connections (curl repeating one URL; 1, 2 and 4
# clients). usage: sh tests/sim/bench.sh [BUILD] [REQUESTS_PER_CLIENT]
BUILD=${1:-build}
N=${2:-300}
. tests/sim/simlib.sh
trap - INT TERM

sim b --seed 7 --today 2026-11-20 --campaigns 6 --adgroups 3 --ads 4
A=$(curl -s -H 'Access-Token: sim-token' "${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" |
	$PY -c 'import json,sys; print(json.load(sys.stdin)["data"]["list"][0]["advertiser_id"])')
U=$($PY - "$BASE" "$A" <<'PYEOF'
import json, sys, urllib.parse
m = ["spend", "impressions", "reach", "frequency", "clicks", "ctr", "cpc", "cpm", "conversion",
     "cost_per_conversion", "conversion_rate_v2", "complete_payment", "total_complete_payment_rate",
     "complete_payment_roas", "video_play_actions", "video_watched_2s", "video_views_p100", "likes",
     "comments", "shares", "follows", "profile_visits", "ad_name", "adgroup_name", "campaign_name"]
p = {"advertiser_id": sys.argv[2], "report_type": "BASIC", "data_level": "AUCTION_AD",
     "dimensions": json.dumps(["ad_id", "stat_time_day"]), "metrics": json.dumps(m),
     "start_date": "2026-10-21", "end_date": "2026-11-19", "page": "1", "page_size": "1000",
     "filtering": json.dumps([{"field_name": "ad_status", "filter_type": "IN", "filter_value": "[\"STATUS_ALL\"]"}])}
print(sys.argv[1] + "report/integrated/get/?" + urllib.parse.urlencode(p))
PYEOF
)
curl -s -H 'Access-Token: sim-token' "$U" -o "$TMP/page.json"
rows=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]["list"]))' "$TMP/page.json")
[ "$rows" = 1000 ] || die "bench: page has $rows rows, want 1000"
args=""
i=0
while [ $i -lt "$N" ]; do args="$args $U"; i=$((i + 1)); done
for P in 1 2 4; do
	s=$(date +%s%N)
	j=0
	PIDS=""
	while [ $j -lt $P ]; do
		curl -s -H 'Access-Token: sim-token' $args >/dev/null &
		PIDS="$PIDS $!"
		j=$((j + 1))
	done
	for p in $PIDS; do wait "$p"; done
	ms=$(( ($(date +%s%N) - s) / 1000000 ))
	echo "ttsim bench: $P client(s) x $N keep-alive requests, 1000-row pages ($(wc -c <"$TMP/page.json") bytes): $ms ms, $(( P * N * 1000 / ms )) req/s"
done
stop "$PID"
