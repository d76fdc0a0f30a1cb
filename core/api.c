#include "core/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/envelope.h"
#include "core/log.h"

/* Every code the program knows, with what it means. Not listed: API_FAIL,
 * except 51000..53999 (internal service errors, 51021 included): API_RETRY. */
static const struct code_row {
	long code;
	enum api_class cls;
	bool not_done; /* a rate limit or maintenance: nothing happened */
} codes[] = {
	{ 0, API_OK, false },
	{ 40100, API_RETRY, true },  /* app QPS/QPM */
	{ 40133, API_RETRY, true },  /* advertiser QPS */
	{ 40016, API_RETRY, true },
	{ 40132, API_RETRY, true },
	{ 40200, API_RETRY, false }, /* async task error */
	{ 40201, API_RETRY, false },
	{ 40202, API_RETRY, false }, /* write conflict */
	{ 40700, API_RETRY, false },
	{ 50000, API_RETRY, false },
	{ 50001, API_RETRY, false },
	{ 50002, API_RETRY, false },
	{ 60001, API_RETRY, true },  /* maintenance */
	{ 61000, API_RETRY, true },
	{ 40101, API_AUTH, false },
	{ 40102, API_AUTH, false },  /* token expired */
	{ 40103, API_AUTH, false },
	{ 40104, API_AUTH, false },  /* token missing */
	{ 40105, API_AUTH, false },  /* token invalid */
	{ 40107, API_AUTH, false },
	{ 40108, API_AUTH, false },
	{ 40109, API_AUTH, false },
	{ 40110, API_AUTH, false },
	{ 40113, API_AUTH, false },
	{ 40131, API_AUTH, false },
	{ 40001, API_PERM, false },
	{ 40003, API_PERM, false },
	{ 40106, API_PERM, false },
	{ 40118, API_PERM, false },
	{ 40119, API_PERM, false },
	{ 40124, API_PERM, false },
	{ 40125, API_PERM, false },
	{ 40130, API_PERM, false },  /* scope not authorized */
	{ 40300, API_PERM, false },
	{ 40301, API_PERM, false },
	{ 40067, API_TOO_LARGE, false },
};

static const struct code_row *code_row(long code)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

enum api_class api_classify(long code)
{
	const struct code_row *r = code_row(code);

	if (r)
		return r->cls;
	if (code >= 51000 && code <= 53999)
		return API_RETRY;
	return API_FAIL;
}

bool api_code_not_done(long code)
{
	const struct code_row *r = code_row(code);
	return r && r->not_done;
}

/* A transient class: retried while tries are left, unless it is a write
 * whose outcome is unknown. */
static enum api_verdict transient(const struct api_answer *a, enum api_verdict v, int limit)
{
	if (v == AV_UNKNOWN && a->post)
		return v;
	return a->tries < limit ? AV_RETRY : v;
}

static enum api_verdict judge_transfer(const struct api_answer *a)
{
	const struct http_res *res = a->res;
	int cc_limit = a->max_tries < 3 ? a->max_tries : 3;

	/* over the size cap, or curl itself failed: trying again cannot help (a
	 * write under way may still have happened) */
	if (res->permanent)
		return a->post ? AV_UNKNOWN : AV_FAIL;
	if (res->transport_error) {
		if (res->cannot_connect)
			return transient(a, AV_NOT_DONE, cc_limit);
		return transient(a, AV_UNKNOWN, a->max_tries);
	}
	if (res->status == 429)
		return transient(a, AV_NOT_DONE, a->max_tries);
	if (res->status >= 500)
		return transient(a, AV_UNKNOWN, a->max_tries);
	return res->status == 200 ? AV_OK : AV_FAIL;
}

enum api_verdict api_judge(const struct api_answer *a)
{
	if (a->norm == API_UNPARSED)
		return judge_transfer(a);
	switch (a->norm) {
	case NORM_OK:
		return AV_OK;
	case NORM_BAD_JSON: /* cut short or not JSON */
		return transient(a, AV_UNKNOWN, a->max_tries);
	case NORM_BAD_DATA: /* after a write, the answer says nothing sure */
		return a->post ? AV_UNKNOWN : AV_FAIL;
	}
	switch (api_classify(a->code)) {
	case API_OK:
		return AV_OK;
	case API_RETRY:
		return transient(a, api_code_not_done(a->code) ? AV_NOT_DONE : AV_UNKNOWN,
				 a->max_tries);
	case API_AUTH:
		return AV_AUTH;
	case API_PERM:
		return AV_PERM;
	case API_TOO_LARGE:
		return AV_TOO_LARGE;
	default:
		return AV_FAIL;
	}
}

