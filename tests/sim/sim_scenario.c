/* sim_scenario.c: --scenario NAME@HOUR. On the scenario day (the local date of
 * --now in each advertiser's timezone) the ads of one chosen campaign (all
 * conversion campaigns for tracking_gone) get 24 rewritten hourly rows
 * (entity.scen_hours, owned by the entity); their day row becomes the sum of
 * those hours. Hours before HOUR keep their normal values; see README.md for
 * what each scenario guarantees. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
	"spend_no_conv", "cpa_spike", "budget_fast", "budget_slow", "tracking_gone",
};

const char *scenario_name(enum scen_kind k)
{
	return names[k];
}

int scenario_parse(const char *s, struct scenario *out, char *msg, size_t msgsz)
{
	const char *at = strchr(s, '@');
	char *end;
	size_t i;

	for (i = 0; at && i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == (size_t)(at - s) && !strncmp(names[i], s, (size_t)(at - s)))
			break;
	if (!at || i == sizeof(names) / sizeof(names[0]))
		return set_msg(msg, msgsz, -1, "--scenario: '%s': expected NAME@HOUR, NAME one of "
			       "spend_no_conv cpa_spike budget_fast budget_slow tracking_gone", s);
	long h = strtol(at + 1, &end, 10);
	int lo = i == SC_CPA_SPIKE || i == SC_TRACKING_GONE;
	if (!at[1] || *end || h < lo || h > 23)
		return set_msg(msg, msgsz, -1, "--scenario: '%s': HOUR must be an integer in [%d, 23]",
			       s, lo);
	out->kind = (enum scen_kind)i;
	out->hour = (int)h;
	return 0;
}

/* ---- a campaign's ads on the scenario day ---- */

/* a campaign's ads; camp_ads() allocates ad[], the caller frees it */
struct camp_ads {
	struct entity **ad;
	int n;
};

static void camp_ads(struct adv *a, const struct entity *c, struct camp_ads *ca)
{
	int cap = 1;

	for (int g = c->first_child; g < c->first_child + c->nchild; g++)
		cap += a->ent[L_ADG][g].nchild;
	if (!(ca->ad = malloc(sizeof(*ca->ad) * (size_t)cap)))
		abort();
	ca->n = 0;
	for (int g = c->first_child; g < c->first_child + c->nchild; g++) {
		const struct entity *ge = &a->ent[L_ADG][g];
		for (int d = ge->first_child; d < ge->first_child + ge->nchild; d++)
			ca->ad[ca->n++] = &a->ent[L_AD][d];
	}
}

/* sum of slot s of a campaign's ads over days [d0, d1] (day rows as stored) */
static sv camp_sum(struct adv *a, const struct entity *c, int d0, int d1, int s)
{
	struct camp_ads ca;
	sv t = 0;

	camp_ads(a, c, &ca);
	for (int i = 0; i < ca.n; i++)
		for (int d = d0; d <= d1; d++) {
			const struct drow *r = ent_day(a, ca.ad[i], d);
			if (r && r->v[s] != SV_MISSING)
				t += r->v[s];
		}
	free(ca.ad);
	return t;
}

static bool eligible(struct adv *a, const struct entity *c, enum scen_kind k, int pass)
{
	int d = a->scen_day;

	if (c->scen >= 0 || c->deleted || c->create_day > d - 7 || camp_sum(a, c, d, d, S_SPEND) <= 0)
		return false;
	if (k == SC_SPEND_NO_CONV || k == SC_CPA_SPIKE)
		return !c->traffic && (pass || c->budget_mode == 1) &&
		       (k != SC_CPA_SPIKE || camp_sum(a, c, d - 7, d - 1, S_CONVERSION) > 0);
	return c->budget_mode == 0 && (pass || c->traffic);
}

static int pick(struct adv *a, enum scen_kind k)
{
	for (int pass = 0; pass < 2; pass++)
		for (int c = 0; c < a->nent[L_CAMP]; c++)
			if (eligible(a, &a->ent[L_CAMP][c], k, pass))
				return c;
	return -1;
}

static sv hour_sum(const struct camp_ads *ca, int h, int s)
{
	sv t = 0;
	for (int i = 0; i < ca->n; i++)
		if (ca->ad[i]->scen_hours[h].v[s] != SV_MISSING)
			t += ca->ad[i]->scen_hours[h].v[s];
	return t;
}

/* Sets the campaign's spend in hour h to `spend`, shared among its ads by
 * their spend in that hour; every other value of a cell scales with it. */
