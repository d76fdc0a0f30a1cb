#include "core/http.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/pace.h"

struct http {
	struct http_opts o;
	CURLM *multi;
	struct http_req *waiting;  /* not started yet, FIFO */
	struct http_req **tail;
	struct http_req *running;  /* under way (next_active) */
	int active;
	double next_start;         /* token bucket: earliest next start */
	struct http_pace pace;
	long attempts, finished, queued;
	double last_progress;
	uint64_t rng;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t next_rand(uint64_t *s)
{
	uint64_t x = (*s += 0x9e3779b97f4a7c15ULL);
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct http *http_new(const struct http_opts *o)
{
	struct http *h = xcalloc(1, sizeof(*h));

	if (o->qps <= 0 || o->parallel <= 0 || o->timeout_ms <= 0)
		abort(); /* the caller's bug: config_http_opts() sets every field */
	h->o = *o;
	if (!h->o.max_body)
		h->o.max_body = HTTP_MAX_BODY;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	h->multi = curl_multi_init();
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->o.parallel);
	h->tail = &h->waiting;
	h->rng = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)h;
	return h;
}

static void req_free(struct http_req *r)
{
	free(r->url);
	free(r->body);
	free(r->buf);
	free(r);
}

void http_free(struct http *h)
{
	if (!h)
		return;
	while (h->waiting) {
		struct http_req *n = h->waiting->next;
		req_free(h->waiting);
		h->waiting = n;
	}
	curl_multi_cleanup(h->multi);
	curl_global_cleanup();
	free(h);
}

struct http_req *http_req_new(const char *url, const char *body, const char *token,
			      enum http_verdict (*done)(struct http *, struct http_req *,
							const struct http_res *),
			      void *ctx)
{
	struct http_req *r = xcalloc(1, sizeof(*r));

	r->url = xstrdup(url);
	r->body = body ? xstrdup(body) : NULL;
	r->token = token;
	r->done = done;
	r->ctx = ctx;
	return r;
}

static void enqueue(struct http *h, struct http_req *r)
{
	r->next = NULL;
	*h->tail = r;
	h->tail = &r->next;
}

void http_submit(struct http *h, struct http_req *r)
{
	h->queued++;
	r->not_before = 0;
	enqueue(h, r);
}

long http_attempts(const struct http *h) { return h->attempts; }

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	struct http_req *r = ud;
	size_t k = size * n;

	if (r->len + k > r->max_body) {
		r->too_big = true;
		return 0; /* aborts the transfer */
	}
	if (r->len + k + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 16384;
		while (cap < r->len + k + 1)
			cap *= 2;
		r->buf = xrealloc(r->buf, cap);
		r->cap = cap;
	}
	memcpy(r->buf + r->len, p, k);
	r->len += k;
	r->buf[r->len] = '\0';
	return k;
}

static double backoff(struct http *h, int tries);

/* The attempt ended without a transfer (curl could not set it up, or curl
 * itself failed): tell the caller; retry after a backoff unless permanent. */
static void end_attempt(struct http *h, struct http_req *r, const char *why, bool permanent)
{
	struct http_res res = { 0, "", 0, true, false, why, permanent };

	r->len = 0;
	if (r->done(h, r, &res) == HTTP_RETRY && !permanent) {
		r->not_before = now_s() + backoff(h, r->tries);
		enqueue(h, r);
		return;
	}
	h->finished++;
	req_free(r);
}

static void set_options(struct http *h, struct http_req *r, CURL *c, struct curl_slist *hd)
{
	if (r->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body);
		/* a write is never sent on a reused connection: curl would silently
		 * send it again if that connection died, and a reply would be doubled */
		curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
		curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
	}
	curl_easy_setopt(c, CURLOPT_URL, r->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(c, CURLOPT_PRIVATE, r);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	r->max_body = h->o.max_body;
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->o.timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ttreport/0.1");
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L); /* always; there is no switch */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);
}

static void start(struct http *h, struct http_req *r)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hd = NULL;
	char tok[600], red[1024];

	r->tries++;
	r->len = 0;
	r->too_big = false;
	if (r->buf)
		r->buf[0] = '\0';
	h->attempts++;
	if (!c) { /* out of memory: this attempt fails, the caller may try again */
		end_attempt(h, r, "curl could not set up the request (curl_easy_init)", false);
		return;
	}
	hd = curl_slist_append(hd, "Accept: application/json");
	if (r->token) {
		snprintf(tok, sizeof(tok), "Access-Token: %s", r->token);
		hd = curl_slist_append(hd, tok);
	}
	if (r->body)
		hd = curl_slist_append(hd, "Content-Type: application/json");
	set_options(h, r, c, hd);
	if (!hd || curl_multi_add_handle(h->multi, c) != CURLM_OK) {
		curl_easy_cleanup(c);
		curl_slist_free_all(hd);
		end_attempt(h, r, "curl could not start the request (curl_multi_add_handle)", false);
		return;
	}
	r->easy = c;
	r->headers = hd; /* lives as long as the transfer */
	r->next_active = h->running;
	h->running = r;
	h->active++;
	log_debug("%s %s (try %d)", r->body ? "POST" : "GET", log_redact_url(r->url, red, sizeof(red)),
		  r->tries);
}

