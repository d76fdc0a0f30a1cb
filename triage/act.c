/* act.c: the acting step of comment triage: the writes (reply, hide), one at
 * a time, each endpoint at its own pace (replies and hides interleave). A
 * write whose outcome is unknown (transport error, 5xx, cut answer, 5xxxx
 * code) is never sent again blindly: a reply is looked for in reply/list
 * with several reads spread over the verify window (TikTok may show it a few
 * seconds late); seen, it is done; not seen, its outcome stays unknown and it
 * is not posted again in this run (the next run sees it). A hide, idempotent,
 * is sent again once comment/list shows it not hidden.
 *
 * Every attempt runs on a connection of its own (a new http object): libcurl
 * silently re-sends a request whose reused keep-alive connection died before
 * any answer, which for a POST that the server did apply means a second reply. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/api.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/pace.h"
#include "core/envelope.h"
#include "triage/normalize_comments.h"
#include "triage/triage_int.h"

#define MAX_VERIFY_PAGES 200

/* One attempt, its answer copied out. */
struct one {
	long status;
	bool transport_error, cannot_connect;
	char error[160];
	char *body;
	size_t len;
};

static enum http_verdict on_one(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct one *o = req->ctx;

	(void)h;
	o->status = res->status;
	o->transport_error = res->transport_error;
	o->cannot_connect = res->cannot_connect;
	snprintf(o->error, sizeof(o->error), "%s", res->error ? res->error : "");
	o->body = xmalloc(res->len + 1);
	memcpy(o->body, res->body, res->len);
	o->body[res->len] = '\0';
	o->len = res->len;
	return HTTP_DONE;
}

static void one_request(const struct triage *t, const char *url, const char *body, struct one *o)
{
	const struct triage_opts *c = t->o;
	struct http_opts ho = { 1000, 1, c->timeout_ms, 16u << 20, c->retry_base_ms, c->retry_max_ms };
	struct http *h;

	pace_wait(t->pace, url); /* every request to the endpoint, reads and writes alike */
	h = http_new(&ho);
	memset(o, 0, sizeof(*o));
	http_submit(h, http_req_new(url, body, t->token, on_one, o));
	if (http_run(h) != 0 || !o->body) {
		o->transport_error = true;
		snprintf(o->error, sizeof(o->error), "curl failed");
	}
	http_free(h);
}

static void one_release(struct one *o)
{
	free(o->body);
	o->body = NULL;
}

static void sleep_s(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0)
		;
}

static void backoff(const struct triage *t, int attempt)
{
	double d = (double)t->o->retry_base_ms / 1000.0;
	double cap = (double)t->o->retry_max_ms / 1000.0;

	for (int i = 1; i < attempt && d < cap; i++)
		d *= 2;
	sleep_s(d < cap ? d : cap);
}

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void set_result(struct crec *c, enum act_result result, const char *fmt, const char *detail)
{
	c->result = result;
	if (fmt)
		snprintf(c->error, sizeof(c->error), fmt, detail ? detail : "");
	else
		c->error[0] = '\0';
}

/* The answer to a write, judged by api_judge() (never retried there: this
 * file makes its own attempts, one connection each). */
static enum api_verdict write_outcome(const struct crec *c, const struct one *o, char *detail,
				      size_t n, long *code)
{
	struct http_res res = { o->status, o->body, o->len, o->transport_error, o->cannot_connect,
				o->error };
	struct api_answer a = { &res, true, 1, 0, API_UNPARSED, 0 };
	struct api_status st;
	struct err e = { 0 };
	char id[64];
	enum api_verdict v = api_judge(&a);

	if (v != AV_OK) {
		if (o->transport_error)
			snprintf(detail, n, "%s", o->error);
		else
			snprintf(detail, n, "HTTP %ld", o->status);
		return v;
	}
	a.norm = c->act == ACT_REPLY ? norm_reply_created(o->body, o->len, id, sizeof(id), &st, &e)
				     : norm_status(o->body, o->len, &st);
	a.code = st.code;
	*code = a.norm == NORM_API ? st.code : 0;
	v = api_judge(&a);
	if (a.norm == NORM_API)
		snprintf(detail, n, "code %ld: %s (request_id %s)", st.code, st.message, st.request_id);
	else if (v != AV_OK)
		snprintf(detail, n, "%s", st.message[0] ? st.message : "answer cut short");
	return v;
}

enum verified { V_YES, V_NO, V_UNKNOWN };

/* GET one comment/list or reply/list page into *p, retrying what reads may
 * retry. 0, or -1 with detail filled. */
