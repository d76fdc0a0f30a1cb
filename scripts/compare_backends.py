#!/usr/bin/env python3
"""compare_backends.py: fastText vs liblinear on the comment corpus.

usage: compare_backends.py TTNORM TRAIN.tsv EVAL.tsv... > report

Both learners read the same text (ttnorm, i.e. triage/modeltext.c). For each:
5-fold cross-validation on the training corpus (folds fixed by row index) and
a model trained on the whole corpus scored on every evaluation set. Prints
accuracy, macro-F1, log-loss, training time, model size and load+predict
time. The evaluation sets are only scored, never used to pick a setting.
"""
import math
import os
import subprocess
import sys
import tempfile
import time
import zlib

LABELS = ['inquiry', 'complaint', 'spam', 'abuse', 'offtopic', 'other']
FT = '/usr/bin/fasttext'
LL_TRAIN, LL_PRED = '/usr/bin/liblinear-train', '/usr/bin/liblinear-predict'
FT_ARGS = ['-minn', '2', '-maxn', '5', '-wordNgrams', '2', '-dim', '50', '-epoch', '40', '-lr', '0.5',
           '-bucket', '200000', '-thread', '1', '-seed', '1', '-loss', 'softmax', '-verbose', '0']
HASH_BITS = 18


def norm_rows(ttnorm, tsv):
    out = subprocess.run([ttnorm, '--tsv', '--own-domain', 'ammani.store'], stdin=open(tsv, 'rb'),
                         capture_output=True, check=True).stdout.decode('utf-8')
    langs = [ln.split('\t')[1] for ln in open(tsv, encoding='utf-8').read().splitlines()[1:]]
    rows = [ln.split('\t', 1) for ln in out.splitlines()]
    return [(lab, txt, lg) for (lab, txt), lg in zip(rows, langs)]


# ---- fastText through its command line ----

def ft_train(rows, path, extra=()):
    with open(path + '.txt', 'w', encoding='utf-8') as f:
        f.writelines(f'__label__{lab} {txt}\n' for lab, txt, _ in rows)
    subprocess.run([FT, 'supervised', '-input', path + '.txt', '-output', path] + FT_ARGS + list(extra),
                   check=True, capture_output=True)
    return path + '.bin'


def ft_predict(model, rows, tmp):
    with open(tmp, 'w', encoding='utf-8') as f:
        f.writelines(f'{txt}\n' for _, txt, _ in rows)
    out = subprocess.run([FT, 'predict-prob', model, tmp, '6'], capture_output=True, check=True).stdout
    probs = []
    for ln in out.decode('utf-8').splitlines():
        p = dict.fromkeys(LABELS, 1e-6)
        parts = ln.split()
        for i in range(0, len(parts), 2):
            p[parts[i].replace('__label__', '')] = float(parts[i + 1])
        probs.append(p)
    return probs


# ---- liblinear: hashed char 1-5-grams of each word and word 1-2-grams ----

def features(txt):
    feats = {}
    words = txt.split()
    for w in words:
        b = f'<{w}>'
        for n in range(1, 6):
            for i in range(len(b) - n + 1):
                feats[zlib.crc32(('c' + b[i:i + n]).encode()) % (1 << HASH_BITS) + 1] = 1.0
    for i, w in enumerate(words):
        feats[zlib.crc32(('w' + w).encode()) % (1 << HASH_BITS) + 1] = 1.0
        if i + 1 < len(words):
            feats[zlib.crc32(('b' + w + ' ' + words[i + 1]).encode()) % (1 << HASH_BITS) + 1] = 1.0
    norm = math.sqrt(len(feats)) or 1.0
    return sorted((k, v / norm) for k, v in feats.items())


def ll_write(rows, path):
    with open(path, 'w') as f:
        for lab, txt, _ in rows:
            f.write(str(LABELS.index(lab) + 1) + ''.join(f' {k}:{v:.6f}' for k, v in features(txt)) + '\n')


def ll_train(rows, path, c='4'):
    ll_write(rows, path + '.svm')
    subprocess.run([LL_TRAIN, '-s', '0', '-c', c, '-B', '1', '-q', path + '.svm', path + '.model'],
                   check=True, capture_output=True)
    return path + '.model'


