#!/bin/sh
# Comment triage against ttsim: a dry run writes nothing; --apply makes exactly
# the planned replies and hides; a second --apply makes no write; a run killed
# with SIGKILL midway and run again leaves no comment with two store replies;
# writes whose answers are lost (dropafter, drop, trunc, 504) are checked, not
# repeated; the action log and stderr carry no comment text and no token;
# missing or wrong tokens give exit 1 and 2; the refresh-token path works.
#
# Runs triage through the unit test binary's driver (`test_triage drive`: the
# same config parsing and comments_run(), quicker pacing), and compares one dry
# run with `ttreport comments`. Both judge with the built model (BUILD/comments.model).
BUILD=${1:-build}
. tests/e2e/lib.sh
[ -n "$KEEP" ] && trap "stop_sim" EXIT && echo "tmp $TMP"   # KEEP=1: keep the files
export TTREPORT_NOW=2026-11-20T06:00:00Z TIKTOK_ACCOUNT_TOKEN=sim-account-token \
	TIKTOK_BUSINESS_ID=sim-business TTREPORT_SHARE="$PWD/schemas"
unset TIKTOK_REFRESH_TOKEN TIKTOK_APP_ID TIKTOK_APP_SECRET TIKTOK_ACCESS_TOKEN TIKTOK_ADVERTISER_IDS
[ -f schemas/rules.conf ] || { echo "schemas/rules.conf missing"; exit 1; }

# the runner: the driver is quick (its pacing is set by the environment);
# `ttreport comments` paces reads at the Accounts API's real limit, so it is
# only compared with the driver on one dry run
DRIVER="$BUILD/tests/test_triage"
[ -x "$DRIVER" ] || { echo "$DRIVER not built (make unit)"; exit 1; }
TRI() { "$DRIVER" drive comments --model "$BUILD/comments.model" "$@"; }

cat >"$TMP/fast.conf" <<CONF
[api]
retry_base_ms = 20
retry_max_ms = 200
max_tries = 8
CONF

cat >"$TMP/chk.py" <<'PY'
import json, sys, urllib.request, urllib.parse
cmd = sys.argv[1]

def actions(path):
    return [json.loads(l) for l in open(path, encoding="utf-8")]

def writes(simlog, since=0):
    """(kind, comment_id) of every write the simulator applied after seq `since`."""
    out = []
    for l in open(simlog, encoding="utf-8"):
        r = json.loads(l)
        if r["method"] != "POST" or r["seq"] <= since or "/business/comment/" not in r["path"]:
            continue
        applied = r["code"] == 0 or r["fault"] in ("dropafter", "trunc", "slow")
        if not applied:
            continue
        kind = "reply" if r["path"].endswith("reply/create/") else "hide"
        out.append((kind, json.loads(r["body"])["comment_id"]))
    return out

def get(base, path, **q):
    url = base + path + "?" + urllib.parse.urlencode(q)
    req = urllib.request.Request(url, headers={"Access-Token": "sim-account-token"})
    for _ in range(20):
        try:
            d = json.load(urllib.request.urlopen(req, timeout=30))
        except Exception:
            continue
        if d["code"] == 0:
            return d["data"]
    raise SystemExit("cannot read " + path)

def listing(base, path, **q):
    cur = 0
    while True:
        d = get(base, path, cursor=cur, max_count=30, status="ALL", business_id="sim-business", **q)
        yield from d["comments"]
        if not d["has_more"]:
            return
        cur = d["cursor"]

if cmd == "planned":        # LOG: "kind id" of planned or done writes
    for a in actions(sys.argv[2]):
        if a["action"] in ("reply", "hide") and a["result"] in ("planned", "ok"):
            print(a["action"], a["comment_id"])
elif cmd == "writes":       # SIMLOG [SINCE]
    for k, c in writes(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0):
        print(k, c)
elif cmd == "lastseq":
    n = 0
    for l in open(sys.argv[2], encoding="utf-8"):
        n = max(n, json.loads(l)["seq"])
    print(n)
