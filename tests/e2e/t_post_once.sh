#!/bin/sh
# No POST is sent twice without a verification read (issue 13), against
# ttsim with every write's answer dropped after it is applied (dropafter:1):
#  1. `ttreport api POST business/comment/reply/create/`: one POST, exit 3,
#     the outcome said to be unknown;
#  2. a token refresh whose answer is lost: one POST (the refresh token may be
#     spent: it is not sent again), and the message says so.
# (The api_call policy comes from issue 11; this proves it end to end.)
BUILD=${1:-build}
. tests/e2e/lib.sh
export TTREPORT_NOW=2026-11-20T06:00:00Z TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_ACCOUNT_TOKEN TIKTOK_BUSINESS_ID TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET \
	TIKTOK_ACCESS_TOKEN TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE
printf '[api]\nretry_base_ms = 20\nretry_max_ms = 200\nmax_tries = 8\n[triage]\nendpoint_qpm = 6000\n' >"$TMP/fast.conf"
posts() { grep -c "\"method\":\"POST\".*\"path\":\"[^\"]*$1\"" "$TMP/s.jsonl"; }

start_sim --seed 7 --today 2026-11-20 --faults dropafter:1 --log "$TMP/s.jsonl"
VID=$(curl -s -H 'Access-Token: sim-account-token' "${BASE}business/video/list/?business_id=sim-business" |
	$PY -c 'import json,sys; print(json.load(sys.stdin)["data"]["videos"][0]["item_id"])')
CID=$(curl -s -H 'Access-Token: sim-account-token' \
	"${BASE}business/comment/list/?business_id=sim-business&video_id=$VID&max_count=5" |
	$PY -c 'import json,sys; print(json.load(sys.stdin)["data"]["comments"][0]["comment_id"])')
TIKTOK_ACCOUNT_TOKEN=sim-account-token "$BUILD/ttreport" api POST business/comment/reply/create/ \
	"{\"business_id\":\"sim-business\",\"video_id\":\"$VID\",\"comment_id\":\"$CID\",\"text\":\"Merci\"}" \
	-c "$TMP/fast.conf" --api-base "$BASE" >/dev/null 2>"$TMP/api.err"
rc=$?
[ $rc -eq 3 ] || die "api POST, answer dropped: exit $rc, want 3: $(cat "$TMP/api.err")"
grep -q "unknown" "$TMP/api.err" || die "api POST: the message does not say the outcome is unknown"
[ "$(posts reply/create/)" -eq 1 ] || die "api POST sent $(posts reply/create/) times"

TIKTOK_REFRESH_TOKEN=sim-refresh-token TIKTOK_APP_ID=sim-app-id TIKTOK_APP_SECRET=sim-app-secret \
	TIKTOK_BUSINESS_ID=sim-business "$BUILD/ttreport" comments --dry-run -c "$TMP/fast.conf" \
	-o "$TMP/o" --api-base "$BASE" 2>"$TMP/r.err"
rc=$?
[ $rc -ne 0 ] || die "refresh answer dropped: exit 0"
[ "$(posts refresh_token/)" -eq 1 ] || die "the refresh was sent $(posts refresh_token/) times"
grep -q "may already be spent" "$TMP/r.err" || die "refresh: the message does not say the refresh token may be spent: $(cat "$TMP/r.err")"
stop_sim
echo "post once: all checks passed"
