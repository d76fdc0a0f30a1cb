#!/bin/sh
# Extraction against ttsim (its own metric formulas, written from
# tiktok-api.md: conversion_rate_v2 per impression): two advertisers of
# different currencies and timezones, default lookback and a 75-day backfill,
# every entity x day x metric equal to the truth in the CSVs and in the
# workbook (advertiser level too); the manifest says every chunk is complete
# (and names the one advertiser refused); the request log is clean; faults and
# throttling leave the numbers exact; a stopped simulator gives exit 3, a wrong
# token exit 2.
BUILD=${1:-build}
. tests/e2e/lib.sh
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token
unset TIKTOK_ADVERTISER_IDS

start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json" --log "$TMP/log1.jsonl"
IDS=$(adv_ids "$TMP/truth.json" 3 | cut -d, -f1,3)   # MAD/Casablanca and USD/Etc/GMT+8
export TIKTOK_ADVERTISER_IDS=$IDS

# manifest_ok DIR [INCOMPLETE_ID]: the manifest is there, every chunk of the
# complete advertisers is complete with its requests counted, and only
# INCOMPLETE_ID (if given) is marked incomplete, with its reason.
manifest_ok() {
	$PY - "$@" <<'PY'
import glob, json, sys
files = glob.glob(sys.argv[1] + "/ttreport_*_manifest.json")
assert len(files) == 1, "no manifest in %s" % sys.argv[1]
m = json.load(open(files[0], encoding="utf-8"))
bad = sys.argv[2] if len(sys.argv) > 2 else None
assert m["complete"] == (bad is None), "manifest complete=%s" % m["complete"]
n = 0
for a in m["advertisers"]:
    if a["advertiser_id"] == bad:
        assert not a["complete"] and a["error"], "advertiser %s should be incomplete, with why" % bad
        continue
    assert a["complete"] and a["error"] is None, a
    levels = {(c["level"], c["kind"]) for c in a["chunks"]}
    for lv in ("advertiser", "campaign", "adgroup", "ad"):
        assert (lv, "daily") in levels and (lv, "period") in levels, (lv, levels)
    for c in a["chunks"]:
        assert c["state"] in ("complete", "split"), c
        assert c["requests"] >= 1 and c["rows"] >= 0, c
        n += 1
print("manifest: %d chunks complete" % n)
PY
}

# 1. default lookback
"$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/a" --format csv,xlsx || die "lookback run failed"
$PY tests/e2e/truth.py csv "$TMP/truth.json" "$TMP/a" "$IDS" --lookback 3 || die "lookback CSVs differ from truth"
$PY tests/e2e/truth.py xlsx "$TMP/truth.json" "$TMP"/a/ttreport_*.xlsx "$IDS" --lookback 3 || die "lookback workbook differs from truth"
manifest_ok "$TMP/a" || die "lookback manifest"
$PY tests/e2e/check_log.py "$TMP/log1.jsonl" || die "request log check failed"

# 2. 75-day backfill (3 daily windows per level, previous period too)
: >"$TMP/log1.jsonl"
"$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/b" --format csv,xlsx \
	--since 2026-08-01 --until 2026-10-14 || die "backfill run failed"
$PY tests/e2e/truth.py csv "$TMP/truth.json" "$TMP/b" "$IDS" --since 2026-08-01 --until 2026-10-14 || die "backfill CSVs differ"
$PY tests/e2e/truth.py xlsx "$TMP/truth.json" "$TMP"/b/ttreport_*.xlsx "$IDS" --since 2026-08-01 --until 2026-10-14 ||
	die "backfill workbook differs from truth"
manifest_ok "$TMP/b" || die "backfill manifest"
$PY tests/e2e/check_log.py "$TMP/log1.jsonl" || die "backfill request log check failed"
$PY tests/e2e/truth.py xlsx-reach "$TMP/truth.json" "$TMP/b"/ttreport_*.xlsx "$IDS" \
	--since 2026-08-01 --until 2026-10-14 || die "period reach differs from truth"

# 2b. one advertiser the token may not see: the others are still reported (exit 4)
FIRST=${IDS%%,*}
TIKTOK_ADVERTISER_IDS="$FIRST,7999999999999999999" "$BUILD/ttreport" report -q --api-base "$BASE" \
	-o "$TMP/p" --format csv 2>"$TMP/err"
rc=$?
[ $rc -eq 4 ] || die "one unauthorized advertiser: exit $rc, want 4: $(cat "$TMP/err")"
grep -q 7999999999999999999 "$TMP/err" || die "the failing advertiser is not named: $(cat "$TMP/err")"
$PY tests/e2e/truth.py csv "$TMP/truth.json" "$TMP/p" "$FIRST" --lookback 3 || die "partial run: the good advertiser differs"
manifest_ok "$TMP/p" 7999999999999999999 || die "partial run: the manifest does not say which advertiser is incomplete"
stop_sim

# 3. throttled and faulty API: the totals are still exact
start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth2.json" --qps 10 \
	--faults 40100:0.1,50000:0.05,504:0.02,40067:0.1
cat >"$TMP/fast.conf" <<CONF
[api]
retry_base_ms = 20
retry_max_ms = 200
max_tries = 12
CONF
"$BUILD/ttreport" report -q -c "$TMP/fast.conf" --api-base "$BASE" -o "$TMP/c" --format csv \
	--since 2026-08-01 --until 2026-10-14 || die "faulty run failed"
$PY tests/e2e/truth.py csv "$TMP/truth2.json" "$TMP/c" "$IDS" --since 2026-08-01 --until 2026-10-14 || die "faulty-run CSVs differ"

# 4. wrong token: exit 2, nothing written
TIKTOK_ACCESS_TOKEN=wrong "$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/d" --format csv 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] || die "wrong token: exit $rc, want 2"
grep -q "40105" "$TMP/err" || die "wrong token: message lacks the code: $(cat "$TMP/err")"
[ ! -e "$TMP/d" ] || [ -z "$(ls "$TMP/d")" ] || die "wrong token: outputs were written"
stop_sim

# 5. nothing listening: exit 3 and a clear message
"$BUILD/ttreport" report -q -c "$TMP/fast.conf" --api-base "http://127.0.0.1:$PORT/open_api/v1.3/" \
	-o "$TMP/e" --format csv 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] || die "stopped sim: exit $rc, want 3"
grep -qi "connect" "$TMP/err" || die "stopped sim: unclear message: $(cat "$TMP/err")"
echo "extract: all checks passed"
