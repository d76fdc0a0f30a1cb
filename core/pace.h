/* pace.h: request pacing per endpoint. The Accounts API limits each endpoint
 * of each account on its own (about 40 requests a minute), so every key (an
 * endpoint: the URL's path) gets its own even spacing of per_minute starts a
 * minute, a little under the limit; a rate-limit answer holds its key back.
 * One pace serves every request of a run to those endpoints, reads and
 * writes alike (http_opts.pace, and the writes' own waits).
 *
 * Ownership: pace_new() allocates; pace_free() frees the keys it copied. */
#ifndef TT_PACE_H
#define TT_PACE_H

#include <stddef.h>

struct pace;

/* per_minute > 0: starts per minute and key. */
struct pace *pace_new(double per_minute);
void pace_free(struct pace *p);

/* CLOCK_MONOTONIC in seconds: the clock of every pace call. */
double pace_now(void);

/* The key of url: its path, without scheme, host or query ("/open_api/v1.3/
 * business/comment/list/"). Truncated to n - 1 bytes. */
void pace_key(const char *url, char *key, size_t n);

/* Earliest time a request to url may start (now or earlier: at once). */
double pace_ready(struct pace *p, const char *url);
/* A request to url starts at t: book its slot. */
void pace_take(struct pace *p, const char *url, double t);
/* Hold url's endpoint back until `until` at least (after a rate-limit answer). */
void pace_hold(struct pace *p, const char *url, double until);
/* Sleep until url's endpoint is ready, then book the slot. */
void pace_wait(struct pace *p, const char *url);

#endif
