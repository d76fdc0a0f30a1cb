#!/bin/sh
# The XLSX of the synthetic report (written by build/tests/test_xlsx, in table
# mode and in constant_memory mode): LibreOffice converts every sheet, openpyxl
# loads it with no warnings, and the numbers equal the CSV exporter's.
build=${1:-build}
py=/usr/bin/python3
out=$build/test-out
[ -x "$build/tests/test_xlsx" ] || { echo "skip: $build/tests/test_xlsx not built"; exit 77; }
command -v soffice >/dev/null 2>&1 || { echo "skip: soffice not installed"; exit 77; }
$py -c 'import openpyxl' 2>/dev/null || { echo "skip: python3-openpyxl not installed"; exit 77; }
TT_TEST_OUT=$out "$build/tests/test_xlsx" >/dev/null 2>&1 || { echo "test_xlsx failed"; exit 1; }

tmp=$(mktemp -d /tmp/t_xlsx_fake.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
for base in fake fake-big; do
	f=$out/$base.xlsx
	[ -s "$f" ] || { echo "test_xlsx left no $f"; exit 1; }
	mkdir -p "$tmp/$base"
	timeout 180 soffice -env:UserInstallation=file://$tmp/profile --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$tmp/$base" "$f" >"$tmp/$base.log" 2>&1 || { echo "soffice failed on $f"; cat "$tmp/$base.log"; exit 1; }
	for s in Summary Campaigns "Ad groups" Ads Daily Comments; do
		[ -s "$tmp/$base/$base-$s.csv" ] || { echo "soffice wrote no sheet $s for $f"; exit 1; }
	done
	$py tests/e2e/t_xlsx_lib.py openpyxl "$f" || exit 1
	$py tests/e2e/t_xlsx_lib.py csvs "$tmp/$base" "$base" "$out" || exit 1
done
grep -q 'did not run\|Comment triage' "$tmp/fake/fake-Comments.csv" || { echo "Comments sheet empty"; exit 1; }
grep -q '^inquiry,1,' "$tmp/fake/fake-Comments.csv" || { echo "Comments counts wrong"; exit 1; }
echo "ok"
