#include "triage/triage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exporters/actionlog.h"
#include "core/api.h"
#include "core/arena.h"
#include "exporters/exporter.h"
#include "core/log.h"
#include "core/token.h"
#include "triage/normalize_comments.h"
#include "core/share.h"
#include "triage/triage_int.h"

#define VIDEO_LIST "business/video/list/"
#define VIDEOS_LIST "business/videos/list/" /* the v1.2 / other-SDK spelling */
#define MAX_PAGES 10000                     /* per listing: a server that never ends */

void triage_opts_default(struct triage_opts *o)
{
	o->read_qps = 0.6;
	o->write_qps = 0.5;
	o->read_parallel = 4;
	o->max_videos = 0;
	o->write_tries = 3;
}

/* ---- the decision ---- */

static struct triage_decision decided(enum action a, const char *result)
{
	struct triage_decision d = { a, result, false };
	return d;
}

struct triage_decision triage_decide(const struct triage_in *in, const struct triage_limits *lim,
				     struct triage_tally *t)
{
	enum action want;

	if (in->owner)
		return decided(ACT_SKIP, "skipped:own-comment");
	if (in->hidden)
		return decided(ACT_SKIP, "skipped:already-hidden");
	if (in->store_replied)
		return decided(ACT_SKIP, "skipped:already-replied");
	switch (in->cat) {
	case CAT_INQUIRY:
		want = ACT_REPLY;
		break;
	case CAT_SPAM:
	case CAT_ABUSE:
		want = ACT_HIDE;
		break;
	case CAT_OFFTOPIC:
		want = lim->hide_offtopic ? ACT_HIDE : ACT_NONE;
		break;
	case CAT_COMPLAINT: /* for a human; never hidden */
		return decided(ACT_FLAG, lim->apply ? "ok" : "planned");
	default:
		return decided(ACT_NONE, "ok");
	}
	if (want == ACT_NONE)
		return decided(ACT_NONE, "ok");
	if (want == ACT_REPLY) {
		if (t->replies >= lim->max_replies)
			return decided(ACT_SKIP, "skipped:cap");
		if (in->commenter_replied)
			return decided(ACT_SKIP, "skipped:one-per-commenter");
		t->replies++;
	} else {
		if (t->hides >= lim->max_hides)
			return decided(ACT_SKIP, "skipped:cap");
		t->hides++;
	}
	if (!lim->apply)
		return decided(want, "planned");
	{
		struct triage_decision d = { want, NULL, true };
		return d;
	}
}

/* ---- auth ---- */