static void scale_hour(const struct camp_ads *ca, int h, sv spend)
{
	sv old = hour_sum(ca, h, S_SPEND), cum_old = 0, given = 0;

	if (old <= 0) { /* no delivery in h: borrow the busiest hour of the first ad that has one */
		for (int i = 0; i < ca->n && old <= 0; i++) {
			struct drow *hr = ca->ad[i]->scen_hours;
			int best = -1;
			for (int j = 0; j < 24; j++)
				if (hr[j].v[S_SPEND] > 0 && (best < 0 || hr[j].v[S_SPEND] > hr[best].v[S_SPEND]))
					best = j;
			if (best >= 0)
				hr[h] = hr[best], old = hr[h].v[S_SPEND];
		}
		if (old <= 0)
			return;
	}
	for (int i = 0; i < ca->n; i++) {
		struct drow *r = &ca->ad[i]->scen_hours[h];
		sv o = r->v[S_SPEND];
		if (o <= 0)
			continue;
		cum_old += o;
		sv mine = (sv)((__int128)spend * cum_old / old) - given;
		given += mine;
		for (int s = 0; s < S_COUNT; s++)
			if (s != S_SPEND && s != S_REACH && r->v[s] != SV_MISSING)
				r->v[s] = (sv)((__int128)r->v[s] * mine / o);
		r->v[S_SPEND] = mine;
		if (r->v[S_IMPRESSIONS] < 1 && mine > 0)
			r->v[S_IMPRESSIONS] = 1;
	}
}

static void no_conversions(struct drow *r)
{
	if (r->v[S_CONVERSION] == SV_MISSING)
		return;
	r->v[S_CONVERSION] = r->v[S_RT_CONVERSION] = r->v[S_PURCHASES] = r->v[S_VALUE] = 0;
}

static sv up_to_unit(sv v, sv unit)
{
	return (v / unit + 1) * unit;
}

/* ---- the five scenarios ---- */

static void spend_no_conv(const struct camp_ads *ca, int H, sv day_spend)
{
	for (int i = 0; i < ca->n; i++) {
		struct drow *hr = ca->ad[i]->scen_hours;
		for (int h = 0; h < H; h++) { /* delivery starts at H and catches up */
			for (int s = 0; s < S_COUNT; s++)
				if (s != S_REACH && hr[h].v[s] != SV_MISSING)
					hr[H].v[s] += hr[h].v[s];
			memset(&hr[h], 0, sizeof(hr[h]));
		}
		for (int h = H; h < 24; h++)
			no_conversions(&hr[h]);
	}
	if (hour_sum(ca, H, S_SPEND) <= 0)
		scale_hour(ca, H, day_spend / 24 + 1);
	for (int i = 0; i < ca->n; i++)
		no_conversions(&ca->ad[i]->scen_hours[H]);
}

/* pre-H conversions in step with spend (cumulative CPA never above S_pre / C),
 * then at H a spend surge with no conversion: CPA since midnight >= 3 x CPA7 */
static void cpa_spike(const struct camp_ads *ca, int H, sv spend7, sv conv7)
{
	sv pre = 0, cum = 0, given = 0;

	for (int h = 0; h < H; h++)
		pre += hour_sum(ca, h, S_SPEND);
	if (pre <= 0)
		return;
	sv want = (sv)(((__int128)pre * conv7 * 2 + spend7) / (2 * (__int128)spend7));
	if (want < 1)
		want = 1;
	for (int h = 0; h < H; h++)
		for (int i = 0; i < ca->n; i++) {
			struct drow *r = &ca->ad[i]->scen_hours[h];
			if (r->v[S_SPEND] <= 0) {
				no_conversions(r);
				continue;
			}
			cum += r->v[S_SPEND];
			sv upto = (sv)(((__int128)want * cum + pre - 1) / pre), c = upto - given;
			given = upto;
			sv p = r->v[S_PURCHASES] < c ? r->v[S_PURCHASES] : c;
			r->v[S_VALUE] = r->v[S_PURCHASES] ? r->v[S_VALUE] * p / r->v[S_PURCHASES] : 0;
			r->v[S_PURCHASES] = p;
			r->v[S_CONVERSION] = r->v[S_RT_CONVERSION] = c;
		}
	sv need = (sv)((3 * (__int128)spend7 * want + conv7 - 1) / conv7) - pre;
	if (need > hour_sum(ca, H, S_SPEND))
		scale_hour(ca, H, need);
	for (int h = H; h < 24; h++)
		for (int i = 0; i < ca->n; i++)
			no_conversions(&ca->ad[i]->scen_hours[h]);
}

/* from H: twice the even pace of the budget (or all of it), then budget/12 an
 * hour until it is spent; delivery stops there */
static void budget_fast(const struct camp_ads *ca, int H, sv budget)
{
	sv cum = 0;

	for (int h = 0; h < H; h++)
		cum += hour_sum(ca, h, S_SPEND);
	for (int h = H; h < 24; h++) {
		sv base = hour_sum(ca, h, S_SPEND), s;
		if (h == H) {
			sv even2 = (2 * budget * (H + 1) + 23) / 24;
			s = (cum + base > even2 ? cum + base : even2) - cum;
		} else {
			s = base > (budget + 11) / 12 ? base : (budget + 11) / 12;
		}
		if (s > budget - cum)
			s = budget - cum;
		if (s <= 0) {
			for (int i = 0; i < ca->n; i++)
				memset(&ca->ad[i]->scen_hours[h], 0, sizeof(struct drow));
			continue;
		}
		scale_hour(ca, h, s);
		cum += hour_sum(ca, h, S_SPEND);
	}
}

