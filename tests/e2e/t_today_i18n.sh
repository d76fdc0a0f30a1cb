#!/bin/sh
# ttreport today in the owner's language. Against ttsim with two alert
# scenarios (budget_fast@9, spend_no_conv@9) at 10:05 UTC, the Casablanca
# advertiser, `today --lang en|fr|ar` each writes its page and mails a
# loopback SMTP server:
#  1. the fr and ar PDFs (pdftotext) and mails (subject + body) hold none of
#     the English labels the en run shows (labels: every msgid of po/LANG.po
#     whose translation differs, cut at its format specifiers, as t_i18n.sh);
#  2. the French alert mail's subject is French ("Alerte pubs TikTok : ") and
#     writes amounts as "1 234,56 MAD"; the Arabic one is Arabic, its amounts
#     in "درهم" with Western digits kept whole (U+202F between digit groups);
#  3. the French page dates "20 nov. 2026", the Arabic one with the month
#     "نونبر" (no ISO date).
BUILD=${1:-build}
. tests/e2e/lib.sh
command -v pdftotext >/dev/null || { echo "skip: pdftotext (poppler-utils) is not installed"; exit 77; }
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "skip: python3-aiosmtpd is not installed"; exit 77; }
export TTREPORT_NOW=2026-11-20T10:05:00Z TIKTOK_ACCESS_TOKEN=sim-token TTREPORT_MAIL_FROM=alerts@shop.example
unset TTREPORT_SMTP_USER TTREPORT_SMTP_PASSWORD LANGUAGE LC_ALL LC_MESSAGES LANG TIKTOK_ADVERTISER_IDS

start_smtp 120
printf '[report]\nfont = %s\n' "$PWD/$BUILD/DejaVuSans-flat.ttf" >"$TMP/t.conf"

start_sim --seed 7 --campaigns 6 --scenario spend_no_conv@9 --scenario budget_fast@9 \
	--now $TTREPORT_NOW --truth "$TMP/truth.json"
ID=$($PY -c 'import json,sys; print([a["advertiser_id"] for a in json.load(open(sys.argv[1]))["advertisers"] if a.get("timezone") == "Africa/Casablanca"][0])' "$TMP/truth.json")
for lang in en fr ar; do
	mkdir -p "$TMP/mail"
	LC_ALL=C "$BUILD/ttreport" today -q -c "$TMP/t.conf" --lang $lang --api-base "$BASE" \
		--advertiser "$ID" -o "$TMP/$lang" --format pdf --mail-to owner@shop.example 2>"$TMP/$lang.err"
	rc=$?
	[ $rc -eq 0 ] || die "today --lang $lang: exit $rc: $(tail -n 5 "$TMP/$lang.err")"
	mv "$TMP/mail" "$TMP/mail.$lang"
	pdftotext "$TMP/$lang"/ttreport_today_*.pdf "$TMP/$lang.txt" 2>/dev/null || die "pdftotext $lang"
done

$PY - "$TMP" po <<'PY' || exit 1
import email, email.policy, glob, json, os, re, sys, unicodedata
tmp, podir = sys.argv[1], sys.argv[2]
def fail(msg):
    print("today i18n: " + msg)
    sys.exit(1)

def mail_of(lang):
    emls = sorted(glob.glob(os.path.join(tmp, "mail." + lang, "*.eml")))
    if len(emls) != 1:
        fail("%s: want 1 message (an alert fired), got %d" % (lang, len(emls)))
    m = email.message_from_bytes(open(emls[0], "rb").read(), policy=email.policy.default)
    for part in m.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return str(m["Subject"]), part.get_content()
    fail("%s: no text part" % lang)

def read_po(path):
    entries, cur, key = [], {}, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if m:
            key = m.group(1)
            if key in ("msgid", "msgctxt") and cur and any(k.startswith("msgstr") for k in cur):
                entries.append(cur)
                cur = {}
            cur.setdefault(key, "")
            cur[key] += json.loads('"' + m.group(2) + '"')
        elif line.startswith('"') and key:
            cur[key] += json.loads(line)
    if cur:
        entries.append(cur)
    return [e for e in entries if e.get("msgid")]

def has(text, frag):
    return re.search(r"(?<![\w.])" + re.escape(frag) + r"(?!\w|\.\w)", text) is not None

pdf = {l: open(os.path.join(tmp, l + ".txt"), encoding="utf-8").read() for l in ("en", "fr", "ar")}
mail = {l: "\n".join(mail_of(l)) for l in ("en", "fr", "ar")}
for lang in ("fr", "ar"):
    labels = set()
    entries = read_po(os.path.join(podir, lang + ".po"))
    alltr = "\n".join(v for e in entries for k, v in e.items() if k.startswith("msgstr"))
    for e in entries:
        for mid in (e["msgid"], e.get("msgid_plural", "")):
            for frag in re.split(r"%[-+ #0-9.]*(?:zu|lld|ld|d|s|%)|&[PN]|[\n:;,.()\"«»·→]", mid):
                frag = frag.strip()
                if len(re.sub(r"[^A-Za-z]", "", frag)) >= 4 and not has(alltr, frag):
                    labels.add(frag)
    for kind, src, least in (("pdf", pdf, 20), ("mail", mail, 10)):
        seen = sorted(f for f in labels if has(src["en"], f))
        if len(seen) < least:
            fail("%s: only %d English labels in the en %s: %s" % (lang, len(seen), kind, seen))
        left = sorted(f for f in seen if has(src[lang], f))
        if left:
            fail("--lang %s: English labels left in the %s: %s" % (lang, kind, left))
        print("--lang %s: none of the %d English labels of the en %s" % (lang, len(seen), kind))

subj = {l: mail_of(l)[0] for l in ("en", "fr", "ar")}
if not subj["en"].startswith("TikTok ads alert: "):
    fail("en subject %r" % subj["en"])
if not subj["fr"].startswith("Alerte pubs TikTok : ") or not re.search(r"\b\d+,\d\d MAD\b", subj["fr"]):
    fail("fr subject %r: not French, or no amount as 623,00 MAD" % subj["fr"])
if not subj["ar"].startswith("إنذار إعلانات تيك توك: ") or "درهم" not in subj["ar"]:
    fail("ar subject %r" % subj["ar"])
if re.search(r"\d \d", mail["ar"]) or not re.search("\\d\u202f\\d{3},\\d\\d", mail["ar"]):
    fail("ar mail: digit groups not joined by U+202F")
if re.search(r"[\u0660-\u0669]", pdf["ar"] + mail["ar"]):
    fail("ar: Eastern Arabic digits (Morocco writes Western ones)")
# pdftotext gives Arabic presentation forms and bidi marks around the digit runs
ar_text = re.sub("[\u202a-\u202e]", "", unicodedata.normalize("NFKC", pdf["ar"]))
if "20 nov. 2026" not in pdf["fr"] or not re.search("نونبر", ar_text) or "2026-11-20" in ar_text:
    fail("the day is not written in the language: fr %r, ar %r"
         % (re.findall(r"20 \S+ 2026", pdf["fr"]), re.findall(r"\S+ *نونبر *\S+", ar_text)))
print("subjects: %s | %s | %s" % (subj["en"], subj["fr"], subj["ar"]))
PY
echo "today i18n: ok"
