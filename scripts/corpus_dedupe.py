#!/usr/bin/env python3
"""corpus_dedupe.py: keep the evaluation sets out of the training corpus.

usage: corpus_dedupe.py [--out TRAIN.tsv] [--report FILE] --eval E.tsv ... -- CORPUS.tsv ...

A training row is dropped when its text equals an evaluation text after
normalisation (case, accents, Arabic diacritics and tatweel, emoji,
punctuation, spaces and letter elongation removed: GUIDELINES.md "Data
checks") or is a near-duplicate of one (difflib ratio >= 0.8 on the
normalised texts). Rows are also checked (header, 4 columns, labels).

--out writes the kept training rows (one header, every corpus file in the
order given). Without --out the script only checks: exit 1 when any training
row would be dropped. Exit 2 on a malformed file (named with its line).
"""
import difflib
import sys
import unicodedata

LABELS = ('inquiry', 'complaint', 'spam', 'abuse', 'offtopic', 'other')
LANGS = ('darija-ar', 'darija-lat', 'ar', 'fr', 'en', 'mixed')
RATIO = 0.8
ARABIC_FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه',
                             'ؤ': 'و', 'ئ': 'ي', 'ک': 'ك', 'ی': 'ي', 'ـ': None})


def norm(text):
    s = unicodedata.normalize('NFKD', text).casefold().translate(ARABIC_FOLD)
    out = []
    for ch in s:
        if unicodedata.category(ch).startswith('M'):
            continue  # accents, Arabic diacritics
        if not ch.isalnum():
            continue  # spaces, punctuation, emoji, symbols
        if out and out[-1] == ch and not ch.isdigit():
            continue  # letter elongation
        out.append(ch)
    if not out:  # emoji or symbols only: distinct when the symbols differ
        return '#' + ''.join(ch for ch in text if not ch.isspace() and ch != '\ufe0f')
    return ''.join(out)


def read_tsv(path, want_cols=4):
    rows = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0].split('\t')[:1] != ['id']:
        sys.exit(f'{path}:1: expected a header starting with "id"')
    for n, line in enumerate(lines[1:], 2):
        cols = line.split('\t')
        if len(cols) != want_cols:
            sys.exit(f'{path}:{n}: {len(cols)} columns, expected {want_cols}')
        if cols[2] not in LABELS:
            sys.exit(f'{path}:{n}: label "{cols[2]}" is not one of {", ".join(LABELS)}')
        if cols[1] not in LANGS:
            sys.exit(f'{path}:{n}: lang "{cols[1]}" is not one of {", ".join(LANGS)}')
        if not cols[3].strip():
            sys.exit(f'{path}:{n}: empty text')
        rows.append((path, n, cols))
    return rows


class Near:
    """Is a normalised text a near-duplicate of b? The matcher keeps b's index
    (difflib caches the second sequence), so one Near per evaluation row serves
    every training row."""

    def __init__(self, b):
        self.b = b
        self.sm = difflib.SequenceMatcher(None, '', b, autojunk=False)

    def __call__(self, a):
        b = self.b
        if a == b:
            return True
        if a[0] == '#' or b[0] == '#':
            return False  # symbol-only texts: exact equality only
        la, lb = len(a), len(b)
        if not la or not lb or 2.0 * min(la, lb) / (la + lb) < RATIO:
            return False
        sm = self.sm
        sm.set_seq1(a)
        return sm.real_quick_ratio() >= RATIO and sm.quick_ratio() >= RATIO and sm.ratio() >= RATIO


def main(argv):
    out = report = None
    evals, corpus = [], []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '--out':
            out, i = argv[i + 1], i + 2
        elif a == '--report':
            report, i = argv[i + 1], i + 2
        elif a == '--eval':
            i += 1
            while i < len(argv) and not argv[i].startswith('--'):
                evals.append(argv[i])
                i += 1
        elif a == '--':
            corpus, i = argv[i + 1:], len(argv)
        else:
            sys.exit(f'corpus_dedupe.py: unknown argument {a}')
    if not evals or not corpus:
        sys.exit(__doc__)
    ev = [(p, n, c, norm(c[3])) for e in evals for p, n, c in read_tsv(e)]
    nears = [Near(x[3]) for x in ev]
    exact = {x[3]: x for x in ev}
    kept, dropped = [], []
    for p, n, c in (r for f in corpus for r in read_tsv(f)):
        k = norm(c[3])
        hit = exact.get(k) or next((x for x, f in zip(ev, nears) if f(k)), None)
        if hit:
            dropped.append(f'{p}:{n} {c[0]} ~ {hit[0]}:{hit[1]} {hit[2][0]}\t{c[3]}\t|\t{hit[2][3]}')
        else:
            kept.append(c)
    lines = [f'{len(dropped)} training rows equal or near an evaluation row'] + dropped
    if report:
        with open(report, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
    else:
        print('\n'.join(lines), file=sys.stderr)
    if out:
        with open(out, 'w', encoding='utf-8') as f:
            f.write('id\tlang\tlabel\ttext\n')
            f.writelines('\t'.join(c) + '\n' for c in kept)
        return 0
    return 1 if dropped else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