static int resolve_auth(struct triage *t, struct err *e)
{
	const struct config *c = t->c;
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
		struct http_opts ho = { t->o->read_qps > 1 ? t->o->read_qps : 1, 1, c->timeout_ms,
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

/* ---- reading ---- */

enum rkind { RK_VIDEOS, RK_COMMENTS, RK_REPLIES };

struct rctx {
	struct triage *t;
	enum rkind kind;
	size_t i;            /* video index (RK_COMMENTS) or comment index (RK_REPLIES) */
	long long cursor;    /* of this request; -1: the first video page (no cursor) */
	long page;
	bool sorted;         /* create_time never increased so far (RK_COMMENTS) */
	time_t last;         /* create_time of the last comment seen */
};

static char *videos_url(const struct triage *t, long long cursor)
{
	char cur[32];
	const char *pairs[] = { "business_id", t->bid, "fields",
				"[\"item_id\",\"create_time\",\"caption\"]", "max_count", "20",
				cursor >= 0 ? "cursor" : NULL, cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->c->api_base, t->video_path, pairs);
}

static char *comments_url(const struct triage *t, size_t vi, long long cursor)
{
	char cur[32];
	const char *pairs[] = { "business_id", t->bid, "video_id", t->videos[vi].id,
				"status", "ALL", "include_replies", "true",
				"sort_field", "create_time", "sort_order", "desc",
				"max_count", "30", "cursor", cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->c->api_base, "business/comment/list/", pairs);
}

char *triage_reply_list_url(const struct triage *t, const struct crec *c, long long cursor)
{
	char cur[32];
	const char *pairs[] = { "business_id", t->bid, "video_id", t->videos[c->vi].id,
				"comment_id", c->id, "status", "ALL", "max_count", "30",
				"cursor", cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->c->api_base, "business/comment/reply/list/", pairs);
}

static enum http_verdict on_read(struct http *h, struct http_req *req, const struct http_res *res);

static void submit_read(struct triage *t, struct rctx *x)
{
	char *url;

	if (x->kind == RK_VIDEOS)
		url = videos_url(t, x->cursor);
	else if (x->kind == RK_COMMENTS)
		url = comments_url(t, x->i, x->cursor);
	else
		url = triage_reply_list_url(t, &t->cs[x->i], x->cursor);
	http_submit(t->h, http_req_new(url, NULL, t->token, on_read, x));
	free(url);
}

static void add_video(struct triage *t, const struct tt_video *v)
{
	if (t->nvid == t->capvid) {
		t->capvid = t->capvid ? t->capvid * 2 : 32;
		t->videos = xrealloc(t->videos, t->capvid * sizeof(*t->videos));
	}
	memset(&t->videos[t->nvid], 0, sizeof(t->videos[0]));
	t->videos[t->nvid++].id = xstrdup(v->id);
}

static void add_comment(struct triage *t, size_t vi, const struct tt_comment *cm)
{
	struct crec *c;

	if (t->nc == t->capc) {
		t->capc = t->capc ? t->capc * 2 : 64;
		t->cs = xrealloc(t->cs, t->capc * sizeof(*t->cs));
	}
	c = &t->cs[t->nc++];
	memset(c, 0, sizeof(*c));
	c->vi = vi;
	c->id = xstrdup(cm->id);
	c->user_key = cm->user_key ? xstrdup(cm->user_key) : NULL;
	c->create_time = cm->create_time;
	c->owner = cm->owner;
	c->hidden = cm->hidden;
	c->store_replied = cm->inline_store_reply;
	c->replies = cm->replies;
	c->inline_replies = cm->inline_replies;
	if (c->owner) {
		c->v.cat = CAT_OTHER;
		snprintf(c->v.rule, sizeof(c->v.rule), "own-comment");
	} else {
		classify_text(t->rules, cm->text, &c->v);
	}
}

/* A read that cannot go on: say so once, for people and for the report. */
static void read_fail(struct triage *t, struct rctx *x, const char *detail)
{
	char msg[400];

	if (x->kind == RK_VIDEOS) {
		t->videos_failed = true;
		snprintf(t->videos_error, sizeof(t->videos_error), "%s", detail);
		snprintf(msg, sizeof(msg), "comment triage: video list, page %ld: %s", x->page, detail);
	} else if (x->kind == RK_COMMENTS) {
		t->videos[x->i].failed = true;
		snprintf(msg, sizeof(msg), "comment triage: comments of video %s, page %ld: %s",
			 t->videos[x->i].id, x->page, detail);
	} else {
		struct crec *c = &t->cs[x->i];
		c->replies_failed = true;
		snprintf(c->replies_error, sizeof(c->replies_error), "its replies could not be read: %s",
			 detail);
		snprintf(msg, sizeof(msg), "comment triage: replies of comment %s: %s", c->id, detail);
	}
	t->read_failures++;
	log_error("%s", msg);
	report_warn(t->r, "%s", msg);
}

static void next_or_end(struct triage *t, struct rctx *x, long long cursor)
{
	x->cursor = cursor;
	x->page++;
	submit_read(t, x);
}

/* The video list path differs between sources: fall back once, on HTTP 404
 * or code 40400/40008 to the first page. true when it did. */
static bool video_fallback(struct triage *t, struct rctx *x, const struct api_answer *a,
			   const struct api_status *st)
{
	bool http404 = a->norm == API_UNPARSED && !a->res->transport_error && a->res->status == 404;
	bool code = a->norm == NORM_API && (st->code == 40400 || st->code == 40008);

	if (x->kind != RK_VIDEOS || x->page != 1 || t->video_fell_back || !(http404 || code))
		return false;
	if (http404)
		log_info("%s answers HTTP 404: trying %s", VIDEO_LIST, VIDEOS_LIST);
	else
		log_info("%s answers code %ld: trying %s", VIDEO_LIST, st->code, VIDEOS_LIST);
	t->video_fell_back = true;
	t->video_path = VIDEOS_LIST;
	submit_read(t, x);
	return true;
}

/* The videos of one page: each one's comments are read at once. false: stop. */
static bool take_videos(struct triage *t, struct rctx *x, struct video_page *p)
{
	bool more = p->has_more && p->n > 0 && (x->cursor < 0 || p->cursor < x->cursor);
	bool capped = false;

	for (size_t i = 0; i < p->n; i++) {
		if (t->o->max_videos > 0 && (int)t->nvid >= t->o->max_videos) {
			more = false;
			break;
		}
		add_video(t, &p->v[i]);
		struct rctx *cx = xcalloc(1, sizeof(*cx));
		*cx = (struct rctx){ t, RK_COMMENTS, t->nvid - 1, 0, 1, true, 0 };
		submit_read(t, cx);
	}
	capped = t->o->max_videos > 0 && (int)t->nvid >= t->o->max_videos;
	if (p->has_more && !more && p->n > 0 && !capped)
		log_warn("comment triage: the video list cursor does not move back; "
			 "stopping after %zu videos", t->nvid);
	return more;
}

/* The comments (or replies) of one page. Returns whether to read on. */
static bool take_comments(struct triage *t, struct rctx *x, const struct comment_page *p)
{
	bool old = false, enough;

	for (size_t i = 0; i < p->n; i++) {
		const struct tt_comment *cm = &p->v[i];
		if (x->kind == RK_REPLIES) {
			if (cm->owner)
				t->cs[x->i].store_replied = true;
			continue;
		}
		if (cm->parent_id) /* replies are not triaged */
			continue;
		if (cm->create_time < 0) {
			t->bad_times++;
			continue;
		}
		if ((x->page > 1 || i > 0) && cm->create_time > x->last)
			x->sorted = false;
		x->last = cm->create_time;
		if (cm->create_time < t->since) {
			old = true;
			continue;
		}
		add_comment(t, x->i, cm);
	}
	if (x->kind == RK_COMMENTS)
		t->videos[x->i].read_any = true;
	/* Never stop on a short page while has_more: only when the answer is
	 * sorted newest first and has passed the window, or a store reply is found. */
	enough = x->kind == RK_REPLIES ? t->cs[x->i].store_replied
				       : (x->sorted && old && p->n > 0 && x->last < t->since);
	return p->has_more && !enough;
}

enum more { M_END, M_MORE, M_STUCK };

/* Parse one page and take what it holds; *how says whether to read on at
 * *next. NORM_* of the parse. */
static int take_page(struct triage *t, struct rctx *x, const struct http_res *res,
		     struct api_status *st, struct err *e, enum more *how, long long *next)
{
	int k;

	*how = M_END;
	if (x->kind == RK_VIDEOS) {
		struct video_page p;
		if ((k = norm_video_page(res->body, res->len, &p, st, e)) == NORM_OK) {
			if (take_videos(t, x, &p))
				*how = M_MORE;
			*next = p.cursor;
			video_page_release(&p);
		}
		return k;
	}
	struct comment_page p;
	if ((k = norm_comment_page(res->body, res->len, &p, st, e)) == NORM_OK) {
		bool moved = p.cursor != x->cursor || p.n > 0;
		if (take_comments(t, x, &p))
			*how = moved ? M_MORE : M_STUCK;
		*next = p.cursor;
		comment_page_release(&p);
	}
	return k;
}

static void read_detail(const struct api_answer *a, const struct api_status *st,
			const struct err *e, char *detail, size_t n)
{
	if (a->norm == API_UNPARSED && a->res->transport_error)
		snprintf(detail, n, "%s (after %d tries)", a->res->error, a->tries);
	else if (a->norm == API_UNPARSED)
		snprintf(detail, n, "HTTP %ld", a->res->status);
	else if (a->norm == NORM_BAD_JSON)
		snprintf(detail, n, "%s", st->message);
	else if (a->norm == NORM_BAD_DATA)
		snprintf(detail, n, "%s", e->msg);
	else
		snprintf(detail, n, "code %ld: %s (request_id %s)", st->code, st->message,
			 st->request_id);
}

static enum http_verdict on_read(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct rctx *x = req->ctx;
	struct triage *t = x->t;
	struct api_answer a = { res, false, req->tries, t->c->max_tries, API_UNPARSED, 0 };
	struct api_status st = { 0 };
	struct err e = { 0 };
	char detail[300];
	long long next = 0;
	enum more how = M_END;
	enum api_verdict v;

	(void)h;
	if (t->auth_failed)
		goto done;
	v = api_judge(&a);
	if (v == AV_OK) {
		a.norm = take_page(t, x, res, &st, &e, &how, &next);
		a.code = st.code;
		v = api_judge(&a);
	}
	if (v != AV_OK && v != AV_RETRY && video_fallback(t, x, &a, &st))
		return HTTP_DONE;
	switch (v) {
	case AV_RETRY:
		return HTTP_RETRY;
	case AV_OK:
		if (how == M_STUCK) {
			read_fail(t, x, "has_more is true but the cursor does not move");
		} else if (how == M_MORE && x->page < MAX_PAGES) {
			next_or_end(t, x, next);
			return HTTP_DONE;
		}
		goto done;
	case AV_AUTH:
	case AV_PERM:
		if (!t->auth_failed)
			errf(&t->auth_err, EXIT_AUTH, "TikTok account token refused: code %ld: %s",
			     st.code, st.message);
		t->auth_failed = true;
		goto done;
	default:
		break;
	}
	read_detail(&a, &st, &e, detail, sizeof(detail));
	read_fail(t, x, detail);
done:
	free(x);
	return HTTP_DONE;
}

static struct http *read_http(const struct triage *t)
{
	const struct config *c = t->c;
	struct http_opts ho = { t->o->read_qps, t->o->read_parallel, c->timeout_ms, 16u << 20,
				c->retry_base_ms, c->retry_max_ms };
	return http_new(&ho);
}

static int run_reads(struct triage *t)
{
	int rc = http_run(t->h);
	return rc;
}

/* ---- deciding ---- */

static int cmp_crec(const void *a, const void *b)
{
	const struct crec *x = a, *y = b;
	int k;

	if (x->create_time != y->create_time)
		return x->create_time < y->create_time ? -1 : 1;
	if (x->vi != y->vi)
		return x->vi < y->vi ? -1 : 1;
	k = strcmp(x->id, y->id);
	return k;
}

static void crec_free(struct crec *c)
{
	free(c->id);
	free(c->user_key);
}

/* Oldest first; drop the same comment seen twice (pages that shifted). */
static void sort_dedupe(struct triage *t)
{
	size_t o = 0;

	qsort(t->cs, t->nc, sizeof(*t->cs), cmp_crec);
	for (size_t i = 0; i < t->nc; i++) {
		if (o && t->cs[o - 1].vi == t->cs[i].vi && !strcmp(t->cs[o - 1].id, t->cs[i].id)) {
			t->cs[o - 1].store_replied |= t->cs[i].store_replied;
			crec_free(&t->cs[i]);
			continue;
		}
		t->cs[o++] = t->cs[i];
	}
	t->nc = o;
}

static bool would_act(const struct triage *t, const struct crec *c)
{
	switch (c->v.cat) {
	case CAT_INQUIRY:
	case CAT_SPAM:
	case CAT_ABUSE:
	case CAT_COMPLAINT:
		return true;
	case CAT_OFFTOPIC:
		return rules_hide_offtopic(t->rules);
	default:
		return false;
	}
}

bool triage_must_read_replies(bool owner, bool hidden, bool inline_store_reply, long replies,
			      size_t inline_replies)
{
	return !owner && !hidden && !inline_store_reply && replies > (long)inline_replies;
}

/* Replies beyond the (at most 3) inline ones: read them all before deciding. */
static void read_reply_lists(struct triage *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nc; i++) {
		struct crec *c = &t->cs[i];
		if (!would_act(t, c) || !triage_must_read_replies(c->owner, c->hidden, c->store_replied,
								   c->replies, c->inline_replies))
			continue;
		struct rctx *x = xcalloc(1, sizeof(*x));
		*x = (struct rctx){ t, RK_REPLIES, i, 0, 1, true, 0 };
		submit_read(t, x);
		n++;
	}
	if (n) {
		log_debug("comment triage: reading the replies of %zu comment(s)", n);
		run_reads(t);
	}
}

/* Commenters replied to in this run: a sorted array of keys. */
struct keyset {
	const char **v;
	size_t n, cap;
};

static bool keyset_has(const struct keyset *s, const char *k)
{
	for (size_t i = 0; i < s->n; i++) /* a run replies to at most max_replies people */
		if (!strcmp(s->v[i], k))
			return true;
	return false;
}

static void keyset_add(struct keyset *s, const char *k)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = k;
}

