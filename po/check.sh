#!/bin/sh
# po/check.sh [SRCDIR]: the catalogs are complete.
#  1. the template holds every message of the sources (xgettext over the C files
#     that use _()/N_()/ngettext and the metric labels of schemas/metrics.def);
#  2. each po/LANG.po has every message of the template (msgcmp), and none is
#     fuzzy or untranslated (msgfmt --statistics), and its formats match (--check).
# Exit 1 naming the catalog and the messages when not.
set -u
cd "${1:-.}" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

srcs=$(grep -l -E '\b(_|N_|NC_|NP_|ngettext)\(' core/*.c exporters/*.c etl/*.c triage/*.c 2>/dev/null)
if [ -n "$srcs" ]; then
	# shellcheck disable=SC2086
	xgettext --from-code=UTF-8 -L C -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kNP_:1,2 -kngettext:1,2 --add-comments=TRANSLATORS: \
		-o "$tmp/src.pot" $srcs || exit 1
	xgettext --from-code=UTF-8 -L C -j -kSTORED:5 -kDERIVED:4 -o "$tmp/src.pot" \
		schemas/metrics.def || exit 1
	for k in 7 8; do # levels.def: the singular label and the id column's head
		xgettext --from-code=UTF-8 -L C -j -kLEVEL:$k -o "$tmp/src.pot" schemas/levels.def || exit 1
	done
	if ! msgcmp --use-untranslated --use-fuzzy po/ttreport.pot "$tmp/src.pot" 2>"$tmp/err"; then
		echo "po/ttreport.pot lacks messages of the sources (run: make pot):" >&2
		grep -A1 'this message is used but not defined' "$tmp/err" | grep msgid >&2 || cat "$tmp/err" >&2
		fail=1
	fi
fi
for po in po/*.po; do
	if ! msgcmp "$po" po/ttreport.pot 2>"$tmp/err"; then
		echo "$po lacks messages of the template:" >&2
		sed -n 's/.*msgid /  /p' "$tmp/err" | head -20 >&2
		cat "$tmp/err" | head -5 >&2
		fail=1
	fi
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || {
		echo "$po: $stats" >&2
		fail=1
		continue
	}
	case "$stats" in
	*fuzzy* | *untranslated*)
		echo "$po: $stats" >&2
		fail=1
		;;
	esac
	echo "$po: $stats"
done
exit $fail
