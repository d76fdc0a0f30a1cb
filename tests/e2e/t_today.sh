#!/bin/sh
# ttreport today against ttsim: the three CSVs hold one row per entity and
# hour of today, every metric equal to ttsim's hourly truth, and no hour after
# the simulated clock (hours end --hour-latency-min before it: missing, never
# zero); the PDF has one page per advertiser and marks the last hour
# provisional; a clock before any reported hour writes no row; an advertiser
# the token cannot see makes the run partial (exit 4); --format xlsx alone is
# a usage error (exit 1, nothing called); a refused token exits 2.
BUILD=${1:-build}
. tests/e2e/lib.sh
export TIKTOK_ACCESS_TOKEN=sim-token
unset TIKTOK_ADVERTISER_IDS TTREPORT_API_BASE
printf '[report]\nfont = %s\n' "$PWD/$BUILD/DejaVuSans-flat.ttf" >"$TMP/t.conf"

# 1. 10:05 UTC (11:05 Casablanca and Paris, 02:05 in Etc/GMT+8), 10 minutes of latency
NOW=2026-11-20T10:05:00Z
start_sim --seed 7 --now $NOW --truth "$TMP/truth.json"
IDS=$(adv_ids "$TMP/truth.json" 3)
TTREPORT_NOW=$NOW TIKTOK_ADVERTISER_IDS=$IDS "$BUILD/ttreport" today -q -c "$TMP/t.conf" \
	--api-base "$BASE" -o "$TMP/a" --format csv,pdf 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || die "today: exit $rc: $(cat "$TMP/err")"
$PY tests/e2e/truth.py today "$TMP/truth.json" "$TMP/a" "$IDS" || die "today CSVs differ from the truth"
ls "$TMP/a" | grep -qx 'ttreport_today_2026-11-20_10.pdf' || die "no ttreport_today_2026-11-20_10.pdf: $(ls "$TMP/a")"
pages=$(pdfinfo "$TMP/a/ttreport_today_2026-11-20_10.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" = 3 ] || die "today PDF: $pages pages for 3 advertisers"
pdftotext "$TMP/a/ttreport_today_2026-11-20_10.pdf" "$TMP/a.txt" 2>/dev/null
grep -q "until 10:00" "$TMP/a.txt" || die "today PDF: no 'until 10:00' (Casablanca's last hour 09:00)"
grep -q "(09:00.10:00) is provisional" "$TMP/a.txt" || die "today PDF: the last hour is not marked provisional"
grep -q "until 01:00" "$TMP/a.txt" || die "today PDF: Etc/GMT+8 is not cut at its own hour"
stop_sim

# 2. 45 minutes of latency at 13:37 UTC: hours 0..11 of Casablanca, not 12
NOW=2026-11-20T13:37:00Z
start_sim --seed 7 --now $NOW --hour-latency-min 45 --truth "$TMP/truth2.json"
IDS=$(adv_ids "$TMP/truth2.json" 3)
TTREPORT_NOW=$NOW TIKTOK_ADVERTISER_IDS=$IDS "$BUILD/ttreport" today -q -c "$TMP/t.conf" \
	--api-base "$BASE" -o "$TMP/b" --format csv 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || die "today (45 min): exit $rc: $(cat "$TMP/err")"
$PY tests/e2e/truth.py today "$TMP/truth2.json" "$TMP/b" "$IDS" || die "today CSVs differ (45 min latency)"
ls "$TMP/b" | grep -q '\.pdf$' && die "--format csv wrote a PDF"

# 3. local 00:05 in Casablanca: no hour of today yet, every CSV holds its header only
FIRST=$(adv_ids "$TMP/truth2.json" 1)
stop_sim
start_sim --seed 7 --now 2026-11-19T23:05:00Z --truth "$TMP/truth3.json"
TTREPORT_NOW=2026-11-19T23:05:00Z "$BUILD/ttreport" today -q -c "$TMP/t.conf" --api-base "$BASE" \
	--advertiser "$FIRST" -o "$TMP/c" --format csv,pdf 2>"$TMP/err" || die "today at 00:05: exit $?: $(cat "$TMP/err")"
for f in "$TMP"/c/*.csv; do
	[ "$(wc -l <"$f")" -eq 1 ] || die "today at 00:05: $f has rows before any hour is reported"
done
pdftotext "$TMP/c/"*.pdf - 2>/dev/null | grep -q "no hour of today is reported yet" || die "today at 00:05: the page does not say so"

# 4. an advertiser the token cannot see beside a good one: partial (exit 4), the
#    good one's page and rows written, the other named on stderr
TTREPORT_NOW=2026-11-19T23:05:00Z "$BUILD/ttreport" today -q -c "$TMP/t.conf" --api-base "$BASE" \
	--advertiser "$FIRST" --advertiser 7999999999999999999 -o "$TMP/p" --format csv,pdf 2>"$TMP/err"
rc=$?
[ $rc -eq 4 ] || die "today with an unknown advertiser: exit $rc, want 4: $(cat "$TMP/err")"
grep -q 7999999999999999999 "$TMP/err" || die "today partial: the failed advertiser is not named"
ls "$TMP/p" | grep -q '^ttreport_today_2026-11-19_23\.pdf$' || die "today partial: no PDF: $(ls "$TMP/p")"

# 5. usage and token errors
"$BUILD/ttreport" today -q --api-base "$BASE" --advertiser "$FIRST" --format xlsx -o "$TMP/d" 2>"$TMP/err"
[ $? -eq 1 ] || die "today --format xlsx: want exit 1"
[ ! -e "$TMP/d" ] || die "today --format xlsx: wrote something"
TIKTOK_ACCESS_TOKEN=bad "$BUILD/ttreport" today -q --api-base "$BASE" --advertiser "$FIRST" -o "$TMP/e" 2>"$TMP/err"
[ $? -eq 2 ] || die "today with a refused token: want exit 2: $(cat "$TMP/err")"
echo "today: all checks passed"