static void decide_all(struct triage *t)
{
	struct triage_limits lim = { t->c->apply, rules_hide_offtopic(t->rules), t->c->max_replies,
				     t->c->max_hides };
	struct triage_tally tally = { 0, 0 };
	struct keyset seen = { 0 };

	for (size_t i = 0; i < t->nc; i++) {
		struct crec *c = &t->cs[i];
		struct triage_in in = { c->owner, c->hidden, c->store_replied, false, c->v.cat };
		struct triage_decision d;

		if (!c->owner && !c->hidden && !c->store_replied && c->replies_failed) {
			/* cannot know whether the store answered: do nothing */
			c->act = ACT_SKIP;
			c->result = "error";
			snprintf(c->error, sizeof(c->error), "%s", c->replies_error);
			continue;
		}
		in.commenter_replied = c->user_key && keyset_has(&seen, c->user_key);
		d = triage_decide(&in, &lim, &tally);
		c->act = d.act;
		c->result = d.result;
		c->write = d.write;
		if (d.act == ACT_REPLY && c->user_key)
			keyset_add(&seen, c->user_key);
	}
	free(seen.v);
}

static void record_all(struct triage *t)
{
	for (size_t i = 0; i < t->nc; i++) {
		const struct crec *c = &t->cs[i];
		struct action_rec a = { t->now, t->bid, t->videos[c->vi].id, c->id, c->v.cat,
					c->v.rule, c->v.lang, c->act, t->c->apply,
					c->result ? c->result : "error", c->error[0] ? c->error : NULL };
		report_add_action(t->r, &a);
	}
}

