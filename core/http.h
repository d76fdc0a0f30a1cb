/* http.h: all HTTP goes through here (mail.c is the only other curl user, for
 * SMTP). Runs many requests at once (curl
 * multi) under a token bucket of the app's QPS, with capped exponential backoff
 * and jitter when the caller asks for a retry.
 *
 * Ownership: http_submit() takes the request (and its url and body strings);
 * the http object frees it after its done() callback returned HTTP_DONE. */
#ifndef TT_HTTP_H
#define TT_HTTP_H

#include <stdbool.h>
#include <stddef.h>

struct http;

/* An answer larger than this fails (a limit of the transport, not a setting). */
#define HTTP_MAX_BODY ((size_t)64 << 20)

/* Every field is set by the caller: config_http_opts() (etl/config.h) makes
 * them from the settings, whose defaults live in etl/config.def only. */
struct http_opts {
	double qps;             /* requests started per second at most, above 0 */
	int parallel;           /* connections at once, 1 or more */
	long timeout_ms;        /* whole request */
	size_t max_body;        /* answers larger than this fail; 0: HTTP_MAX_BODY */
	long retry_base_ms;     /* first backoff */
	long retry_max_ms;      /* backoff cap */
	/* Called about every 250 ms and once at the end with the requests
	 * finished and those still waiting or under way; NULL for none. */
	void (*progress)(void *ctx, long done, long left);
	void *progress_ctx;
};

struct http_res {
	long status;            /* HTTP status, 0 when the transfer failed */
	const char *body;       /* NUL-terminated; "" when none */
	size_t len;
	bool transport_error;   /* connection refused/reset, timeout, too large... */
	bool cannot_connect;    /* nothing listens there */
	const char *error;      /* transport error text, or NULL */
};

enum http_verdict { HTTP_DONE, HTTP_RETRY };

struct http_req {
	char *url;              /* owned */
	char *body;             /* owned; a JSON body makes it a POST, NULL a GET */
	const char *token;      /* Access-Token value, not owned; NULL sends none */
	void *ctx;              /* the caller's */
	/* Called once per attempt. HTTP_RETRY: attempt again after a backoff;
	 * the callback may http_submit() new requests. */
	enum http_verdict (*done)(struct http *h, struct http_req *req, const struct http_res *res);
	int tries;              /* attempts made so far (1 in the first callback) */
	/* private */
	double not_before;
	struct http_req *next;
	void *easy, *headers;
	size_t max_body;
	char *buf;
	size_t len, cap;
	bool too_big;
};

struct http *http_new(const struct http_opts *o);
void http_free(struct http *h);
/* New request for url (copied); POST when body (copied) is not NULL. */
struct http_req *http_req_new(const char *url, const char *body, const char *token,
			      enum http_verdict (*done)(struct http *, struct http_req *,
							const struct http_res *),
			      void *ctx);
void http_submit(struct http *h, struct http_req *req);
/* Run until no request is waiting or under way. 0, or -1 if curl itself failed. */
int http_run(struct http *h);
/* Requests started so far (attempts, retries included). */
long http_attempts(const struct http *h);

/* Percent-encode s for a query string into a new string. */
char *http_escape(const char *s);

#endif
