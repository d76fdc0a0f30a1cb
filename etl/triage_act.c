/* triage_act.c: the writes of comment triage (reply, hide), a few at a time
 * under the write token bucket. A write whose outcome is unknown (transport
 * error, 5xx, cut answer, 5xxxx code) is never retried blindly: a reply is
 * retried only after reply/list shows no reply from the store; a hide is
 * idempotent and simply retried. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "arena.h"
#include "log.h"
#include "normalize.h"
#include "normalize_comments.h"
#include "triage_int.h"

#define MAX_VERIFY_PAGES 200
#define WRITE_PARALLEL 2

struct wctx {
	struct triage *t;
	size_t ci;
	int attempts;       /* write attempts answered */
	bool verifying;     /* the request is a reply/list read just now */
	int verify_tries;
	long verify_pages;
	char *write_url, *write_body;
};

static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void set_result(struct crec *c, const char *result, const char *fmt, const char *detail)
{
	c->result = result;
	if (fmt)
		snprintf(c->error, sizeof(c->error), fmt, detail ? detail : "");
	else
		c->error[0] = '\0';
}

static void swap_to(struct http_req *req, const char *url, const char *body)
{
	free(req->url);
	free(req->body);
	req->url = xstrdup(url);
	req->body = body ? xstrdup(body) : NULL;
}

static void submit_next(struct http *h, struct triage *t);

static void finish(struct http *h, struct wctx *w)
{
	struct triage *t = w->t;

	free(w->write_url);
	free(w->write_body);
	free(w);
	submit_next(h, t);
}

/* The answer to a write, in one word. */
static enum outcome write_outcome(const struct crec *c, const struct http_res *res,
				  char *detail, size_t n)
{
	struct api_status st;
	struct err e = { 0 };
	char id[64];
	int k;

	if (res->transport_error) {
		snprintf(detail, n, "%s", res->error);
		return res->cannot_connect ? OUT_NOT_DONE : OUT_UNKNOWN;
	}
	if (res->status == 429) {
		snprintf(detail, n, "HTTP 429");
		return OUT_NOT_DONE;
	}
	if (res->status >= 500) {
		snprintf(detail, n, "HTTP %ld", res->status);
		return OUT_UNKNOWN;
	}
	if (res->status != 200) {
		snprintf(detail, n, "HTTP %ld", res->status);
		return OUT_FAIL;
	}
	k = c->act == ACT_REPLY ? norm_reply_created(res->body, res->len, id, sizeof(id), &st, &e)
				: norm_status(res->body, res->len, &st);
	if (k == NORM_OK)
		return OUT_OK;
	if (k != NORM_API) {
		snprintf(detail, n, "%s", st.message[0] ? st.message : "answer cut short");
		return OUT_UNKNOWN;
	}
	snprintf(detail, n, "code %ld: %s (request_id %s)", st.code, st.message, st.request_id);
	if (triage_code_not_done(st.code))
		return OUT_NOT_DONE;
	switch (api_classify(st.code)) {
	case API_RETRY:
		return OUT_UNKNOWN;
	case API_AUTH:
	case API_PERM:
		return OUT_AUTH;
	default:
		return OUT_FAIL;
	}
}

/* reply/list answer while checking an unknown reply. */
static enum http_verdict on_verify(struct http *h, struct http_req *req, const struct http_res *res,
				   struct wctx *w)
{
	struct triage *t = w->t;
	struct crec *c = &t->cs[w->ci];
	int max = t->c->max_tries > 0 ? t->c->max_tries : 8;
	struct comment_page p;
	struct api_status st;
	struct err e = { 0 };
	char detail[300];
	bool found = false;
	int k;

	w->verify_tries++;
	if (api_transient(res, w->verify_tries, max))
		return HTTP_RETRY;
	if (res->transport_error || res->status != 200) {
		if (res->transport_error)
			snprintf(detail, sizeof(detail), "%s", res->error);
		else
			snprintf(detail, sizeof(detail), "HTTP %ld", res->status);
		goto unverified;
	}
	k = norm_comment_page(res->body, res->len, &p, &st, &e);
	if (k == NORM_BAD_JSON || (k == NORM_API && (triage_code_not_done(st.code) ||
						    api_classify(st.code) == API_RETRY))) {
		if (w->verify_tries < max)
			return HTTP_RETRY;
		snprintf(detail, sizeof(detail), "%s", st.message);
		goto unverified;
	}
	if (k != NORM_OK) {
		snprintf(detail, sizeof(detail), "%s", k == NORM_API ? st.message : e.msg);
		goto unverified;
	}
	for (size_t i = 0; i < p.n; i++)
		found |= p.v[i].owner;
	if (found) {
		comment_page_release(&p);
		log_info("comment triage: the reply to comment %s was posted (checked after an "
			 "unanswered write)", c->id);
		set_result(c, "ok", NULL, NULL);
		finish(h, w);
		return HTTP_DONE;
	}
	if (p.has_more && ++w->verify_pages < MAX_VERIFY_PAGES) {
		char *url = triage_reply_list_url(t, c, p.cursor);
		comment_page_release(&p);
		swap_to(req, url, NULL);
		free(url);
		w->verify_tries = 0;
		return HTTP_RETRY;
	}
	comment_page_release(&p);
	/* no reply from the store: the write did not happen; another try is safe */
	if (w->attempts < t->o->write_tries && !t->writes_refused) {
		log_debug("comment triage: no reply to %s after an unanswered write: retrying", c->id);
		swap_to(req, w->write_url, w->write_body);
		w->verifying = false;
		return HTTP_RETRY;
	}
	set_result(c, "error", "no answer after %s tries; no reply was posted", "several");
	finish(h, w);
	return HTTP_DONE;
unverified:
	set_result(c, "error", "outcome unknown (a reply may have been posted): %s", detail);
	finish(h, w);
	return HTTP_DONE;
}

