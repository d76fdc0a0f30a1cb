#!/bin/sh
# The PDF of the synthetic report (written by build/tests/test_pdf): qpdf finds
# no error, pdftotext gives back the Arabic campaign names (compared after
# dropping bidi marks and NFKC, since shaped text extracts as presentation
# forms), every KPI tile value, the Japanese and emoji names drawn by the
# fallback fonts (and extracted as themselves), the visible replacement (□) for
# a character no shipped font has, with its one warning per PDF, the complaints
# by caption (linked: one link for the one that has a share_url) or video id,
# and page numbers.
build=${1:-build}
py=/usr/bin/python3
command -v qpdf >/dev/null 2>&1 || { echo "skip: qpdf not installed"; exit 77; }
command -v pdftotext >/dev/null 2>&1 || { echo "skip: pdftotext (poppler-utils) not installed"; exit 77; }
[ -x "$build/tests/test_pdf" ] || { echo "skip: $build/tests/test_pdf not built (make unit)"; exit 77; }
"$build/tests/test_pdf" >/dev/null 2>"$build/test-out/test_pdf.err" || { echo "test_pdf failed"; exit 1; }
# the first PDF test_pdf writes: one warning naming the character (then the same report again)
n=$(grep -c "no shipped font draws U+10FFFD" "$build/test-out/test_pdf.err")
[ "$n" -ge 1 ] || { echo "no warning for U+10FFFD: $(head -n 3 "$build/test-out/test_pdf.err")"; exit 1; }
grep "no shipped font draws" "$build/test-out/test_pdf.err" | grep -qv "U+10FFFD [^,]*; shown" &&
	{ echo "a warning lists more than U+10FFFD"; exit 1; }
links=$(pdfinfo -url "$build/test-out/fake.pdf" 2>/dev/null | grep -c "Annotation *https://www.tiktok.com/@ammani.store/video/7300000000000000000$")
[ "$links" -eq 1 ] || { echo "want 1 link to the complaint's video, got $links"; exit 1; }
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
        "\u6771\u4eac\u30bb\u30fc\u30eb", "\U0001f525 Flash sale \U0001f525", "Soldes d'hiver \u25a1",
        "Complaints waiting for you", "Caftan de f\u00eate \U0001f389 #caftan", "video 7300000000000000002",
        "hours ago", "Warnings"]
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
