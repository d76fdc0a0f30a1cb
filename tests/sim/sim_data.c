/* sim_data.c: the deterministic generator (advertisers, campaigns, ad groups,
 * ads and their daily metrics), aggregation up the tree, period rows and the
 * canonical text of every metric. Everything is a pure function of the options;
 * the world owns every allocation and sim_world_free() releases it. */
#include "ttsim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *currency, *tz, *display_tz, *name;
	double cpm_lo, cpm_hi, aov_lo, aov_hi;
} adv_tpl[3] = {
	{ "MAD", "Africa/Casablanca", "Africa/Casablanca", "Maison Salma – Maroc", 20, 60, 150, 400 },
	{ "EUR", "Europe/Paris", "Europe/Paris", "Salma Paris ✨", 3, 9, 20, 60 },
	{ "USD", "Etc/GMT+8", "America/Los_Angeles", "Salma Modest Wear US", 3, 9, 20, 60 },
};

const char *level_name(enum level l)
{
	static const char *n[L_N] = { "advertiser", "campaign", "adgroup", "ad" };
	return n[l];
}

const char *ent_status(const struct entity *e)
{
	switch (e->level) {
	case L_CAMP: return e->deleted ? "CAMPAIGN_STATUS_DELETE" : "CAMPAIGN_STATUS_ENABLE";
	case L_ADG: return e->deleted ? "ADGROUP_STATUS_DELETE" : "ADGROUP_STATUS_DELIVERY_OK";
	case L_AD: return e->deleted ? "AD_STATUS_DELETE" : "AD_STATUS_DELIVERY_OK";
	default: return "STATUS_ENABLE";
	}
}

static int64_t pow10i(int n)
{
	int64_t v = 1;
	while (n-- > 0)
		v *= 10;
	return v;
}

/* ---- generation ---- */

