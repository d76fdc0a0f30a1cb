#!/bin/sh
# The gettext catalogs are complete (po/check.sh), and the check does fail on a
# catalog that lacks a message, has a fuzzy one or an untranslated one.
BUILD=${1:-build}
. tests/e2e/lib.sh

sh po/check.sh . >"$TMP/ok.out" 2>&1 || { cat "$TMP/ok.out"; die "po/check.sh fails on the tree"; }
grep -q "po/fr.po: [0-9]* translated messages.$" "$TMP/ok.out" || die "no statistics for fr"
grep -q "po/ar.po: [0-9]* translated messages.$" "$TMP/ok.out" || die "no statistics for ar"

# broken copies: one message gone, one fuzzy, one untranslated (no sources: only the catalogs)
for how in missing fuzzy untranslated; do
	mkdir -p "$TMP/$how/po"
	cp po/ttreport.pot po/ar.po "$TMP/$how/po/"
	$PY - "$how" po/fr.po "$TMP/$how/po/fr.po" <<'PY'
import re, sys
how, src, dst = sys.argv[1:]
s = open(src, encoding="utf-8").read()
entry = '\nmsgid "What to look at"\nmsgstr "À surveiller"\n'
assert entry in s, "the test entry moved"
if how == "missing":
    s = s.replace(entry, "\n")
elif how == "fuzzy":
    s = s.replace(entry, "\n#, fuzzy" + entry)
else:
    s = s.replace(entry, '\nmsgid "What to look at"\nmsgstr ""\n')
open(dst, "w", encoding="utf-8").write(s)
PY
	if sh po/check.sh "$TMP/$how" >"$TMP/$how.out" 2>&1; then
		cat "$TMP/$how.out"
		die "po/check.sh passed a catalog with a $how message"
	fi
	grep -q "po/fr.po" "$TMP/$how.out" || die "the $how failure does not name po/fr.po"
done
echo "catalogs complete; missing, fuzzy and untranslated messages are caught"
