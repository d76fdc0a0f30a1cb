#!/bin/sh
# Comment triage that stays safe (issue 13), against ttsim:
#  1. two `comments --apply` started at the same moment, from two folders with
#     two -o, and replies that show only 3 s after they are made: one run acts,
#     the other skips triage naming the holder's pid (exit 4); no comment gets
#     two store replies (failed with the old <outdir>/.triage.lock); a third
#     run right after waits until the last write can show, then replies to
#     nothing twice (failed before: it replied again);
#  2. every write's answer dropped after it is applied, replies visible only
#     5 s later: each reply is posted once, checked over the verify window and
#     logged ok (failed with the old single check after 0.5 s);
#  3. --apply then a dry run of the same window into the same folder: the
#     action log holds both runs, each line with its run id, start and mode
#     (failed when the log was replaced).
BUILD=${1:-build}
. tests/e2e/lib.sh
TT="$PWD/$BUILD/ttreport"
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCOUNT_TOKEN=sim-account-token \
	TIKTOK_BUSINESS_ID=sim-business TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET TIKTOK_ACCESS_TOKEN TIKTOK_ADVERTISER_IDS \
	TTREPORT_API_BASE

cat >"$TMP/fast.conf" <<CONF
[api]
retry_base_ms = 20
retry_max_ms = 200
[triage]
endpoint_qpm = 6000
verify_window = 4
CONF

# replies applied by ttsim per comment (its --log): "COUNT ID", most first
replies() {
	$PY - "$1" <<'PY'
import collections, json, sys
n = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r["method"] == "POST" and r["path"].endswith("/business/comment/reply/create/") and \
            (r["code"] == 0 or r.get("fault") in ("dropafter", "trunc", "slow")):
        n[json.loads(r["body"])["comment_id"]] += 1
for cid, k in n.most_common():
    print(k, cid)
PY
}

# ---- 1. two actors at once ----
start_sim --seed 7 --today 2026-11-20 --reply-visible-ms 3000 --latency-ms 20 --log "$TMP/s1.jsonl"
mkdir "$TMP/a" "$TMP/b"
(cd "$TMP/a" && exec "$TT" comments --apply -c "$TMP/fast.conf" -o outA --api-base "$BASE" 2>err) &
PA=$!
(cd "$TMP/b" && exec "$TT" comments --apply -c "$TMP/fast.conf" -o outB --api-base "$BASE" 2>err) &
PB=$!
wait $PA; RA=$?
wait $PB; RB=$?
if [ $RA -eq 0 ] && [ $RB -eq 4 ]; then ACT=a SKIP=b HOLDER=$PA
elif [ $RB -eq 0 ] && [ $RA -eq 4 ]; then ACT=b SKIP=a HOLDER=$PB
else die "two runs at once: exits $RA and $RB, want 0 and 4: $(tail -2 "$TMP/a/err") / $(tail -2 "$TMP/b/err")"
fi
grep -q "pid $HOLDER" "$TMP/$SKIP/err" || die "the skipping run does not name the holder (pid $HOLDER): $(cat "$TMP/$SKIP/err")"
replies "$TMP/s1.jsonl" >"$TMP/r1"
[ -s "$TMP/r1" ] || die "two runs at once: no reply made at all"
awk '$1 > 1 { print "comment " $2 " got " $1 " store replies"; bad = 1 } END { exit bad }' "$TMP/r1" || die "double replies"
echo "two at once: run $ACT acted ($(wc -l <"$TMP/r1") replies), run $SKIP skipped: $(grep -m1 'pid' "$TMP/$SKIP/err")"
# a third run right after the first: its replies are not visible yet (3 s),
# so it waits until the verify window after the last write has passed
(cd "$TMP/b" && exec "$TT" comments --apply -c "$TMP/fast.conf" -o outC --api-base "$BASE" 2>errC) ||
	die "the run right after: $(tail -2 "$TMP/b/errC")"
grep -q "waiting" "$TMP/b/errC" || die "the run right after did not wait for the last write to show"
replies "$TMP/s1.jsonl" >"$TMP/r1"
awk '$1 > 1 { print "comment " $2 " got " $1 " store replies"; bad = 1 } END { exit bad }' "$TMP/r1" ||
	die "double replies from the run right after"
stop_sim

# ---- 2. dropped answers, replies visible 5 s late ----
start_sim --seed 5 --today 2026-11-20 --videos 2 --comments 15 --reply-visible-ms 5000 \
	--faults dropafter:1 --log "$TMP/s2.jsonl"
cat "$TMP/fast.conf" - >"$TMP/v.conf" <<CONF
max_replies = 2
max_hides = 1
verify_window = 20
CONF
"$TT" comments --apply -c "$TMP/v.conf" -o "$TMP/v" --api-base "$BASE" 2>"$TMP/v.err"
rc=$?
replies "$TMP/s2.jsonl" >"$TMP/r2"
[ -s "$TMP/r2" ] || die "dropped answers: no comment replied: $(tail -3 "$TMP/v.err")"
awk '$1 > 1 { print "comment " $2 " got " $1 " store replies"; bad = 1 } END { exit bad }' "$TMP/r2" || die "dropped answers: double replies"
[ $rc -eq 0 ] || die "dropped answers: exit $rc (the replies were seen within the window): $(tail -3 "$TMP/v.err")"
[ "$(grep -c '"action":"reply".*"result":"ok"' "$TMP"/v/actions_*.jsonl)" -eq "$(wc -l <"$TMP/r2")" ] ||
	die "dropped answers: the replies made are not all logged ok"

# ---- 3. apply, then a dry run of the same window: both in the log ----
"$TT" comments --dry-run -c "$TMP/fast.conf" -o "$TMP/v" --api-base "$BASE" 2>"$TMP/d.err" ||
	die "dry run after apply: $(tail -3 "$TMP/d.err")"
$PY - "$TMP"/v/actions_*.jsonl <<'PY' || die "the action log does not hold both runs"
import json, sys
runs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    assert set(a["run"]) == {"id", "start"}, a["run"]
    runs.setdefault(a["run"]["id"], set()).add(a["mode"])
modes = sorted(m for s in runs.values() for m in s)
assert len(runs) == 2 and modes == ["apply", "dry-run"], runs
print("action log: %d runs, modes %s" % (len(runs), modes))
PY
stop_sim
echo "triage safety: all checks passed"
