#!/usr/bin/env python3
"""classifier_goals.py: the comment-triage goals (issue 12), measured.

  classifier_goals.py eval [--gate] [--matrix] GOLD.tsv PRED ...
      GOLD.tsv is a labeled set (id, lang, label, text); PRED the output of
      `ttreport classify --explain` on its texts, one line per comment:
      CATEGORY<TAB>RULE<TAB>LANG<TAB>ACTION<TAB>... (ACTION: reply, hide,
      flag, none, uncertain). The sets are reported one by one, then
      together (a subset, hard_cases*.tsv or *_hard*.tsv, is reported but
      not counted twice), overall and per language group. --gate: exit 1
      when a goal is missed on the sets together (overall or in a language
      group), naming each miss.

  classifier_goals.py choose CORPUS.tsv CV.tsv RULES.out [--at R,H,L,C [--gate]]
      Pick the policy thresholds by 5-fold cross-validation on the training
      corpus only: CV.tsv from `ttlearn --cv 5` (GOLD + six probabilities per
      row), RULES.out the rules' verdicts on the same rows (`ttreport
      classify --rules-only`). The policy below mirrors triage/policy.c.
      The search ranks a point by its goal misses (overall and in each
      language group), then by inquiry recall + spam/abuse hide recall.
      --at: measure these thresholds (reply_min, hide_min, hide_lead_max,
      complaint_flag) on the same folds instead of searching; with --gate,
      exit 1 when they miss a goal (overall or in a language group).

Goals: macro-F1 >= 0.85; inquiry precision (replies that go to inquiries)
>= 0.95; inquiry recall (inquiries replied to) >= 0.90; complaint recall
(complaints flagged) >= 0.80; hide precision (hidden comments that are spam,
abuse or offtopic) >= 0.97; complaints or inquiries hidden = 0.
"""
import itertools
import sys

CATS = ['inquiry', 'complaint', 'spam', 'abuse', 'offtopic', 'other']
HIDE = {'spam', 'abuse', 'offtopic'}
GROUPS = {'darija-ar': 'arabic-script', 'ar': 'arabic-script', 'darija-lat': 'latin-darija',
          'fr': 'fr-en', 'en': 'fr-en', 'mixed': 'mixed'}
GOALS = [('macro_f1', '>=', 0.85), ('inquiry_precision', '>=', 0.95), ('inquiry_recall', '>=', 0.90),
         ('complaint_recall', '>=', 0.80), ('hide_precision', '>=', 0.97), ('leads_hidden', '==', 0)]


def measure(rows):
    """rows: (gold label, predicted category, action). Returns the goal figures."""
    f1 = []
    for c in CATS:
        ng = sum(g == c for g, _, _ in rows)
        if not ng:
            continue
        tp = sum(g == c and p == c for g, p, _ in rows)
        npred = sum(p == c for _, p, _ in rows)
        pr, rc = (tp / npred if npred else 0.0), tp / ng
        f1.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    replies = [g for g, _, a in rows if a == 'reply']
    hides = [g for g, _, a in rows if a == 'hide']
    n_inq = sum(g == 'inquiry' for g, _, _ in rows)
    n_cmp = sum(g == 'complaint' for g, _, _ in rows)
    return {
        'n': len(rows),
        'macro_f1': sum(f1) / len(f1) if f1 else 1.0,
        'accuracy': sum(g == p for g, p, _ in rows) / len(rows) if rows else 1.0,
        'inquiry_precision': sum(g == 'inquiry' for g in replies) / len(replies) if replies else 1.0,
        'inquiry_recall': sum(g == 'inquiry' and a == 'reply' for g, _, a in rows) / n_inq if n_inq else 1.0,
        'complaint_recall': sum(g == 'complaint' and a == 'flag' for g, _, a in rows) / n_cmp if n_cmp else 1.0,
        'hide_precision': sum(g in HIDE for g in hides) / len(hides) if hides else 1.0,
        'leads_hidden': sum(g in ('inquiry', 'complaint') for g in hides),
        'uncertain': sum(a == 'uncertain' for _, _, a in rows),
        'hide_recall': (sum(g in ('spam', 'abuse') and a == 'hide' for g, _, a in rows)
                        / max(1, sum(g in ('spam', 'abuse') for g, _, _ in rows))),
        'replies': len(replies), 'hides': len(hides),
    }