static int fetch_page(const struct triage *t, const char *url, struct comment_page *p, char *detail,
		      size_t n)
{
	int max = t->o->max_tries;

	for (int tries = 1;; tries++) {
		struct api_status st;
		struct err e = { 0 };
		struct one o;
		struct http_res res;
		struct api_answer a = { &res, false, tries, max, API_UNPARSED, 0 };
		enum api_verdict v;

		one_request(t, url, NULL, &o);
		res = (struct http_res){ o.status, o.body, o.len, o.transport_error, o.cannot_connect,
					 o.error };
		if ((v = api_judge(&a)) == AV_OK) {
			a.norm = norm_comment_page(o.body, o.len, p, &st, &e);
			a.code = st.code;
			v = api_judge(&a);
		}
		if (v == AV_RETRY) {
			one_release(&o);
			backoff(t, tries);
			continue;
		}
		if (a.norm == API_UNPARSED && o.transport_error)
			snprintf(detail, n, "%s", o.error);
		else if (a.norm == API_UNPARSED)
			snprintf(detail, n, "HTTP %ld", o.status);
		else if (v != AV_OK)
			snprintf(detail, n, "%s", a.norm == NORM_BAD_DATA ? e.msg : st.message);
		one_release(&o);
		return v == AV_OK ? 0 : -1;
	}
}

/* Does comment c have a reply from the store now? Every reply/list page. */
static enum verified store_replied(const struct triage *t, const struct crec *c, char *detail,
				   size_t n)
{
	long long cursor = 0;

	for (long page = 0; page < MAX_VERIFY_PAGES; page++) {
		char *url = triage_reply_list_url(t, c, cursor);
		struct comment_page p;
		bool found = false, more;
		int k = fetch_page(t, url, &p, detail, n);

		free(url);
		if (k)
			return V_UNKNOWN;
		for (size_t i = 0; i < p.n; i++)
			found |= p.v[i].owner;
		more = p.has_more && p.cursor != cursor;
		cursor = p.cursor;
		comment_page_release(&p);
		if (found)
			return V_YES;
		if (!more)
			return V_NO;
	}
	snprintf(detail, n, "too many reply pages");
	return V_UNKNOWN;
}

/* Is comment c hidden now? comment/list with comment_ids=[id]. */
static enum verified is_hidden(const struct triage *t, const struct crec *c, char *detail, size_t n)
{
	char *q = json_quote(c->id), ids[160], *url;
	const char *pairs[] = { "business_id", t->bid, "video_id", t->videos[c->vi].id,
				"comment_ids", ids, "status", "ALL", "max_count", "30", NULL };
	struct comment_page p;
	enum verified v = V_UNKNOWN;

	snprintf(ids, sizeof(ids), "[%s]", q);
	free(q);
	url = api_url(t->o->api_base, "business/comment/list/", pairs);
	if (fetch_page(t, url, &p, detail, n) == 0) {
		snprintf(detail, n, "comment not found in comment/list");
		for (size_t i = 0; i < p.n; i++)
			if (!strcmp(p.v[i].id, c->id))
				v = p.v[i].hidden ? V_YES : V_NO;
		comment_page_release(&p);
	}
	free(url);
	return v;
}

static char *write_body(const struct triage *t, const struct crec *c, const char *text)
{
	char *bid = json_quote(t->bid), *vid = json_quote(t->videos[c->vi].id);
	char *cid = json_quote(c->id), *txt = text ? json_quote(text) : NULL, *b;
	size_t n = strlen(bid) + strlen(vid) + strlen(cid) + (txt ? strlen(txt) : 0) + 128;

	b = xmalloc(n);
	if (c->act == ACT_REPLY)
		snprintf(b, n, "{\"business_id\":%s,\"video_id\":%s,\"comment_id\":%s,\"text\":%s}",
			 bid, vid, cid, txt);
	else
		snprintf(b, n, "{\"business_id\":%s,\"video_id\":%s,\"comment_id\":%s,\"action\":\"HIDE\"}",
			 bid, vid, cid);
	free(bid);
	free(vid);
	free(cid);
	free(txt);
	return b;
}

/* After a write whose answer was lost: did it happen? A reply is looked for
 * with reads at 5, 15, 30, 55 and 100% of the verify window (TikTok may show
 * a new reply seconds late); a hide with one read after a short wait. */
static enum verified verify_write(const struct triage *t, const struct crec *c, char *vd, size_t n)
{
	static const double at[] = { 0.05, 0.15, 0.30, 0.55, 1.0 };
	double start = pace_now(), w = (double)t->o->verify_window_ms / 1000.0;
	enum verified v = V_UNKNOWN;

	if (c->act != ACT_REPLY) {
		backoff(t, 1);
		return is_hidden(t, c, vd, n);
	}
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		sleep_s(start + at[i] * w - pace_now());
		if ((v = store_replied(t, c, vd, n)) == V_YES)
			return v;
		log_debug("comment triage: reply to comment %s not seen yet (%.0f s)", c->id,
			  pace_now() - start);
	}
	return v;
}

enum step { S_DONE, S_AGAIN };

/* The answer was lost: look before anything else. A reply never seen is an
 * unknown outcome, never posted again in this run. */
static enum step on_unknown(const struct triage *t, struct crec *c, const char *detail)
{
	char vd[200] = "", msg[200];
	enum verified v;