elif cmd == "shape":        # LOG MODE: keys, values, one line per comment
    keys = ["time", "advertiser_or_business_id", "video_id", "comment_id", "category", "rule",
            "lang", "action", "mode", "result", "error"]
    seen = set()
    for a in actions(sys.argv[2]):
        assert list(a.keys()) == keys, a.keys()
        assert a["mode"] == sys.argv[3], a
        assert a["action"] in ("reply", "hide", "flag", "none", "skip"), a
        assert a["result"] in ("ok", "planned", "error") or a["result"].startswith("skipped:"), a
        assert (a["error"] is None) == (a["result"] != "error"), a
        assert a["advertiser_or_business_id"] == "sim-business"
        assert not (a["category"] == "complaint" and a["action"] == "hide"), a
        assert a["comment_id"] not in seen, "two lines for " + a["comment_id"]
        seen.add(a["comment_id"])
    assert seen, "empty action log"
elif cmd == "results":      # LOG: counts of action/result
    from collections import Counter
    c = Counter((a["action"], a["result"]) for a in actions(sys.argv[2]))
    for k, v in sorted(c.items()):
        print(k[0], k[1], v)
elif cmd == "doubles":      # BASE TRUTH: no comment with two replies by the store
    truth = json.load(open(sys.argv[3], encoding="utf-8"))
    vids = truth["videos"] if isinstance(truth, dict) else truth
    bad = 0
    for v in vids:
        counts = {}
        for r in listing(sys.argv[2], "business/comment/list/", video_id=v["video_id"],
                         include_replies="false"):
            counts[r["comment_id"]] = r["replies"]
        for c in v["comments"]:
            if counts.get(c["comment_id"], 0) == 0:
                continue
            own = sum(1 for r in listing(sys.argv[2], "business/comment/reply/list/",
                                         video_id=v["video_id"], comment_id=c["comment_id"])
                      if r["owner"])
            if own > 1:
                print("comment", c["comment_id"], "has", own, "store replies")
                bad += 1
    sys.exit(1 if bad else 0)
elif cmd == "window":       # BASE TRUTH LOG: one line for every top-level comment of the last 3 days
    truth = json.load(open(sys.argv[3], encoding="utf-8"))
    vids = truth["videos"] if isinstance(truth, dict) else truth
    since = 1795154400 - 3 * 86400   # TTREPORT_NOW - comment_days
    want = {r["comment_id"] for v in vids
            for r in listing(sys.argv[2], "business/comment/list/", video_id=v["video_id"])
            if int(r["create_time"]) >= since}
    got = {a["comment_id"] for a in actions(sys.argv[4])}
    if want != got:
        raise SystemExit("missing %s, extra %s" % (sorted(want - got)[:3], sorted(got - want)[:3]))
elif cmd == "texts":        # BASE TRUTH: comment texts and commenter names (for grep)
    truth = json.load(open(sys.argv[3], encoding="utf-8"))
    vids = truth["videos"] if isinstance(truth, dict) else truth
    for v in vids:
        for r in listing(sys.argv[2], "business/comment/list/", video_id=v["video_id"],
                         include_replies="true"):
            for x in [r] + r.get("reply_list", []):
                for s in (x["text"], x["username"], x["unique_identifier"]):
                    if len(s) >= 8 and not s.isdigit():
                        print(s)
PY
chk() { $PY "$TMP/chk.py" "$@"; }
# lib.sh's start_sim may read the previous simulator's sim.out before the new
# one truncates it (and so talk to a dead port): start from no file at all
sim() { rm -f "$TMP/sim.out"; start_sim "$@"; }

# ---- 1. dry run, then apply, then apply again ----
sim --seed 7 --today 2026-11-20 --truth "$TMP/truth.json" --log "$TMP/sim.jsonl"
TRI --dry-run -o "$TMP/dry" --api-base "$BASE" 2>"$TMP/dry.err" || die "dry run failed: $(tail -3 "$TMP/dry.err")"
LOG=$(ls "$TMP"/dry/actions_*.jsonl) || die "dry run wrote no action log"
chk shape "$LOG" dry-run || die "dry-run action log has the wrong shape"
[ -z "$(chk writes "$TMP/sim.jsonl")" ] || die "the dry run made writes"
grep -q '"POST"' "$TMP/sim.jsonl" && die "the dry run made a POST"
chk planned "$LOG" | sort >"$TMP/planned"
[ -s "$TMP/planned" ] || die "the dry run planned nothing"
grep -q '^reply' "$TMP/planned" && grep -q '^hide' "$TMP/planned" || die "no reply or no hide planned"

