#!/usr/bin/python3
"""Randomized fault soak of ttreport against ttsim (driven by tests/soak.sh).

usage: soak.py BUILD SEEDS     (env: SOAK_FIRST=1, SOAK_JOBS=nproc, SOAK_KILL_EVERY=7,
                                SOAK_KEEP=DIR keeps the files of failed seeds there)

For each seed S, one simulator with a fault mix, dataset, window and client
settings all derived from S, and one `ttreport report --format csv[,xlsx]` run:
  - exit 0: every CSV row equals ttsim's truth exactly (tests/e2e/truth.py);
  - exit 3: stderr names what failed (advertiser + level/window, or the
    advertiser/info/ call) and no output file was written;
  - exit 4: stderr names each failed advertiser; every other advertiser matches
    the truth exactly, and rows present for a failed one are still exact;
  - anything else (exit 1, 2, 5, a signal, a hang) fails the seed.
The simulator's request log must pass tests/e2e/check_log.py. The per-seed
tokens must not appear in any output, temporary file, stdout, stderr or in
ttsim's log of the requests (query, body).
Every XLSX written is compared with the truth too (its Daily sheet, advertiser
level included), and the manifest (ttreport_SINCE_UNTIL_manifest.json) marks
incomplete only advertisers stderr names as failed (some when exit 4).
Every SOAK_KILL_EVERY-th seed also kills ttreport (asked for csv and xlsx) with
SIGKILL, alternately after a random delay and as soon as a temporary output
file appears (while it writes): every final-named file must parse, a workbook
that made it to its final name must equal the truth (for the advertisers its
manifest says are complete; the manifest is written first), temporary
.NAME.tmpPID files may remain and are counted, and a rerun into the same folder
must pass as above and leave no temporary file (it sweeps those of dead runs).
Every 10th seed also runs comment triage
with --apply twice under faults including dropafter, and checks through ttsim's
log and truth that no comment ends with two store replies.
Prints one line per failed seed and "soak: N passed, M failed" last."""
import csv
import glob
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
TODAY = "2026-11-20"
NOW = TODAY + "T06:00:00Z"
LEVELS = ("campaign", "adgroup", "ad")
LEVEL_WORDS = ("advertiser", "campaign", "adgroup", "ad")