char *api_url(const char *base, const char *path, const char *const *pairs)
{
	size_t cap = strlen(base) + strlen(path) + 2, n;
	char *url;

	for (const char *const *p = pairs; p && *p; p += 2)
		cap += strlen(p[0]) + 3 * strlen(p[1]) + 2;
	url = xmalloc(cap);
	n = (size_t)snprintf(url, cap, "%s%s", base, path);
	for (const char *const *p = pairs; p && *p; p += 2) {
		char *v = http_escape(p[1]);
		n += (size_t)snprintf(url + n, cap - n, "%c%s=%s", p == pairs ? '?' : '&', p[0], v);
		free(v);
	}
	return url;
}

struct call {
	int max_tries, rc;
	char *body;
	size_t len;
	struct api_status *st;
	struct err *e;
};

/* The error of a call that failed; a write whose outcome is unknown says so. */
static void call_fail(struct call *c, const struct http_res *res, bool unknown_write)
{
	char what[300];

	if (res->transport_error)
		snprintf(what, sizeof(what), "%s", res->error);
	else if (res->status != 200)
		snprintf(what, sizeof(what), "HTTP %ld", res->status);
	else if (c->st->code || c->st->message[0])
		snprintf(what, sizeof(what), "code %ld: %s", c->st->code, c->st->message);
	else
		snprintf(what, sizeof(what), "answer cut short");
	if (unknown_write)
		c->rc = errf(c->e, EXIT_API, "%s: the outcome of this POST is unknown (it may have "
			     "taken effect); not retried", what);
	else
		c->rc = errf(c->e, EXIT_API, "%s", what);
}

static enum http_verdict on_call(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct call *c = req->ctx;
	struct api_answer a = { res, req->body != NULL, req->tries, c->max_tries, API_UNPARSED, 0 };
	enum api_verdict v = api_judge(&a);

	(void)h;
	if (v == AV_OK) {
		a.norm = norm_status(res->body, res->len, c->st);
		a.code = c->st->code;
		v = api_judge(&a);
	}
	switch (v) {
	case AV_RETRY:
		return HTTP_RETRY;
	case AV_OK:
		c->body = xmalloc(res->len + 1);
		memcpy(c->body, res->body, res->len + 1);
		c->len = res->len;
		c->rc = 0;
		break;
	case AV_AUTH:
	case AV_PERM:
		c->rc = errf(c->e, EXIT_AUTH, "code %ld: %s", c->st->code, c->st->message);
		break;
	default:
		call_fail(c, res, v == AV_UNKNOWN && a.post);
		break;
	}
	return HTTP_DONE;
}

int api_call(const struct http_opts *ho, int max_tries, const char *url, const char *json_body,
	     const char *token, char **body, size_t *len, struct api_status *st, struct err *e)
{
	struct call c = { max_tries, EXIT_API, NULL, 0, st, e };
	struct http *h = http_new(ho);

	memset(st, 0, sizeof(*st));
	errf(e, EXIT_API, "no answer");
	http_submit(h, http_req_new(url, json_body, token, on_call, &c));
	if (http_run(h) != 0)
		c.rc = errf(e, EXIT_API, "curl failed");
	http_free(h);
	*body = c.body;
	if (len)
		*len = c.len;
	return c.rc;
}

void api_answer_detail(const struct api_answer *a, const struct api_status *st,
		       const struct err *e, char *detail, size_t n)
{
	const struct http_res *res = a->res;

	if (a->norm == API_UNPARSED && res->transport_error)
		snprintf(detail, n, "%s (after %d tries)", res->error, a->tries);
	else if (a->norm == API_UNPARSED)
		snprintf(detail, n, "HTTP %ld", res->status);
	else if (a->norm == NORM_BAD_JSON)
		snprintf(detail, n, "%s", st->message);
	else if (a->norm == NORM_BAD_DATA)
		snprintf(detail, n, "%s", e->msg);
	else
		snprintf(detail, n, "code %ld: %s (request_id %s)", st->code, st->message,
			 st->request_id);
}