	log_warn("comment triage: %s of comment %s: no clear answer (%s): checking before anything "
		 "else", action_name(c->act), c->id, detail);
	v = verify_write(t, c, vd, sizeof(vd));
	if (v == V_YES) {
		log_info("comment triage: the %s of comment %s was done", action_name(c->act), c->id);
		set_result(c, RES_OK, NULL, NULL);
		return S_DONE;
	}
	if (c->act != ACT_REPLY)
		return S_AGAIN; /* a hide not seen: sending it again is harmless */
	snprintf(msg, sizeof(msg), "unknown outcome: no store reply seen within %ld s%s%s; not posted "
		 "again (the next run will see it)", t->o->verify_window_ms / 1000,
		 v == V_UNKNOWN ? ", last check: " : "", v == V_UNKNOWN ? vd : "");
	set_result(c, RES_ERROR, "%s", msg);
	return S_DONE;
}

/* One attempt's verdict: done (result set), or another attempt. */
static enum step after_answer(struct triage *t, struct crec *c, const char *url,
			      enum api_verdict k, long code, const char *detail, int attempt)
{
	switch (k) {
	case AV_OK:
		set_result(c, RES_OK, NULL, NULL);
		return S_DONE;
	case AV_AUTH:
		if (code == 40102 && triage_token_expired(t))
			return S_AGAIN; /* refused before any effect: the new token may go */
		/* fall through */
	case AV_PERM:
		set_result(c, RES_ERROR, "%s", detail);
		t->writes_refused = true;
		snprintf(t->refused, sizeof(t->refused), "%s", detail);
		log_error("comment triage: a write was refused (%s): no more writes in this run", detail);
		return S_DONE;
	case AV_UNKNOWN:
		return on_unknown(t, c, detail);
	case AV_NOT_DONE:
	case AV_RETRY:
		triage_hold(t, url, attempt); /* a rate limit: that endpoint waits */
		return S_AGAIN;
	default:
		set_result(c, RES_ERROR, "%s", detail);
		return S_DONE;
	}
}

/* One decided write, attempts and checks included; fills c->result. */
static void act_one(struct triage *t, struct crec *c)
{
	const char *text = NULL;
	char *url, *body, detail[300];

	if (c->act == ACT_REPLY) {
		text = rules_reply(t->rules, c->v.lang, c->id);
		if (!text || !*text || utf8_len(text) > 150) {
			set_result(c, RES_ERROR, "%s", "the reply template is empty or longer than 150 characters");
			return;
		}
	} else if (c->act != ACT_HIDE || c->v.cat == CAT_COMPLAINT || c->owner) {
		set_result(c, RES_ERROR, "%s", "internal: refusing this write"); /* never */
		return;
	}
	url = api_url(t->o->api_base, c->act == ACT_REPLY ? "business/comment/reply/create/"
							  : "business/comment/hide/", NULL);
	body = write_body(t, c, text);
	for (int attempt = 1;; attempt++) {
		struct one o;
		long code = 0;
		enum api_verdict k;

		one_request(t, url, body, &o);
		t->last_write = time(NULL);
		{ /* for the next run, even if this one is killed: see settle() in triage.c */
			char line[700];
			snprintf(line, sizeof(line), "%s, last write %ld", t->who, (long)t->last_write);
			keylock_note(&t->lock, line);
		}
		k = write_outcome(c, &o, detail, sizeof(detail), &code);
		one_release(&o);
		if (after_answer(t, c, url, k, code, detail, attempt) == S_DONE)
			break;
		if (attempt >= t->o->write_tries) {
			set_result(c, RES_ERROR, "not done after retries: %s", detail);
			break;
		}
		log_debug("comment triage: %s of comment %s: retrying (%s)", action_name(c->act), c->id,
			  detail);
	}
	if (c->result == RES_ERROR)
		log_error("comment triage: %s of comment %s failed: %s", action_name(c->act), c->id,
			  c->error);
	free(url);
	free(body);
}

/* The next write of one kind (0 replies, 1 hides) from *from on, or nc. */
static size_t next_write(const struct triage *t, int kind, size_t from)
{
	for (size_t i = from; i < t->nc; i++)
		if (t->cs[i].write && (t->cs[i].act == ACT_REPLY) == (kind == 0))
			return i;
	return t->nc;
}

/* Oldest first within each kind; replies and hides interleave, whichever
 * endpoint is free first (each has its own pace). */
void triage_act(struct triage *t)
{
	char *url[2] = { api_url(t->o->api_base, "business/comment/reply/create/", NULL),
			 api_url(t->o->api_base, "business/comment/hide/", NULL) };
	size_t at[2] = { next_write(t, 0, 0), next_write(t, 1, 0) };

	while (at[0] < t->nc || at[1] < t->nc) {
		int k = at[1] >= t->nc ? 0 : at[0] >= t->nc ? 1
			: pace_ready(t->pace, url[1]) < pace_ready(t->pace, url[0]) ? 1 : 0;
		struct crec *c = &t->cs[at[k]];

		if (t->writes_refused)
			set_result(c, RES_ERROR, "not attempted: an earlier write was refused (%s)", t->refused);
		else
			act_one(t, c);
		at[k] = next_write(t, k, at[k] + 1);
	}
	free(url[0]);
	free(url[1]);
}