/* r is no longer under way: out of the running list, its handles freed. */
static void unlink_running(struct http *h, struct http_req *r)
{
	for (struct http_req **pp = &h->running; *pp; pp = &(*pp)->next_active)
		if (*pp == r) {
			*pp = r->next_active;
			break;
		}
	curl_multi_remove_handle(h->multi, r->easy);
	curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->headers);
	r->easy = r->headers = NULL;
	h->active--;
}

static double backoff(struct http *h, int tries)
{
	double d = (double)h->o.retry_base_ms / 1000.0;
	double cap = (double)h->o.retry_max_ms / 1000.0;

	for (int i = 1; i < tries && d < cap; i++)
		d *= 2;
	if (d > cap)
		d = cap;
	/* jitter: somewhere in [d/2, d] */
	return d / 2 + d / 2 * (double)(next_rand(&h->rng) % 1000) / 1000.0;
}

static void finish(struct http *h, CURLMsg *m)
{
	CURL *c = m->easy_handle;
	struct http_req *r = NULL;
	struct http_res res = { 0 };
	enum http_verdict v;
	CURLcode rc = m->data.result;

	curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&r);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res.status);
	res.body = r->buf ? r->buf : "";
	res.len = r->len;
	if (rc != CURLE_OK) {
		res.transport_error = true;
		res.cannot_connect = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST;
		res.error = r->too_big ? "answer larger than the size cap" : curl_easy_strerror(rc);
		res.permanent = r->too_big; /* the same answer would be as large again */
		res.status = 0;
	}
	v = r->done(h, r, &res);
	unlink_running(h, r);
	if (v == HTTP_RETRY && !res.permanent) {
		r->not_before = now_s() + backoff(h, r->tries);
		enqueue(h, r);
	} else {
		h->finished++;
		req_free(r);
	}
}

/* curl itself failed: every request waiting or under way ends now, told so
 * (a permanent error: none is tried again), so no caller loses track of one. */
static void fail_all(struct http *h, const char *why)
{
	while (h->running) {
		struct http_req *r = h->running;
		unlink_running(h, r);
		end_attempt(h, r, why, true);
	}
	while (h->waiting) {
		struct http_req *r = h->waiting;
		if (!(h->waiting = r->next))
			h->tail = &h->waiting;
		end_attempt(h, r, why, true);
	}
}

static void progress(struct http *h, bool last)
{
	double now = now_s();

	if (!h->o.progress || (!last && now - h->last_progress < 0.25))
		return;
	h->last_progress = now;
	h->o.progress(h->o.progress_ctx, h->finished, h->queued - h->finished);
}

double http_pace_start(struct http_pace *p, double now, double qps)
{
	double gap = 1.02 / qps, min_gap = 1.0 / qps;

	if (now - p->grid > gap) /* idle, or far behind: no credit, no burst */
		p->grid = now;
	p->grid += gap;
	return p->grid > now + min_gap ? p->grid : now + min_gap;
}

int http_run(struct http *h)
{
	char why[200];
	CURLMcode mc;

	while (h->waiting || h->active) {
		double now = now_s(), wait_until = now + 1.0;
		int running = 0, left, finished = 0;
		CURLMsg *m;
		struct http_req **pp = &h->waiting;

		/* start what the bucket allows, in order, skipping those backing off */
		while (*pp && h->active < h->o.parallel) {
			struct http_req *r = *pp;
			if (r->not_before > now) {
				if (r->not_before < wait_until)
					wait_until = r->not_before;
				pp = &r->next;
				continue;
			}
			if (h->next_start > now) {
				if (h->next_start < wait_until)
					wait_until = h->next_start;
				break;
			}
			/* its endpoint's own pace: others may go first */
			if (h->o.pace && pace_ready(h->o.pace, r->url) > now) {
				double at = pace_ready(h->o.pace, r->url);
				if (at < wait_until)
					wait_until = at;
				pp = &r->next;
				continue;
			}
			*pp = r->next;
			if (!*pp)
				h->tail = pp;
			h->next_start = http_pace_start(&h->pace, now, h->o.qps);
			if (h->o.pace)
				pace_take(h->o.pace, r->url, now);
			start(h, r);
		}
		if ((mc = curl_multi_perform(h->multi, &running)) != CURLM_OK) {
			snprintf(why, sizeof(why), "curl failed: %s", curl_multi_strerror(mc));
			fail_all(h, why);
			progress(h, true);
			return -1;
		}
		while ((m = curl_multi_info_read(h->multi, &left)))
			if (m->msg == CURLMSG_DONE) {
				finish(h, m);
				finished++;
			}
		progress(h, false);
		/* a finished transfer frees a slot: start the next one now, not after the poll */
		if (!finished && (h->waiting || h->active)) {
			int ms = (int)((wait_until - now_s()) * 1000);
			if (ms < 1)
				ms = 1;
			if (ms > 200)
				ms = 200;
			curl_multi_poll(h->multi, NULL, 0, ms, NULL);
		}
	}
	progress(h, true);
	return 0;
}

char *http_escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0);
	char *out = xstrdup(e ? e : "");
	curl_free(e);
	return out;
}
