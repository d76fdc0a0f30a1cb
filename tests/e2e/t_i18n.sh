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
	TIKTOK_ACCOUNT_TOKEN=sim-account-token TIKTOK_BUSINESS_ID=sim-business
unset TTREPORT_SMTP_USER TTREPORT_SMTP_PASSWORD LANGUAGE LC_ALL LC_MESSAGES LANG TIKTOK_ADVERTISER_IDS

SMTP_PID=""
trap '[ -n "$SMTP_PID" ] && kill $SMTP_PID 2>/dev/null; cleanup' EXIT INT TERM
$PY tests/smtp_server.py "$TMP/mail" --seconds 300 >"$TMP/smtp.out" 2>"$TMP/smtp.err" &
SMTP_PID=$!
i=0
SPORT=""
while [ $i -lt 100 ] && [ -z "$SPORT" ]; do
	SPORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/smtp.out" 2>/dev/null)
	[ -n "$SPORT" ] || sleep 0.1
	i=$((i + 1))
done
[ -n "$SPORT" ] || die "smtp_server.py did not start"
export TTREPORT_SMTP_URL="smtp://127.0.0.1:$SPORT" TTREPORT_MAIL_FROM=reports@shop.example

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
for lang in ("fr", "ar"):
    labels = set()
    for e in read_po(os.path.join(podir, lang + ".po")):
        trs = [v for k, v in e.items() if k.startswith("msgstr")]
        for mid in (e["msgid"], e.get("msgid_plural", "")):
            for frag in re.split(r"%[-+ #0-9.]*(?:zu|lld|ld|d|s|%)|[\n:;,.()\"«»·→]", mid):
                frag = frag.strip()
                # a label: a word or more, not also in a translation (Impressions, CPA, ROAS)
                if len(re.sub(r"[^A-Za-z]", "", frag)) >= 4 and not any(frag in t for t in trs):
                    labels.add(frag)
    seen = {k: [f for f in labels if f in (pdf if k == "pdf" else mail)["en"]] for k in ("pdf", "mail")}
    for kind, src in (("pdf", pdf), ("mail", mail)):
        if len(seen[kind]) < (25 if kind == "pdf" else 8):
            fail("%s: only %d English labels found in the en %s: %s" % (lang, len(seen[kind]), kind, seen[kind]))
        left = sorted(f for f in seen[kind] if f in src[lang])
        if left:
            fail("--lang %s: English labels left in the %s: %s" % (lang, kind, left))
        print("--lang %s: none of the %d English labels of the en %s" % (lang, len(seen[kind]), kind))
    if "Dépenses" not in pdf["fr"] + mail["fr"] and lang == "fr":
        fail("fr: no French label")
    if lang == "ar" and "المصاريف" not in mail["ar"]:
        fail("ar: no Arabic label in the mail")

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
emoji = sorted({c for n in names for c in n if ord(c) >= 0x1F000})
if not emoji:
    fail("the truth has no emoji names")
for c in emoji:
    if c not in pdf["en"]:
        fail("en: %s (U+%04X) of a name is not in pdftotext's text" % (c, ord(c)))
cjk = sorted({c for n in names for c in n if 0x3040 <= ord(c) <= 0x9FFF})
shown_cjk = [c for c in cjk if c in pdf["en"]]
print("fonts embedded, no box; %d emoji and %d CJK characters of the names extract as themselves"
      % (len(emoji), len(shown_cjk)))

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

# 4. the workbook prints well
$PY - "$TMP/fr" <<'PY' || exit 1
import glob, sys, openpyxl
wb = openpyxl.load_workbook(glob.glob(sys.argv[1] + "/ttreport_*.xlsx")[0])
def fail(msg):
    print("xlsx: " + msg)
    sys.exit(1)
for ws in wb.worksheets:
    ps = ws.page_setup
    if ps.orientation != "landscape":
        fail("%s: orientation %r" % (ws.title, ps.orientation))
    if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("%s: not fit to page" % ws.title)
    if ps.fitToWidth not in (1, None) or ps.fitToHeight != 0:
        fail("%s: fit %r x %r, want 1 wide x any tall" % (ws.title, ps.fitToWidth, ps.fitToHeight))
    if "&P" not in (ws.oddFooter.right.text or "") + (ws.oddFooter.center.text or ""):
        fail("%s: no page number in the footer" % ws.title)
    if not (ws.oddFooter.left.text or ""):
        fail("%s: no title in the footer" % ws.title)
    if ws.title in ("Campaigns", "Ad groups", "Ads", "Daily") and not ws.print_title_rows:
        fail("%s: header row not repeated" % ws.title)
ws = wb["Campaigns"]
vals = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
if any(v.startswith("BUDGET_MODE_") or "_STATUS_" in v for v in vals):
    fail("Campaigns: raw enumerations %s" % sorted(v for v in vals if "_" in v and v.isupper())[:5])
if "Budget quotidien" not in vals:
    fail("Campaigns: no 'Budget quotidien' (fr words for BUDGET_MODE_DAY)")
print("workbook: %d sheets landscape, 1 page wide, titles repeated, footer; enumerations as words"
      % len(wb.worksheets))
PY
echo "i18n: ok"
