#!/bin/sh
# ttreport classify over the labeled comment sets (fixtures/comments/*.tsv):
# prints per-category precision/recall and fails unless no inquiry or complaint
# is hidden, hide precision >= 0.97 and inquiry recall >= 0.90.
BUILD=${1:-build}
PY=/usr/bin/python3
BIN="$BUILD/ttreport"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ttreport-classify.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

[ -x "$BIN" ] || { echo "no $BIN"; exit 1; }

rc=0
for set in dev challenge; do
	tsv=fixtures/comments/$set.tsv
	[ -f "$tsv" ] || { echo "no $tsv"; exit 1; }
	tail -n +2 "$tsv" | cut -f4 >"$TMP/$set.in"
	if ! timeout 60 "$BIN" classify --rules schemas/rules.conf <"$TMP/$set.in" >"$TMP/$set.out" 2>"$TMP/$set.err"; then
		echo "ttreport classify failed on $tsv: $(head -n 1 "$TMP/$set.err")"
		exit 1
	fi
	"$PY" - "$tsv" "$TMP/$set.out" <<'PYEOF' || rc=1
import sys
tsv, out = sys.argv[1], sys.argv[2]
gold = [l.split('\t') for l in open(tsv, encoding='utf-8').read().splitlines()[1:]]
pred = [l.split('\t') for l in open(out, encoding='utf-8').read().splitlines()]
if len(pred) != len(gold) or any(len(p) != 3 for p in pred):
    print(f"{tsv}: {len(pred)} output lines for {len(gold)} comments, or not CATEGORY<TAB>RULE<TAB>LANG")
    sys.exit(1)
cats = ['inquiry', 'complaint', 'spam', 'abuse', 'offtopic', 'other']
hide = {'spam', 'abuse', 'offtopic'}
pairs = list(zip(gold, pred))
print(f"{tsv}: {len(pairs)} comments, accuracy {sum(g[2] == p[0] for g, p in pairs) / len(pairs):.3f}, "
      f"language {sum(g[1] == p[2] for g, p in pairs) / len(pairs):.3f}")
print(f"  {'category':10s} {'precision':>9s} {'recall':>7s} {'gold':>5s} {'pred':>5s}")
stat = {}
for c in cats:
    tp = sum(g[2] == c and p[0] == c for g, p in pairs)
    np_ = sum(p[0] == c for g, p in pairs)
    ng = sum(g[2] == c for g, p in pairs)
    stat[c] = (tp, np_, ng)
    print(f"  {c:10s} {tp / np_ if np_ else 1:9.3f} {tp / ng if ng else 1:7.3f} {ng:5d} {np_:5d}")
hidden = [(g, p) for g, p in pairs if p[0] in hide]
hide_prec = sum(g[2] in hide for g, p in hidden) / len(hidden) if hidden else 1.0
leads = [(g, p) for g, p in hidden if g[2] in ('inquiry', 'complaint')]
tp, _, ng = stat['inquiry']
inq_rec = tp / ng if ng else 1.0
print(f"  hide precision {hide_prec:.3f}, inquiry recall {inq_rec:.3f}, leads hidden {len(leads)}")
for g, p in pairs:
    if g[2] != p[0]:
        print(f"  miss {g[0]}: {g[2]} -> {p[0]} ({p[1]}) {g[3]}")
bad = []
if leads:
    bad.append(f"{len(leads)} inquiry/complaint comments would be hidden: " + ", ".join(g[0] for g, p in leads))
if hide_prec < 0.97:
    bad.append(f"hide precision {hide_prec:.3f} < 0.97")
if inq_rec < 0.90:
    bad.append(f"inquiry recall {inq_rec:.3f} < 0.90")
if bad:
    print(f"{tsv}: " + "; ".join(bad))
    sys.exit(1)
PYEOF
done
exit $rc
