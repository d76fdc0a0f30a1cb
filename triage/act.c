/* act.c: the acting step of comment triage: the writes (reply, hide), one at a time,
 * paced at the write QPS. A write whose outcome is unknown (transport error,
 * 5xx, cut answer, 5xxxx code) is never retried blindly: a reply is retried
 * only after reply/list shows no reply from the store; a hide is idempotent
 * and simply retried.
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
	struct http *h = http_new(&ho);

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

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

/* The write token bucket: at most write_qps starts a second. */
static void pace(const struct triage *t, double *next)
{
	double gap = 1.0 / t->o->write_qps * 1.02, now = now_s();

	if (*next > now)
		sleep_s(*next - now);
	*next = (*next > now ? *next : now) + gap;
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
				      size_t n)
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

/* One decided write, attempts and checks included; fills c->result. */
static void act_one(struct triage *t, struct crec *c, double *next)
{
	const char *text = NULL;
	char *url, *body, detail[300];
	int tries = t->o->write_tries;

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
		enum api_verdict k;

		pace(t, next);
		one_request(t, url, body, &o);
		k = write_outcome(c, &o, detail, sizeof(detail));
		one_release(&o);
		if (k == AV_OK) {
			set_result(c, RES_OK, NULL, NULL);
			break;
		}
		if (k == AV_FAIL || k == AV_TOO_LARGE) {
			set_result(c, RES_ERROR, "%s", detail);
			break;
		}
		if (k == AV_AUTH || k == AV_PERM) {
			set_result(c, RES_ERROR, "%s", detail);
			t->writes_refused = true;
			snprintf(t->refused, sizeof(t->refused), "%s", detail);
			log_error("comment triage: a write was refused (%s): no more writes in this run",
				  detail);
			break;
		}
		if (k == AV_UNKNOWN) {
			char vd[200];
			enum verified v;
			log_warn("comment triage: %s of comment %s: no clear answer (%s): checking "
				 "before anything else", action_name(c->act), c->id, detail);
			backoff(t, 1); /* give the write time to show */
			v = c->act == ACT_REPLY ? store_replied(t, c, vd, sizeof(vd))
						: is_hidden(t, c, vd, sizeof(vd));
			if (v == V_YES) {
				log_info("comment triage: the %s of comment %s was done", action_name(c->act),
					 c->id);
				set_result(c, RES_OK, NULL, NULL);
				break;
			}
			if (v == V_UNKNOWN && c->act == ACT_REPLY) {
				set_result(c, RES_ERROR, "outcome unknown (a reply may have been posted): %s", vd);
				break;
			}
			/* not done (or, for an idempotent hide, unknown): another try is safe */
		}
		if (attempt >= tries) {
			set_result(c, RES_ERROR, "not done after retries: %s", detail);
			break;
		}
		if (k == AV_NOT_DONE)
			backoff(t, attempt);
		log_debug("comment triage: %s of comment %s: retrying (%s)", action_name(c->act), c->id,
			  detail);
	}
	if (c->result == RES_ERROR)
		log_error("comment triage: %s of comment %s failed: %s", action_name(c->act), c->id,
			  c->error);
	free(url);
	free(body);
}

void triage_act(struct triage *t)
{
	double next = 0;

	for (size_t i = 0; i < t->nc; i++) {
		struct crec *c = &t->cs[i];
		if (!c->write)
			continue;
		if (t->writes_refused) {
			set_result(c, RES_ERROR, "not attempted: an earlier write was refused (%s)", t->refused);
			continue;
		}
		act_one(t, c, &next);
	}
}