static void tracking_gone(struct adv *a, int H)
{
	struct drow *best = NULL;
	sv conv_before = 0;

	for (int i = 0; i < a->nent[L_AD]; i++) {
		struct drow *hr = a->ent[L_AD][i].scen_hours;
		if (!hr || hr[H - 1].v[S_CONVERSION] == SV_MISSING)
			continue;
		conv_before += hr[H - 1].v[S_CONVERSION];
		if (!best || hr[H - 1].v[S_SPEND] > best->v[S_SPEND])
			best = &hr[H - 1];
		for (int h = H; h < 24; h++)
			no_conversions(&hr[h]);
	}
	if (conv_before == 0 && best && drow_present(best)) /* tracking worked until H */
		best->v[S_CONVERSION] = best->v[S_RT_CONVERSION] = 1;
}

/* ---- applying ---- */

static int alloc_hours(struct world *w, struct adv *a, struct entity *e)
{
	if (e->scen_hours)
		return 0;
	if (!(e->scen_hours = calloc(24, sizeof(struct drow))))
		return -1;
	sim_split_day(w, e, a->scen_day, ent_day(a, e, a->scen_day), e->scen_hours);
	return 0;
}

/* the ad's day row becomes the sum of its (rewritten) hours */
static void ad_finish(struct adv *a, struct entity *e)
{
	struct drow *day = &e->daily[a->scen_day - a->first_day], base = *day;

	for (int s = 0; s < S_COUNT; s++) {
		if (s == S_REACH || base.v[s] == SV_MISSING)
			continue;
		day->v[s] = 0;
		for (int h = 0; h < 24; h++)
			day->v[s] += e->scen_hours[h].v[s];
	}
	for (int h = 0; h < 24; h++)
		e->scen_hours[h].v[S_REACH] = sim_part_reach(base.v[S_REACH],
							     e->scen_hours[h].v[S_IMPRESSIONS],
							     base.v[S_IMPRESSIONS]);
	day->v[S_REACH] = sim_part_reach(base.v[S_REACH], day->v[S_IMPRESSIONS], base.v[S_IMPRESSIONS]);
	if (!drow_present(day))
		memset(day, 0, sizeof(*day));
}

static void apply_one(struct world *w, struct adv *a, struct entity *c, const struct scenario *sc,
		      struct camp_ads *ca)
{
	int d = a->scen_day;
	sv unit = 1, day = camp_sum(a, c, d, d, S_SPEND);

	for (int i = 0; i < a->dec; i++)
		unit *= 10;
	switch (sc->kind) {
	case SC_SPEND_NO_CONV: spend_no_conv(ca, sc->hour, day); break;
	case SC_CPA_SPIKE:
		cpa_spike(ca, sc->hour, camp_sum(a, c, d - 7, d - 1, S_SPEND),
			  camp_sum(a, c, d - 7, d - 1, S_CONVERSION));
		break;
	case SC_BUDGET_FAST:
		c->budget = up_to_unit(day * 5 / 4, unit);
		budget_fast(ca, sc->hour, c->budget);
		break;
	case SC_BUDGET_SLOW: {
		time_t at = w->o.now - a->scen_secs + sc->hour * 3600;
		c->budget_before = up_to_unit(day * 5 / 4, unit);
		c->budget = w->now >= at ? 4 * c->budget_before : c->budget_before;
		if (w->now >= at)
			c->modify_ts = at;
		break;
	}
	default: break;
	}
}

int sim_scenarios_apply(struct world *w, struct adv *a)
{
	const struct sim_opts *o = &w->o;
	int d = a->scen_day, tracking = -1;
	struct camp_ads ca;

	if (!o->nscen || d - 7 < a->first_day || d > a->local_today)
		return 0;
	for (int i = 0; i < o->nscen; i++) {
		if (o->scen[i].kind == SC_TRACKING_GONE) {
			tracking = i;
			continue;
		}
		int c = pick(a, o->scen[i].kind);
		if (c < 0) {
			fprintf(stderr, "ttsim: --scenario %s@%d: advertiser %d has no live campaign left "
				"for it (try more --campaigns, e.g. 8)\n", scenario_name(o->scen[i].kind),
				o->scen[i].hour, a->idx);
			return -1;
		}
		a->ent[L_CAMP][c].scen = i;
	}
	for (int i = 0; i < a->nent[L_AD]; i++) {
		struct entity *e = &a->ent[L_AD][i];
		if ((a->ent[L_CAMP][e->camp].scen >= 0 ||
		     (tracking >= 0 && !a->ent[L_CAMP][e->camp].traffic)) && alloc_hours(w, a, e))
			return -1;
	}
	for (int c = 0; c < a->nent[L_CAMP]; c++) {
		struct entity *ce = &a->ent[L_CAMP][c];
		if (ce->scen < 0)
			continue;
		camp_ads(a, ce, &ca);
		apply_one(w, a, ce, &o->scen[ce->scen], &ca);
		free(ca.ad);
	}
	if (tracking >= 0)
		tracking_gone(a, o->scen[tracking].hour);
	for (int i = 0; i < a->nent[L_AD]; i++)
		if (a->ent[L_AD][i].scen_hours)
			ad_finish(a, &a->ent[L_AD][i]);
	return 0;
}
