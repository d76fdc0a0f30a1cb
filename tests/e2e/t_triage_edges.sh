#!/bin/sh
# Comment triage edges (issue 13), against ttsim:
#  1. `ttreport run` with no TikTok account configured: exit 0, one info line
#     says triage is off, the PDF says so, nothing is "partial" (failed
#     before: exit 4, "comment triage failed");
#  2. one video whose comment list answers a permission code (40001): that
#     video is skipped and named, the others are decided, exit 4 (failed
#     before: exit 2, nothing decided).
BUILD=${1:-build}
. tests/e2e/lib.sh
export TTREPORT_NOW=2026-11-20T06:00:00Z TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_ACCOUNT_TOKEN TIKTOK_BUSINESS_ID TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET \
	TIKTOK_ACCESS_TOKEN TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE
cat >"$TMP/fast.conf" <<CONF
[report]
font = $PWD/$BUILD/DejaVuSans-flat.ttf
[api]
retry_base_ms = 20
retry_max_ms = 200
[triage]
endpoint_qpm = 6000
CONF

# ---- 1. no account: triage is off ----
start_sim --seed 4 --today 2026-11-20 --advertisers 1 --campaigns 1 --adgroups 1 --ads 1 \
	--truth "$TMP/truth.json" --log "$TMP/s1.jsonl"
TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$(adv_ids "$TMP/truth.json" 1) \
	"$BUILD/ttreport" run --format pdf -c "$TMP/fast.conf" -o "$TMP/off" --api-base "$BASE" 2>"$TMP/off.err"
rc=$?
[ $rc -eq 0 ] || die "no account: exit $rc, want 0: $(tail -3 "$TMP/off.err")"
[ "$(grep -ci 'triage' "$TMP/off.err")" -eq 1 ] || die "no account: want one line about triage: $(grep -i triage "$TMP/off.err")"
grep -q 'comment triage is off' "$TMP/off.err" || die "no account: the line does not say triage is off"
grep -qi 'partial\|failed' "$TMP/off.err" && die "no account: something says partial or failed: $(grep -i 'partial\|failed' "$TMP/off.err")"
pdftotext "$TMP"/off/*.pdf - 2>/dev/null | tr -s ' \n' ' ' | grep -q 'comment triage is off' || die "no account: the PDF does not say triage is off"
grep -q '/business/' "$TMP/s1.jsonl" && die "no account: a /business/ call was made"
stop_sim

# ---- 2. one video closed to us: skipped, named, the others decided ----
start_sim --seed 7 --today 2026-11-20 --private-video 2 --log "$TMP/s2.jsonl"
TIKTOK_ACCOUNT_TOKEN=sim-account-token TIKTOK_BUSINESS_ID=sim-business \
	"$BUILD/ttreport" comments --dry-run -c "$TMP/fast.conf" -o "$TMP/pv" --api-base "$BASE" 2>"$TMP/pv.err"
rc=$?
[ $rc -eq 4 ] || die "private video: exit $rc, want 4: $(tail -3 "$TMP/pv.err")"
VID=$($PY -c '
import json, sys, urllib.parse
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["path"].endswith("/comment/list/") and r["code"] == 40001:
        q = r["query"]; print(q["video_id"] if isinstance(q, dict) else urllib.parse.parse_qs(q)["video_id"][0]); break' "$TMP/s2.jsonl")
[ -n "$VID" ] || die "private video: ttsim answered no 40001"
grep -q "video $VID skipped" "$TMP/pv.err" || die "private video: $VID is not named as skipped: $(grep -i video "$TMP/pv.err" | head -3)"
N=$(cat "$TMP"/pv/actions_*.jsonl 2>/dev/null | wc -l)
[ "$N" -gt 0 ] || die "private video: nothing was decided"
grep -q "\"video_id\":\"$VID\"" "$TMP"/pv/actions_*.jsonl && die "private video: a decision on the skipped video"
echo "private video $VID skipped; $N decisions on $(grep -o '"video_id":"[0-9]*"' "$TMP"/pv/actions_*.jsonl | sort -u | wc -l) other videos"
stop_sim
echo "triage edges: all checks passed"
