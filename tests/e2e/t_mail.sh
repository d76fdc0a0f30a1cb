#!/bin/sh
# Mail against a real SMTP server on loopback (tests/smtp_server.py, aiosmtpd):
# 1. `report --mail-to` x2 against ttsim: one message to both recipients, the
#    PDF and XLSX attached byte-equal to the files, the body holds each
#    advertiser's spend and conversions from the truth, the subject the first
#    advertiser's spend and "+1 more";
# 2. a server answering 550 to RCPT: exit 5, the SMTP answer on stderr, files kept;
# 3. a server answering 554 to DATA: the same;
# 4. a non-loopback spelling of the host (::ffff:127.0.0.1) without STARTTLS: refused, exit 5;
# 5. --mail-to without an SMTP server: exit 1 before any call.
BUILD=${1:-build}
. tests/e2e/lib.sh
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "skip: python3-aiosmtpd is not installed"; exit 77; }
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=sim-token
unset TTREPORT_SMTP_URL TTREPORT_SMTP_USER TTREPORT_SMTP_PASSWORD TTREPORT_MAIL_FROM

SMTP_PIDS=""
cleanup_all() {
	for p in $SMTP_PIDS; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	cleanup
}
trap cleanup_all EXIT INT TERM

# start_smtp NAME [--refuse rcpt|data]: sets SPORT; messages land in $TMP/NAME/
start_smtp() {
	name=$1
	shift
	$PY tests/smtp_server.py "$TMP/$name" --seconds 120 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
	SMTP_PIDS="$SMTP_PIDS $!"
	i=0
	SPORT=""
	while [ $i -lt 100 ] && [ -z "$SPORT" ]; do
		SPORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/$name.out" 2>/dev/null)
		[ -n "$SPORT" ] || sleep 0.1
		i=$((i + 1))
	done
	[ -n "$SPORT" ] || { cat "$TMP/$name.err"; die "smtp_server.py did not start"; }
}

start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json"
IDS=$(adv_ids "$TMP/truth.json" 2)
export TIKTOK_ADVERTISER_IDS=$IDS

# 1. a good server
start_smtp ok
TTREPORT_SMTP_URL="smtp://127.0.0.1:$SPORT" TTREPORT_MAIL_FROM=reports@shop.example \
	"$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/o1" \
	--mail-to owner@shop.example --mail-to phone@shop.example 2>"$TMP/err1"
rc=$?
[ $rc -eq 0 ] || die "mail run: exit $rc: $(cat "$TMP/err1")"
$PY - "$TMP/ok" "$TMP/o1" "$TMP/truth.json" "$IDS" <<'EOF' || exit 1
import email, email.policy, glob, json, os, sys
from decimal import Decimal
import datetime as dt

maildir, outdir, truth, ids = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
def fail(msg):
    print("mail: " + msg)
    sys.exit(1)
emls = sorted(glob.glob(os.path.join(maildir, "*.eml")))
if len(emls) != 1:
    fail("want 1 message, got %d" % len(emls))
env = json.load(open(emls[0][:-4] + ".json"))
if env["mail_from"] != "reports@shop.example":
    fail("envelope sender %r" % env["mail_from"])
if sorted(env["rcpt_tos"]) != ["owner@shop.example", "phone@shop.example"]:
    fail("envelope recipients %r" % env["rcpt_tos"])
m = email.message_from_bytes(open(emls[0], "rb").read(), policy=email.policy.default)
files = {}
body = None
for part in m.walk():
    if part.get_content_maintype() == "multipart":
        continue
    if part.get_filename():
        files[part.get_filename()] = part.get_payload(decode=True)
    elif part.get_content_type() == "text/plain":
        body = part.get_content()
want = sorted(f for f in os.listdir(outdir) if f.endswith((".pdf", ".xlsx")))
if sorted(files) != want or len(want) != 2:
    fail("attachments %s, files %s" % (sorted(files), want))
for name, data in files.items():
    if data != open(os.path.join(outdir, name), "rb").read():
        fail("attachment %s differs from the file" % name)
if body is None:
    fail("no text/plain part")

def human(v, decimals):
    s = ("%." + str(decimals) + "f") % v
    ip, _, frac = s.partition(".")
    neg = ip.startswith("-")
    ip = ip.lstrip("-")
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    out = ("-" if neg else "") + " ".join(groups)
    return out + ("," + frac if frac else "")