static enum http_verdict on_write(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct wctx *w = req->ctx;
	struct triage *t = w->t;
	struct crec *c = &t->cs[w->ci];
	char detail[300], *url;

	if (w->verifying)
		return on_verify(h, req, res, w);
	w->attempts++;
	switch (write_outcome(c, res, detail, sizeof(detail))) {
	case OUT_OK:
		set_result(c, "ok", NULL, NULL);
		break;
	case OUT_NOT_DONE:
		if (w->attempts < t->o->write_tries)
			return HTTP_RETRY;
		set_result(c, "error", "not done after retries: %s", detail);
		break;
	case OUT_UNKNOWN:
		log_warn("comment triage: %s of comment %s: no clear answer (%s): checking",
			 action_name(c->act), c->id, detail);
		if (c->act == ACT_HIDE) { /* idempotent */
			if (w->attempts < t->o->write_tries)
				return HTTP_RETRY;
			set_result(c, "error", "outcome unknown: %s", detail);
			break;
		}
		url = triage_reply_list_url(t, c, 0);
		swap_to(req, url, NULL);
		free(url);
		w->verifying = true;
		w->verify_tries = 0;
		w->verify_pages = 0;
		return HTTP_RETRY;
	case OUT_AUTH:
		set_result(c, "error", "%s", detail);
		if (!t->writes_refused) {
			t->writes_refused = true;
			snprintf(t->refused, sizeof(t->refused), "%s", detail);
			log_error("comment triage: a write was refused (%s): no more writes in this run",
				  detail);
		}
		break;
	case OUT_FAIL:
		set_result(c, "error", "%s", detail);
		break;
	}
	if (!strcmp(c->result, "error"))
		log_error("comment triage: %s of comment %s failed: %s", action_name(c->act), c->id,
			  c->error);
	finish(h, w);
	return HTTP_DONE;
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

/* Start the next decided write, unless writes were refused. */
static void submit_next(struct http *h, struct triage *t)
{
	while (t->act_next < t->nc) {
		struct crec *c = &t->cs[t->act_next++];
		const char *text = NULL;
		struct wctx *w;

		if (!c->write)
			continue;
		if (t->writes_refused) {
			set_result(c, "error", "not attempted: an earlier write was refused (%s)", t->refused);
			continue;
		}
		if (c->act == ACT_REPLY) {
			text = rules_reply(t->rules, c->v.lang, c->id);
			if (!text || !*text || utf8_len(text) > 150) {
				set_result(c, "error", "%s", "the reply template is empty or longer than "
					   "150 characters");
				continue;
			}
		} else if (c->act != ACT_HIDE || c->v.cat == CAT_COMPLAINT || c->owner) {
			set_result(c, "error", "%s", "internal: refusing this write"); /* never */
			continue;
		}
		w = xcalloc(1, sizeof(*w));
		w->t = t;
		w->ci = (size_t)(c - t->cs);
		w->write_url = api_url(t->c->api_base, c->act == ACT_REPLY ?
				       "business/comment/reply/create/" : "business/comment/hide/", NULL);
		w->write_body = write_body(t, c, text);
		http_submit(h, http_req_new(w->write_url, w->write_body, t->token, on_write, w));
		return;
	}
}

int triage_act(struct triage *t)
{
	const struct config *c = t->c;
	struct http_opts ho = { t->o->write_qps, WRITE_PARALLEL, c->timeout_ms, 1u << 20,
				c->retry_base_ms, c->retry_max_ms };
	struct http *h = http_new(&ho);
	int rc;

	t->act_next = 0;
	for (int i = 0; i < WRITE_PARALLEL; i++)
		submit_next(h, t);
	rc = http_run(h);
	http_free(h);
	/* anything left undone (curl failed) is an error, never "ok" */
	for (size_t i = 0; i < t->nc; i++)
		if (t->cs[i].write && !t->cs[i].result)
			set_result(&t->cs[i], "error", "%s", "not attempted");
	return rc;
}
