#!/bin/sh
# 5-fold cross-validation of the comment classifier on the training corpus
# (the rows the build trained on, BUILD/comments/train.tsv), through the same
# policy: the out-of-fold probabilities (ttlearn --cv 5, a comment and its
# translations always in the same fold), the rules' verdicts
# on the same rows, then scripts/classifier_goals.py choose, which picks the
# policy thresholds on these folds (never on the evaluation sets) and prints
# the goals overall and per language group with the confusion matrix.
#   sh scripts/classifier_cv.sh [BUILD] [R,H,L,C [--gate]]   (after make)
# With R,H,L,C (reply_min, hide_min, hide_lead_max, complaint_flag) those
# thresholds are measured on the folds instead of searched; --gate exits 1
# when they miss a goal (tests/e2e/t_classify_cv.sh).
BUILD=${1:-build}
AT=${2:-}
GATE=${3:-}
set -e
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-cv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# a comment and its translations (id + "-fr", "-en", ...) share a fold
tail -n +2 "$BUILD/comments/train.tsv" | cut -f1 | sed 's/-[a-z][a-z]$//' >"$tmp/groups"
"$BUILD/tools/ttlearn" --cv 5 --groups "$tmp/groups" "$BUILD/comments/train.norm" "$tmp/cv.tsv"
# the rules' own verdicts: --explain's last column, "rule.name:category"
tail -n +2 "$BUILD/comments/train.tsv" | cut -f4 |
	"$BUILD/ttreport" classify --explain --rules schemas/rules.conf --model "$BUILD/comments.model" |
	awk -F'\t' '{ n = split($NF, a, ":"); print a[n] "\t" substr($NF, 1, length($NF) - length(a[n]) - 1) }' >"$tmp/rules.out"
/usr/bin/python3 scripts/classifier_goals.py choose "$BUILD/comments/train.tsv" "$tmp/cv.tsv" "$tmp/rules.out" ${AT:+--at "$AT"} $GATE
