/* hours.c: hourly rows of `today`: adding, sorting, series. */
#include "core/hours.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void adv_add_hour(struct advertiser *a, enum level l, long ent, int day, int hour,
		  const struct mrow *v)
{
	struct hour_row *row;

	if (ent < 0 || hour < 0 || hour > 23)
		return;
	if (a->nhours[l] == a->cap_hours[l]) {
		a->cap_hours[l] = a->cap_hours[l] ? a->cap_hours[l] * 2 : 64;
		a->hours[l] = xrealloc(a->hours[l], a->cap_hours[l] * sizeof(*a->hours[l]));
	}
	row = &a->hours[l][a->nhours[l]++];
	row->ent = (uint32_t)ent;
	row->hour = day * 24 + hour;
	row->v = *v;
}

static int hour_cmp(const void *x, const void *y)
{
	const struct hour_row *a = x, *b = y;

	if (a->ent != b->ent)
		return a->ent < b->ent ? -1 : 1;
	if (a->hour != b->hour)
		return a->hour < b->hour ? -1 : 1;
	/* repeats (overlapping pages): the larger spend first, kept */
	if (a->v.s[S_SPEND] != b->v.s[S_SPEND])
		return a->v.s[S_SPEND] > b->v.s[S_SPEND] ? -1 : 1;
	return memcmp(&a->v, &b->v, sizeof(a->v));
}

void adv_hours_finish(struct advertiser *a)
{
	a->last_hour = -1;
	for (int l = 0; l < LVL_COUNT; l++) {
		size_t n = 0;

		if (!a->nhours[l])
			continue;
		qsort(a->hours[l], a->nhours[l], sizeof(*a->hours[l]), hour_cmp);
		for (size_t i = 0; i < a->nhours[l]; i++) {
			const struct hour_row *h = &a->hours[l][i];
			if (n && a->hours[l][n - 1].ent == h->ent && a->hours[l][n - 1].hour == h->hour)
				continue;
			a->hours[l][n++] = *h;
			if (h->hour / 24 == a->today && h->hour % 24 > a->last_hour)
				a->last_hour = h->hour % 24;
		}
		a->nhours[l] = n;
	}
}

/* index of the first row of entity ent at level l (rows sorted by entity) */
static size_t first_row(const struct advertiser *a, enum level l, uint32_t ent)
{
	size_t lo = 0, hi = a->nhours[l];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->hours[l][mid].ent < ent)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void adv_hour_series(const struct advertiser *a, enum level l, uint32_t ent, int day,
		     struct hseries *out)
{
	for (int h = 0; h < 24; h++) {
		mrow_clear(&out->v[h]);
		out->have[h] = false;
	}
	for (size_t i = first_row(a, l, ent); i < a->nhours[l] && a->hours[l][i].ent == ent; i++) {
		const struct hour_row *r = &a->hours[l][i];
		if (r->hour / 24 != day)
			continue;
		out->v[r->hour % 24] = r->v;
		out->have[r->hour % 24] = true;
	}
}

void hseries_cum(const struct hseries *s, int upto, struct mrow *out)
{
	mrow_clear(out);
	for (int h = 0; h <= upto && h < 24; h++)
		if (s->have[h])
			mrow_add(out, &s->v[h]);
}
