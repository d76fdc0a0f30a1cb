#!/bin/sh
# Command-line behaviour, table-driven: each row gives the arguments, the
# environment, a config file, the expected exit code and a substring the
# message must hold (stderr; stdout for exit 0), and optionally a substring it
# must NOT hold (a secret). Then the same against ttsim for the calls that talk
# to the API: `api`, `auth`, -q, a wrong token.
BUILD=${1:-build}
. tests/e2e/lib.sh
BIN=$(cd "$(dirname "$BUILD/ttreport")" && pwd)/ttreport
[ -x "$BIN" ] || die "no $BIN"
mkdir -p "$TMP/cwd"
CONF="$TMP/t.conf"
CRED="$TMP/cred"
fails=0

# run_row EXIT WANT FORBID ENV CONFIG ARGS
run_row() {
	want_rc=$1 want=$2 forbid=$3 envs=$4 config=$5 args=$6
	rm -f "$CONF" "$CRED"
	if [ -n "$config" ]; then
		printf '%b' "$config" | sed "s#@CRED@#$CRED#g" >"$CONF"
		printf 'TIKTOK_ACCESS_TOKEN = cred-secret-value\n' >"$CRED"
		chmod 644 "$CRED" # the rows that want it private chmod it in the config text
	fi
	args=$(printf '%s' "$args" | sed "s#@CONF@#$CONF#g")
	want=$(printf '%s' "$want" | sed "s#@CONF@#$CONF#g; s#@CRED@#$CRED#g")
	# a clean environment and a folder without ./ttreport.conf
	# shellcheck disable=SC2086
	(cd "$TMP/cwd" && eval "env -i PATH=\"\$PATH\" HOME=\"$TMP\" $envs \"\$BIN\" $args") \
		>"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$want_rc" -eq 0 ]; then where="$TMP/out"; else where="$TMP/err"; fi
	if [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL [$args]: exit $rc, want $want_rc: $(head -c 300 "$TMP/err")"
		fails=$((fails + 1))
	elif ! grep -qF -- "$want" "$where"; then
		echo "FAIL [$args]: message lacks '$want': $(head -c 300 "$where")"
		fails=$((fails + 1))
	elif [ -n "$forbid" ] && grep -qF -- "$forbid" "$TMP/out" "$TMP/err"; then
		echo "FAIL [$args]: output shows '$forbid'"
		fails=$((fails + 1))
	fi
}

# EXIT | WANT | FORBID | ENV | CONFIG (printf %b) | ARGS
while IFS='|' read -r want_rc want forbid envs config args; do
	case $want_rc in '#'* | '') continue ;; esac
	run_row "$want_rc" "$want" "$forbid" "$envs" "$config" "$args"
