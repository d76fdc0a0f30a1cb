/* triage.c: the driver of comment triage: auth, rules and the account lock, then
 * the chain read (read.c) -> decide (decide.c) -> act (act.c), and the
 * decisions recorded into the report. */
#include "triage/triage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/lock.h"
#include "core/log.h"
#include "core/pace.h"
#include "core/share.h"
#include "triage/triage_int.h"

static void record_all(struct triage *t)
{
	for (size_t i = 0; i < t->nc; i++) {
		const struct crec *c = &t->cs[i];
		const struct tvideo *v = &t->videos[c->vi];
		struct action_rec a = { t->now, t->bid, v->id, c->id, c->v.cat,
					c->v.rule, c->v.lang, c->act, t->o->apply,
					c->result, c->error[0] ? c->error : NULL,
					v->caption, v->share_url, c->create_time > 0 ? c->create_time : 0 };
		report_add_action(t->r, &a);
	}
}

static void log_counts(const struct triage *t)
{
	const struct triage_summary *s = &t->r->triage;

	log_info("comment triage (%s): %zu comment(s) in the last %d day(s) on %zu video(s)",
		 t->o->apply ? "apply" : "dry-run", t->nc, t->o->comment_days, t->nvid);
	for (int cat = 0; cat < CAT_COUNT; cat++) {
		char line[256];
		size_t o = 0, tot = 0;
		for (int a = 0; a < ACT_COUNT; a++) {
			if (!s->counts[cat][a])
				continue;
			tot += s->counts[cat][a];
			o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s %zu", o ? ", " : "",
					      action_name((enum action)a), s->counts[cat][a]);
			if (o >= sizeof(line))
				break;
		}
		if (tot)
			log_info("  %-9s %zu: %s", category_name((enum category)cat), tot, line);
	}
}

static int load_rules(struct triage *t, struct err *e)
{
	char rules[4096], replies[4096];
	const char *rp = t->o->rules, *pp = t->o->replies;

	if (!rp) {
		if (share_path("rules.conf", rules, sizeof(rules)) != 0)
			return errf(e, EXIT_USAGE, "no rules for comment triage: rules.conf not found "
				    "(set triage.rules or --rules, or TTREPORT_SHARE)");
		rp = rules;
	}
	if (!pp && share_path("replies.conf", replies, sizeof(replies)) == 0)
		pp = replies;
	return rules_load(rp, pp, &t->rules, e);
}

/* The comment model: triage.model, else the shipped one; none shipped: the
 * rules decide alone (a warning). Then the judge: rules + model + policy. */
static int load_model(struct triage *t, struct err *e)
{
	char path[4096];
	const char *mp = t->o->model;
	int rc;

	if (!mp && share_path("comments.model", path, sizeof(path)) == 0)
		mp = path;
	if (!mp)
		log_warn("no comment model (comments.model not found, triage.model unset): the rules decide alone");
	else if ((rc = cmodel_load(mp, &t->model, e)) != 0)
		return rc;
	t->judge.rules = t->rules;
	t->judge.model = t->model;
	t->judge.pol = t->o->pol;
	t->judge.pol.hide_offtopic = rules_hide_offtopic(t->rules);
	t->judge.n_own = rules_own_domains(t->rules, &t->judge.own_domains);
	return 0;
}

/* The previous holder's line says when it last wrote (even if it was
 * killed): TikTok may show a new reply only seconds later, and reading
 * before it does would reply again. Wait until the verify window after that
 * write has passed. */
static void settle(const struct triage *t, const char *left)
{
	long at = 0;
	double wait;

	left = strstr(left, "last write ");
	if (!left || sscanf(left, "last write %ld", &at) != 1 || at <= 0)
		return;
	/* whole seconds: one more */
	wait = (double)at + 1 + (double)t->o->verify_window_ms / 1000.0 - (double)time(NULL);
	if (wait <= 0)
		return;
	if (wait > (double)t->o->verify_window_ms / 1000.0 + 1)
		wait = (double)t->o->verify_window_ms / 1000.0 + 1;
	log_info("comment triage: the previous run for this account wrote %.0f s ago; waiting %.0f s "
		 "(TikTok may show its replies late)", (double)time(NULL) - (double)at, wait);
	nanosleep(&(struct timespec){ (time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9) }, NULL);
}

/* Two runs acting for one TikTok account at once would each see "no reply
 * yet" and both reply, whatever folder or -o each uses: an applying run
 * holds the account's lock from its first read to its last write. Busy:
 * EXIT_PARTIAL, the holder named. */
