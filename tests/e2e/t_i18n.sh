#!/bin/sh
# The owner's language, every glyph, complaints the owner can act on (issue 15).
# Against ttsim (French, Arabic, emoji and Japanese names), the nightly job runs
# three times, --lang en, fr, ar, each mailing a loopback SMTP server:
#  1. the fr and ar PDFs (pdftotext) and mail bodies hold none of the English
#     labels the en run shows (labels: every msgid of po/LANG.po whose
#     translation differs, cut at its format specifiers);
#  2. pdffonts lists the fallback fonts embedded as subsets; pdftotext finds no
#     U+25A1 box; the emoji of the names come out of pdftotext as themselves;
#  3. pdfinfo -url lists one link per complaint waiting (the action log's
#     complaint+flag lines), each a video's share_url, and the mail body carries
#     the same links; no comment text appears in the PDF or the mail;
#  4. the workbook's sheets print landscape, one page wide, header row repeated,
#     with a footer (openpyxl), and budget modes read as words.
BUILD=${1:-build}
. tests/e2e/lib.sh
for t in pdftotext pdffonts pdfinfo; do
	command -v $t >/dev/null || { echo "skip: $t (poppler-utils) is not installed"; exit 77; }
done
$PY -c 'import aiosmtpd, openpyxl' 2>/dev/null || { echo "skip: python3-aiosmtpd/openpyxl missing"; exit 77; }
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token \
	TIKTOK_ACCOUNT_TOKEN=sim-account-token TIKTOK_BUSINESS_ID=sim-business \
	TIKTOK_APP_ID=sim-app-id TIKTOK_APP_SECRET=sim-app-secret
unset TTREPORT_SMTP_USER TTREPORT_SMTP_PASSWORD LANGUAGE LC_ALL LC_MESSAGES LANG TIKTOK_ADVERTISER_IDS

start_smtp 300
export TTREPORT_MAIL_FROM=reports@shop.example

start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json"
for lang in en fr ar; do
	LC_ALL=C timeout 300 "$BUILD/ttreport" run --lang $lang --api-base "$BASE" -o "$TMP/$lang" \
		--mail-to owner@shop.example 2>"$TMP/$lang.err"
	rc=$?
	[ $rc -eq 0 ] || die "--lang $lang: exit $rc: $(tail -n 5 "$TMP/$lang.err")"
	mv "$TMP/mail" "$TMP/mail.$lang" && mkdir "$TMP/mail"
	pdf=$(ls "$TMP/$lang"/ttreport_*.pdf)
	pdftotext "$pdf" "$TMP/$lang.txt" 2>/dev/null || die "pdftotext $lang"
	pdffonts "$pdf" >"$TMP/$lang.fonts" 2>/dev/null || die "pdffonts $lang"
	pdfinfo -url "$pdf" >"$TMP/$lang.urls" 2>/dev/null || die "pdfinfo -url $lang"
	pdfinfo "$pdf" >"$TMP/$lang.info" 2>/dev/null || die "pdfinfo $lang"
done

$PY - "$TMP" po <<'PY' || exit 1
import email, email.policy, glob, json, os, re, sys
tmp, podir = sys.argv[1], sys.argv[2]
def fail(msg):
    print("i18n: " + msg)
    sys.exit(1)

def body_of(lang):
    emls = sorted(glob.glob(os.path.join(tmp, "mail." + lang, "*.eml")))
    if len(emls) != 1:
        fail("%s: want 1 message, got %d" % (lang, len(emls)))
    m = email.message_from_bytes(open(emls[0], "rb").read(), policy=email.policy.default)
    for part in m.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return str(m["Subject"]) + "\n" + part.get_content()
    fail("%s: no text part" % lang)

