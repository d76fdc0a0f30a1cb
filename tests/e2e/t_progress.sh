#!/bin/sh
# The progress line of a backfill appears on a terminal and never when stderr is
# a file or a pipe (cron mails stderr).
BUILD=${1:-build}
. tests/e2e/lib.sh
command -v script >/dev/null || { echo "no script(1)"; exit 77; }
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token
start_sim --seed 3 --today 2026-11-20 --truth "$TMP/t.json" --advertisers 1
export TIKTOK_ADVERTISER_IDS=$(adv_ids "$TMP/t.json" 1)
"$BUILD/ttreport" report --api-base "$BASE" -o "$TMP/a" --format csv \
	--since 2026-09-01 --until 2026-10-30 2>"$TMP/err" || die "run failed"
grep -q "requests .* / " "$TMP/err" && die "progress line written to a file"
script -qec "$BUILD/ttreport report --api-base $BASE -o $TMP/b --format csv --since 2026-09-01 --until 2026-10-30" \
	"$TMP/typescript" >/dev/null 2>&1 </dev/null || die "run on a terminal failed"
grep -q "requests [0-9]* / [0-9]*" "$TMP/typescript" || die "no progress line on a terminal"
grep -q "left" "$TMP/typescript" || die "progress line has no time left"
echo "progress: terminal only"
