/* api.h: the TikTok API for Business conventions on top of http: what each
 * return code means, URLs with JSON-encoded parameters, and one synchronous
 * call with retries for the small requests (advertiser info, auth, triage). */
#ifndef TT_API_H
#define TT_API_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/http.h"
#include "core/envelope.h"

enum api_class {
	API_OK,        /* 0 */
	API_RETRY,     /* rate limits (40100, 40133, ...), server faults (5xxxx) */
	API_AUTH,      /* the token itself is wrong, expired or missing: stop, exit 2 */
	API_PERM,      /* no permission for this advertiser / scope */
	API_TOO_LARGE, /* 40067: query too large, split the window */
	API_FAIL,      /* anything else: fail this unit of work with its message */
};

enum api_class api_classify(long code);

/* base + path + "?" + name=value pairs (values URL-escaped); pairs end with NULL.
 * Returns a malloc'd string. */
char *api_url(const char *base, const char *path, const char *const *pairs);

/* Does this transport answer deserve another try? (resets, timeouts, 5xx, 429) */
bool api_transient(const struct http_res *res, int tries, int max_tries);

/* One request, run to completion with retries. On success (code 0) *body holds
 * the answer (malloc'd; caller frees) and 0 is returned; otherwise an exit code
 * with e filled and st holding the last API status. */
int api_call(const struct http_opts *ho, int max_tries, const char *url, const char *json_body,
	     const char *token, char **body, size_t *len, struct api_status *st, struct err *e);

#endif