done <<'TABLE'
# usage
1|unknown option '--bogus'|||| report --bogus
1|unknown option '-x'|||| report -x
1|--lookback needs a value|||| report --lookback
1|unknown command 'frobnicate'|||| frobnicate
1|unexpected argument 'extra'|||| report extra
1|the command goes first|||| -q report
1|--lookback 0: expected a whole number from 1 to 365|||| report --lookback 0
1|--format docx: expected a comma list of xlsx, pdf, csv|||| report --format docx
1|--since 2026-03-02 is after --until 2026-03-01|||| report --since 2026-03-02 --until 2026-03-01
1|--since 2026-02-30: expected a real date YYYY-MM-DD|||| report --since 2026-02-30 --until 2026-03-10
1|--until 2026-13-01: expected a real date|||| report --since 2026-01-01 --until 2026-13-01
1|--since and --until go together|||| report --since 2026-01-01
1|advertiser id '12ab' is not a number|||| report --advertiser 12ab
1|api base 'ftp://x/' is not an http(s) URL|||| report --api-base ftp://x/
0|ttreport 0.|||| --version
0|usage: ttreport|||| --help
0|usage: ttreport|||| report --help
# configuration file
1|/nonexistent/tt.conf: No such file or directory|||| report -c /nonexistent/tt.conf
1|@CONF@:3: report.lookbak: unknown key|||[report]\nout = x\nlookbak = 4\n| report -c @CONF@
1|@CONF@:2: api.qps: expected a whole number from 1 to 1000 (value 'fast')|||[api]\nqps = fast\n| report -c @CONF@
1|@CONF@:3: triage.mode: expected apply or dry-run|||[triage]\n; comment\nmode = yes\n| report -c @CONF@
1|@CONF@:2: report.since: expected a real date YYYY-MM-DD|||[report]\nsince = 2026-02-30\nuntil = 2026-03-01\n| report -c @CONF@
1|@CONF@:2: not a 'key = value' line|||[report]\nlookback 3\n| report -c @CONF@
1|@CONF@:2: api.access_token: unknown key (secrets go in the environment|hunter2-secret||[api]\naccess_token = hunter2-secret\n| report -c @CONF@
1|@CONF@:1: lookback: key outside any [section]|||lookback = 3\n| report -c @CONF@
# credentials file
1|@CRED@: credentials file is open to group or others (mode 644); chmod 600 it|cred-secret-value||[api]\ncredentials = @CRED@\n| report -c @CONF@
1|--mail-to needs an SMTP server: set mail.smtp_url or TTREPORT_SMTP_URL|||| report --mail-to a@shop.example
1|SMTP URL is not smtp:// or smtps://||TTREPORT_SMTP_URL=http://x.example|| report --mail-to a@shop.example
# issue 14: -qc FILE reads FILE (a cluster ending in -c)
1|@CONF@:3: report.lookbak: unknown key|||[report]\nout = x\nlookbak = 4\n| report -qc @CONF@
1|@CONF@:3: report.lookbak: unknown key|||[report]\nout = x\nlookbak = 4\n| report -vqc@CONF@
# issue 14: day 0 (1970-01-01) is a date like any other: the real reason is given
1|the window is longer than 10 years|||| report --since 1970-01-01 --until 2026-11-18
1|the window is longer than 10 years|||[report]\nsince = 1970-01-01\nuntil = 2026-11-18\n| report -c @CONF@
1|no access token|||| report --since 1970-01-01 --until 1970-01-02
# issue 14: an --until no timezone has reached stops before any call (not exit 3)
1|the window ends 2099-01-31, in the future||TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=t TIKTOK_ADVERTISER_IDS=1|| report --since 2099-01-01 --until 2099-01-31 --api-base http://127.0.0.1:9/
1|the window ends 2026-11-21, in the future||TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCESS_TOKEN=t TIKTOK_ADVERTISER_IDS=1|| report --since 2026-11-01 --until 2026-11-21 --api-base http://127.0.0.1:9/
1|mail recipient 'a@b@c' is not a plain address||TTREPORT_SMTP_URL=smtp://127.0.0.1:2525|| report --mail-to a@b@c
1|mail.smtp_user is set but TTREPORT_SMTP_PASSWORD is not||TTREPORT_SMTP_URL=smtps://x.example TTREPORT_SMTP_USER=u|| report --mail-to a@shop.example
# secrets missing
1|no access token: set TIKTOK_ACCESS_TOKEN||TIKTOK_ADVERTISER_IDS=7000000000000000001|| report --api-base http://127.0.0.1:9/
TABLE

# `api` and `auth`: their usage errors
while IFS='|' read -r want_rc want forbid envs config args; do
	case $want_rc in '#'* | '') continue ;; esac
	run_row "$want_rc" "$want" "$forbid" "$envs" "$config" "$args"
done <<'TABLE'
1|api: expected GET|||| api GET
1|api: method 'FETCH' is not GET or POST|||| api FETCH advertiser/info/
1|api GET: 'advertiser_ids' is not NAME=VALUE|||| api GET advertiser/info/ advertiser_ids
1|api POST: the body must be a JSON object|||| api POST business/comment/hide/ not-json
1|api advertiser/info/: no access token: set TIKTOK_ACCESS_TOKEN|||| api GET advertiser/info/ a=b
1|api business/video/list/: no TikTok account token|||| api GET business/video/list/
1|auth: expected exchange-code CODE, account-code CODE or refresh|||| auth
1|auth: unknown subcommand 'renew'|||| auth renew
1|auth refresh: set api.credentials in the config file|||| auth refresh
1|auth exchange-code: expected one argument, the CODE|||| auth exchange-code
TABLE

# against ttsim
start_sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json"
ID=$(adv_ids "$TMP/truth.json" 1)
export TTREPORT_NOW=2026-11-20T06:00:00Z
unset TIKTOK_ACCESS_TOKEN TIKTOK_ACCOUNT_TOKEN TIKTOK_APP_SECRET TIKTOK_APP_ID TIKTOK_REFRESH_TOKEN

# -q keeps warnings and errors only; without it, info lines
TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$ID "$BIN" report -q --api-base "$BASE" -o "$TMP/q" \
	--format csv 2>"$TMP/err" || die "report -q failed: $(cat "$TMP/err")"
if grep -v " warning: \| error: " "$TMP/err" | grep -q .; then
	echo "FAIL: -q printed more than warnings: $(head -c 300 "$TMP/err")"
	fails=$((fails + 1))
fi
TIKTOK_ACCESS_TOKEN=sim-token TIKTOK_ADVERTISER_IDS=$ID "$BIN" report --api-base "$BASE" -o "$TMP/q" \
	--format csv 2>"$TMP/err" || die "report failed"
grep -q " info: " "$TMP/err" || { echo "FAIL: no info lines without -q"; fails=$((fails + 1)); }
grep -q "sim-token" "$TMP/err" && { echo "FAIL: the token is in the log"; fails=$((fails + 1)); }

# a wrong token: exit 2, naming the API's code
TIKTOK_ACCESS_TOKEN=wrong TIKTOK_ADVERTISER_IDS=$ID "$BIN" report -q --api-base "$BASE" -o "$TMP/w" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && grep -q 40105 "$TMP/err" ||
	{ echo "FAIL: wrong token: exit $rc: $(cat "$TMP/err")"; fails=$((fails + 1)); }