t = json.load(open(truth))
first = True
for a in t["advertisers"]:
    if a["advertiser_id"] not in ids:
        continue
    today = dt.date.fromisoformat(a["local_today"])
    since, until = str(today - dt.timedelta(days=3)), str(today - dt.timedelta(days=1))
    days = [d for d in t["advertisers"][t["advertisers"].index(a)]["daily"]["advertiser"]
            if since <= d["day"][:10] <= until]
    spend = sum(Decimal(d["metrics"]["spend"]) for d in days if d["metrics"]["spend"] != "-")
    conv = sum(int(d["metrics"]["conversion"]) for d in days if d["metrics"]["conversion"] != "-")
    dec = len(days[0]["metrics"]["spend"].partition(".")[2])
    s = "%s %s" % (human(spend, dec), a["currency"])
    if s not in body:
        fail("body lacks %s's spend %r:\n%s" % (a["advertiser_id"], s, body))
    if not any(l.split()[:1] == ["Conversions"] and l.split()[1] == str(conv) for l in body.splitlines()):
        fail("body lacks %s's conversions %d" % (a["advertiser_id"], conv))
    if a["name"] not in body:
        fail("body lacks the name %r" % a["name"])
    if first and not (m["subject"].startswith("TikTok ads ") and s in m["subject"]
                      and m["subject"].rstrip().endswith("+1 more")):
        fail("subject %r" % m["subject"])
    first = False
for f in want:
    if f not in body:
        fail("body does not list the attachment %s" % f)
if "sim-token" in open(emls[0], "rb").read().decode("utf-8", "replace") or "sim-token" in body:
    fail("the message holds the access token")
EOF

# 2. RCPT refused
start_smtp rcpt --refuse rcpt
TTREPORT_SMTP_URL="smtp://127.0.0.1:$SPORT" "$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/o2" \
	--mail-to owner@shop.example 2>"$TMP/err2"
rc=$?
[ $rc -eq 5 ] || die "refused RCPT: exit $rc, want 5: $(cat "$TMP/err2")"
grep -q "550" "$TMP/err2" || die "refused RCPT: no SMTP code in: $(cat "$TMP/err2")"
[ "$(ls "$TMP/o2" | grep -c '\.pdf$\|\.xlsx$')" -eq 2 ] || die "refused RCPT: the files were not kept"

# 3. DATA refused
start_smtp data --refuse data
TTREPORT_SMTP_URL="smtp://127.0.0.1:$SPORT" "$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/o3" \
	--mail-to owner@shop.example 2>"$TMP/err3"
rc=$?
[ $rc -eq 5 ] || die "refused DATA: exit $rc, want 5: $(cat "$TMP/err3")"
grep -q "554" "$TMP/err3" || die "refused DATA: no SMTP code in: $(cat "$TMP/err3")"
[ "$(ls "$TMP/o3" | grep -c '\.pdf$\|\.xlsx$')" -eq 2 ] || die "refused DATA: the files were not kept"

# 4. not spelled as loopback: STARTTLS is required, the plain server cannot offer it
start_smtp tls
TTREPORT_SMTP_URL="smtp://[::ffff:127.0.0.1]:$SPORT" "$BUILD/ttreport" report -q --api-base "$BASE" \
	-o "$TMP/o4" --mail-to owner@shop.example 2>"$TMP/err4"
rc=$?
if grep -qi "connect" "$TMP/err4"; then
	echo "note: no IPv4-mapped IPv6 here, STARTTLS case not run"
else
	[ $rc -eq 5 ] || die "no STARTTLS: exit $rc, want 5: $(cat "$TMP/err4")"
	grep -qi "starttls\|ssl\|tls" "$TMP/err4" || die "no STARTTLS: unclear message: $(cat "$TMP/err4")"
	[ -z "$(ls "$TMP/tls" 2>/dev/null)" ] || die "no STARTTLS: the message was sent in the clear"
fi

# 5. --mail-to with no server configured: a usage error, nothing called
"$BUILD/ttreport" report -q --api-base "$BASE" -o "$TMP/o5" --mail-to owner@shop.example 2>"$TMP/err5"
rc=$?
[ $rc -eq 1 ] || die "no SMTP URL: exit $rc, want 1"
grep -q "TTREPORT_SMTP_URL" "$TMP/err5" || die "no SMTP URL: unclear message: $(cat "$TMP/err5")"
[ ! -e "$TMP/o5" ] || die "no SMTP URL: outputs were written"
echo "mail: all checks passed"
