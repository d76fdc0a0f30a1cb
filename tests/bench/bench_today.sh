#!/bin/sh
# `ttreport today` benchmark: sh tests/bench/bench_today.sh BUILD
# A day of hourly data (the clock at 22:30 UTC: 23:30 in Casablanca and Paris,
# 14:30 in Etc/GMT+8), on ttsim --qps 10 --latency-ms 150, for
#   store:  1 advertiser, 200 ads (10 campaigns x 4 ad groups x 5 ads)
#   agency: 50 advertisers, 24 ads each (4 x 2 x 3)
# `ttreport today --format pdf,csv` per case: wall time, requests by path from
# ttsim's --log, and the floor: requests at the simulator's 10/s.
build=${1:-build}
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-bench.XXXXXX")
SIM_PID=""
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
NOW=2026-11-20T22:30:00Z

# bench NAME SIM-ARGS...
bench() {
	name=$1
	shift
	"$build/ttsim" --port 0 --seed 3 --now $NOW --days 40 --qps 10 --latency-ms 150 \
		--log "$TMP/$name.jsonl" "$@" >"$TMP/sim.out" 2>"$TMP/sim.err" &
	SIM_PID=$!
	i=0
	while ! grep -q '^listening' "$TMP/sim.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 600 ] && kill -0 $SIM_PID 2>/dev/null || { cat "$TMP/sim.err"; echo "bench: ttsim did not start"; exit 1; }
		sleep 0.1
	done
	PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/sim.out")
	BASE="http://127.0.0.1:$PORT/open_api/v1.3/"
	IDS=$(curl -s -H 'Access-Token: sim-token' "${BASE}oauth2/advertiser/get/?app_id=sim-app-id&secret=sim-app-secret" |
		$PY -c 'import json,sys; print(",".join(a["advertiser_id"] for a in json.load(sys.stdin)["data"]["list"]))')
	: >"$TMP/$name.jsonl"
	start=$(date +%s.%N)
	TTREPORT_NOW=$NOW TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$IDS \
		"$build/ttreport" today -q -c "$TMP/n.conf" --api-base "$BASE" -o "$TMP/$name" --format pdf,csv \
		2>"$TMP/$name.err"
	rc=$?
	end=$(date +%s.%N)
	kill $SIM_PID 2>/dev/null
	wait $SIM_PID 2>/dev/null
	SIM_PID=""
	[ $rc -eq 0 ] || { tail -n 5 "$TMP/$name.err"; echo "bench: today ($name) exit $rc"; exit 1; }
	$PY - "$name" "$TMP/$name.jsonl" "$start" "$end" "$TMP/$name" <<'PY'
import json, os, sys
name, log, start, end, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
n = lim = hourly = 0
by = {}
for line in open(log, encoding="utf-8"):
    r = json.loads(line)
    n += 1
    lim += r.get("code") == 40100
    p = r["path"].split("/v1.3/")[-1]
    by[p] = by.get(p, 0) + 1
    hourly += "stat_time_hour" in json.dumps(r.get("query", ""))
rows = 0
for f in os.listdir(out):
    if f.endswith(".csv"):
        rows += sum(1 for _ in open(os.path.join(out, f), encoding="utf-8")) - 1
floor = n / 10.0
print("today %s: wall=%.1fs requests=%d (hourly reports %d) 40100=%d floor=%.1fs ratio=%.3f csv_rows=%d"
      % (name, end - start, n, hourly, lim, floor, (end - start) / floor, rows))
print("today %s: requests by path: %s" % (name, ", ".join("%s %d" % kv for kv in sorted(by.items()))))
print("today %s: outputs: %s" % (name, " ".join(sorted(os.listdir(out)))))
PY
}

printf '[report]\nfont = %s\n' "$PWD/$build/DejaVuSans-flat.ttf" >"$TMP/n.conf"
bench store --advertisers 1 --campaigns 10 --adgroups 4 --ads 5
bench agency --advertisers 50
