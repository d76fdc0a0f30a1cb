#!/bin/sh
# The acceptance gate of comment classification (issue 12): `ttreport
# classify --explain` (rules + the built model + the policy, default
# thresholds) over the evaluation sets, none of them trained on: dev.tsv,
# challenge.tsv, heldout.tsv (and hard_cases.tsv, rows of dev.tsv, and
# heldout_hard.tsv, rows of heldout.tsv, reported apart). Fails unless, on the sets together, overall and in every language
# group: macro-F1 >= 0.85, inquiry precision (replies that go to inquiries)
# >= 0.95, inquiry recall (inquiries replied to) >= 0.90, complaint recall
# (complaints flagged) >= 0.80, hide precision >= 0.97, and no inquiry or
# complaint hidden. Prints the confusion matrices.
BUILD=${1:-build}
. tests/e2e/lib.sh
BIN="$BUILD/ttreport"
MODEL="$BUILD/comments.model"
[ -x "$BIN" ] || die "no $BIN"
[ -f "$MODEL" ] || die "no $MODEL (make builds it from fixtures/comments/corpus)"

# hard_cases.tsv lists dev ids, heldout_hard.tsv heldout ids: their rows, as labeled sets
$PY - "$TMP" <<'PYEOF' || die "cannot build the hard cases sets"
import sys
for hard, base, out in (('hard_cases', 'dev', 'hard_cases'), ('heldout_hard', 'heldout', 'heldout_hard')):
    ids = [l.split('\t')[0] for l in open(f'fixtures/comments/{hard}.tsv', encoding='utf-8').read().splitlines()[1:]]
    rows = {l.split('\t')[0]: l for l in open(f'fixtures/comments/{base}.tsv', encoding='utf-8').read().splitlines()[1:]}
    missing = [i for i in ids if i not in rows]
    if missing or not ids:
        sys.exit(f'{hard}.tsv: ids not in {base}.tsv: {missing}')
    open(f'{sys.argv[1]}/{out}.tsv', 'w', encoding='utf-8').write(
        'id\tlang\tlabel\ttext\n' + ''.join(rows[i] + '\n' for i in ids))
PYEOF

pairs=""
for tsv in fixtures/comments/dev.tsv fixtures/comments/challenge.tsv fixtures/comments/heldout.tsv \
	"$TMP/hard_cases.tsv" "$TMP/heldout_hard.tsv"; do
	[ -f "$tsv" ] || die "no $tsv"
	name=$(basename "$tsv" .tsv)
	tail -n +2 "$tsv" | cut -f4 >"$TMP/$name.in"
	timeout 120 "$BIN" classify --explain --model "$MODEL" --rules schemas/rules.conf <"$TMP/$name.in" \
		>"$TMP/$name.out" 2>"$TMP/$name.err" || die "ttreport classify failed on $tsv: $(head -n 3 "$TMP/$name.err")"
	pairs="$pairs $tsv $TMP/$name.out"
done
$PY scripts/classifier_goals.py eval --gate --matrix $pairs