static int lock_account(struct triage *t, struct err *e)
{
	char holder[600], when[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(t->who, sizeof(t->who), "pid %ld, acting since %s, output folder %s", (long)getpid(),
		 when, t->o->outdir ? t->o->outdir : "?");
	rc = keylock_take(&t->lock, t->bid, t->who, holder, sizeof(holder), e);
	if (rc == LOCK_HELD)
		settle(t, holder);
	if (rc != LOCK_BUSY)
		return rc;
	report_warn(t->r, "comment triage skipped: another run is acting for TikTok account %s "
		    "(%s)", t->bid, holder);
	return errf(e, EXIT_PARTIAL, "comment triage skipped: another run is acting for TikTok "
		    "account %s (%s; lock %s)", t->bid, holder, t->lock.path);
}

static void triage_release(struct triage *t)
{
	if (t->last_write) {
		char left[80];
		snprintf(left, sizeof(left), "released by pid %ld, last write %ld", (long)getpid(),
			 (long)t->last_write);
		keylock_leave(&t->lock, left);
	}
	keylock_release(&t->lock);
	pace_free(t->pace);
	for (size_t i = 0; i < t->nc; i++)
		triage_crec_free(&t->cs[i]);
	free(t->cs);
	for (size_t i = 0; i < t->nvid; i++) {
		free(t->videos[i].id);
		free(t->videos[i].caption);
		free(t->videos[i].share_url);
	}
	free(t->videos);
	if (t->rules)
		rules_free(t->rules);
	cmodel_free(t->model);
	http_free(t->h);
	memset(t->token, 0, sizeof(t->token));
}

/* Stop with what the reads say, before anything is decided. 0 to go on. */
static int read_verdict(struct triage *t, struct err *e)
{
	size_t readable = 0;

	if (t->auth_failed) {
		*e = t->auth_err;
		return t->auth_err.code ? t->auth_err.code : EXIT_AUTH;
	}
	for (size_t i = 0; i < t->nvid; i++)
		readable += t->videos[i].read_any;
	if (t->videos_failed && !t->nvid)
		return errf(e, EXIT_API, "comment triage: the video list could not be read: %s",
			    t->videos_error);
	if (t->nvid && !readable && t->perm_failures == (int)t->nvid)
		return errf(e, EXIT_AUTH, "comment triage: TikTok refused the comments of every video "
			    "(permission): see the messages above");
	if (t->nvid && !readable)
		return errf(e, EXIT_API, "comment triage: no video's comments could be read");
	if (t->bad_times)
		log_warn("comment triage: %zu comment(s) without a readable create_time were left alone",
			 t->bad_times);
	return 0;
}

/* 1. read, 2. decide from this fresh state (all replies read first), 3. act. */
static int read_decide_act(struct triage *t, struct err *e)
{
	int rc;

	if (triage_read_comments(t) != 0)
		return errf(e, EXIT_API, "comment triage: curl failed");
	if ((rc = read_verdict(t, e)))
		return rc;
	triage_sort_dedupe(t);
	triage_read_reply_lists(t);
	if (t->auth_failed) {
		*e = t->auth_err;
		return t->auth_err.code ? t->auth_err.code : EXIT_AUTH;
	}
	triage_decide_all(t);
	http_free(t->h);
	t->h = NULL;
	if (t->o->apply)
		triage_act(t);
	return 0;
}

int triage_run(struct report *r, const struct triage_opts *o, time_t now, struct err *e)
{
	struct triage t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.o = o;
	t.now = now;
	t.since = now - (time_t)o->comment_days * 86400;
	t.lock.fd = -1;
	t.pace = pace_new(o->endpoint_qpm);
	if ((rc = triage_auth(&t, e)) || (rc = load_rules(&t, e)) || (rc = load_model(&t, e)) ||
	    (o->apply && (rc = lock_account(&t, e))) || (rc = read_decide_act(&t, e))) {
		triage_release(&t);
		return rc;
	}
	/* 4. record */
	record_all(&t);
	for (size_t i = 0; i < t.nc; i++)
		if (t.cs[i].result == RES_ERROR)
			t.write_failures++;
	log_counts(&t);
	if (t.read_failures || t.write_failures)
		rc = errf(e, EXIT_PARTIAL, "comment triage: %d read failure(s), %d action(s) failed",
			  t.read_failures, t.write_failures);
	triage_release(&t);
	return rc;
}
