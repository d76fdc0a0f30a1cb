#!/bin/sh
# Living tokens (issue 13): three nightly `ttreport run --apply` against one
# ttsim whose account tokens expire after 24 h and whose refresh tokens rotate
# (a used one answers 40107), TTREPORT_NOW one day apart and the simulated
# clock moved a day between nights. Each night triage works (exit 0, an action
# log of that night), the credentials file ends with the latest refresh token,
# mode 0600. Without a credentials file, the run says on stderr and in the
# report that the new refresh token must be saved. A refresh token that
# expires within 30 days is noted on stderr and in the report (no partial).
# (Failed before: night 2 exit 4, "comment triage failed: ... 40102".)
BUILD=${1:-build}
. tests/e2e/lib.sh
export TTREPORT_SHARE="$PWD/schemas" TIKTOK_ACCESS_TOKEN=sim-token
unset TIKTOK_ACCOUNT_TOKEN TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET TIKTOK_BUSINESS_ID \
	TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE TTREPORT_NOW

start_sim --seed 9 --now 2026-11-20T06:00:00Z --advertisers 1 --campaigns 1 --adgroups 1 --ads 1 \
	--videos 2 --comments 6 --account-token-ttl 86400 --truth "$TMP/truth.json" --log "$TMP/sim.jsonl"
ROOT=${BASE%/open_api/v1.3/}
advance() {
	curl -s -X POST -d "{\"seconds\":$1}" "$ROOT/__sim/advance" | grep -q '"code":0' || die "cannot advance the clock"
}
umask 077
cat >"$TMP/cred" <<CRED
TIKTOK_ACCOUNT_TOKEN = sim-account-token
TIKTOK_REFRESH_TOKEN = sim-refresh-token
TIKTOK_BUSINESS_ID = sim-business
TIKTOK_APP_SECRET = sim-app-secret
CRED
umask 022
cat >"$TMP/n.conf" <<CONF
[report]
format = pdf
font = $PWD/$BUILD/DejaVuSans-flat.ttf
[api]
app_id = sim-app-id
credentials = $TMP/cred
retry_base_ms = 20
retry_max_ms = 200
[triage]
endpoint_qpm = 6000
CONF

for night in 20 21 22; do
	export TTREPORT_NOW=2026-11-${night}T06:00:00Z
	"$BUILD/ttreport" run --apply -c "$TMP/n.conf" -o "$TMP/out$night" --api-base "$BASE" 2>"$TMP/e$night"
	rc=$?
	[ $rc -eq 0 ] || die "night $night: exit $rc: $(tail -3 "$TMP/e$night")"
	n=$(cat "$TMP/out$night"/actions_*.jsonl 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || die "night $night: no action log"
	grep -q '"result":"error"' "$TMP/out$night"/actions_*.jsonl && die "night $night: an action failed"
	echo "night $night: exit 0, $n decisions, $(grep -c 'refreshed the TikTok' "$TMP/e$night") refresh(es)"
	advance 86400
done
grep -q '^TIKTOK_REFRESH_TOKEN = sim-refresh-token-3$' "$TMP/cred" || die "credentials file: not the latest refresh token: $(grep REFRESH "$TMP/cred")"
[ "$(stat -c %a "$TMP/cred")" = 600 ] || die "credentials file mode $(stat -c %a "$TMP/cred")"
# the sim refused no refresh (no used refresh token was sent again)
grep '"path":"[^"]*refresh_token/"' "$TMP/sim.jsonl" | grep -q '"code":40107' && die "a spent refresh token was sent"
grep -c 'refresh_token/' "$TMP/sim.jsonl" | grep -qx 2 || die "want 2 refreshes in 3 nights: $(grep -c 'refresh_token/' "$TMP/sim.jsonl")"

# ---- 341 days later: the refresh token (one year from the first) has 21 days left ----
advance $((341 * 86400))
export TTREPORT_NOW=2027-10-30T06:00:00Z
"$BUILD/ttreport" run --apply -c "$TMP/n.conf" -o "$TMP/outy" --api-base "$BASE" 2>"$TMP/ey"
rc=$?
[ $rc -eq 0 ] || die "21 days left: exit $rc (a note is no failure): $(tail -3 "$TMP/ey")"
grep -q "refresh token expires 2027-11-20T06:00:00Z (in 21 day" "$TMP/ey" || die "21 days left: no warning on stderr"
pdftotext "$TMP"/outy/*.pdf - 2>/dev/null | tr -s ' \n' ' ' | grep -q "expires 2027-11-20T06:00:00Z (in 21 day" ||
	die "21 days left: the PDF does not say it"
grep -q '^TIKTOK_REFRESH_TOKEN = sim-refresh-token-4$' "$TMP/cred" || die "credentials file: not the latest refresh token after a year"

# ---- without a credentials file: say that the new refresh token must be saved ----
grep -v '^credentials' "$TMP/n.conf" >"$TMP/nc.conf"
TIKTOK_REFRESH_TOKEN=sim-refresh-token-4 TIKTOK_APP_SECRET=sim-app-secret TIKTOK_BUSINESS_ID=sim-business \
	"$BUILD/ttreport" run --apply -c "$TMP/nc.conf" -o "$TMP/outnc" --api-base "$BASE" 2>"$TMP/enc"
rc=$?
[ $rc -eq 0 ] || die "no credentials file: exit $rc: $(tail -3 "$TMP/enc")"
grep -q "must be saved" "$TMP/enc" || die "no credentials file: stderr does not say the new refresh token must be saved"
pdftotext "$TMP"/outnc/*.pdf - 2>/dev/null | tr -s ' \n' ' ' | grep -q "must be saved" || die "no credentials file: the PDF does not say it"
grep -q "sim-refresh-token-5" "$TMP/enc" && die "the new refresh token is on stderr"
stop_sim
echo "token nights: all checks passed"