def misses(m):
    out = []
    for k, op, goal in GOALS:
        ok = m[k] >= goal if op == '>=' else m[k] == goal
        if not ok:
            out.append(f'{k} {m[k]:.3f} (goal {op} {goal})' if op == '>=' else f'{k} {m[k]} (goal 0)')
    return out


def line(name, m):
    return (f'{name:26s} n={m["n"]:4d} macroF1 {m["macro_f1"]:.3f} acc {m["accuracy"]:.3f} '
            f'inqP {m["inquiry_precision"]:.3f} inqR {m["inquiry_recall"]:.3f} '
            f'cmpR {m["complaint_recall"]:.3f} hideP {m["hide_precision"]:.3f} '
            f'leads-hidden {m["leads_hidden"]} hideR {m["hide_recall"]:.3f} uncertain {m["uncertain"]} '
            f'(replies {m["replies"]}, hides {m["hides"]})')


def matrix(rows, title):
    print(f'confusion {title} (rows gold, columns predicted category; action counts after)')
    print(f'  {"":10s}' + ''.join(f'{c[:8]:>9s}' for c in CATS) + ''.join(
        f'{a:>10s}' for a in ('reply', 'hide', 'flag', 'none', 'uncertain')))
    for g in CATS:
        cells = [sum(r[0] == g and r[1] == c for r in rows) for c in CATS]
        acts = [sum(r[0] == g and r[2] == a for r in rows) for a in ('reply', 'hide', 'flag', 'none', 'uncertain')]
        print(f'  {g:10s}' + ''.join(f'{x:9d}' for x in cells) + ''.join(f'{x:10d}' for x in acts))


def report(sets, show_matrix):
    """sets: [(name, [(gold, pred, action, lang)])]. Returns the misses of all together."""
    allrows = []
    for name, rows in sets:
        print(line(name, measure([r[:3] for r in rows])))
        if show_matrix:
            matrix(rows, name)
        if '_hard' not in name and not name.startswith('hard_'):  # subsets: reported, not counted twice
            allrows += rows
    bad = []
    m = measure([r[:3] for r in allrows])
    print(line('ALL', m))
    bad += [f'ALL: {x}' for x in misses(m)]
    if show_matrix:
        matrix(allrows, 'ALL')
    for grp in sorted(set(GROUPS.values())):
        rows = [r[:3] for r in allrows if GROUPS[r[3]] == grp]
        if rows:
            mg = measure(rows)
            print(line('  ' + grp, mg))
            bad += [f'{grp}: {x}' for x in misses(mg)]
    return bad


def read_pairs(args):
    sets = []
    for gold_path, pred_path in zip(args[0::2], args[1::2]):
        gold = [ln.split('\t') for ln in open(gold_path, encoding='utf-8').read().splitlines()[1:]]
        pred = [ln.split('\t') for ln in open(pred_path, encoding='utf-8').read().splitlines()]
        if len(gold) != len(pred) or any(len(p) < 4 for p in pred):
            sys.exit(f'{pred_path}: {len(pred)} lines for {len(gold)} comments of {gold_path}, '
                     'or fewer than 4 columns (CATEGORY RULE LANG ACTION)')
        sets.append((gold_path.rsplit('/', 1)[-1], [(g[2], p[0], p[3], g[1]) for g, p in zip(gold, pred)]))
    return sets


# ---- threshold choice (a mirror of triage/policy.c) ----

RULE_LEAD_MAX = 0.5  # policy.c default, not searched
PRECISE = {'spam.link', 'spam.phone', 'spam.flood', 'inquiry.symbol', 'offtopic.emoji', 'other.emoji',
           'other.empty'}


