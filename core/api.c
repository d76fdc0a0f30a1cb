#include "core/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"

enum api_class api_classify(long code)
{
	switch (code) {
	case 0:
		return API_OK;
	case 40100: /* app QPS/QPM */
	case 40133: /* advertiser QPS */
	case 40016:
	case 40132:
	case 40200: /* async task error */
	case 40201:
	case 40202: /* write conflict */
	case 40700:
	case 50000:
	case 50001:
	case 50002:
	case 60001: /* maintenance */
	case 61000:
		return API_RETRY;
	case 40101:
	case 40102: /* token expired */
	case 40103:
	case 40104: /* token missing */
	case 40105: /* token invalid */
	case 40107:
	case 40108:
	case 40109:
	case 40110:
	case 40113:
	case 40131:
		return API_AUTH;
	case 40001:
	case 40003:
	case 40106:
	case 40118:
	case 40119:
	case 40124:
	case 40125:
	case 40130: /* scope not authorized */
	case 40300:
	case 40301:
		return API_PERM;
	case 40067:
		return API_TOO_LARGE;
	}
	if (code >= 51000 && code <= 53999) /* internal service errors, 51021 included */
		return API_RETRY;
	return API_FAIL;
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

bool api_transient(const struct http_res *res, int tries, int max_tries)
{
	if (res->transport_error)
		return tries < (res->cannot_connect ? (max_tries < 3 ? max_tries : 3) : max_tries);
	if (res->status == 429 || res->status >= 500)
		return tries < max_tries;
	return false;
}

struct call {
	int max_tries, rc;
	char *body;
	size_t len;
	struct api_status *st;
	struct err *e;
};

static enum http_verdict on_call(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct call *c = req->ctx;
	int k;

	(void)h;
	if (api_transient(res, req->tries, c->max_tries))
		return HTTP_RETRY;
	if (res->transport_error) {
		c->rc = errf(c->e, EXIT_API, "%s", res->error);
		return HTTP_DONE;
	}
	if (res->status != 200) {
		c->rc = errf(c->e, EXIT_API, "HTTP %ld", res->status);
		return HTTP_DONE;
	}
	k = norm_status(res->body, res->len, c->st);
	if (k == NORM_BAD_JSON && req->tries < c->max_tries)
		return HTTP_RETRY;
	if (k == NORM_OK) {
		c->body = xmalloc(res->len + 1);
		memcpy(c->body, res->body, res->len + 1);
		c->len = res->len;
		c->rc = 0;
		return HTTP_DONE;
	}
	switch (api_classify(c->st->code)) {
	case API_RETRY:
		if (req->tries < c->max_tries)
			return HTTP_RETRY;
		/* fall through */
	default:
		c->rc = errf(c->e, EXIT_API, "code %ld: %s", c->st->code, c->st->message);
		break;
	case API_AUTH:
	case API_PERM:
		c->rc = errf(c->e, EXIT_AUTH, "code %ld: %s", c->st->code, c->st->message);
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
