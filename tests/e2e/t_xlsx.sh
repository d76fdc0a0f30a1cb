#!/bin/sh
# End to end: ttreport against ttsim writes an XLSX that LibreOffice converts
# sheet by sheet, openpyxl loads with no warnings, whose Daily and Campaigns
# numbers equal ttsim's truth, and that is byte-identical on a second run.
build=${1:-build}
py=/usr/bin/python3
[ -x "$build/ttsim" ] && [ -x "$build/ttreport" ] || { echo "skip: $build/ttsim or $build/ttreport not built"; exit 77; }
command -v soffice >/dev/null 2>&1 || { echo "skip: soffice not installed"; exit 77; }
$py -c 'import openpyxl' 2>/dev/null || { echo "skip: python3-openpyxl not installed"; exit 77; }

tmp=$(mktemp -d /tmp/t_xlsx.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
"$build/ttsim" --port 0 --seed 7 --today 2026-11-20 --truth "$tmp/T.json" >"$tmp/sim.out" 2>"$tmp/sim.err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q '^listening on' "$tmp/sim.out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n '1s/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/sim.out")
[ -n "$port" ] || { echo "ttsim did not start: $(head -c 300 "$tmp/sim.err")"; exit 1; }
i=0
while [ $i -lt 50 ] && [ ! -s "$tmp/T.json" ]; do sleep 0.1; i=$((i + 1)); done
ids=$($py -c '
import json, sys
t = json.load(open(sys.argv[1]))
print(",".join(str(a.get("id") or a.get("advertiser_id")) for a in t["advertisers"][:2]))' "$tmp/T.json") ||
	{ echo "cannot read advertiser ids from the truth"; exit 1; }

run() {
	mkdir -p "$tmp/$1"
	TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$ids \
		timeout 300 "$build/ttreport" report --api-base "http://127.0.0.1:$port/open_api/v1.3/" \
		-o "$tmp/$1" --format xlsx,csv >"$tmp/$1.out" 2>"$tmp/$1.err"
}
run o1
rc=$?
[ $rc -eq 0 ] || { echo "ttreport exit $rc: $(tail -n 3 "$tmp/o1.err")"; exit 1; }
run o2 || { echo "second ttreport run failed: $(tail -n 3 "$tmp/o2.err")"; exit 1; }
f1=$(ls "$tmp"/o1/ttreport_*.xlsx 2>/dev/null | head -n 1)
[ -n "$f1" ] || { echo "no workbook written"; exit 1; }
f2=$tmp/o2/$(basename "$f1")
cmp -s "$f1" "$f2" || { echo "two runs gave different workbooks"; exit 1; }
ls "$tmp"/o1/.*tmp* >/dev/null 2>&1 && { echo "temporary file left in the output folder"; exit 1; }

base=$(basename "$f1" .xlsx)
mkdir -p "$tmp/lo"
timeout 300 soffice -env:UserInstallation=file://$tmp/profile --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
	--outdir "$tmp/lo" "$f1" >"$tmp/lo.log" 2>&1 || { echo "soffice failed: $(tail -n 3 "$tmp/lo.log")"; exit 1; }
for s in Summary Campaigns "Ad groups" Ads Daily Comments; do
	[ -s "$tmp/lo/$base-$s.csv" ] || { echo "soffice wrote no sheet $s"; exit 1; }
done
$py tests/e2e/t_xlsx_lib.py openpyxl "$f1" || exit 1
$py tests/e2e/t_xlsx_lib.py truth "$tmp/lo" "$base" "$tmp/T.json" || exit 1
$py tests/e2e/t_xlsx_lib.py csvs "$tmp/lo" "$base" "$tmp/o1" || exit 1
echo ok
