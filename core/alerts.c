/* alerts.c: the five intraday rules of core/alerts.h, each judged at two cuts
 * of the same hourly series (now, and one interval ago). */
#include "core/alerts.h"

#include <stdio.h>
#include <string.h>

#include "core/hours.h"

static const char *const keys[AL_RULES] = {
	"spend_without_conversion", "cpa_factor", "budget_pace", "budget_pace", "tracking_gone",
};

const char *alert_rule_key(enum alert_rule r)
{
	return keys[r];
}

struct ctx {
	const struct advertiser *a;
	const struct alert_opts *o;
	mval amount;  /* spend_without_conversion, as money is held (MONEY_SCALE); 0: off */
	int now_cut;  /* today's last reported hour */
	int prev_cut; /* the last hour a run one interval ago had (< 0: none) */
};

/* Objectives that do not optimize for conversions (tiktok-api.md, objective_type). */
static const char *const no_conv_objectives[] = {
	"TRAFFIC", "REACH", "RF_REACH", "VIDEO_VIEWS", "ENGAGEMENT", "FOLLOWERS", "PROFILE_VIEWS",
};

bool alert_optimizes_conversions(const struct advertiser *a, enum level l, uint32_t ent)
{
	const struct entity *e = &a->ents[l][ent], *c = e;
	struct hseries s;
	struct mrow cum;

	if (l > LVL_CAMPAIGN && (!e->campaign_id || !(c = adv_find(a, LVL_CAMPAIGN, e->campaign_id))))
		c = e;
	for (size_t i = 0; c->objective && i < sizeof(no_conv_objectives) / sizeof(*no_conv_objectives); i++)
		if (strcmp(c->objective, no_conv_objectives[i]) == 0)
			return false;
	adv_hour_series(a, l, ent, a->today, &s);
	hseries_cum(&s, 23, &cum);
	return cum.s[S_CONVERSION] != MV_MISSING || e->cur.s[S_CONVERSION] != MV_MISSING;
}

static void today_cum(const struct ctx *x, enum level l, uint32_t ent, int cut, struct mrow *out)
{
	struct hseries s;

	adv_hour_series(x->a, l, ent, x->a->today, &s);
	hseries_cum(&s, cut, out);
}

static bool live(const struct entity *e)
{
	return !e->deleted && !(e->status && (strstr(e->status, "DISABLE") || strstr(e->status, "DELETE")));
}

/* spend_without_conversion: spent more than AMOUNT since midnight, no conversion. */
static bool spend_no_conv(const struct ctx *x, enum level l, uint32_t ent, int cut, struct alert *al)
{
	struct mrow c;

	if (!x->amount || !alert_optimizes_conversions(x->a, l, ent))
		return false;
	today_cum(x, l, ent, cut, &c);
	al->spend = mrow_or0(&c, S_SPEND);
	al->conv = c.s[S_CONVERSION];
	al->ref = x->amount;
	return al->conv == 0 && al->spend > x->amount;
}

/* cpa_factor: CPA since midnight over K x the CPA of the 7 complete days. */
static bool cpa(const struct ctx *x, uint32_t ent, int cut, struct alert *al)
{
	const struct entity *e = &x->a->ents[LVL_CAMPAIGN][ent];
	mval s7 = mrow_or0(&e->cur, S_SPEND), c7 = mrow_or0(&e->cur, S_CONVERSION);
	struct mrow c;

	if (x->o->cpa_factor <= 0 || s7 <= 0 || c7 <= 0)
		return false;
	today_cum(x, LVL_CAMPAIGN, ent, cut, &c);
	al->spend = mrow_or0(&c, S_SPEND);
	al->conv = c.s[S_CONVERSION];
	al->ref = money_div(s7, 1, c7, x->a->decimals); /* the 7 days' CPA */
	return al->conv != MV_MISSING && al->conv > 0 &&
	       (long double)al->spend * c7 > (long double)x->o->cpa_factor * s7 * al->conv;
}

/* Yesterday's share of the day's spend by the end of hour h (0 when unknown). */
static long double y_share(const struct hseries *y, int h)
{
	struct mrow upto, all;

	hseries_cum(y, h, &upto);
	hseries_cum(y, 23, &all);
	if (mrow_or0(&all, S_SPEND) <= 0 || mrow_or0(&upto, S_SPEND) <= 0)
		return 0;
	return (long double)mrow_or0(&upto, S_SPEND) / (long double)mrow_or0(&all, S_SPEND);
}