"$BUILD/ttreport" comments --dry-run --model "$BUILD/comments.model" -o "$TMP/dry2" --api-base "$BASE" 2>"$TMP/dry2.err" ||
	die "ttreport comments --dry-run failed: $(tail -3 "$TMP/dry2.err")"
cmp -s "$LOG" "$TMP"/dry2/actions_*.jsonl || die "ttreport comments and the driver disagree"

SEQ=$(chk lastseq "$TMP/sim.jsonl")
TRI --apply -o "$TMP/app" --api-base "$BASE" 2>"$TMP/app.err" || die "apply failed: $(tail -3 "$TMP/app.err")"
LOG2=$(ls "$TMP"/app/actions_*.jsonl)
chk shape "$LOG2" apply || die "apply action log has the wrong shape"
chk writes "$TMP/sim.jsonl" "$SEQ" | sort >"$TMP/done"
cmp -s "$TMP/planned" "$TMP/done" || die "apply did not make exactly the planned writes: $(diff "$TMP/planned" "$TMP/done" | head -5)"
chk planned "$LOG2" | sort | cmp -s - "$TMP/planned" || die "apply log differs from the plan"
grep -q '"result":"error"' "$LOG2" && die "apply logged errors"

SEQ=$(chk lastseq "$TMP/sim.jsonl")
TRI --apply -o "$TMP/app2" --api-base "$BASE" 2>"$TMP/app2.err" || die "second apply failed: $(tail -3 "$TMP/app2.err")"
[ -z "$(chk writes "$TMP/sim.jsonl" "$SEQ")" ] || die "the second apply made writes"
awk '$1=="reply"{print $2}' "$TMP/planned" | while read -r id; do
	grep "\"comment_id\":\"$id\"" "$TMP"/app2/actions_*.jsonl | grep -q 'skipped:already-replied' ||
		{ echo "second run: $id is not skipped:already-replied"; exit 1; }
done || exit 1
awk '$1=="hide"{print $2}' "$TMP/planned" | while read -r id; do
	grep "\"comment_id\":\"$id\"" "$TMP"/app2/actions_*.jsonl | grep -q 'skipped:already-hidden' ||
		{ echo "second run: $id is not skipped:already-hidden"; exit 1; }
done || exit 1

# ---- 2. privacy: no comment text, no commenter, no token in the log or on stderr ----
chk texts "$BASE" "$TMP/truth.json" | sort -u >"$TMP/texts"
[ "$(wc -l <"$TMP/texts")" -gt 20 ] || die "too few comment texts to check privacy"
for f in "$LOG" "$LOG2" "$TMP"/app2/actions_*.jsonl "$TMP/dry.err" "$TMP/app.err" "$TMP/app2.err"; do
	if grep -F -f "$TMP/texts" "$f" >"$TMP/leak"; then die "comment text or commenter in $f: $(head -1 "$TMP/leak")"; fi
	grep -q "sim-account-token" "$f" && die "the token is in $f"
done
chk doubles "$BASE" "$TMP/truth.json" || die "a comment has two store replies after two applies"
stop_sim

# ---- 3. SIGKILL midway, then run again: never a second reply; two at once refused ----
sim --seed 11 --today 2026-11-20 --truth "$TMP/truth3.json" --log "$TMP/sim3.jsonl" --latency-ms 150
TTREPORT_TRIAGE_WRITE_QPS=4 "$DRIVER" drive comments --apply -o "$TMP/k1" --api-base "$BASE" \
	2>"$TMP/k1.err" &
KPID=$!
i=0
while [ $i -lt 200 ] && ! grep -q '"POST"' "$TMP/sim3.jsonl" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
grep -q '"POST"' "$TMP/sim3.jsonl" || die "the run to kill made no write in 10 s"
"$DRIVER" drive comments --apply -o "$TMP/k1" --api-base "$BASE" 2>"$TMP/lock.err"
rc=$?
[ $rc -eq 1 ] && grep -q "another comment triage run" "$TMP/lock.err" ||
	die "a second run acting at the same time was not refused (exit $rc): $(tail -2 "$TMP/lock.err")"