def policy(p, rcat, rrule, t):
    reply_min, hide_min, lead_max, cflag = t
    if rrule in PRECISE:
        act = {'inquiry': 'reply', 'complaint': 'flag', 'spam': 'hide', 'abuse': 'hide',
               'offtopic': 'hide'}.get(rcat, 'none')
        if act == 'hide' and p[1] >= cflag:
            return 'complaint', 'flag'
        if act == 'hide' and p[0] + p[1] > RULE_LEAD_MAX:
            return rcat, 'uncertain'
        return rcat, act
    top = max(range(6), key=lambda i: (p[i], -i))
    if top == 1 or p[1] >= cflag:
        return 'complaint', 'flag'
    c = CATS[top]
    if c == 'inquiry':
        return c, 'reply' if p[0] >= reply_min else 'uncertain'
    if c in HIDE:
        if p[top] < hide_min or p[0] + p[1] > lead_max or rcat in ('inquiry', 'complaint'):
            return c, 'uncertain'
        return c, 'hide'
    return c, 'none'


def choose(corpus, cv, rules_out, at=None):
    gold_rows = [ln.split('\t') for ln in open(corpus, encoding='utf-8').read().splitlines()[1:]]
    cvr = [ln.split('\t') for ln in open(cv, encoding='utf-8').read().splitlines()]
    rules = [ln.split('\t') for ln in open(rules_out, encoding='utf-8').read().splitlines()]
    assert len(gold_rows) == len(cvr) == len(rules), 'corpus, CV and rules outputs differ in length'
    probs = [list(map(float, r[1:7])) for r in cvr]
    groups = sorted(set(GROUPS.values()))
    best = None
    grid = itertools.product([0.5, 0.55, 0.6, 0.65, 0.7], [0.6, 0.7, 0.8, 0.9], [0.05, 0.1, 0.15, 0.2, 0.3],
                             [0.2, 0.25, 0.3, 0.35])
    if at:  # given thresholds: measure them instead of searching
        grid = [at]
    for t in grid:
        rows = [(g[2],) + policy(p, r[0], r[1], t) for g, p, r in zip(gold_rows, probs, rules)]
        m = measure(rows)
        # every goal, overall and in each language group, first; then the
        # recalls (inquiries answered, spam and abuse hidden)
        missed = len(misses(m)) + sum(
            len(misses(measure([x for x, g in zip(rows, gold_rows) if GROUPS[g[1]] == grp]))) for grp in groups)
        score = (-missed, m['inquiry_recall'] + m['hide_recall'])
        if best is None or score > best[0]:
            best = (score, t, m, rows)
    _, t, m, rows = best
    print(f'{"given" if at else "chosen by 5-fold CV"} on {corpus}: reply_min {t[0]} hide_min {t[1]} hide_lead_max {t[2]} '
          f'complaint_flag {t[3]}')
    print(line('CV', m))
    matrix(rows, 'CV')
    bad = [f'ALL: {x}' for x in misses(m)]
    for grp in sorted(set(GROUPS.values())):
        sub = [r for r, g in zip(rows, gold_rows) if GROUPS[g[1]] == grp]
        print(line('  ' + grp, measure(sub)))
        bad += [f'{grp}: {x}' for x in misses(measure(sub))]
    print('goals missed: ' + '; '.join(bad) if bad else 'every goal met')
    return bad


def main(argv):
    gate = argv[-1:] == ['--gate']
    if gate:
        argv = argv[:-1]
    if len(argv) >= 1 and argv[0] == 'choose' and len(argv) in (4, 6) and (len(argv) == 4 or argv[4] == '--at'):
        at = tuple(float(x) for x in argv[5].split(',')) if len(argv) == 6 else None
        if (at is not None and len(at) != 4) or (gate and at is None):
            sys.exit('choose: --at REPLY_MIN,HIDE_MIN,HIDE_LEAD_MAX,COMPLAINT_FLAG [--gate]')
        bad = choose(*argv[1:4], at=at)
        return 1 if gate and bad else 0
    if len(argv) >= 3 and argv[0] == 'eval':
        args = argv[1:]
        gate = '--gate' in args
        show = '--matrix' in args
        args = [a for a in args if a not in ('--gate', '--matrix')]
        if len(args) % 2:
            sys.exit('eval: GOLD.tsv PRED pairs expected')
        bad = report(read_pairs(args), show)
        if bad:
            print('goals missed: ' + '; '.join(bad))
            return 1 if gate else 0
        print('every goal met')
        return 0
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
