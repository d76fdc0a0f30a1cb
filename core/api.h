/* api.h: the TikTok API for Business conventions on top of http: what each
 * return code means (one table), the one judgement of every answer
 * (api_judge: used by api_call, extract's pages, triage's reads and writes),
 * URLs with JSON-encoded parameters, and one synchronous call with retries
 * for the small requests (advertiser info, auth, token refresh). */
#ifndef TT_API_H
#define TT_API_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/http.h"
#include "core/envelope.h"

/* What a return code means (one table in api.c). */
enum api_class {
	API_OK,        /* 0 */
	API_RETRY,     /* rate limits (40100, 40133, ...), server faults (5xxxx) */
	API_AUTH,      /* the token itself is wrong, expired or missing: stop, exit 2 */
	API_PERM,      /* no permission for this advertiser / scope */
	API_TOO_LARGE, /* 40067: query too large, split the window */
	API_FAIL,      /* anything else: fail this unit of work with its message */
};

enum api_class api_classify(long code);
/* A rate limit or maintenance code: the request certainly did not take effect. */
bool api_code_not_done(long code);

/* The one judgement of an answer. Every caller switches on it and keeps only
 * its own step (split a window, verify a write, stop on a refused token). */
enum api_verdict {
	AV_OK,        /* 200 and code 0 (before parsing: 200, go parse the body) */
	AV_RETRY,     /* transient and tries are left; never for a POST whose outcome is unknown */
	AV_NOT_DONE,  /* certainly no effect (rate limit, 429, never connected), no tries left */
	AV_UNKNOWN,   /* may or may not have taken effect (timeout, dropped, 5xx, cut body, 5xxxx) */
	AV_AUTH,      /* the token is refused */
	AV_PERM,      /* no permission for this advertiser / scope */
	AV_TOO_LARGE, /* 40067 */
	AV_FAIL,      /* a definite error (another HTTP status, a body of the wrong shape, a code) */
};

#define API_UNPARSED (-1)

struct api_answer {
	const struct http_res *res; /* the transfer */
	bool post;                  /* a write: an unknown outcome is never retried */
	int tries, max_tries;       /* attempts so far and allowed; max_tries 0: judge only */
	int norm;                   /* NORM_* of the body's parser, API_UNPARSED before parsing */
	long code;                  /* the envelope's code when norm is NORM_API */
};

/* Judge a transfer (norm API_UNPARSED: transport and HTTP status only; AV_OK
 * means "200, parse the body"), or a parsed body (norm set). */
enum api_verdict api_judge(const struct api_answer *a);

/* Why an answer failed, in words (transport error, HTTP status, parse error or
 * the envelope's code and message), into detail. */
void api_answer_detail(const struct api_answer *a, const struct api_status *st,
		       const struct err *e, char *detail, size_t n);

/* base + path + "?" + name=value pairs (values URL-escaped); pairs end with NULL.
 * Returns a malloc'd string. */
char *api_url(const char *base, const char *path, const char *const *pairs);

/* One request, run to completion with retries (a POST only when it certainly
 * did not take effect; an unknown outcome fails it). On success (code 0) *body holds
 * the answer (malloc'd; caller frees) and 0 is returned; otherwise an exit code
 * with e filled and st holding the last API status. */
int api_call(const struct http_opts *ho, int max_tries, const char *url, const char *json_body,
	     const char *token, char **body, size_t *len, struct api_status *st, struct err *e);

#endif
