#!/bin/sh
# Comments the classifier is not sure about are left alone and counted (issue
# 12): a nightly dry run against ttsim logs them as skip / skipped:uncertain
# (never reply, hide or flag), and the Comments sheet and the PDF's comments
# page say how many, the same number as the action log.
BUILD=${1:-build}
. tests/e2e/lib.sh
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCOUNT_TOKEN=sim-account-token \
	TIKTOK_BUSINESS_ID=sim-business TIKTOK_ACCESS_TOKEN=sim-token TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET
command -v pdftotext >/dev/null || die "pdftotext missing (poppler-utils)"
printf '[triage]\nread_qps = 50\nwrite_qps = 50\n[api]\nretry_base_ms = 20\nretry_max_ms = 200\n' >"$TMP/fast.conf"
start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json" --videos 30 --comments 20
TIKTOK_ADVERTISER_IDS=$(adv_ids "$TMP/truth.json" 1) "$BUILD/ttreport" run -c "$TMP/fast.conf" --dry-run -q \
	--model "$BUILD/comments.model" -o "$TMP/out" --api-base "$BASE" --format xlsx,pdf 2>"$TMP/err" ||
	die "ttreport run failed: $(tail -3 "$TMP/err")"
$PY - "$TMP/out" <<'PYEOF' || exit 1
import glob, json, subprocess, sys
import openpyxl
out = sys.argv[1]
acts = [json.loads(l) for l in open(glob.glob(out + '/actions_*.jsonl')[0], encoding='utf-8')]
unc = [a for a in acts if a['result'] == 'skipped:uncertain']
if not unc:
    sys.exit('no comment was left alone as uncertain: the check would prove nothing')
bad = [a for a in unc if a['action'] != 'skip' or not a['rule'].startswith(('model.', 'rule.'))]
if bad:
    sys.exit(f'uncertain decisions that are not a skip by the policy: {bad[:3]}')
ws = openpyxl.load_workbook(glob.glob(out + '/*.xlsx')[0])['Comments']
want = f'{len(unc)} left alone as uncertain'
if not str(ws['A3'].value or '').startswith(want):
    sys.exit(f'Comments sheet A3 is {ws["A3"].value!r}, want it to start with {want!r}')
pdf = subprocess.run(['pdftotext', glob.glob(out + '/*.pdf')[0], '-'], capture_output=True, text=True).stdout
if want not in pdf:
    sys.exit(f'the PDF does not say {want!r}')
print(f'uncertain: {len(unc)} of {len(acts)} decisions, in the log, the Comments sheet and the PDF')
PYEOF