/* Spend of entity ent up to hour `cut` of today, projected along yesterday's
 * hourly curve (an even curve when yesterday had none) to midnight and to the
 * end of hour ALERT_EXHAUST_HOUR - 1 (the actual spend once past it). */
struct projection {
	mval spent, by_midnight, by_exhaust;
	mval conv;
};

static void project(const struct advertiser *a, enum level l, uint32_t ent, int cut, struct projection *p)
{
	struct hseries y, t;
	struct mrow c, ex;
	long double share, share_ex, day;

	adv_hour_series(a, l, ent, a->today - 1, &y);
	adv_hour_series(a, l, ent, a->today, &t);
	hseries_cum(&t, cut, &c);
	hseries_cum(&t, ALERT_EXHAUST_HOUR - 1, &ex);
	share = y_share(&y, cut);
	share_ex = y_share(&y, ALERT_EXHAUST_HOUR - 1);
	if (share <= 0 || share_ex <= 0) {
		share = (cut + 1) / 24.0L;
		share_ex = ALERT_EXHAUST_HOUR / 24.0L;
	}
	p->spent = mrow_or0(&c, S_SPEND);
	p->conv = c.s[S_CONVERSION];
	day = p->spent / share;
	p->by_midnight = (mval)(day + 0.5L);
	p->by_exhaust = cut >= ALERT_EXHAUST_HOUR - 1 ? mrow_or0(&ex, S_SPEND) : (mval)(day * share_ex + 0.5L);
}

bool alert_projection(const struct advertiser *a, enum level l, uint32_t ent, mval *spent,
		      mval *by_midnight)
{
	struct projection p;

	if (a->last_hour < 0)
		return false;
	project(a, l, ent, a->last_hour, &p);
	*spent = p.spent;
	*by_midnight = p.by_midnight;
	return true;
}

/* budget_pace on a daily budget. fast: the budget spent before
 * ALERT_EXHAUST_HOUR; slow: from ALERT_SLOW_MIN_HOURS reported hours, under
 * ALERT_SLOW_PERCENT of it by midnight. */
static bool budget(const struct ctx *x, enum level l, uint32_t ent, int cut, bool fast, struct alert *al)
{
	const struct entity *e = &x->a->ents[l][ent];
	struct projection p;

	if (!x->o->budget_pace || !live(e) || e->budget == MV_MISSING || e->budget <= 0 ||
	    !e->budget_mode || strcmp(e->budget_mode, "BUDGET_MODE_DAY") != 0)
		return false;
	project(x->a, l, ent, cut, &p);
	al->spend = p.spent;
	al->conv = p.conv;
	al->ref = e->budget;
	if (fast) {
		al->projected = p.by_exhaust;
		return p.spent > 0 && p.by_exhaust >= e->budget;
	}
	al->projected = p.by_midnight;
	return cut + 1 >= ALERT_SLOW_MIN_HOURS && p.by_midnight * 100 < e->budget * ALERT_SLOW_PERCENT;
}

/* tracking_gone: since the last hour with a conversion (today or yesterday),
 * the account spent what buys ALERT_TRACKING_EXPECTED conversions at its
 * 7-day rate, and got none. */
static bool tracking(const struct ctx *x, int cut, struct alert *al)
{
	const struct advertiser *a = x->a;
	const struct entity *e;
	struct hseries d[2];
	mval s7, c7, w = 0;

	if (!x->o->tracking_gone || !a->nents[LVL_ADVERTISER])
		return false;
	e = &a->ents[LVL_ADVERTISER][0];
	s7 = mrow_or0(&e->cur, S_SPEND);
	c7 = mrow_or0(&e->cur, S_CONVERSION);
	if (s7 <= 0 || c7 <= 0)
		return false;
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today - 1, &d[0]);
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today, &d[1]);
	for (int k = 24 + cut; k >= 0; k--) {
		const struct mrow *v = &d[k / 24].v[k % 24];
		if (mrow_or0(v, S_CONVERSION) > 0)
			break;
		w += mrow_or0(v, S_SPEND);
	}
	{
		struct mrow c;
		hseries_cum(&d[1], cut, &c);
		al->spend = mrow_or0(&c, S_SPEND);
		al->conv = c.s[S_CONVERSION];
	}
	al->ref = div_round(w * 100, c7, s7); /* expected conversions x 100 */
	return (long double)w * c7 >= (long double)ALERT_TRACKING_EXPECTED * s7;
}

