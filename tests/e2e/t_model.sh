#!/bin/sh
# The comment model's build step (issue 12):
#  - the training rows the build used hold no evaluation row, equal or near
#    (scripts/corpus_dedupe.py), and the check does catch a planted one;
#  - training is deterministic: the same corpus gives the same model bytes
#    twice and equal to BUILD/comments.model; one row less gives other bytes.
BUILD=${1:-build}
. tests/e2e/lib.sh
EVAL="fixtures/comments/dev.tsv fixtures/comments/challenge.tsv fixtures/comments/heldout.tsv"
for f in "$BUILD/comments.model" "$BUILD/comments/train.tsv" "$BUILD/comments/train.norm" "$BUILD/tools/ttlearn"; do
	[ -f "$f" ] || die "no $f (make builds it)"
done

# 1. no evaluation row in what the model was trained on
$PY scripts/corpus_dedupe.py --report "$TMP/dedupe.txt" --eval $EVAL -- "$BUILD/comments/train.tsv" ||
	die "training rows near an evaluation row: $(head -n 5 "$TMP/dedupe.txt")"
head -n 1 "$TMP/dedupe.txt" | grep -q '^0 training rows' || die "dedupe report: $(head -n 1 "$TMP/dedupe.txt")"

# a planted near-duplicate (an evaluation text with one word changed) is caught and dropped
{
	head -n 3 "$BUILD/comments/train.tsv"
	sed -n 3p fixtures/comments/heldout.tsv | awk -F'\t' 'BEGIN{OFS="\t"} {$1="zz001"; $4=$4 " svp"; print}'
} >"$TMP/planted.tsv"
if $PY scripts/corpus_dedupe.py --report "$TMP/planted.txt" --eval $EVAL -- "$TMP/planted.tsv"; then
	die "a planted near-duplicate of an evaluation row was not caught"
fi
$PY scripts/corpus_dedupe.py --out "$TMP/kept.tsv" --report "$TMP/planted.txt" --eval $EVAL -- "$TMP/planted.tsv" ||
	die "corpus_dedupe.py --out failed"
[ "$(wc -l <"$TMP/kept.tsv")" -eq 3 ] || die "the planted row was not dropped: $(cat "$TMP/kept.tsv")"
grep -q 'zz001' "$TMP/planted.txt" || die "the report does not name the planted row"

# 2. deterministic training
"$BUILD/tools/ttlearn" "$BUILD/comments/train.norm" "$TMP/a.model" || die "ttlearn failed"
"$BUILD/tools/ttlearn" "$BUILD/comments/train.norm" "$TMP/b.model" || die "ttlearn failed"
cmp -s "$TMP/a.model" "$TMP/b.model" || die "two trainings on the same corpus differ"
cmp -s "$TMP/a.model" "$BUILD/comments.model" || die "retraining does not give $BUILD/comments.model"
sed 1d "$BUILD/comments/train.norm" >"$TMP/less.norm"
"$BUILD/tools/ttlearn" "$TMP/less.norm" "$TMP/c.model" || die "ttlearn failed"
cmp -s "$TMP/a.model" "$TMP/c.model" && die "one training row less gave the same model bytes"
echo "model: $(wc -c <"$BUILD/comments.model") bytes, deterministic; training rows: $(sed 1d "$BUILD/comments/train.tsv" | wc -l), none near an evaluation row"
exit 0