def ll_predict(model, rows, tmp):
    ll_write(rows, tmp)
    subprocess.run([LL_PRED, '-b', '1', '-q', tmp, model, tmp + '.out'], check=True, capture_output=True)
    lines = open(tmp + '.out').read().splitlines()
    order = [LABELS[int(x) - 1] for x in lines[0].split()[1:]]
    return [dict(zip(order, map(float, ln.split()[1:]))) for ln in lines[1:]]


def scores(rows, probs):
    gold = [r[0] for r in rows]
    pred = [max(p, key=p.get) for p in probs]
    f1s = []
    for c in LABELS:
        tp = sum(g == c and q == c for g, q in zip(gold, pred))
        npred, ngold = pred.count(c), gold.count(c)
        pr, rc = tp / npred if npred else 0, tp / ngold if ngold else 0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    acc = sum(g == q for g, q in zip(gold, pred)) / len(gold)
    ll = -sum(math.log(max(p.get(g, 1e-6), 1e-6)) for g, p in zip(gold, probs)) / len(gold)
    return acc, sum(f1s) / len(f1s), ll


def run(name, train, predict, rows, evals, tmp):
    t0 = time.time()
    allp = [None] * len(rows)
    for k in range(5):
        tr = [r for i, r in enumerate(rows) if i % 5 != k]
        te_idx = [i for i in range(len(rows)) if i % 5 == k]
        m = train(tr, os.path.join(tmp, f'{name}{k}'))
        for i, p in zip(te_idx, predict(m, [rows[i] for i in te_idx], os.path.join(tmp, 'te'))):
            allp[i] = p
    cv_time = time.time() - t0
    acc, f1, ll = scores(rows, allp)
    print(f'{name}: 5-fold CV   acc {acc:.3f} macro-F1 {f1:.3f} log-loss {ll:.3f} ({cv_time:.1f} s for 5 folds)')
    t0 = time.time()
    model = train(rows, os.path.join(tmp, name + 'all'))
    print(f'{name}: full train {time.time() - t0:.2f} s, model {os.path.getsize(model)} bytes')
    for ev, erows in evals:
        t0 = time.time()
        acc, f1, ll = scores(erows, predict(model, erows, os.path.join(tmp, 'ev')))
        print(f'{name}: {ev:28s} acc {acc:.3f} macro-F1 {f1:.3f} log-loss {ll:.3f} '
              f'(load+predict {time.time() - t0:.2f} s, CLI)')
    return model


def main():
    ttnorm, train_tsv, eval_tsvs = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows = norm_rows(ttnorm, train_tsv)
    evals = [(os.path.basename(e), norm_rows(ttnorm, e)) for e in eval_tsvs]
    print(f'training rows {len(rows)}; evaluation rows ' + ', '.join(f'{n} {len(r)}' for n, r in evals))
    with tempfile.TemporaryDirectory() as tmp:
        ftm = run('fasttext', ft_train, ft_predict, rows, evals, tmp)
        t0 = time.time()
        subprocess.run([FT, 'quantize', '-input', os.path.join(tmp, 'fasttextall.txt'), '-output',
                        ftm[:-4], '-qnorm', '-cutoff', '50000', '-retrain', '-thread', '1', '-seed', '1',
                        '-epoch', '40', '-lr', '0.5', '-verbose', '0'], check=True, capture_output=True)
        print(f'fasttext: quantize {time.time() - t0:.2f} s, model {os.path.getsize(ftm[:-4] + ".ftz")} bytes')
        for ev, erows in evals:
            acc, f1, ll = scores(erows, ft_predict(ftm[:-4] + '.ftz', erows, os.path.join(tmp, 'ev')))
            print(f'fasttext-q: {ev:26s} acc {acc:.3f} macro-F1 {f1:.3f} log-loss {ll:.3f}')
        for c in ('1', '4', '16'):
            run(f'liblinear-c{c}', lambda r, p, c=c: ll_train(r, p, c), ll_predict, rows, evals, tmp)


if __name__ == '__main__':
    main()
