/* helper_server.h: a loopback HTTP server for unit tests (127.0.0.1, a free
 * port, one thread). Each request (GET or POST, one per connection) is handed
 * to the test's answer function, which fills in the status and the body. The
 * caller owns the server from fixture_start() to fixture_stop(). */
#ifndef TT_HELPER_SERVER_H
#define TT_HELPER_SERVER_H

#include <stddef.h>

struct fixture_answer {
	int status;       /* HTTP status (default 200) */
	char *body;       /* malloc'd by the answer function, freed by the server; NULL: "" */
	size_t len;       /* 0: strlen(body) */
	int close_early;  /* close the connection without any answer */
};

/* target: the request line's target ("/open_api/v1.3/x/?a=1"), unescaped. */
typedef void (*fixture_fn)(void *ctx, const char *method, const char *target,
			   struct fixture_answer *out);

struct fixture_server;

struct fixture_server *fixture_start(fixture_fn fn, void *ctx);
int fixture_port(const struct fixture_server *s);
/* "http://127.0.0.1:PORT/open_api/v1.3/" into buf. */
char *fixture_base(const struct fixture_server *s, char *buf, size_t n);
long fixture_hits(const struct fixture_server *s);
void fixture_stop(struct fixture_server *s);

/* A malloc'd copy of printf's output, for answers. */
char *fixture_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