def load_truth_module():
    spec = importlib.util.spec_from_file_location("truth", os.path.join(HERE, "e2e", "truth.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


truthmod = load_truth_module()


class SeedFail(Exception):
    pass


def day_add(d, n):
    import datetime as dt
    return str(dt.date.fromisoformat(d) + dt.timedelta(days=n))


def plan(seed):
    """Everything about a seed, from the seed alone."""
    rng = random.Random(seed * 7919 + 17)
    p = {"seed": seed}
    p["sim"] = ["--seed", str(seed), "--today", TODAY, "--days", "130",
                "--advertisers", str(rng.choice([1, 2, 2, 3])),
                "--campaigns", str(rng.randint(1, 3)), "--adgroups", str(rng.randint(1, 2)),
                "--ads", str(rng.randint(1, 3)), "--videos", "2", "--comments", "4"]
    kinds = ["40100", "40133", "40067", "50000", "50002", "504", "drop", "trunc"]
    chosen = rng.sample(kinds, rng.randint(1, 4))
    faults = ["%s:%.3f" % (k, rng.uniform(0.01, 0.12)) for k in chosen]
    if rng.random() < 0.08:
        faults.append("slow:0.01")  # 2 s each: rare
    p["faults"] = ",".join(faults)
    p["sim_qps"] = 10 if rng.random() < 0.2 else 0
    # the client's pace: matched to the simulator, too fast for it, or unthrottled
    if p["sim_qps"]:
        p["qps"] = rng.choice([10, 10, 12])  # 12: a little over, some 40100 answers
    else:
        p["qps"] = 1000
    p["parallel"] = rng.choice([1, 2, 4, 8])
    p["max_tries"] = rng.choice([4, 6, 8, 12])
    p["retry_base_ms"] = rng.choice([2, 5, 10, 20])
    p["retry_max_ms"] = rng.choice([40, 80, 160])
    if rng.random() < 0.5:
        p["window"] = ["--lookback", str(rng.randint(1, 7))]
    else:
        until = day_add(TODAY, -2 - rng.randint(0, 50))
        since = day_add(until, -rng.randint(0, 40))
        p["window"] = ["--since", since, "--until", until]
    p["formats"] = "csv,xlsx" if rng.random() < 0.15 else "csv"
    p["verbose"] = rng.random() < 0.5
    p["token"] = "soaktok%d%012x" % (seed, rng.getrandbits(48))
    p["account_token"] = "soakacct%d%012x" % (seed, rng.getrandbits(48))
    p["kill_delay_frac"] = rng.uniform(0.05, 1.1)
    return p


class Sim:
    def __init__(self, build, work, args, token, account_token):
        self.truth = os.path.join(work, "truth.json")
        self.log = os.path.join(work, "sim.jsonl")
        self.err = open(os.path.join(work, "sim.err"), "w")
        self.p = subprocess.Popen([os.path.join(build, "ttsim"), "--port", "0", "--truth", self.truth,
                                   "--log", self.log, "--token", token, "--account-token", account_token]
                                  + args, stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.p.stdout.readline()
        m = re.match(r"listening on 127\.0\.0\.1:(\d+)$", line.strip())
        if not m:
            self.p.wait()
            self.err.close()
            with open(os.path.join(work, "sim.err")) as f:
                raise SeedFail("ttsim did not start: %s" % f.read().strip()[-300:])
        self.base = "http://127.0.0.1:%s/open_api/v1.3/" % m.group(1)

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
                raise SeedFail("ttsim did not stop on SIGTERM")
        self.err.close()
        if self.p.returncode not in (0, -signal.SIGTERM):
            raise SeedFail("ttsim exited %s" % self.p.returncode)


def env_for(p, ids):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("TIKTOK_") or k.startswith("TTREPORT_"):
            del env[k]
    env.update({"TTREPORT_NOW": NOW, "TIKTOK_ACCESS_TOKEN": p["token"],
                "TIKTOK_ADVERTISER_IDS": ",".join(ids), "TIKTOK_BUSINESS_ID": "sim-business",
                "TIKTOK_ACCOUNT_TOKEN": p["account_token"],
                "TTREPORT_SHARE": os.path.join(os.path.dirname(HERE), "schemas")})
    return env


def write_conf(work, p):
    path = os.path.join(work, "soak.conf")
    with open(path, "w") as f:
        f.write("[api]\nqps = %d\nparallel = %d\nmax_tries = %d\nretry_base_ms = %d\n"
                "retry_max_ms = %d\ntimeout = 20\n" % (p["qps"], p["parallel"], p["max_tries"],
                                                      p["retry_base_ms"], p["retry_max_ms"]))
    return path


def report_cmd(build, conf, base, out, p, cmd="report"):
    c = [os.path.join(build, "ttreport"), cmd, "-c", conf, "--api-base", base, "-o", out,
         "--format", p["formats"]] + p["window"]
    if p["verbose"]:
        c.append("-v")
    return c


def final_files(out):
    return sorted(f for f in glob.glob(os.path.join(out, "*")) if not os.path.basename(f).startswith("."))


def tmp_files(out):
    return sorted(glob.glob(os.path.join(out, ".*")))


def check_parses(path):
    """A final-named output file must be whole."""
    if path.endswith(".csv"):
        with open(path, newline="", encoding="utf-8") as f:
            data = f.read()
        if not data.endswith("\r\n"):
            raise SeedFail("%s: does not end with a line break (cut short?)" % path)
        rows = list(csv.reader(data.splitlines()))
        if not rows or rows[0][:3] != ["advertiser_id", "currency", "stat_time_day"]:
            raise SeedFail("%s: bad header" % path)
        for i, r in enumerate(rows[1:], 2):
            if len(r) != len(rows[0]):
                raise SeedFail("%s:%d: %d fields, header has %d" % (path, i, len(r), len(rows[0])))
    elif path.endswith(".xlsx"):
        try:
            with zipfile.ZipFile(path) as z:
                bad = z.testzip()
                if bad:
                    raise SeedFail("%s: corrupt member %s" % (path, bad))
                if "xl/workbook.xml" not in z.namelist():
                    raise SeedFail("%s: no xl/workbook.xml" % path)
        except zipfile.BadZipFile as ex:
            raise SeedFail("%s: not a zip: %s" % (path, ex))
    elif path.endswith(".pdf"):
        with open(path, "rb") as f:
            data = f.read()
        if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
            raise SeedFail("%s: not a whole PDF" % path)


def failed_advertisers(stderr, ids):
    """Advertiser ids stderr names as failed, and whether each named line says
    which level/window (or call) failed."""
    named, vague = set(), []
    for line in stderr.splitlines():
        if not line.startswith("ttreport:"):
            continue
        m = re.search(r"advertiser (\d+)", line)
        if not m:
            continue
        aid = m.group(1)
        if aid in ids:
            named.add(aid)
        rest = line[m.end():]
        if not (re.search(r"\b(%s)\b" % "|".join(LEVEL_WORDS), rest) or "advertiser/info" in line
                or "not returned" in rest):
            vague.append(line)
    return named, vague


def compare(truth, out, ids, window, failed, strict):
    """Rows of the CSVs against the truth. For advertisers not in `failed`
    every row must be there and exact; for failed ones, rows present must be
    exact. Returns a list of problems."""
    advs = {a["advertiser_id"]: a for a in truth["advertisers"] if a["advertiser_id"] in ids}
    problems = []
    for level in LEVELS:
        files = glob.glob(os.path.join(out, "ttreport_*_%s.csv" % level))
        if len(files) != 1:
            return ["expected one %s CSV, found %d" % (level, len(files))]
        with open(files[0], newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        got = {}
        for r in rows:
            key = (r["advertiser_id"], r["%s_id" % level], r["stat_time_day"])
            if key in got:
                problems.append("%s: row %s twice" % (level, key))
            got[key] = r
        want = {}
        for aid, adv in advs.items():
            since, until = truthmod.window(adv, window)
            for t in adv["daily"][level]:
                if since <= t["day"] <= until:
                    want[(aid, t["id"], t["day"])] = t["metrics"]
        for key, metrics in want.items():
            r = got.get(key)
            if r is None:
                if key[0] not in failed:
                    problems.append("%s: missing row %s" % (level, key))
                continue
            for name, v in metrics.items():
                if r.get(name) != truthmod.canon(v):
                    problems.append("WRONG NUMBER %s %s %s: %s is %r, truth %r%s" % (
                        level, key[1], key[2], name, r.get(name), truthmod.canon(v),
                        " (failed advertiser)" if key[0] in failed else ""))
        for key in got:
            if key not in want:
                problems.append("%s: row %s not in truth" % (level, key))
    return problems


def manifest_failed(out):
    """Advertisers the manifest says are incomplete, or None without a manifest."""
    files = glob.glob(os.path.join(out, "ttreport_*_manifest.json"))
    if not files:
        return None
    with open(files[0], encoding="utf-8") as f:
        m = json.load(f)
    return {a["advertiser_id"] for a in m["advertisers"] if not a["complete"]}


def check_outputs(truth, out, ids, window, failed, what):
    """The workbook (when there is one) against the truth, and the manifest."""
    for x in glob.glob(os.path.join(out, "ttreport_*.xlsx")):
        probs = truthmod.check_xlsx(truth, x, ids, window, failed, quiet=True)
        if probs:
            raise SeedFail("%s: workbook: %d problem(s): %s" % (what, len(probs), "; ".join(probs[:4])))
    mf = manifest_failed(out)
    if mf is None:
        raise SeedFail("%s: no manifest written" % what)
    # stderr may name an advertiser for other reasons (a warning); the manifest
    # names only the incomplete ones, and some when the run was partial
    if not mf <= set(failed) or (failed and not mf):
        raise SeedFail("%s: the manifest says %s incomplete, stderr names %s" % (what, sorted(mf), sorted(failed)))


def check_run(rc, stderr, out, truth, ids, window, started, what):
    """The contract of one finished run. Returns 'ok', 'partial' or 'api'."""
    if rc == 0:
        probs = compare(truth, out, ids, window, set(), True)
        if probs:
            raise SeedFail("%s: exit 0 but %d problem(s): %s" % (what, len(probs), "; ".join(probs[:4])))
        for f in final_files(out):
            check_parses(f)
        check_outputs(truth, out, ids, window, set(), what)
        return "ok"
    if rc == 4:
        named, vague = failed_advertisers(stderr, ids)
        if not named:
            raise SeedFail("%s: exit 4 but stderr names no advertiser: %s" % (what, stderr[-300:]))
        if vague:
            raise SeedFail("%s: exit 4, a line does not say what failed: %s" % (what, vague[0]))
        if named == set(ids):
            raise SeedFail("%s: exit 4 but every advertiser is named as failed" % what)
        probs = compare(truth, out, ids, window, named, False)
        if probs:
            raise SeedFail("%s: exit 4, %d problem(s): %s" % (what, len(probs), "; ".join(probs[:4])))
        for f in final_files(out):
            check_parses(f)
        check_outputs(truth, out, ids, window, named, what)
        return "partial"
    if rc == 3:
        named, vague = failed_advertisers(stderr, ids)
        if not named and "advertiser/info/" not in stderr:
            raise SeedFail("%s: exit 3 but stderr names neither an advertiser nor the call: %s"
                           % (what, stderr[-300:]))
        if vague:
            raise SeedFail("%s: exit 3, a line does not say what failed: %s" % (what, vague[0]))
        new = [f for f in final_files(out) if os.path.getmtime(f) >= started]
        if new:
            raise SeedFail("%s: exit 3 but wrote %s" % (what, new[0]))
        return "api"
    raise SeedFail("%s: exit %s: %s" % (what, rc, stderr.strip()[-400:]))


def grep_tokens(p, paths, texts):
    toks = [p["token"], p["account_token"]]
    for t in texts:
        for tok in toks:
            if tok in t:
                raise SeedFail("a token appears in ttreport's stdout/stderr")
    for path in paths:
        for f in ([path] if os.path.isfile(path) else glob.glob(os.path.join(path, "**"), recursive=True)
                  + glob.glob(os.path.join(path, ".*"))):
            if not os.path.isfile(f):
                continue
            data = open(f, "rb").read()
            if f.endswith(".xlsx"):
                try:
                    with zipfile.ZipFile(f) as z:
                        data += b"".join(z.read(n) for n in z.namelist())
                except zipfile.BadZipFile:
                    pass
            for tok in toks:
                if tok.encode() in data:
                    raise SeedFail("token %s... appears in %s" % (tok[:9], f))


def run(cmd, env, timeout=90):
    t0 = time.time()
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SeedFail("ttreport did not finish in %d s: %s" % (timeout, " ".join(cmd[1:])))
    return r.returncode, r.stdout, r.stderr, time.time() - t0


def run_killed(cmd, env, delay, out=None):
    """Start, SIGKILL after delay, or (out given) as soon as a temporary file
    shows in out (killed while writing). True when it was killed, not done."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = False
    if out:
        t_end = time.time() + 60
        while p.poll() is None and time.time() < t_end:
            if os.path.isdir(out) and tmp_files(out):
                p.kill()
                killed = True
                break
            time.sleep(0.0005)
    else:
        try:
            p.wait(delay)
        except subprocess.TimeoutExpired:
            p.kill()
            killed = True
    o, e = p.communicate()
    return killed, o.decode(errors="replace"), e.decode(errors="replace")


def sim_advance(base, seconds):
    import urllib.request
    root = base.split("/open_api/")[0]
    req = urllib.request.Request(root + "/__sim/advance", data=json.dumps({"seconds": seconds}).encode(),
                                 method="POST")
    with urllib.request.urlopen(req, timeout=60) as r:
        if json.loads(r.read()).get("code") != 0:
            raise SeedFail("ttsim: cannot advance the clock")


def check_triage(build, work, p, stats):
    """Comment triage with --apply, twice, under faults incl. dropafter (also on
    the token refresh), replies visible only later (--reply-visible-ms), each
    /business/ endpoint limited per minute (--business-qpm) and, on half the
    seeds, account tokens that expire: the clock moves a day between the runs,
    so the second run refreshes (rotating refresh token, credentials file)."""
    rng = random.Random(p["seed"] * 31 + 5)
    faults = "dropafter:%.2f,50000:%.2f,drop:%.2f,trunc:%.2f,40100:%.2f" % (
        rng.uniform(0.05, 0.25), rng.uniform(0, 0.1), rng.uniform(0, 0.1), rng.uniform(0, 0.1),
        rng.uniform(0, 0.1))
    visible_ms = rng.choice([0, 300, 1500])
    qpm = rng.choice([0, 120, 600])
    expire = rng.random() < 0.5
    refresh = "soakrefresh%d%012x" % (p["seed"], rng.getrandbits(48))  # the sim's log holds it (a body)
    tw = os.path.join(work, "triage")
    os.makedirs(tw)
    sim = Sim(build, tw, ["--seed", str(p["seed"]), "--today", TODAY, "--days", "40", "--advertisers", "1",
                          "--campaigns", "1", "--adgroups", "1", "--ads", "1", "--videos", "3",
                          "--comments", str(rng.randint(3, 12)), "--faults", faults,
                          "--reply-visible-ms", str(visible_ms), "--business-qpm", str(qpm),
                          "--refresh-token", refresh],
              p["token"], p["account_token"])
    try:
        with open(sim.truth) as f:
            before = json.load(f)
        ids = [a["advertiser_id"] for a in before["advertisers"]]
        env = env_for(p, ids)
        env["XDG_RUNTIME_DIR"] = os.path.join(work, "run")
        os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
        conf = write_conf(tw, p)
        cred = os.path.join(work, "cred")  # outside tw: it holds tokens by design
        with open(conf, "a") as f:  # the Accounts API pacing, sped up for the simulator
            f.write("[triage]\nendpoint_qpm = %d\nverify_window = 2\n" % (qpm or 6000))
            if expire:
                f.write("[api]\napp_id = sim-app-id\ncredentials = %s\n" % cred)
        if expire:
            fd = os.open(cred, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.write(fd, ("TIKTOK_ACCOUNT_TOKEN = %s\nTIKTOK_REFRESH_TOKEN = %s\n"
                          "TIKTOK_APP_SECRET = sim-app-secret\n" % (p["account_token"], refresh)).encode())
            os.close(fd)
            del env["TIKTOK_ACCOUNT_TOKEN"]
        outs = []
        for i in range(2):
            out = os.path.join(tw, "out%d" % i)
            cmd = [os.path.join(build, "ttreport"), "comments", "--apply", "-c", conf, "--api-base",
                   sim.base, "-o", out, "--lookback", "30", "-v"]
            if i == 1 and expire:
                sim_advance(sim.base, 86400)
                env["TTREPORT_NOW"] = day_add(TODAY, 1) + "T06:00:00Z"
            rc, so, se, _ = run(cmd, env)
            outs += [so, se]
            if rc not in (0, 3, 4):
                raise SeedFail("triage run %d: exit %d: %s" % (i + 1, rc, se.strip()[-300:]))
            stats["triage_exit_%d" % rc] = stats.get("triage_exit_%d" % rc, 0) + 1
            if "refreshed the TikTok account token" in se:
                stats["triage_refreshes"] = stats.get("triage_refreshes", 0) + 1
        grep_tokens(p, [tw], outs)
        if expire and os.stat(cred).st_mode & 0o077:
            raise SeedFail("triage: the credentials file is open to others")
    finally:
        sim.stop()
    had = set()
    for v in before.get("videos", []):
        for c in v["comments"]:
            if c.get("has_store_reply"):
                had.add(c["comment_id"])
    made = {}
    with open(sim.log) as f:
        for line in f:
            r = json.loads(line)
            if r["method"] == "POST" and r["path"].endswith("comment/reply/create/") and \
                    (r.get("code") == 0 or r.get("fault") in ("dropafter", "trunc", "slow")):
                try:
                    cid = json.loads(r.get("body") or "{}").get("comment_id")
                except ValueError:
                    continue
                made[cid] = made.get(cid, 0) + 1
                if r.get("fault"):
                    stats["triage_reply_faults"] = stats.get("triage_reply_faults", 0) + 1
            if r["path"].endswith("refresh_token/") and r.get("code") == 40107:
                raise SeedFail("triage: a spent refresh token was sent")
    for cid, n in made.items():
        if n + (cid in had) > 1:
            raise SeedFail("triage: comment %s ends with %d store replies" % (cid, n + (cid in had)))
    stats["triage_replies"] = stats.get("triage_replies", 0) + sum(made.values())


def one_seed(build, seed, kill_every, keep):
    p = plan(seed)
    work = tempfile.mkdtemp(prefix="ttsoak%d." % seed)
    stats = {}
    sim = None
    t0 = time.time()
    try:
        args = p["sim"] + ["--faults", p["faults"]] + (["--qps", str(p["sim_qps"])] if p["sim_qps"] else [])
        sim = Sim(build, work, args, p["token"], p["account_token"])
        with open(sim.truth) as f:
            ids = [a["advertiser_id"] for a in json.load(f)["advertisers"]]
        env = env_for(p, ids)
        conf = write_conf(work, p)
        out = os.path.join(work, "out")
        started = time.time() - 1
        rc, so, se, secs = run(report_cmd(build, conf, sim.base, out, p), env)
        texts = [so, se]
        with open(sim.truth) as f:
            truth = json.load(f)
        stats["result"] = check_run(rc, se, out, truth, ids, p["window"], started, "run")
        r = subprocess.run([PY, os.path.join(HERE, "e2e", "check_log.py"), sim.log], capture_output=True, text=True)
        if r.returncode:
            raise SeedFail("request log: %s" % r.stdout.strip().splitlines()[-1])
        if kill_every and seed % kill_every == 0:
            kout = os.path.join(work, "killed")
            kp = dict(p, formats="csv,xlsx")  # the workbook is checked too
            while_writing = (seed // kill_every) % 2 == 0
            killed, ko, ke = run_killed(report_cmd(build, conf, sim.base, kout, kp), env,
                                        max(0.005, secs * p["kill_delay_frac"]),
                                        kout if while_writing else None)
            stats["killed_writing"] = killed and while_writing
            texts += [ko, ke]
            stats["killed"] = killed
            for f in final_files(kout) if os.path.isdir(kout) else []:
                check_parses(f)
            with open(sim.truth) as f:
                truth = json.load(f)
            for x in glob.glob(os.path.join(kout, "ttreport_*.xlsx")):
                mf = manifest_failed(kout)
                if mf is None:
                    raise SeedFail("killed run: a workbook without its manifest (written first)")
                probs = truthmod.check_xlsx(truth, x, ids, p["window"], mf, quiet=True)
                if probs:
                    raise SeedFail("killed run: workbook: %s" % "; ".join(probs[:4]))
                stats["kill_xlsx_exact"] = stats.get("kill_xlsx_exact", 0) + 1
            stats["kill_tmp_left"] = len(tmp_files(kout)) if os.path.isdir(kout) else 0
            stats["kill_finals"] = len(final_files(kout)) if os.path.isdir(kout) else 0
            started = time.time() - 1
            rc2, so, se, _ = run(report_cmd(build, conf, sim.base, kout, kp), env)
            texts += [so, se]
            with open(sim.truth) as f:
                truth = json.load(f)
            stats["rerun"] = check_run(rc2, se, kout, truth, ids, p["window"], started, "rerun after kill")
            if rc2 in (0, 4) and tmp_files(kout):
                raise SeedFail("rerun after kill: temporary files left: %s" % tmp_files(kout)[:2])
        grep_tokens(p, [work], texts)
        sim.stop()
        grep_tokens(p, [sim.log], [])
        sim = None
        if seed % 10 == 0:
            check_triage(build, work, p, stats)
        shutil.rmtree(work, ignore_errors=True)
        stats["secs"] = time.time() - t0
        return seed, None, stats, p
    except SeedFail as ex:
        if sim:
            try:
                sim.stop()
            except SeedFail:
                pass
        if keep:
            dst = os.path.join(keep, "seed%d" % seed)
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(work, dst)
        shutil.rmtree(work, ignore_errors=True)
        return seed, str(ex), stats, p


def main():
    build, nseeds = sys.argv[1], int(sys.argv[2])
    first = int(os.environ.get("SOAK_FIRST", "1"))
    jobs = int(os.environ.get("SOAK_JOBS", str(os.cpu_count() or 2)))
    kill_every = int(os.environ.get("SOAK_KILL_EVERY", "7"))
    keep = os.environ.get("SOAK_KEEP")
    passed = failed = 0
    counts = {}
    lock = threading.Lock()
    t0 = time.time()
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = [ex.submit(one_seed, build, s, kill_every, keep) for s in range(first, first + nseeds)]
        for fu in futs:
            seed, err, st, p = fu.result()
            with lock:
                if err:
                    failed += 1
                    print("seed %d FAILED: %s\n    faults=%s qps=%s/%s window=%s tries=%d parallel=%d"
                          % (seed, err, p["faults"], p["sim_qps"], p["qps"], " ".join(p["window"]),
                             p["max_tries"], p["parallel"]), flush=True)
                else:
                    passed += 1
                if os.environ.get("SOAK_VERBOSE"):
                    print("seed %d %.1fs %s faults=%s qps=%s/%s window=%s tries=%d parallel=%d %s"
                          % (seed, st.get("secs", 0), st.get("result"), p["faults"], p["sim_qps"], p["qps"],
                             " ".join(p["window"]), p["max_tries"], p["parallel"], p["formats"]), flush=True)
                for k, v in st.items():
                    if k in ("result", "rerun"):
                        counts["%s=%s" % (k, v)] = counts.get("%s=%s" % (k, v), 0) + 1
                    elif k == "killed":
                        counts["killed midway" if v else "finished before kill"] = \
                            counts.get("killed midway" if v else "finished before kill", 0) + 1
                    elif k == "killed_writing":
                        counts[k] = counts.get(k, 0) + int(v)
                    elif k in ("kill_tmp_left", "triage_replies", "triage_reply_faults", "kill_finals",
                               "triage_refreshes", "kill_xlsx_exact") \
                            or k.startswith("triage_exit"):
                        counts[k] = counts.get(k, 0) + v
                    elif k == "secs":
                        counts["slowest seed s"] = max(counts.get("slowest seed s", 0), round(v, 1))
    print("soak: details: %s; %.0f s" % (", ".join("%s %s" % (k, counts[k]) for k in sorted(counts)),
                                         time.time() - t0))
    print("soak: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