static void log_counts(const struct triage *t)
{
	const struct triage_summary *s = &t->r->triage;

	log_info("comment triage (%s): %zu comment(s) in the last %d day(s) on %zu video(s)",
		 t->c->apply ? "apply" : "dry-run", t->nc, t->c->comment_days, t->nvid);
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
	const char *rp = t->c->rules, *pp = t->c->replies;

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

/* Two runs acting at once would each see "no reply yet" and both reply: an
 * --apply run holds <outdir>/.triage.lock (flock, released at exit). */
static int lock_outdir(struct triage *t, struct err *e)
{
	char path[4200];
	const char *dir = t->c->outdir ? t->c->outdir : "out";
	int rc = export_mkdir(dir, e);

	if (rc)
		return rc;
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
		crec_free(&t->cs[i]);
	free(t->cs);
	for (size_t i = 0; i < t->nvid; i++)
		free(t->videos[i].id);
	free(t->videos);
	if (t->rules)
		rules_free(t->rules);
	http_free(t->h);
	memset(t->token, 0, sizeof(t->token));
}

int triage_run(struct report *r, const struct config *c, time_t now, struct err *e)
{
	struct triage_opts o = { c->read_qps, c->write_qps, c->read_parallel, c->max_videos,
				 c->write_tries };

	return triage_run_opts(r, c, &o, now, e);
}

int triage_run_opts(struct report *r, const struct config *c, const struct triage_opts *o,
		    time_t now, struct err *e)
{
	struct triage t;
	char path[4200];
	size_t readable = 0;
	int rc, days = c->comment_days > 0 ? c->comment_days : 3;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.c = c;
	t.o = o;
	t.now = now;
	t.since = now - (time_t)days * 86400;
	t.video_path = VIDEO_LIST;
	if ((rc = resolve_auth(&t, e)) || (rc = load_rules(&t, e)) ||
	    (c->apply && (rc = lock_outdir(&t, e)))) {
		triage_release(&t);
		return rc;
	}

	/* 1. read: videos, then every video's comments, pages in parallel */
	t.h = read_http(&t);
	{
		struct rctx *x = xcalloc(1, sizeof(*x));
		*x = (struct rctx){ &t, RK_VIDEOS, 0, -1, 1, true, 0 };
		submit_read(&t, x);
	}
	if (run_reads(&t) != 0) {
		triage_release(&t);
		return errf(e, EXIT_API, "comment triage: curl failed");
	}
	if (t.auth_failed) {
		*e = t.auth_err;
		triage_release(&t);
		return EXIT_AUTH;
	}
	for (size_t i = 0; i < t.nvid; i++)
		readable += t.videos[i].read_any;
	if (t.videos_failed && !t.nvid) {
		rc = errf(e, EXIT_API, "comment triage: the video list could not be read: %s",
			  t.videos_error);
		triage_release(&t);
		return rc;
	}
	if (t.nvid && !readable) {
		rc = errf(e, EXIT_API, "comment triage: no video's comments could be read");
		triage_release(&t);
		return rc;
	}
	if (t.bad_times)
		log_warn("comment triage: %zu comment(s) without a readable create_time were left alone",
			 t.bad_times);

	/* 2. decide from this fresh state (all replies read first), 3. then act */
	sort_dedupe(&t);
	read_reply_lists(&t);
	if (t.auth_failed) {
		*e = t.auth_err;
		triage_release(&t);
		return EXIT_AUTH;
	}
	decide_all(&t);
	http_free(t.h);
	t.h = NULL;
	if (c->apply && triage_act(&t) != 0)
		log_error("comment triage: curl failed while acting");

	/* 4. record and write the log */
	record_all(&t);
	for (size_t i = 0; i < t.nc; i++)
		if (t.cs[i].result && !strcmp(t.cs[i].result, "error"))
			t.write_failures++;
	log_counts(&t);
	rc = export_mkdir(c->outdir ? c->outdir : "out", e);
	if (!rc) {
		export_path(r, c->outdir ? c->outdir : "out", "actions", NULL, "jsonl", path, sizeof(path));
		rc = actionlog_write(r, path, e);
		if (!rc)
			log_info("wrote the action log %s", path);
	}
	if (!rc && (t.read_failures || t.write_failures)) {
		rc = errf(e, EXIT_PARTIAL, "comment triage: %d read failure(s), %d action(s) failed",
			  t.read_failures, t.write_failures);
	}
	triage_release(&t);
	return rc;
}
