/* alerts.h: the intraday alert rules of `ttreport today` ([alerts] in the
 * config), evaluated on one advertiser's hourly rows (core/hours.h) and its
 * 7-day totals (entity.cur over the 7 complete days before today).
 *
 * Once, without state: a rule is judged twice on the same hourly series, on
 * the hours up to today's last reported hour L and on the hours up to
 * L - ceil(interval / 60) (the data a run one interval ago had); an alert
 * fires when it holds now and did not hold then. A budget changed within the
 * last interval (modify_time) counts as not holding then: the old budget is
 * not known. Pure functions: nothing here allocates or reads the clock. */
#ifndef TT_ALERTS_H
#define TT_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/record.h"

enum alert_rule { AL_SPEND_NO_CONV, AL_CPA, AL_BUDGET_FAST, AL_BUDGET_SLOW, AL_TRACKING, AL_RULES };

/* The config key that turns the rule on: "spend_without_conversion", ... */
const char *alert_rule_key(enum alert_rule r);

/* Fixed parts of the rules (documented in docs/ttreport.1). */
#define ALERT_EXHAUST_HOUR 20   /* budget_pace: spent before 20:00 local is too fast */
#define ALERT_SLOW_PERCENT 50   /* budget_pace: under half the budget by midnight is too slow */
#define ALERT_SLOW_MIN_HOURS 6  /* budget_pace: judge "too slow" from 6 reported hours */
#define ALERT_TRACKING_EXPECTED 4 /* tracking_gone: conversions expected since the last one */

struct alert_opts {
	const char *spend_without_conversion; /* currency units as text; NULL, "0": off */
	double cpa_factor;                    /* 0: off */
	bool budget_pace, tracking_gone;
	int interval_min;                     /* the cron interval in minutes (>= 1) */
	time_t now;                           /* the run's clock */
};

struct alert {
	enum alert_rule rule;
	enum level level;  /* LVL_ADVERTISER for tracking_gone */
	uint32_t ent;      /* index in advertiser.ents[level] */
	bool fired;        /* holds now and did not one interval ago: mail it */
	mval spend;        /* spend since local midnight (minor units) */
	mval conv;         /* conversions since local midnight (MV_MISSING: not tracked) */
	mval ref;          /* AMOUNT, the 7-day CPA, or the daily budget (minor units);
			      tracking_gone: expected conversions x 100 */
	mval projected;    /* budget_pace: spend by 20:00 (fast) or by midnight (slow) */
};

/* Every alert holding on a's data now, fired ones first (rule order, then
 * level and entity order within each part). Writes at most cap; returns how
 * many hold (may exceed cap). -1 when spend_without_conversion is not a
 * number in a's currency (e->msg says so). */
long alerts_eval(const struct advertiser *a, const struct alert_opts *o, struct alert *out,
		 size_t cap, struct err *e);

/* Every advertiser's alerts: v holds the first ALERTS_MAX of n. */
#define ALERTS_MAX 48
struct adv_alerts {
	long n, fired;
	struct alert v[ALERTS_MAX];
};
/* alerts_eval for each of r's advertisers (failed ones have none) into
 * out[0..r->nadv). Returns the alerts fired in all, or -1 (e set). */
long alerts_eval_report(const struct report *r, const struct alert_opts *o, struct adv_alerts *out,
			struct err *e);

/* budget_pace's projection of entity ent at today's last reported hour:
 * spend so far, and by midnight along yesterday's hourly curve. false when
 * nothing is reported yet. */
bool alert_projection(const struct advertiser *a, enum level l, uint32_t ent, mval *spent,
		      mval *by_midnight);

/* Whether a campaign (or an ad group or ad, by its campaign) optimizes for
 * conversions: its objective is none of the reach/traffic/video/engagement
 * ones and its conversions are reported (not "-"). */
bool alert_optimizes_conversions(const struct advertiser *a, enum level l, uint32_t ent);

#endif
