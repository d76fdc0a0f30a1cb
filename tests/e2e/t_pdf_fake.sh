#!/bin/sh
# The PDF of the synthetic report (written by build/tests/test_pdf): qpdf finds
# no error, pdftotext gives back the Arabic campaign names (compared after
# dropping bidi marks and NFKC, since shaped text extracts as presentation
# forms), every KPI tile value, the visible replacement for the Japanese name,
# and page numbers.
build=${1:-build}
py=/usr/bin/python3
command -v qpdf >/dev/null 2>&1 || { echo "skip: qpdf not installed"; exit 77; }
command -v pdftotext >/dev/null 2>&1 || { echo "skip: pdftotext (poppler-utils) not installed"; exit 77; }
[ -x "$build/tests/test_pdf" ] || { echo "skip: $build/tests/test_pdf not built (make unit)"; exit 77; }
"$build/tests/test_pdf" >/dev/null 2>&1 || { echo "test_pdf failed"; exit 1; }
pdf=$build/test-out/fake.pdf
kpis=$build/test-out/fake-pdf-kpis.txt
[ -s "$pdf" ] && [ -s "$kpis" ] || { echo "test_pdf wrote no $pdf"; exit 1; }
qpdf --check "$pdf" >/dev/null 2>&1 || { echo "qpdf --check: $(qpdf --check "$pdf" 2>&1 | tail -n 2)"; exit 1; }
txt=$(mktemp /tmp/t_pdf_fake.XXXXXX)
trap 'rm -f "$txt"' EXIT
pdftotext -enc UTF-8 "$pdf" "$txt" 2>/dev/null || { echo "pdftotext failed"; exit 1; }
$py - "$txt" "$kpis" <<'PY'
import re, sys, unicodedata
raw = open(sys.argv[1], encoding="utf-8").read()
text = unicodedata.normalize("NFKC", re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", raw))
flat = re.sub(r"[ \t]+", " ", text)
# pdftotext rebuilds right-to-left runs but not the paragraph direction, so a
# name mixing Arabic and digits is checked word by word, on one line.
mixed = ["عبايات جديدة 2026", "فيديو 2 – عباية سوداء"]
lines = [set(l.split()) for l in flat.splitlines()]
want = ["تخفيضات رمضان", "حقائب يد فاخرة", "Ammani Store", "Ammani Europe", "Promo Black Friday – Abayas", "Soldes d'hiver",
        "\u25a1\u25a1\u25a1\u25a1\u25a1", "\u25a1 Flash sale \u25a1",
        "Complaints waiting for you", "7400000000000000002", "Warnings"]
want += [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
missing = [w for w in want if w not in flat]
for m in mixed:
    words = re.findall(r"[\u0600-\u06ff]+|[0-9]+", m)
    if not any(all(w in l for w in words) for l in flat.splitlines()):
        missing.append(m)
pages = flat.split("\f")
if pages and not pages[-1].strip():
    pages.pop()
for i, page in enumerate(pages):
    # poppler extracts "1 / 9" as "1/9"
    if not re.search(r"(?m)^\s*%d ?/ ?%d\s*$" % (i + 1, len(pages)), page):
        missing.append("page number %d / %d" % (i + 1, len(pages)))
        break
if "\ufeff" in raw:
    missing.append("no U+FEFF left in the text")
if missing:
    print("not found in the PDF text: " + "; ".join(missing[:8]))
    sys.exit(1)
PY
