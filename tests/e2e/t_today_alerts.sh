#!/bin/sh
# ttreport today: each alert rule mails once, at the first run that can see it.
# For each ttsim --scenario, three runs at 10:05, 11:05 and 12:05 local time
# (Africa/Casablanca / Europe/Paris: TTREPORT_NOW 09:05Z, 10:05Z, 11:05Z; ttsim's
# clock moved to match by POST /__sim/advance, hours served until 10 minutes
# before it) mail through tests/smtp_server.py:
#   spend_no_conv@9, cpa_spike@9, budget_fast@9, tracking_gone@9: the 11:05 run
#     is the first that sees hour 9 -> one mail then, none at 10:05 and 12:05;
#   budget_slow@11: the budget is raised at 11:00 -> one mail at 11:05;
# the mail's body lists the rule's alert as new, its subject names an alert
# (other rules may fire in the same scenario: a cost spike with no conversion
# also looks like lost tracking); without a scenario no run mails;
# --mail-always mails every run.
# Thresholds (alerts.* below) sit between ttsim's normal hours and its
# scenarios (the small accounts' hours are noisy: see BENCHMARKS.md / README).
BUILD=${1:-build}
. tests/e2e/lib.sh
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "skip: python3-aiosmtpd is not installed"; exit 77; }
export TIKTOK_ACCESS_TOKEN=sim-token
unset TTREPORT_SMTP_URL TTREPORT_SMTP_USER TTREPORT_SMTP_PASSWORD TTREPORT_MAIL_FROM TIKTOK_ADVERTISER_IDS

start_smtp 300

cat >"$TMP/alerts.conf" <<CONF
[report]
font = $PWD/$BUILD/DejaVuSans-flat.ttf
[alerts]
spend_without_conversion = 100
cpa_factor = 2.75
budget_pace = on
tracking_gone = on
interval = 60
CONF
sed 's/^spend_without_conversion = .*/spend_without_conversion = 1000/' "$TMP/alerts.conf" >"$TMP/big.conf"

# mails: how many messages arrived so far
mails() { ls "$TMP/mail" 2>/dev/null | grep -c '\.eml$'; }

# new_alert EML WORDS: 1 when the mail lists an alert with WORDS as new (and
# its subject names an alert), else 0
new_alert() {
	$PY - "$1" "$2" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
body = next(p.get_content() for p in m.walk() if p.get_content_type() == "text/plain")
new = body.split("Still true")[0]
ok = sys.argv[2] in new and m["subject"].startswith("TikTok ads alert: ")
print(1 if ok else 0)
if ok:
    sys.stderr.write("  subject: %s\n" % m["subject"])
PY
}

# scenario NAME ADV_INDEX CONF WORDS WANT SIM_ARGS...: runs at 10:05, 11:05 and
# 12:05 local; WANT: per run, whether a mail lists the alert (WORDS) as new
# ("0 1 0"). NAME none: WORDS ignored, no run may mail at all.
scenario() {
	name=$1 idx=$2 conf=$3 words=$4 want=$5
	shift 5
	start_sim --seed 7 --days 40 --now 2026-11-20T09:05:00Z --truth "$TMP/truth.json" "$@"
	ADV=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["advertisers"][int(sys.argv[2])]["advertiser_id"])' \
		"$TMP/truth.json" "$idx")
	got="" sent=""
	for t in 09:05 10:05 11:05; do
		[ "$t" = 09:05 ] || curl -s -X POST -d '{"seconds":3600}' "http://127.0.0.1:$PORT/__sim/advance" \
			| grep -q "\"now\":\"2026-11-20T$t:00Z\"" || die "$name: the clock did not move to $t"
		before=$(mails)
		TTREPORT_NOW=2026-11-20T$t:00Z "$BUILD/ttreport" today -q -c "$conf" --api-base "$BASE" \
			--advertiser "$ADV" -o "$TMP/o-$name-$t" --mail-to owner@shop.example 2>"$TMP/err"
		rc=$?
		[ $rc -eq 0 ] || die "$name at $t: exit $rc: $(cat "$TMP/err")"
		n=$(($(mails) - before))
		[ $n -le 1 ] || die "$name at $t: $n mails from one run"
		sent="$sent${sent:+ }$n"
		hit=0
		[ $n -eq 0 ] || hit=$(new_alert "$(ls "$TMP"/mail/*.eml | sort | tail -n 1)" "$words")
		got="$got${got:+ }$hit"
	done
	stop_sim
	if [ "$name" = none ]; then
		[ "$sent" = "0 0 0" ] || die "no scenario: mails per run $sent, want none"
	else
		[ "$got" = "$want" ] || die "$name: new alert per run (10:05 11:05 12:05 local) $got, want $want (mails $sent)"
	fi
	echo "$name: mails per run $sent, with the alert new: $got"
}

scenario none 0 "$TMP/alerts.conf" "" "0 0 0"
scenario spend_no_conv 0 "$TMP/alerts.conf" "no conversion" "0 1 0" --scenario spend_no_conv@9
scenario cpa_spike 0 "$TMP/alerts.conf" "per conversion today" "0 1 0" --scenario cpa_spike@9
scenario budget_fast 0 "$TMP/alerts.conf" "runs out before 20:00" "0 1 0" --scenario budget_fast@9
scenario budget_slow 0 "$TMP/alerts.conf" "gets spent" "0 1 0" --scenario budget_slow@11
# tracking needs an account that converts every hour: 6 x 10 ads a campaign, Paris
scenario tracking_gone 1 "$TMP/big.conf" "conversions stopped" "0 1 0" --adgroups 6 --ads 10 \
	--scenario tracking_gone@9
# --mail-always: a mail every run, with no alert in the subject
start_sim --seed 7 --now 2026-11-20T09:05:00Z --truth "$TMP/truth.json"
ADV=$(adv_ids "$TMP/truth.json" 1)
before=$(mails)
TTREPORT_NOW=2026-11-20T09:05:00Z "$BUILD/ttreport" today -q -c "$TMP/alerts.conf" --api-base "$BASE" \
	--advertiser "$ADV" -o "$TMP/o-always" --mail-to owner@shop.example --mail-always 2>"$TMP/err" \
	|| die "--mail-always: exit $?: $(cat "$TMP/err")"
[ $(($(mails) - before)) -eq 1 ] || die "--mail-always: no mail"
grep -q "^Subject: TikTok ads today until" "$(ls "$TMP"/mail/*.eml | sort | tail -n 1)" || die "--mail-always: subject"
echo "today alerts: all checks passed"
