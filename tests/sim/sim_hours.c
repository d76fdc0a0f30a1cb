/* sim_hours.c: hourly rows. An ad's day is split into 24 local hours along a
 * mild daily curve with per-ad, per-hour jitter; every additive value is split
 * by cumulative floors (with a random offset), so the hours add up exactly to
 * the day. Reach of an
 * hour is the day's reach scaled by the hour's share of impressions. Parent
 * rows are sums of their ads; parent reach follows the daily rule (a share of
 * the children's reach, at least their largest). */
#include "ttsim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* relative delivery by local hour: quiet nights, busy evenings */
static const double curve[24] = {
	0.75, 0.60, 0.50, 0.45, 0.45, 0.50, 0.60, 0.75, 0.90, 1.00, 1.05, 1.10,
	1.15, 1.10, 1.05, 1.05, 1.10, 1.15, 1.20, 1.30, 1.35, 1.30, 1.15, 0.95,
};

uint64_t sim_str_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h_mix(h);
}

sv sim_part_reach(sv reach, sv impr_h, sv impr)
{
	if (impr_h <= 0 || impr <= 0)
		return 0;
	sv r = (sv)((__int128)reach * impr_h / impr);
	return r < 1 ? 1 : r;
}

void sim_split_day(const struct world *w, const struct entity *e, int day,
		   const struct drow *whole, struct drow *out)
{
	double cum[25] = { 0 };
	uint64_t k = sim_str_key(e->id);

	memset(out, 0, 24 * sizeof(*out));
	if (!drow_present(whole))
		return;
	for (int h = 0; h < 24; h++)
		cum[h + 1] = cum[h] + curve[h] * h_range(h4(w->o.seed, k, (uint64_t)day, 0x900 + (uint64_t)h),
							 0.85, 1.15);
	for (int s = 0; s < S_COUNT; s++) {
		sv v = whole->v[s], prev = 0;
		/* systematic rounding: a random offset per ad, day and value spreads
		 * small counts over the day instead of piling them into late hours */
		double u = h_unit(h4(w->o.seed, k, (uint64_t)day, 0xa00 + (uint64_t)s));
		if (s == S_REACH)
			continue;
		for (int h = 0; h < 24; h++) {
			if (v == SV_MISSING) {
				out[h].v[s] = SV_MISSING;
				continue;
			}
			sv upto = h == 23 ? v : (sv)floor((double)v * cum[h + 1] / cum[24] + u);
			if (upto < prev)
				upto = prev;
			out[h].v[s] = upto - prev;
			prev = upto;
		}
	}
	/* values of an hour without impressions move to the next hour that has some
	 * (or the last one before it), so every value is served in some row */
	for (int h = 0; h < 24; h++) {
		if (out[h].v[S_IMPRESSIONS] > 0)
			continue;
		int to = -1;
		for (int j = h + 1; j < 24 && to < 0; j++)
			if (out[j].v[S_IMPRESSIONS] > 0)
				to = j;
		for (int j = h - 1; j >= 0 && to < 0; j--)
			if (out[j].v[S_IMPRESSIONS] > 0)
				to = j;
		for (int s = 0; s < S_COUNT; s++) {
			if (out[h].v[s] == SV_MISSING)
				continue;
			if (to >= 0)
				out[to].v[s] += out[h].v[s];
			out[h].v[s] = 0;
		}
	}
	for (int h = 0; h < 24; h++)
		out[h].v[S_REACH] = sim_part_reach(whole->v[S_REACH], out[h].v[S_IMPRESSIONS],
					       whole->v[S_IMPRESSIONS]);
}

/* the 24 rows of one ad (whole day; today's later hours included) */
static void ad_hours(const struct adv *a, const struct entity *e, int day, struct drow *out,
		     const struct world *w)
{
	if (e->scen_hours && day == a->scen_day) {
		memcpy(out, e->scen_hours, 24 * sizeof(*out));
		return;
	}
	const struct drow *whole = day == a->local_today ? e->full_today : ent_day(a, e, day);
	if (!whole) {
		memset(out, 0, 24 * sizeof(*out));
		return;
	}
	sim_split_day(w, e, day, whole, out);
}

static void add_row(struct drow *dst, const struct drow *src)
{
	for (int s = 0; s < S_COUNT; s++) {
		if (s == S_REACH || src->v[s] == SV_MISSING)
			continue;
		dst->v[s] = dst->v[s] == SV_MISSING ? src->v[s] : dst->v[s] + src->v[s];
	}
}

/* out[24] of entity e: its ads' hours summed; parent reach per hour */
static void ent_hours(const struct world *w, const struct adv *a, const struct entity *e, int day,
		      struct drow *out)
{
	if (e->level == L_AD) {
		ad_hours(a, e, day, out, w);
		return;
	}
	struct drow kid[24];
	sv sum_reach[24] = { 0 }, max_reach[24] = { 0 };
	for (int h = 0; h < 24; h++)
		for (int s = 0; s < S_COUNT; s++)
			out[h].v[s] = s == S_REACH ? 0 : SV_MISSING;
	for (int c = 0; c < e->nchild; c++) {
		ent_hours(w, a, &a->ent[e->level + 1][e->first_child + c], day, kid);
		for (int h = 0; h < 24; h++) {
			if (!drow_present(&kid[h]))
				continue;
			add_row(&out[h], &kid[h]);
			sum_reach[h] += kid[h].v[S_REACH];
			if (kid[h].v[S_REACH] > max_reach[h])
				max_reach[h] = kid[h].v[S_REACH];
		}
	}
	uint64_t k = sim_str_key(e->id);
	for (int h = 0; h < 24; h++) {
		if (out[h].v[S_IMPRESSIONS] == SV_MISSING) {
			memset(&out[h], 0, sizeof(out[h]));
			continue;
		}
		int o = 800 + (int)(h4(w->o.seed, k, (uint64_t)day * 24 + (uint64_t)h, 0x210) % 151);
		sv r = sum_reach[h] * o / 1000;
		out[h].v[S_REACH] = r > max_reach[h] ? r : max_reach[h];
	}
}

void sim_hours(const struct world *w, const struct adv *a, const struct entity *e, int day,
	       struct drow *out)
{
	ent_hours(w, a, e, day, out);
	if (day == a->local_today)
		for (int h = a->hours_today; h < 24; h++)
			memset(&out[h], 0, sizeof(out[h]));
}

/* Today's served row of every ad: the sum of its served hours (reach: the whole
 * day's reach scaled by the served share of impressions). */
void sim_today_partial(const struct world *w, struct adv *a)
{
	struct drow hrs[24];
	int t = a->local_today - a->first_day;

	for (int i = 0; i < a->nent[L_AD]; i++) {
		struct entity *e = &a->ent[L_AD][i];
		struct drow *row = &e->daily[t], whole = *row;
		*e->full_today = whole;
		ad_hours(a, e, a->local_today, hrs, w);
		for (int s = 0; s < S_COUNT; s++)
			row->v[s] = s == S_REACH ? 0 : whole.v[s] == SV_MISSING ? SV_MISSING : 0;
		for (int h = 0; h < a->hours_today; h++)
			if (drow_present(&hrs[h]))
				add_row(row, &hrs[h]);
		if (!drow_present(row)) {
			memset(row, 0, sizeof(*row));
			continue;
		}
		row->v[S_REACH] = sim_part_reach(whole.v[S_REACH], row->v[S_IMPRESSIONS],
					     whole.v[S_IMPRESSIONS]);
	}
}
