/* triage.c: the driver of comment triage: auth, rules and the lock, then
 * the chain read (read.c) -> decide (decide.c) -> act (act.c), and the
 * decisions recorded into the report. */
#include "triage/triage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/log.h"
#include "core/share.h"
#include "core/token.h"
#include "triage/triage_int.h"

static int resolve_auth(struct triage *t, struct err *e)
{
	const struct triage_opts *c = t->o;
	bool can_refresh = c->refresh_token && c->app_id && c->app_secret;

	if (c->account_token && c->business_id) {
		snprintf(t->token, sizeof(t->token), "%s", c->account_token);
		snprintf(t->bid, sizeof(t->bid), "%s", c->business_id);
		return 0;
	}
	if (!can_refresh) {
		if (c->account_token)
			return errf(e, EXIT_USAGE, "no business id for comment triage: set "
				    "TIKTOK_BUSINESS_ID (the TikTok account's open_id)");
		return errf(e, EXIT_USAGE, "no TikTok account token for comment triage: set "
			    "TIKTOK_ACCOUNT_TOKEN and TIKTOK_BUSINESS_ID, or TIKTOK_REFRESH_TOKEN "
			    "with TIKTOK_APP_ID and TIKTOK_APP_SECRET");
	}
	{
		struct http_opts ho = { c->read_qps > 1 ? c->read_qps : 1, 1, c->timeout_ms,
					1 << 20, c->retry_base_ms, c->retry_max_ms };
		struct token_app app = { &ho, c->max_tries, c->api_base, c->app_id, c->app_secret };
		struct token_grant g;
		int rc = token_refresh(&app, c->refresh_token, &g, e);

		if (rc)
			return err_wrap(e, "refreshing the TikTok account token");
		snprintf(t->token, sizeof(t->token), "%s", c->account_token ? c->account_token
									: g.access_token);
		snprintf(t->bid, sizeof(t->bid), "%s", c->business_id ? c->business_id : g.open_id);
		memset(&g, 0, sizeof(g));
		if (!t->bid[0])
			return errf(e, EXIT_AUTH, "the token refresh answer has no open_id: set "
				    "TIKTOK_BUSINESS_ID");
		log_info("refreshed the TikTok account token");
	}
	return 0;
}

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

/* Two runs acting at once would each see "no reply yet" and both reply: an
 * --apply run holds <outdir>/.triage.lock (flock, released at exit). */
static int lock_outdir(struct triage *t, struct err *e)
{
	char path[4200];
	const char *dir = t->o->outdir;

	snprintf(path, sizeof(path), "%s/.triage.lock", dir);
	t->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (t->lock_fd < 0)
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(errno));
	if (flock(t->lock_fd, LOCK_EX | LOCK_NB) != 0)
		return errf(e, EXIT_USAGE, "another comment triage run is acting (it holds %s)", path);
	return 0;
}

static void triage_release(struct triage *t)
{
	if (t->lock_fd > 0)
		close(t->lock_fd); /* releases the lock */
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
		return EXIT_AUTH;
	}
	for (size_t i = 0; i < t->nvid; i++)
		readable += t->videos[i].read_any;
	if (t->videos_failed && !t->nvid)
		return errf(e, EXIT_API, "comment triage: the video list could not be read: %s",
			    t->videos_error);
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
		return EXIT_AUTH;
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
	if ((rc = resolve_auth(&t, e)) || (rc = load_rules(&t, e)) || (rc = load_model(&t, e)) ||
	    (o->apply && (rc = lock_outdir(&t, e))) || (rc = read_decide_act(&t, e))) {
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
