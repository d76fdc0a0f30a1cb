#!/bin/sh
# make install PREFIX=<temp>: the binary, the man page and share/ttreport (the
# comment model next to the rules) land there; the installed binary, run from another folder with no source tree
# around, finds its share files and writes a report against ttsim; the man page
# renders.
BUILD=${1:-build}
. tests/e2e/lib.sh
PREFIX="$TMP/prefix"
make --no-print-directory BUILD="$BUILD" PREFIX="$PREFIX" install >"$TMP/install.log" 2>&1 ||
	{ tail -n 5 "$TMP/install.log"; die "make install failed"; }
for f in bin/ttreport share/man/man1/ttreport.1 share/ttreport/rules.conf \
	share/ttreport/replies.conf share/ttreport/DejaVuSans-flat.ttf share/ttreport/comments.model \
	share/ttreport/Symbola-fallback.ttf share/ttreport/DroidSansFallback-flat.ttf \
	share/ttreport/Unifont-upper.ttf share/locale/fr/LC_MESSAGES/ttreport.mo \
	share/locale/ar/LC_MESSAGES/ttreport.mo; do
	[ -f "$PREFIX/$f" ] || die "make install did not install $f"
done
[ -x "$PREFIX/bin/ttreport" ] || die "installed ttreport is not executable"

start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json"
IDS=$(adv_ids "$TMP/truth.json" 1)
mkdir -p "$TMP/elsewhere"
cd "$TMP/elsewhere" || die "cd"
# a clean environment: no TTREPORT_SHARE, and a copy of the tree's folder layout nowhere near
env -i PATH=/usr/bin:/bin HOME="$TMP" TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token \
	TIKTOK_ADVERTISER_IDS="$IDS" "$PREFIX/bin/ttreport" report -q --api-base "$BASE" -o out \
	--format csv,pdf 2>"$TMP/err" || die "installed ttreport failed: $(cat "$TMP/err")"
[ "$(ls out/*.csv | wc -l)" -eq 3 ] || die "installed ttreport wrote $(ls out) , want 3 CSV files"
ls out/*.pdf >/dev/null 2>&1 || die "installed ttreport wrote no PDF (font not found?)"
# the installed catalogs and fallback fonts, found from the binary's place (LANG only: no locale generated)
env -i PATH=/usr/bin:/bin HOME="$TMP" LANG=fr_MA.UTF-8 TTREPORT_NOW=2026-11-20T06:00:00Z \
	TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS="$IDS" "$PREFIX/bin/ttreport" report -q \
	--api-base "$BASE" -o fr --format pdf 2>"$TMP/err" || die "installed ttreport, French: $(cat "$TMP/err")"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext fr/*.pdf - 2>/dev/null | grep -q "Chiffres clés" || die "installed ttreport: LANG=fr_MA gave no French PDF"
	pdffonts fr/*.pdf 2>/dev/null | grep -q "Symbola" || die "installed ttreport: no fallback font in the PDF"
fi
printf 'chhal taman?\n' | env -i PATH=/usr/bin:/bin "$PREFIX/bin/ttreport" classify >"$TMP/cls" 2>"$TMP/err" ||
	die "installed classify failed (rules not found?): $(cat "$TMP/err")"
# the installed model is found next to the rules: the model decides, no "rules alone" warning
grep -q 'model\.' "$TMP/cls" || die "installed classify did not use the model: $(cat "$TMP/cls")"
grep -q 'rules decide alone' "$TMP/err" && die "installed classify found no model: $(cat "$TMP/err")"
"$PREFIX/bin/ttreport" --version | grep -q "^ttreport " || die "installed --version"
if command -v man >/dev/null 2>&1; then
	MANPAGER=cat MANWIDTH=80 man -l "$PREFIX/share/man/man1/ttreport.1" >"$TMP/man.txt" 2>"$TMP/man.err" ||
		die "man -l failed: $(cat "$TMP/man.err")"
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO" \
		"OnCalendar=" "ttreport run -q"; do
		grep -q "$s" "$TMP/man.txt" || die "the man page lacks $s"
	done
else
	echo "note: man is not installed, rendering not checked"
fi
echo "install: all checks passed"