# api GET: the JSON answer on stdout, the token nowhere
TIKTOK_ACCESS_TOKEN=sim-token "$BIN" api GET advertiser/info/ "advertiser_ids=[\"$ID\"]" \
	--api-base "$BASE" -v >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: api GET: exit $rc: $(cat "$TMP/err")"; fails=$((fails + 1)); }
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["code"]==0 and d["data"]["list"][0]["advertiser_id"]==sys.argv[2]' \
	"$TMP/out" "$ID" || { echo "FAIL: api GET: not the JSON answer"; fails=$((fails + 1)); }
grep -q "sim-token" "$TMP/out" "$TMP/err" && { echo "FAIL: api GET echoed the token"; fails=$((fails + 1)); }
# api with the wrong kind of token, and a wrong token: exit 2
TIKTOK_ACCESS_TOKEN=wrong "$BIN" api GET advertiser/info/ "advertiser_ids=[\"$ID\"]" --api-base "$BASE" \
	>/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: api wrong token: exit $rc"; fails=$((fails + 1)); }
grep -q "wrong" "$TMP/err" && { echo "FAIL: api echoed the token"; fails=$((fails + 1)); }
# api POST to business/ uses the account token
TIKTOK_ACCOUNT_TOKEN=sim-account-token "$BIN" api GET business/video/list/ business_id=sim-business \
	--api-base "$BASE" >"$TMP/out" 2>"$TMP/err" ||
	{ echo "FAIL: api business/: $(cat "$TMP/err")"; fails=$((fails + 1)); }

# auth: tokens into a new 0600 credentials file, nothing secret printed
printf '[api]\ncredentials = %s\napp_id = sim-app-id\nredirect_uri = https://shop.example/cb\n' \
	"$TMP/creds" >"$TMP/auth.conf"
rm -f "$TMP/creds"
(umask 022 && TIKTOK_APP_SECRET=sim-app-secret "$BIN" auth exchange-code sim-auth-code \
	-c "$TMP/auth.conf" --api-base "$BASE" >"$TMP/out" 2>"$TMP/err")
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: auth exchange-code: exit $rc: $(cat "$TMP/err")"; fails=$((fails + 1)); }
[ "$(stat -c %a "$TMP/creds" 2>/dev/null)" = 600 ] || { echo "FAIL: credentials not 0600"; fails=$((fails + 1)); }
grep -q "^TIKTOK_ACCESS_TOKEN = sim-token$" "$TMP/creds" &&
	grep -q "^TIKTOK_ADVERTISER_IDS = $ID," "$TMP/creds" ||
	{ echo "FAIL: exchange-code wrote: $(cat "$TMP/creds")"; fails=$((fails + 1)); }
TIKTOK_APP_SECRET=sim-app-secret "$BIN" auth account-code sim-auth-code -c "$TMP/auth.conf" \
	--api-base "$BASE" >>"$TMP/out" 2>>"$TMP/err" ||
	{ echo "FAIL: auth account-code: $(cat "$TMP/err")"; fails=$((fails + 1)); }
grep -q "^TIKTOK_ACCOUNT_TOKEN = sim-account-token$" "$TMP/creds" &&
	grep -q "^TIKTOK_REFRESH_TOKEN = sim-refresh-token$" "$TMP/creds" &&
	grep -q "^TIKTOK_BUSINESS_ID = sim-business$" "$TMP/creds" &&
	grep -q "^TIKTOK_ACCESS_TOKEN = sim-token$" "$TMP/creds" ||
	{ echo "FAIL: account-code wrote: $(cat "$TMP/creds")"; fails=$((fails + 1)); }
printf 'TIKTOK_APP_SECRET = sim-app-secret\n' >>"$TMP/creds"
"$BIN" auth refresh -c "$TMP/auth.conf" --api-base "$BASE" >>"$TMP/out" 2>>"$TMP/err" ||
	{ echo "FAIL: auth refresh: $(cat "$TMP/err")"; fails=$((fails + 1)); }
grep -q "expires 2026-11-21T06:00:00Z" "$TMP/out" || { echo "FAIL: auth printed no expiry"; fails=$((fails + 1)); }
grep -q "sim-token\|sim-account-token\|sim-refresh-token\|sim-app-secret" "$TMP/out" "$TMP/err" &&
	{ echo "FAIL: auth printed a secret"; fails=$((fails + 1)); }
# the stored tokens work: a report with only the credentials file
"$BIN" report -q -c "$TMP/auth.conf" --api-base "$BASE" --advertiser "$ID" -o "$TMP/c" --format csv \
	2>"$TMP/err" || { echo "FAIL: report from the credentials file: $(cat "$TMP/err")"; fails=$((fails + 1)); }
# a bad code: exit 2 with the API's message
"$BIN" auth account-code used-code -c "$TMP/auth.conf" --api-base "$BASE" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] && grep -q 40110 "$TMP/err" || { echo "FAIL: bad code: exit $rc: $(cat "$TMP/err")"; fails=$((fails + 1)); }

[ $fails -eq 0 ] || die "cli: $fails check(s) failed"
echo "cli: all checks passed"
