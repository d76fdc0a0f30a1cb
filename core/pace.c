#include "core/pace.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"

struct lane {
	char *key;
	double next; /* earliest next start */
};

struct pace {
	double gap;  /* seconds between two starts of one key */
	struct lane *v;
	size_t n, cap;
};

struct pace *pace_new(double per_minute)
{
	struct pace *p = xcalloc(1, sizeof(*p));

	/* a little under the limit, never over it */
	p->gap = 60.0 / (per_minute > 0 ? per_minute : 40) * 1.02;
	return p;
}

void pace_free(struct pace *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].key);
	free(p->v);
	free(p);
}

double pace_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pace_key(const char *url, char *key, size_t n)
{
	const char *s = strstr(url, "://"), *q;
	size_t k;

	s = s ? strchr(s + 3, '/') : url;
	if (!s)
		s = "/";
	q = strchr(s, '?');
	k = q ? (size_t)(q - s) : strlen(s);
	if (k >= n)
		k = n - 1;
	memcpy(key, s, k);
	key[k] = '\0';
}

static struct lane *lane_of(struct pace *p, const char *url)
{
	char key[512];

	pace_key(url, key, sizeof(key));
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].key, key))
			return &p->v[i];
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n] = (struct lane){ xstrdup(key), 0 };
	return &p->v[p->n++];
}

double pace_ready(struct pace *p, const char *url)
{
	return lane_of(p, url)->next;
}

void pace_take(struct pace *p, const char *url, double t)
{
	struct lane *l = lane_of(p, url);

	l->next = (l->next > t ? l->next : t) + p->gap;
}

void pace_hold(struct pace *p, const char *url, double until)
{
	struct lane *l = lane_of(p, url);

	if (l->next < until)
		l->next = until;
}

void pace_wait(struct pace *p, const char *url)
{
	double now = pace_now(), at = pace_ready(p, url);

	while (at > now) {
		struct timespec ts;
		double s = at - now;
		ts.tv_sec = (time_t)s;
		ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		now = pace_now();
	}
	pace_take(p, url, now);
}