/* Rule r on entity ent of level l at a cut; al gets the figures. */
static bool holds(const struct ctx *x, enum alert_rule r, enum level l, uint32_t ent, int cut,
		  struct alert *al)
{
	if (cut < 0)
		return false;
	switch (r) {
	case AL_SPEND_NO_CONV:
		if (l == LVL_ADGROUP) { /* an ad group is named when its campaign is not */
			const char *cid = x->a->ents[l][ent].campaign_id;
			const struct entity *c = cid ? adv_find(x->a, LVL_CAMPAIGN, cid) : NULL;
			struct alert tmp;
			if (c && spend_no_conv(x, LVL_CAMPAIGN, (uint32_t)(c - x->a->ents[LVL_CAMPAIGN]), cut, &tmp))
				return false;
		}
		return spend_no_conv(x, l, ent, cut, al);
	case AL_CPA:
		return cpa(x, ent, cut, al);
	case AL_BUDGET_FAST:
	case AL_BUDGET_SLOW:
		return budget(x, l, ent, cut, r == AL_BUDGET_FAST, al);
	default:
		return tracking(x, cut, al);
	}
}

/* Did rule r hold on the data a run one interval ago had? */
static bool held_before(const struct ctx *x, enum alert_rule r, enum level l, uint32_t ent)
{
	struct alert tmp;
	const struct entity *e = &x->a->ents[l][ent];

	if ((r == AL_BUDGET_FAST || r == AL_BUDGET_SLOW) && e->modify_time &&
	    e->modify_time > x->o->now - (time_t)x->o->interval_min * 60)
		return false; /* the budget may have changed since: the old one is unknown */
	return holds(x, r, l, ent, x->prev_cut, &tmp);
}

/* The levels a rule looks at. */
static bool rule_level(enum alert_rule r, enum level l)
{
	switch (r) {
	case AL_SPEND_NO_CONV:
	case AL_BUDGET_FAST:
	case AL_BUDGET_SLOW:
		return l == LVL_CAMPAIGN || l == LVL_ADGROUP;
	case AL_CPA:
		return l == LVL_CAMPAIGN;
	default:
		return l == LVL_ADVERTISER;
	}
}

/* One pass: the alerts that hold now and have fired == want_fired. */
static void pass(const struct ctx *x, bool want_fired, struct alert *out, size_t cap, long *n)
{
	for (int r = 0; r < AL_RULES; r++)
		for (int l = 0; l < LVL_COUNT; l++) {
			size_t count = rule_level((enum alert_rule)r, (enum level)l) ? x->a->nents[l] : 0;
			if (l == LVL_ADVERTISER && count)
				count = 1;
			for (size_t i = 0; i < count; i++) {
				struct alert al = { (enum alert_rule)r, (enum level)l, (uint32_t)i, false,
						    0, MV_MISSING, 0, 0 };
				if (!holds(x, al.rule, al.level, al.ent, x->now_cut, &al))
					continue;
				al.fired = !held_before(x, al.rule, al.level, al.ent);
				if (al.fired != want_fired)
					continue;
				if ((size_t)*n < cap)
					out[*n] = al;
				(*n)++;
			}
		}
}

long alerts_eval(const struct advertiser *a, const struct alert_opts *o, struct alert *out,
		 size_t cap, struct err *e)
{
	int back = (o->interval_min + 59) / 60;
	struct ctx x = { a, o, 0, a->last_hour, a->last_hour - (back < 1 ? 1 : back) };
	long n = 0;

	if (o->spend_without_conversion &&
	    (fx_parse(o->spend_without_conversion, MONEY_SCALE, &x.amount) || x.amount == MV_MISSING ||
	     x.amount < 0))
		return errf(e, EXIT_USAGE, "alerts.spend_without_conversion: '%s' is not an amount in %s",
			    o->spend_without_conversion, a->currency ? a->currency : "the currency"), -1;
	if (a->last_hour < 0)
		return 0;
	pass(&x, true, out, cap, &n);
	pass(&x, false, out, cap, &n);
	return n;
}

long alerts_eval_report(const struct report *r, const struct alert_opts *o, struct adv_alerts *out,
			struct err *e)
{
	long fired = 0;

	for (size_t i = 0; i < r->nadv; i++) {
		struct adv_alerts *al = &out[i];
		al->n = al->fired = 0;
		if (r->advs[i].failed)
			continue;
		if ((al->n = alerts_eval(&r->advs[i], o, al->v, ALERTS_MAX, e)) < 0)
			return err_wrap(e, "advertiser %s", r->advs[i].id), -1;
		for (long k = 0; k < al->n && k < ALERTS_MAX; k++)
			al->fired += al->v[k].fired;
		fired += al->fired;
	}
	return fired;
}
