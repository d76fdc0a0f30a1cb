#!/bin/sh
# ttsim --scenario NAME@HOUR: each of the five scenarios keeps its promise
# (tests/sim/README.md) in every advertiser, alone and all together
# (--campaigns 8); the hours before HOUR are the same at an early clock as at a
# late one (a 10:05 run sees nothing of an 11:00 scenario); a scenario with no
# campaign left for it is refused at startup.
BUILD=${1:-build}
. tests/sim/simlib.sh

[ "$(exit_of "$BUILD/ttsim" --scenario bogus@3)" = 1 ] || die "bad --scenario accepted"
[ "$(exit_of "$BUILD/ttsim" --scenario cpa_spike@0)" = 1 ] || die "cpa_spike@0 accepted (needs an hour before)"
[ "$(exit_of "$BUILD/ttsim" --scenario budget_fast@24)" = 1 ] || die "hour 24 accepted"
timeout 10 "$BUILD/ttsim" --port 0 --seed 7 --today 2026-11-20 --scenario budget_fast@3 --scenario budget_slow@4 \
	--scenario budget_fast@5 >/dev/null 2>"$TMP/refused.err"
[ $? -eq 1 ] || die "three budget scenarios in 4 campaigns accepted"
grep -q "no live campaign left" "$TMP/refused.err" || die "refusal does not say why: $(cat "$TMP/refused.err")"

LATE=2026-11-20T22:30:00Z   # local 23:30 in Casablanca and Paris, 14:30 in Etc/GMT+8
for s in spend_no_conv@11 cpa_spike@11 budget_fast@11 budget_slow@11 tracking_gone@11; do
	sim one --seed 7 --now $LATE --scenario $s --truth "$TMP/$s.json"
	stop "$PID"
	timeout 120 $PY $SIMTEST scenario "$TMP/$s.json" "${s%@*}" "${s#*@}" || die "scenario $s"
done
# early clock: 09:05 UTC = 10:05 Casablanca/Paris, 01:05 Etc/GMT+8
sim early --seed 7 --now 2026-11-20T09:05:00Z --scenario cpa_spike@11 --truth "$TMP/early.json"
stop "$PID"
timeout 120 $PY $SIMTEST same_hours "$TMP/early.json" "$TMP/cpa_spike@11.json" 11 || die "cpa_spike shows before 11"
sim early2 --seed 7 --now 2026-11-20T09:05:00Z --scenario budget_slow@11 --truth "$TMP/early2.json"
stop "$PID"
$PY -c 'import json,sys; t=json.load(open(sys.argv[1])); sc=t["advertisers"][0]["scenarios"][0]; c=[c for c in t["advertisers"][0]["campaigns"] if c["id"]==sc["campaign_ids"][0]][0]; sys.exit(c["budget"]!=sc["budget_before"])' \
	"$TMP/early2.json" || die "budget_slow: the budget is raised before 11:00"

ALL="--scenario spend_no_conv@9 --scenario cpa_spike@11 --scenario budget_fast@13 --scenario budget_slow@15 --scenario tracking_gone@17"
# all five, seen the next day (the scenario day is then complete everywhere)
sim all --seed 7 --now $LATE --campaigns 8 $ALL --truth "$TMP/all.json"
curl -s -X POST -d '{"seconds":86400}' "http://127.0.0.1:$PORT/__sim/advance" | grep -q '"now":"2026-11-21T22:30:00Z"' \
	|| die "advance failed"
timeout 300 $PY $SIMTEST hourly "$BASE" "$TMP/all.json" || die "hourly reports differ from the truth with scenarios"
stop "$PID"
timeout 300 $PY $SIMTEST consistency "$TMP/all.json" >/dev/null || die "truth consistency with scenarios"
for s in spend_no_conv@9 cpa_spike@11 budget_fast@13 budget_slow@15 tracking_gone@17; do
	timeout 120 $PY $SIMTEST scenario "$TMP/all.json" "${s%@*}" "${s#*@}" || die "scenario $s (all five)"
done
echo "sim scenario: ok"