sleep 0.5
kill -9 $KPID 2>/dev/null || die "the run ended before it could be killed"
wait $KPID 2>/dev/null
N1=$(chk writes "$TMP/sim3.jsonl" | grep -c '^reply')
[ "$N1" -gt 0 ] || die "killed too early: no reply made"
[ ! -e "$TMP"/k1/actions_*.jsonl ] || die "a killed run left an action log"
# the lock died with the killed run
TRI --apply -o "$TMP/k1" --api-base "$BASE" -c "$TMP/fast.conf" 2>"$TMP/k2.err" || die "rerun failed: $(tail -3 "$TMP/k2.err")"
chk writes "$TMP/sim3.jsonl" | awk '$1=="reply"{print $2}' | sort | uniq -d >"$TMP/dup"
[ -s "$TMP/dup" ] && die "two replies posted to $(head -1 "$TMP/dup")"
chk doubles "$BASE" "$TMP/truth3.json" || die "a comment has two store replies after kill + rerun"
stop_sim

# ---- 4. lost answers to writes: checked, not repeated ----
sim --seed 7 --today 2026-11-20 --truth "$TMP/truth4.json" --log "$TMP/sim4.jsonl" \
	--faults dropafter:0.2,drop:0.08,trunc:0.08,504:0.05,50002:0.04,40100:0.05
TRI --apply -o "$TMP/f" --api-base "$BASE" -c "$TMP/fast.conf" 2>"$TMP/f.err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 4 ] || die "faulty apply: exit $rc: $(tail -3 "$TMP/f.err")"
chk writes "$TMP/sim4.jsonl" | awk '$1=="reply"{print $2}' | sort | uniq -d >"$TMP/dup"
[ -s "$TMP/dup" ] && die "faults: two replies posted to $(head -1 "$TMP/dup")"
chk shape "$TMP"/f/actions_*.jsonl apply || die "faulty apply log has the wrong shape"
# what the log calls ok did happen
chk planned "$TMP"/f/actions_*.jsonl | sort >"$TMP/fok"
chk writes "$TMP/sim4.jsonl" | sort -u >"$TMP/fdone"
[ -z "$(comm -23 "$TMP/fok" "$TMP/fdone")" ] || die "faults: logged ok but not done: $(comm -23 "$TMP/fok" "$TMP/fdone" | head -2)"
grep -q "drop" "$TMP/sim4.jsonl" || die "faults: none was injected"
stop_sim

# ---- 5. many pages, some short while has_more: every comment of the window is seen ----
sim --seed 3 --today 2026-11-20 --videos 3 --comments 70 --truth "$TMP/truth6.json"
TRI --dry-run -o "$TMP/w" --api-base "$BASE" 2>"$TMP/w.err" || die "paging run failed: $(tail -3 "$TMP/w.err")"
chk window "$BASE" "$TMP/truth6.json" "$TMP"/w/actions_*.jsonl || die "paging: the log does not cover the window"
stop_sim

# ---- 6. tokens: missing (1), wrong (2), refreshed from the refresh token (0) ----
sim --seed 7 --today 2026-11-20 --truth "$TMP/truth5.json"
env -u TIKTOK_ACCOUNT_TOKEN "$DRIVER" drive comments --model "$BUILD/comments.model" --dry-run -o "$TMP/t1" --api-base "$BASE" 2>"$TMP/t1.err"
rc=$?
[ $rc -eq 1 ] || die "no token: exit $rc, want 1"
grep -q TIKTOK_ACCOUNT_TOKEN "$TMP/t1.err" || die "no token: message does not name the variable"
TIKTOK_ACCOUNT_TOKEN=wrong-token TRI --dry-run -o "$TMP/t2" --api-base "$BASE" 2>"$TMP/t2.err"
rc=$?
[ $rc -eq 2 ] || die "wrong token: exit $rc, want 2"
grep -q 40105 "$TMP/t2.err" || die "wrong token: message lacks the code"
env -u TIKTOK_ACCOUNT_TOKEN -u TIKTOK_BUSINESS_ID TIKTOK_REFRESH_TOKEN=sim-refresh-token \
	TIKTOK_APP_ID=sim-app-id TIKTOK_APP_SECRET=sim-app-secret \
	"$DRIVER" drive comments --model "$BUILD/comments.model" --dry-run -o "$TMP/t3" --api-base "$BASE" 2>"$TMP/t3.err" ||
	die "refresh-token run failed: $(tail -3 "$TMP/t3.err")"
cmp -s "$LOG" "$TMP"/t3/actions_*.jsonl || die "refresh-token run decided differently"
grep -q "sim-app-secret\|sim-refresh-token\|sim-account-token" "$TMP/t3.err" && die "a secret is on stderr"
stop_sim
echo "triage: all checks passed"
