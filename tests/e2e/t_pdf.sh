#!/bin/sh
# End to end: ttreport against ttsim writes a PDF that qpdf accepts and whose
# KPI tiles, as pdftotext -layout reads them, equal the values recomputed from
# ttsim's truth (advertiser-level daily rows over the window, reach from the
# truth's period entry), printed the way people read them ("1 234,56 MAD",
# "1,09 %", "3,10"). Skips while `ttreport report` is not available.
build=${1:-build}
py=/usr/bin/python3
[ -x "$build/ttsim" ] && [ -x "$build/ttreport" ] || { echo "skip: $build/ttsim or $build/ttreport not built"; exit 77; }
command -v qpdf >/dev/null 2>&1 || { echo "skip: qpdf not installed"; exit 77; }
command -v pdftotext >/dev/null 2>&1 || { echo "skip: pdftotext (poppler-utils) not installed"; exit 77; }

tmp=$(mktemp -d /tmp/t_pdf.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
"$build/ttsim" --port 0 --seed 7 --today 2026-11-20 --truth "$tmp/T.json" >"$tmp/sim.out" 2>"$tmp/sim.err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q '^listening on' "$tmp/sim.out" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n '1s/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/sim.out")
[ -n "$port" ] || { echo "ttsim did not start: $(head -c 300 "$tmp/sim.err")"; exit 1; }
i=0
while [ $i -lt 50 ] && [ ! -s "$tmp/T.json" ]; do sleep 0.1; i=$((i + 1)); done
id=$($py -c 'import json, sys; print(json.load(open(sys.argv[1]))["advertisers"][0]["advertiser_id"])' "$tmp/T.json") ||
	{ echo "cannot read the first advertiser id from the truth"; exit 1; }

mkdir -p "$tmp/out"
TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$id \
	timeout 120 "$build/ttreport" report --api-base "http://127.0.0.1:$port/open_api/v1.3/" \
	-o "$tmp/out" --format pdf >"$tmp/run.out" 2>"$tmp/run.err"
rc=$?
[ $rc -eq 0 ] || { echo "ttreport exit $rc: $(tail -n 3 "$tmp/run.err")"; exit 1; }
pdf=$(ls "$tmp"/out/ttreport_*.pdf 2>/dev/null | head -n 1)
[ -n "$pdf" ] || { echo "no PDF written"; exit 1; }
ls -a "$tmp/out" | grep -q 'tmp' && { echo "temporary file left in the output folder"; exit 1; }
qpdf --check "$pdf" >/dev/null 2>&1 || { echo "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -n 2)"; exit 1; }
pdftotext -layout -enc UTF-8 "$pdf" "$tmp/pdf.txt" 2>/dev/null || { echo "pdftotext failed"; exit 1; }

$py - "$tmp/T.json" "$id" "$tmp/pdf.txt" <<'PY'
import datetime as dt, json, re, sys
from decimal import Decimal, ROUND_HALF_UP

truth = json.load(open(sys.argv[1]))
adv = next(a for a in truth["advertisers"] if a["advertiser_id"] == sys.argv[2])
text = re.sub(r"[ \t]+", " ", open(sys.argv[3], encoding="utf-8").read())
ZERO_DEC = set("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split())
cur = adv["currency"]
dec = 0 if cur in ZERO_DEC else 3 if cur in ("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND") else 2
today = dt.date.fromisoformat(adv["local_today"])
since, until = str(today - dt.timedelta(days=3)), str(today - dt.timedelta(days=1))

def num(v):
    return None if v in (None, "", "-") else Decimal(str(v))

def total(name):
    vals = [num(r["metrics"].get(name)) for r in adv["daily"]["advertiser"]
            if since <= r["day"] <= until]
    vals = [v for v in vals if v is not None]
    return sum(vals, Decimal(0)) if vals else None

def human(v, places):
    if v is None:
        return "-"
    q = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign, s = ("-", str(-q)) if q < 0 else ("", str(q))
    ip, _, fp = s.partition(".")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    return sign + " ".join(groups) + ("," + fp if fp else "")

def ratio(n, d, factor):
    return None if n is None or d is None or d == 0 else n * factor / d

spend, impr, clicks = total("spend"), total("impressions"), total("clicks")
conv, value = total("conversion"), total("total_complete_payment_rate")
period = [p for p in adv["periods"] if p["level"] == "advertiser" and p["since"] == since and p["until"] == until]
reach = num(period[0]["rows"][0]["metrics"].get("reach")) if period and period[0]["rows"] else None
money = lambda v: human(v, dec) + " " + cur if v is not None else "-"
want = {
    "spend": money(spend), "impressions": human(impr, 0), "reach": human(reach, 0),
    "clicks": human(clicks, 0), "CTR": human(ratio(clicks, impr, 100), 2) + " %",
    "CPC": money(ratio(spend, clicks, 1)), "CPM": money(ratio(spend, impr, 1000)),
    "conversions": human(conv, 0), "CPA": money(ratio(spend, conv, 1)),
    "conversion value": money(value), "ROAS": human(ratio(value, spend, 1), 2),
}
missing = ["%s %r" % (k, v) for k, v in want.items() if v not in text]
if missing:
    print("KPI values not in the PDF text (window %s..%s): %s" % (since, until, "; ".join(missing)))
    sys.exit(1)
PY
echo ok