static double h_normal(uint64_t h)
{
	double u1 = h_unit(h_mix(h ^ 1)), u2 = h_unit(h_mix(h ^ 2));
	if (u1 < 1e-12)
		u1 = 1e-12;
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* floor(x + u): unbiased integer rounding driven by the hash */
static sv rnd(double x, uint64_t h)
{
	if (x <= 0)
		return 0;
	return (sv)floor(x + h_unit(h));
}

struct ad_params {
	double median, ctr, cpm, cvr, aov;
};

static struct ad_params ad_params(const struct world *w, const struct adv *a,
				   const struct entity *e)
{
	uint64_t k = sim_str_key(e->id), s = w->o.seed;
	int t = a->idx % 3;
	struct ad_params p = {
		.median = exp(h_range(h4(s, k, 1, 0), log(300), log(5000))),
		.ctr = h_range(h4(s, k, 2, 0), 0.004, 0.025),
		.cpm = h_range(h4(s, k, 3, 0), adv_tpl[t].cpm_lo, adv_tpl[t].cpm_hi),
		.cvr = h_range(h4(s, k, 4, 0), 0.02, 0.08),
		.aov = h_range(h4(s, k, 5, 0), adv_tpl[t].aov_lo, adv_tpl[t].aov_hi),
	};
	return p;
}

/* the median daily spend of an ad, in minor units */
static sv ad_daily_spend(const struct world *w, const struct adv *a, const struct entity *e)
{
	struct ad_params p = ad_params(w, a, e);
	return (sv)(p.median * p.cpm * (double)pow10i(a->dec) / 1000.0);
}

static void gen_ad_days(const struct world *w, const struct adv *a, struct entity *e,
			const struct entity *camp)
{
	uint64_t k = sim_str_key(e->id), s = w->o.seed;
	int64_t unit = pow10i(a->dec);
	struct ad_params p = ad_params(w, a, e);

	for (int i = 0; i < a->ndays; i++) {
		int day = a->first_day + i;
		sv *v = e->daily[i].v;
		uint64_t hd = h4(s, k, (uint64_t)day, 0x100);

		for (int j = 0; j < S_COUNT; j++)
			v[j] = 0;
		if (camp->traffic)
			v[S_CONVERSION] = v[S_RT_CONVERSION] = v[S_PURCHASES] = v[S_VALUE] = SV_MISSING;
		if (day < e->create_day || day >= e->delete_day || h_unit(h_mix(hd ^ 7)) < 0.07)
			continue;
		sv impr = (sv)floor(p.median * exp(0.7 * h_normal(hd)));
		if (impr <= 0)
			continue;
#define H(n) h4(s, k, (uint64_t)day, (n))
		v[S_IMPRESSIONS] = impr;
		v[S_CLICKS] = rnd((double)impr * p.ctr * h_range(H(11), 0.75, 1.25), H(12));
		v[S_SPEND] = (sv)floor((double)impr * p.cpm * (double)unit / 1000.0 *
					 h_range(H(13), 0.85, 1.15));
		sv reach = (sv)floor((double)impr / h_range(H(14), 1.05, 1.6));
		v[S_REACH] = reach < 1 ? 1 : reach;
		v[S_VIDEO_PLAYS] = (sv)floor((double)impr * 0.9 * h_range(H(15), 0.95, 1.05));
		if (v[S_VIDEO_PLAYS] > impr)
			v[S_VIDEO_PLAYS] = impr;
		v[S_VIDEO_2S] = (sv)floor((double)impr * 0.4 * h_range(H(16), 0.85, 1.15));
		v[S_VIDEO_P100] = (sv)floor((double)impr * 0.05 * h_range(H(17), 0.7, 1.3));
		v[S_LIKES] = rnd((double)impr * h_range(H(18), 0.01, 0.03), H(19));
		v[S_COMMENTS] = rnd((double)impr * h_range(H(20), 0.0005, 0.002), H(21));
		v[S_SHARES] = rnd((double)impr * h_range(H(22), 0.0005, 0.003), H(23));
		v[S_FOLLOWS] = rnd((double)impr * h_range(H(24), 0.0003, 0.0015), H(25));
		v[S_PROFILE_VISITS] = rnd((double)impr * h_range(H(26), 0.003, 0.01), H(27));
		if (!camp->traffic) {
			sv conv = rnd((double)v[S_CLICKS] * p.cvr * h_range(H(28), 0.7, 1.3), H(29));
			sv purch = rnd((double)conv * 0.6 * h_range(H(30), 0.8, 1.2), H(31));
			if (purch > conv)
				purch = conv;
			sv value = (sv)floor((double)purch * p.aov * (double)unit *
						 h_range(H(32), 0.85, 1.15));
			int age = a->local_today - day, f = age <= 1 ? 80 : age == 2 ? 93 : 100;
			v[S_RT_CONVERSION] = conv; /* by conversion time: never restated */
			v[S_CONVERSION] = conv * f / 100;
			v[S_PURCHASES] = purch * f / 100;
			v[S_VALUE] = value * f / 100;
		}
#undef H
	}
}

static void add_missing_aware(sv *dst, sv src)
{
	if (src == SV_MISSING)
		return;
	*dst = *dst == SV_MISSING ? src : *dst + src;
}

static bool slot_additive(int slot)
{
	return slot != S_REACH;
}

/* parent day rows = sums of its children (all of them, deleted included) */
static void aggregate(const struct world *w, struct adv *a, enum level lev)
{
	for (int i = 0; i < a->nent[lev]; i++) {
		struct entity *e = &a->ent[lev][i];
		uint64_t k = sim_str_key(e->id);
		for (int d = 0; d < a->ndays; d++) {
			sv *v = e->daily[d].v, sum_reach = 0, max_reach = 0;
			for (int j = 0; j < S_COUNT; j++)
				v[j] = slot_additive(j) ? SV_MISSING : 0;
			for (int c = 0; c < e->nchild; c++) {
				const sv *cv = a->ent[lev + 1][e->first_child + c].daily[d].v;
				if (cv[S_IMPRESSIONS] <= 0)
					continue;
				for (int j = 0; j < S_COUNT; j++)
					if (slot_additive(j))
						add_missing_aware(&v[j], cv[j]);
				sum_reach += cv[S_REACH];
				if (cv[S_REACH] > max_reach)
					max_reach = cv[S_REACH];
			}
			if (v[S_IMPRESSIONS] == SV_MISSING) { /* no child row: an empty day */
				for (int j = 0; j < S_COUNT; j++)
					v[j] = 0;
				continue;
			}
			int o = 800 + (int)(h4(w->o.seed, k, (uint64_t)(a->first_day + d), 0x200) % 151);
			sv r = sum_reach * o / 1000;
			v[S_REACH] = r > max_reach ? r : max_reach;
		}
	}
}

struct drow *sim_period(const struct adv *a, enum level lev, int since, int until)
{
	struct drow *rows[L_N] = { 0 };

	if (since < a->first_day)
		since = a->first_day;
	if (until > a->first_day + a->ndays - 1)
		until = a->first_day + a->ndays - 1;
	for (int l = L_AD; l >= (int)lev; l--) {
		rows[l] = calloc((size_t)a->nent[l] + 1, sizeof(struct drow));
		if (!rows[l])
			abort();
		for (int i = 0; i < a->nent[l]; i++) {
			const struct entity *e = &a->ent[l][i];
			sv *v = rows[l][i].v, sum_reach = 0, max_reach = 0;
			int n = 0;
			for (int j = 0; j < S_COUNT; j++)
				v[j] = slot_additive(j) ? SV_MISSING : 0;
			for (int d = since; d <= until; d++) {
				const sv *dv = e->daily[d - a->first_day].v;
				if (dv[S_IMPRESSIONS] <= 0)
					continue;
				n++;
				for (int j = 0; j < S_COUNT; j++)
					if (slot_additive(j))
						add_missing_aware(&v[j], dv[j]);
				sum_reach += dv[S_REACH];
				if (dv[S_REACH] > max_reach)
					max_reach = dv[S_REACH];
			}
			if (n == 0) {
				for (int j = 0; j < S_COUNT; j++)
					v[j] = 0;
				continue;
			}
			sv r = sum_reach * 100 / (100 + 12 * (n - 1));
			if (r < max_reach)
				r = max_reach;
			if (l < L_AD) {
				sv csum = 0, cmax = 0;
				for (int c = 0; c < e->nchild; c++) {
					sv cr = rows[l + 1][e->first_child + c].v[S_REACH];
					csum += cr;
					if (cr > cmax)
						cmax = cr;
				}
				if (r < cmax)
					r = cmax;
				if (r > csum)
					r = csum;
			}
			v[S_REACH] = r;
		}
		if (l + 1 < L_N && l + 1 > (int)lev) {
			free(rows[l + 1]);
			rows[l + 1] = NULL;
		}
	}
	return rows[lev];
}

static int cmp_ids(const void *x, const void *y, void *arg)
{
	const struct entity *e = arg;
	return strcmp(e[*(const int *)x].id, e[*(const int *)y].id);
}

static void name_from(char *out, const char *const *pool, int n, int k)
{
	if (k < n)
		snprintf(out, 160, "%s", pool[k]);
	else
		snprintf(out, 160, "%s (%d)", pool[k % n], k / n + 1);
}

static void set_times(const struct world *w, struct entity *e, uint64_t salt)
{
	uint64_t k = h4(w->o.seed, sim_str_key(e->id), salt, 0x300);
	e->create_ts = (time_t)e->create_day * 86400 + (time_t)(k % 86400);
	if (e->deleted)
		e->modify_ts = (time_t)e->delete_day * 86400 + (time_t)(h_mix(k) % 43200);
	else
		e->modify_ts = e->create_ts + (time_t)(h_mix(k) % (uint64_t)(w->o.now - e->create_ts));
	if (e->modify_ts > w->o.now)
		e->modify_ts = w->o.now;
	if (e->modify_ts < e->create_ts)
		e->modify_ts = e->create_ts;
}

/* Lifecycles are absolute days laid out around the epoch, so the data of a day
 * never depends on --today (only settling does). An entity is deleted when its
 * deletion day is not after local today. */
static void set_life(struct entity *e, const struct entity *parent, int create_off,
		     int own_delete, int latest_create, int local_today)
{
	if (parent) {
		e->create_day = parent->create_day + create_off;
		if (e->create_day > latest_create)
			e->create_day = parent->create_day;
	}
	e->delete_day = parent ? parent->delete_day : DAY_NEVER;
	if (own_delete != DAY_NEVER && own_delete < e->delete_day && own_delete > e->create_day + 2)
		e->delete_day = own_delete;
	e->deleted = e->delete_day <= local_today;
}

/* advertiser fields, clock-derived days and the entity arrays */
static int adv_setup(struct world *w, struct adv *a, int ai, const int *n)
{
	const struct sim_opts *o = &w->o;
	int t = ai % 3, hrs;
	uint64_t s = o->seed;

	a->idx = ai;
	a->currency = adv_tpl[t].currency;
	a->tz = adv_tpl[t].tz;
	a->display_tz = adv_tpl[t].display_tz;
	a->dec = sim_currency_decimals(a->currency);
	if (sim_tz_local(a->tz, w->now, &a->local_today, &a->local_secs) ||
	    sim_tz_local(a->tz, o->now, &a->scen_day, &a->scen_secs)) {
		fprintf(stderr, "ttsim: timezone %s is not in the tz database\n", a->tz);
		return -1;
	}
	hrs = (a->local_secs - o->hour_latency_min * 60) / 3600;
	a->hours_today = a->local_secs < o->hour_latency_min * 60 ? 0 : hrs > 24 ? 24 : hrs;
	a->ndays = o->days + 1;
	a->first_day = a->local_today - o->days;
	for (int l = 0; l < L_N; l++) {
		a->nent[l] = n[l];
		a->ent[l] = calloc((size_t)n[l], sizeof(struct entity));
		a->order[l] = calloc((size_t)n[l], sizeof(int));
		if (!a->ent[l] || !a->order[l])
			return -1;
		for (int i = 0; i < n[l]; i++) {
			struct entity *x = &a->ent[l][i];
			x->level = (enum level)l;
			x->idx = i;
			a->order[l][i] = i;
			sim_make_id(w, l == 0 ? 1 : l + 1, x->id);
			x->scen = -1;
			x->daily = calloc((size_t)a->ndays, sizeof(struct drow));
			if (l == L_AD)
				x->full_today = calloc(1, sizeof(struct drow));
			if (!x->daily || (l == L_AD && !x->full_today))
				return -1;
		}
	}

	struct entity *adv = &a->ent[L_ADV][0];
	if (ai < 3)
		snprintf(adv->name, sizeof(adv->name), "%s", adv_tpl[t].name);
	else
		snprintf(adv->name, sizeof(adv->name), "%s (%d)", adv_tpl[t].name, ai / 3 + 1);
	adv->parent = adv->camp = adv->adg = -1;
	adv->first_child = 0;
	adv->nchild = o->n_camp;
	adv->create_day = w->epoch - 500;
	adv->delete_day = DAY_NEVER;
	a->balance = (sv)(h4(s, (uint64_t)ai, 0x400, 0) % 500000) * pow10i(a->dec) / 100;
	return 0;
}

static void build_campaigns(struct world *w, struct adv *a, int ai)
{
	const struct sim_opts *o = &w->o;
	uint64_t s = o->seed;

	int E = w->epoch, first_deleted = 1, jp = o->n_camp > 3 ? 3 : 0;
	for (int c = 0; c < o->n_camp; c++) {
		struct entity *x = &a->ent[L_CAMP][c];
		uint64_t k = h4(s, sim_str_key(x->id), 0x500, 0);
		x->parent = 0, x->camp = c, x->adg = -1;
		x->first_child = c * o->n_adg, x->nchild = o->n_adg;
		if (ai == 0 && c == jp)
			snprintf(x->name, sizeof(x->name), "%s", sim_japanese_name);
		else
			name_from(x->name, sim_campaign_names, sim_campaign_names_n,
				  (ai * 3 + c) % sim_campaign_names_n +
					  c / sim_campaign_names_n * sim_campaign_names_n);
		x->traffic = o->n_camp >= 2 && c % 4 == 1;
		x->objective = x->traffic ? "TRAFFIC" : c % 2 ? "PRODUCT_SALES" : "WEB_CONVERSIONS";
		x->budget_mode = (c % 4 == 3) ? 1 : 0;
		x->create_day = c == 0 ? E - 500 : E - 40 - (int)(k % 330);
		int del = DAY_NEVER;
		if (c > 0 && c % 3 == 2) {
			del = first_deleted ? E : E - 1 - (int)(h_mix(k) % 20);
			first_deleted = 0;
			if (x->create_day > del - 10)
				x->create_day = del - 10 - (int)(h_mix(k ^ 3) % 30);
		}
		set_life(x, NULL, 0, del, 0, a->local_today);
		set_times(w, x, 1);
	}
}

static void build_children(struct world *w, struct adv *a, int ai, const int *n)
{
	const struct sim_opts *o = &w->o;
	int E = w->epoch;
	uint64_t s = o->seed;

	for (int g = 0; g < n[L_ADG]; g++) {
		struct entity *x = &a->ent[L_ADG][g];
		const struct entity *p = &a->ent[L_CAMP][g / o->n_adg];
		uint64_t k = h4(s, sim_str_key(x->id), 0x600, 0);
		int gi = g % o->n_adg, del = DAY_NEVER;
		x->parent = p->idx, x->camp = p->idx, x->adg = g;
		x->first_child = g * o->n_ads, x->nchild = o->n_ads;
		name_from(x->name, sim_adgroup_names, sim_adgroup_names_n, g);
		if (p->idx == 0 && o->n_adg >= 2 && gi == o->n_adg - 1)
			del = E - 8;
		else if (gi % 2 == 1 && k % 3 == 0)
			del = E - 1 - (int)(h_mix(k) % 40);
		set_life(x, p, (int)(k % 10), del, E - 35, a->local_today);
		set_times(w, x, 2);
	}
	for (int d = 0; d < n[L_AD]; d++) {
		struct entity *x = &a->ent[L_AD][d];
		const struct entity *p = &a->ent[L_ADG][d / o->n_ads];
		uint64_t k = h4(s, sim_str_key(x->id), 0x700, 0);
		int di = d % o->n_ads, del = DAY_NEVER;
		x->parent = p->idx, x->camp = p->camp, x->adg = p->idx;
		x->first_child = x->nchild = 0;
		name_from(x->name, sim_ad_names, sim_ad_names_n, d);
		if (p->idx == 0 && o->n_ads >= 2 && di == o->n_ads - 1)
			del = E - 3;
		else if (di % 3 == 2 && k % 2 == 0)
			del = E - 1 - (int)(h_mix(k) % 60);
		set_life(x, p, (int)(k % 5), del, E - 32, a->local_today);
		x->no_modify_time = ai == 0 && d == 1;
		set_times(w, x, 3);
		gen_ad_days(w, a, x, &a->ent[L_CAMP][p->camp]);
	}
}

/* budgets from the ads' typical spend (never from --today's history):
 * campaign 0 gets 1.5x the sum of its ads' median daily spend, which its
 * spend exceeds on some days; the others 5x, rounded up to tens. */
static void set_budgets(struct world *w, struct adv *a)
{
	const struct sim_opts *o = &w->o;

	for (int c = 0; c < o->n_camp; c++) {
	struct entity *x = &a->ent[L_CAMP][c];
	sv typical = 0, unit = pow10i(a->dec);
	for (int g = x->first_child; g < x->first_child + x->nchild; g++) {
		const struct entity *ge = &a->ent[L_ADG][g];
		for (int d = ge->first_child; d < ge->first_child + ge->nchild; d++)
			typical += ad_daily_spend(w, a, &a->ent[L_AD][d]);
	}
	if (x->budget_mode == 1)
		x->budget = 0;
	else if (c == 0)
		x->budget = typical * 3 / 2 / unit * unit;
	else
		x->budget = (typical * 5 / unit / 10 + 1) * 10 * unit;
	if (x->budget_mode == 0 && x->budget <= 0)
		x->budget = unit;
}
}

static int build_adv(struct world *w, struct adv *a, int ai)
{
	const struct sim_opts *o = &w->o;
	int n[L_N] = { 1, o->n_camp, o->n_camp * o->n_adg, o->n_camp * o->n_adg * o->n_ads };

	if (adv_setup(w, a, ai, n))
		return -1;
	build_campaigns(w, a, ai);
	build_children(w, a, ai, n);
	set_budgets(w, a);
	if (sim_scenarios_apply(w, a))
		return -1;
	sim_today_partial(w, a);
	aggregate(w, a, L_ADG);
	aggregate(w, a, L_CAMP);
	aggregate(w, a, L_ADV);
	for (int l = 0; l < L_N; l++)
		qsort_r(a->order[l], (size_t)a->nent[l], sizeof(int), cmp_ids, a->ent[l]);
	return 0;
}

/* the marketing part of the world, from the options and w->now */
int sim_market_build(struct world *w)
{
	uint64_t seq = w->id_seq;

	w->id_seq = 0; /* the same ids on every rebuild */
	w->epoch = w->o.epoch < w->o.today - 2 ? w->o.epoch : w->o.today - 2;
	w->nadv = w->o.n_adv;
	w->advs = calloc((size_t)w->nadv, sizeof(struct adv));
	if (!w->advs)
		return -1;
	for (int i = 0; i < w->nadv; i++)
		if (build_adv(w, &w->advs[i], i))
			return -1;
	if (seq > w->id_seq)
		w->id_seq = seq;
	return 0;
}

void sim_market_free(struct world *w)
{
	for (int i = 0; w->advs && i < w->nadv; i++) {
		struct adv *a = &w->advs[i];
		for (int l = 0; l < L_N; l++) {
			for (int j = 0; a->ent[l] && j < a->nent[l]; j++) {
				free(a->ent[l][j].daily);
				free(a->ent[l][j].full_today);
				free(a->ent[l][j].scen_hours);
			}
			free(a->ent[l]);
			free(a->order[l]);
		}
		free(a->periods);
		free(a->truth_head);
	}
	free(w->advs);
	w->advs = NULL;
}

int sim_world_build(struct world *w)
{
	w->now = w->o.now;
	if (sim_market_build(w))
		return -1;
	return sim_comments_build(w);
}

void sim_world_free(struct world *w)
{
	sim_market_free(w);
	sim_comments_free(w);
}

double sim_elapsed(struct world *w)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - w->t0.tv_sec) + (double)(t.tv_nsec - w->t0.tv_nsec) / 1e9 +
	       (double)w->advanced;
}

int sim_advance(struct world *w, long seconds)
{
	int rc;

	pthread_rwlock_wrlock(&w->mk);
	pthread_mutex_lock(&w->lock);
	w->now += seconds;
	w->advanced += seconds;
	sim_market_free(w);
	rc = sim_market_build(w);
	if (rc == 0)
		rc = sim_truth_write(w);
	pthread_mutex_unlock(&w->lock);
	pthread_rwlock_unlock(&w->mk);
	return rc;
}
