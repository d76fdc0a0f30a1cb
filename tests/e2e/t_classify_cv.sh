#!/bin/sh
# The cross-validation gate of comment classification (issue 12): 5-fold CV
# on the training corpus (a comment and its translations in one fold),
# through the rules and the policy at the shipped thresholds (the defaults
# that `ttreport --help` prints). Fails unless, overall and in every language group:
# macro-F1 >= 0.85, inquiry precision >= 0.95, inquiry recall >= 0.90,
# complaint recall >= 0.80, hide precision >= 0.97, no inquiry or complaint
# hidden (scripts/classifier_goals.py choose --at ... --gate).
BUILD=${1:-build}
. tests/e2e/lib.sh
[ -f "$BUILD/comments/train.norm" ] && [ -x "$BUILD/tools/ttlearn" ] || die "no $BUILD/comments/train.norm (make builds it)"
"$BUILD/ttreport" --help >"$TMP/help" 2>&1 || die "ttreport --help failed"
default() {
	sed -n "s/^ *triage\.$1 .*(default \([0-9.]*\))\$/\1/p" "$TMP/help"
}
at="$(default reply_min),$(default hide_min),$(default hide_lead_max),$(default complaint_flag)"
case "$at" in
*,,* | ,* | *,) die "cannot read the triage thresholds from ttreport --help: '$at'" ;;
esac
TMPDIR="$TMP" sh scripts/classifier_cv.sh "$BUILD" "$at" --gate >"$TMP/cv.out" 2>&1
rc=$?
cat "$TMP/cv.out"
[ $rc -eq 0 ] || die "5-fold CV misses a goal at the shipped thresholds ($at)"
echo "ok: 5-fold CV meets every goal at $at"
