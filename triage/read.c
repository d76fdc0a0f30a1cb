/* read.c: the reading step of comment triage: the video list (with its
 * fallback path), every video's comment pages in parallel, and the reply
 * lists of comments that may get an action. Every answer is judged by
 * api_judge(); a read that cannot go on is recorded as a read failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/arena.h"
#include "core/log.h"
#include "triage/normalize_comments.h"
#include "triage/triage_int.h"

#define VIDEO_LIST "business/video/list/"
#define VIDEOS_LIST "business/videos/list/" /* the v1.2 / other-SDK spelling */
#define MAX_PAGES 10000                     /* per listing: a server that never ends */

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
				"[\"item_id\",\"create_time\",\"caption\",\"share_url\"]", "max_count", "20",
				cursor >= 0 ? "cursor" : NULL, cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->o->api_base, t->video_path, pairs);
}

static char *comments_url(const struct triage *t, size_t vi, long long cursor)
{
	char cur[32];
	const char *pairs[] = { "business_id", t->bid, "video_id", t->videos[vi].id,
				"status", "ALL", "include_replies", "true",
				"sort_field", "create_time", "sort_order", "desc",
				"max_count", "30", "cursor", cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->o->api_base, "business/comment/list/", pairs);
}

char *triage_reply_list_url(const struct triage *t, const struct crec *c, long long cursor)
{
	char cur[32];
	const char *pairs[] = { "business_id", t->bid, "video_id", t->videos[c->vi].id,
				"comment_id", c->id, "status", "ALL", "max_count", "30",
				"cursor", cur, NULL };

	snprintf(cur, sizeof(cur), "%lld", cursor);
	return api_url(t->o->api_base, "business/comment/reply/list/", pairs);
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
	t->videos[t->nvid].caption = v->caption ? xstrdup(v->caption) : NULL;
	t->videos[t->nvid].share_url = v->share_url ? xstrdup(v->share_url) : NULL;
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
	triage_classify(t, cm->text, c);
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

static enum http_verdict on_read(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct rctx *x = req->ctx;
	struct triage *t = x->t;
	struct api_answer a = { res, false, req->tries, t->o->max_tries, API_UNPARSED, 0 };
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
	api_answer_detail(&a, &st, &e, detail, sizeof(detail));
	read_fail(t, x, detail);
done:
	free(x);
	return HTTP_DONE;
}

int triage_read_comments(struct triage *t)
{
	const struct triage_opts *o = t->o;
	struct http_opts ho = { o->read_qps, o->read_parallel, o->timeout_ms, 16u << 20,
				o->retry_base_ms, o->retry_max_ms };
	struct rctx *x = xcalloc(1, sizeof(*x));

	t->video_path = VIDEO_LIST;
	t->h = http_new(&ho);
	*x = (struct rctx){ t, RK_VIDEOS, 0, -1, 1, true, 0 };
	submit_read(t, x);
	return http_run(t->h);
}

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

void triage_crec_free(struct crec *c)
{
	free(c->id);
	free(c->user_key);
}

/* Oldest first; drop the same comment seen twice (pages that shifted). */
void triage_sort_dedupe(struct triage *t)
{
	size_t o = 0;

	qsort(t->cs, t->nc, sizeof(*t->cs), cmp_crec);
	for (size_t i = 0; i < t->nc; i++) {
		if (o && t->cs[o - 1].vi == t->cs[i].vi && !strcmp(t->cs[o - 1].id, t->cs[i].id)) {
			t->cs[o - 1].store_replied |= t->cs[i].store_replied;
			triage_crec_free(&t->cs[i]);
			continue;
		}
		t->cs[o++] = t->cs[i];
	}
	t->nc = o;
}

/* Replies beyond the (at most 3) inline ones: read them all before deciding. */
void triage_read_reply_lists(struct triage *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nc; i++) {
		struct crec *c = &t->cs[i];
		if (!triage_would_act(t, c) ||
		    !triage_must_read_replies(c->owner, c->hidden, c->store_replied, c->replies,
					      c->inline_replies))
			continue;
		struct rctx *x = xcalloc(1, sizeof(*x));
		*x = (struct rctx){ t, RK_REPLIES, i, 0, 1, true, 0 };
		submit_read(t, x);
		n++;
	}
	if (n) {
		log_debug("comment triage: reading the replies of %zu comment(s)", n);
		http_run(t->h);
	}
}

