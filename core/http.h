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
struct pace;

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
	/* Per-endpoint pacing on top of qps (core/pace.h), shared with other
	 * http objects of the run; NULL for none. Not owned. */
	struct pace *pace;
};

struct http_res {
	long status;            /* HTTP status, 0 when the transfer failed */
	const char *body;       /* NUL-terminated; "" when none */
	size_t len;
	bool transport_error;   /* connection refused/reset, timeout, too large... */
	bool cannot_connect;    /* nothing listens there */
	const char *error;      /* transport error text, or NULL */
	bool permanent;         /* trying again cannot help: the answer is over the
				 * size cap, or curl itself failed (the run is ending) */
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
	struct http_req *next_active; /* transfers under way */
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
/* Run until no request is waiting or under way. 0, or -1 if curl itself failed:
 * then every request still waiting or under way has had its done() called with
 * a permanent transport error (whatever it answers, it is not tried again). A
 * request curl cannot set up (curl_easy_init, curl_multi_add_handle) ends that
 * attempt at once with a transport error. */
int http_run(struct http *h);

/* The pacing of request starts: on a grid 1.02 / qps apart (a little under
 * the API's limit), and never two closer than 1 / qps (the limit itself), even
 * after a late wake-up: a late start is made up for by the next ones, 0.02 /
 * qps at a time, until they are back on the grid. Idle time earns no credit. */
struct http_pace {
	double grid; /* the next slot of the grid */
};
/* A request starts at now (not before what the last call returned): record
 * it; returns when the next one may start. Pure, for tests. */
double http_pace_start(struct http_pace *p, double now, double qps);
/* Requests started so far (attempts, retries included). */
long http_attempts(const struct http *h);

/* Percent-encode s for a query string into a new string. */
char *http_escape(const char *s);

#endif