def read_po(path):
    """msgid (singular and plural) -> translations, from a PO file."""
    entries, cur, key = [], {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            if key == "msgid" and cur:
                entries.append(cur)
                cur = {}
            cur.setdefault(key, "")
            cur[key] += json.loads('"' + m.group(2) + '"')
        elif line.startswith('"') and key:
            cur[key] += json.loads(line)
    if cur:
        entries.append(cur)
    return [e for e in entries if e.get("msgid")]

pdf = {l: open(os.path.join(tmp, l + ".txt"), encoding="utf-8").read() for l in ("en", "fr", "ar")}
mail = {l: body_of(l) for l in ("en", "fr", "ar")}
def has(text, frag):
    """frag as words of text, not inside an identifier such as complaint.order or a URL"""
    text = re.sub(r"https?://\S+", " ", text)
    return re.search(r"(?<![\w.])" + re.escape(frag) + r"(?!\w|\.\w)", text) is not None

for lang in ("fr", "ar"):
    labels = set()
    entries = read_po(os.path.join(podir, lang + ".po"))
    alltr = "\n".join(v for e in entries for k, v in e.items() if k.startswith("msgstr"))
    for e in entries:
        for mid in (e["msgid"], e.get("msgid_plural", "")):
            for frag in re.split(r"%[-+ #0-9.]*(?:zu|lld|ld|d|s|%)|&[PN]|[\n:;,.()\"«»·→]", mid):
                frag = frag.strip()
                # a label: a word or more, that no translation uses too (Impressions, CPA, ROAS)
                if len(re.sub(r"[^A-Za-z]", "", frag)) >= 4 and not has(alltr, frag):
                    labels.add(frag)
    seen = {k: [f for f in labels if has((pdf if k == "pdf" else mail)["en"], f)] for k in ("pdf", "mail")}
    for kind, src in (("pdf", pdf), ("mail", mail)):
        if len(seen[kind]) < (25 if kind == "pdf" else 8):
            fail("%s: only %d English labels found in the en %s: %s" % (lang, len(seen[kind]), kind, seen[kind]))
        left = sorted(f for f in seen[kind] if has(src[lang], f))
        if left:
            fail("--lang %s: English labels left in the %s: %s" % (lang, kind, left))
        print("--lang %s: none of the %d English labels of the en %s" % (lang, len(seen[kind]), kind))
    if "Dépenses" not in pdf["fr"] + mail["fr"] and lang == "fr":
        fail("fr: no French label")
    if lang == "ar" and "المصاريف" not in mail["ar"]:
        fail("ar: no Arabic label in the mail")
    # the document's title, in the language (UTF-16 in the PDF, not mojibake)
    title = [l for l in open(os.path.join(tmp, lang + ".info"), encoding="utf-8") if l.startswith("Title:")]
    if not title or {"fr": "Résumé des pubs TikTok", "ar": "ملخص إعلانات تيك توك"}[lang] not in title[0]:
        fail("%s: PDF title %r" % (lang, title))

# 2. fonts and glyphs
for lang in ("en", "fr", "ar"):
    fonts = open(os.path.join(tmp, lang + ".fonts")).read()
    for name in ("Symbola", "DroidSansFallback", "DejaVuSans"):
        m = re.search(r"^\w{6}\+%s\S*\s.*\byes\s+yes\b" % name, fonts, re.M)
        if not m:
            fail("%s: %s not embedded as a subset:\n%s" % (lang, name, fonts))
    if "\u25a1" in pdf[lang]:
        fail("%s: pdftotext finds a box (U+25A1): %s" % (lang, [l for l in pdf[lang].splitlines() if "\u25a1" in l][:5]))
truth = json.load(open(os.path.join(tmp, "truth.json"), encoding="utf-8"))
names = set()
def walk(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k.endswith("name") and isinstance(v, str):
                names.add(v)
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(truth)
# a name shown in the PDF comes out of pdftotext whole, emoji and CJK included
flat = " ".join(pdf["en"].split())
def strip_vs(s):
    return "".join(c for c in s if not (0xFE00 <= ord(c) <= 0xFE0F or ord(c) == 0x200D))
special = [n for n in names if any(ord(c) >= 0x1F000 or 0x3040 <= ord(c) <= 0x9FFF for c in n)]
checked = 0
for n in special:
    base = " ".join("".join(c for c in n if ord(c) < 0x2000).split())
    whole = " ".join(strip_vs(n).split())
    if len(base) >= 4 and base in flat:
        if whole not in flat:
            fail("en: the name %r shows in the PDF but pdftotext gives %r" % (whole, base))
        checked += 1
    elif len(base) < 4 and whole in flat:
        checked += 1
if checked < 2:
    fail("only %d names with emoji or CJK found in the PDF" % checked)
print("fonts embedded, no box; %d names with emoji or CJK extract whole from the PDF" % checked)

# 3. complaints: one link each, the same in the mail; never the comment's text
acts = [json.loads(l) for l in open(glob.glob(os.path.join(tmp, "en", "actions_*.jsonl"))[0])]
waiting = [a for a in acts if a["category"] == "complaint" and a["action"] == "flag"]
if not waiting:
    fail("no complaint waiting in the demo data")
corpus = open("tests/sim/sim_corpus.c", encoding="utf-8").read()
texts = re.findall(r'\{ "([^"]{12,})", "complaint"', corpus)
for lang in ("en", "fr", "ar"):
    urls = [l.split()[-1] for l in open(os.path.join(tmp, lang + ".urls")) if "Annotation" in l]
    if len(urls) != len(waiting):
        fail("%s: %d links in the PDF, %d complaints waiting" % (lang, len(urls), len(waiting)))
    for a, u in zip(sorted(waiting, key=lambda a: a["video_id"]), sorted(urls, key=lambda u: u.rsplit("/", 1)[-1])):
        if not u.startswith("https://www.tiktok.com/@") or not u.endswith("/video/" + a["video_id"]):
            fail("%s: link %s is not the share_url of video %s" % (lang, u, a["video_id"]))
    in_mail = re.findall(r"https://www\.tiktok\.com/\S+", mail[lang])
    if sorted(in_mail) != sorted(urls):
        fail("%s: the mail's links %s differ from the PDF's %s" % (lang, sorted(in_mail), sorted(urls)))
    for t in texts:
        if t in pdf[lang] or t in mail[lang]:
            fail("%s: a complaint's text is shown: %s" % (lang, t))
print("%d complaints waiting: %d links in each PDF, the same in each mail, no comment text"
      % (len(waiting), len(waiting)))
PY

# 4. the workbook prints well, in each language (and is well-formed: openpyxl reads it)
$PY - "$TMP" <<'PY' || exit 1
import glob, sys, openpyxl
def fail(msg):
    print("xlsx: " + msg)
    sys.exit(1)
words = {"en": "Daily budget", "fr": "Budget quotidien", "ar": "ميزانية يومية"}

def check(wb, lang):
    for ws in wb.worksheets:
        ps = ws.page_setup
        if ps.orientation != "landscape":
            fail("%s %s: orientation %r" % (lang, ws.title, ps.orientation))
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            fail("%s %s: not fit to page" % (lang, ws.title))
        if ps.fitToWidth not in (1, None) or ps.fitToHeight != 0:  # None: the default, 1
            fail("%s %s: fit %r x %r, want 1 wide x any tall" % (lang, ws.title, ps.fitToWidth, ps.fitToHeight))
        if "&P" not in (ws.oddFooter.right.text or "") + (ws.oddFooter.center.text or ""):
            fail("%s %s: no page number in the footer" % (lang, ws.title))
        if not (ws.oddFooter.left.text or ""):
            fail("%s %s: no title in the footer" % (lang, ws.title))
        if ws.title in ("Campaigns", "Ad groups", "Ads", "Daily", "Comments") and not ws.print_title_rows:
            fail("%s %s: header row not repeated" % (lang, ws.title))
    vals = {c.value for row in wb["Campaigns"].iter_rows() for c in row if isinstance(c.value, str)}
    if any(v.startswith("BUDGET_MODE_") or "_STATUS_" in v for v in vals):
        fail("%s Campaigns: raw enumerations %s" % (lang, sorted(v for v in vals if "_" in v and v.isupper())[:5]))
    if words[lang] not in vals:
        fail("%s Campaigns: no %r (the words for BUDGET_MODE_DAY)" % (lang, words[lang]))
    if [ws.title for ws in wb.worksheets] != ["Summary", "Campaigns", "Ad groups", "Ads", "Daily", "Comments"]:
        fail("%s: sheet names %s" % (lang, [ws.title for ws in wb.worksheets]))

for lang in ("en", "fr", "ar"):
    check(openpyxl.load_workbook(glob.glob(sys.argv[1] + "/" + lang + "/ttreport_*.xlsx")[0]), lang)
print("workbooks en, fr, ar: every sheet landscape, 1 page wide, header rows repeated, footer with "
      "title and page numbers; enumerations as words; sheet names unchanged")
PY
echo "i18n: ok"
