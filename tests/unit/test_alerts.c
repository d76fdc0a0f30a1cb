/* Unit tests for core/alerts and core/hours: each rule fires once, on the
 * first cut that shows it and not on the next (the same series cut one
 * interval later); hours after the last reported one are missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alerts.h"
#include "core/hours.h"
#include "core/record.h"

#define TODAY 20412 /* 2025-11-20 */

struct fix {
	struct report *r;
	struct advertiser *a;
	long adv, camp, adg;
};

static void row(struct mrow *v, mval spend, mval conv)
{
	mrow_clear(v);
	v->s[S_SPEND] = money_from_minor(spend, 2); /* the tests speak in centimes */
	v->s[S_IMPRESSIONS] = spend ? 100 : 0;
	v->s[S_CONVERSION] = conv;
}

/* one advertiser, one campaign with one ad group; 7-day totals 700.00 / 7 conv */
static void fix_new(struct fix *f)
{
	struct mrow v;

	f->r = report_new(0);
	f->a = report_add_advertiser(f->r, "1");
	f->a->currency = "MAD";
	f->a->today = TODAY;
	f->adv = adv_entity(f->r, f->a, LVL_ADVERTISER, "1", true);
	f->camp = adv_entity(f->r, f->a, LVL_CAMPAIGN, "c1", true);
	f->adg = adv_entity(f->r, f->a, LVL_ADGROUP, "g1", true);
	f->a->ents[LVL_ADGROUP][f->adg].campaign_id = "c1";
	f->a->ents[LVL_CAMPAIGN][f->camp].objective = "WEB_CONVERSIONS";
	row(&v, 70000, 7);
	f->a->ents[LVL_ADVERTISER][f->adv].cur = v;
	f->a->ents[LVL_CAMPAIGN][f->camp].cur = v;
}

/* the same hour at every level */
static void hour(struct fix *f, int day, int h, mval spend, mval conv)
{
	struct mrow v;

	row(&v, spend, conv);
	adv_add_hour(f->a, LVL_ADVERTISER, f->adv, day, h, &v);
	adv_add_hour(f->a, LVL_CAMPAIGN, f->camp, day, h, &v);
	adv_add_hour(f->a, LVL_ADGROUP, f->adg, day, h, &v);
}

/* Evaluate with today's hours cut after hour `last` (the rows stay). */
static long eval_at(struct fix *f, const struct alert_opts *o, int last, struct alert *out)
{
	struct err e = { 0 };

	adv_hours_finish(f->a);
	f->a->last_hour = last;
	return alerts_eval(f->a, o, out, 16, &e);
}

static int count_fired(const struct alert *al, long n, enum alert_rule r)
{
	int k = 0;
	for (long i = 0; i < n && i < 16; i++)
		k += al[i].fired && al[i].rule == r;
	return k;
}

static void hours_missing_after_last(void **st)
{
	struct fix f;
	struct hseries s;
	(void)st;
	fix_new(&f);
	hour(&f, TODAY, 0, 100, 0);
	hour(&f, TODAY, 3, 200, 1);
	hour(&f, TODAY, 3, 150, 1); /* a repeat: the larger spend kept */
	hour(&f, TODAY - 1, 23, 50, 0);
	adv_hours_finish(f.a);
	assert_int_equal(f.a->last_hour, 3);
	adv_hour_series(f.a, LVL_CAMPAIGN, (uint32_t)f.camp, TODAY, &s);
	assert_true(s.have[0] && !s.have[1] && s.have[3] && !s.have[4]);
	assert_true(s.v[3].s[S_SPEND] == money_from_minor(200, 2));
	assert_true(s.v[5].s[S_SPEND] == MV_MISSING);
	assert_int_equal(f.a->nhours[LVL_CAMPAIGN], 3);
	report_free(f.r);
}

static void spend_without_conversion_once(void **st)
{
	struct fix f;
	struct alert al[16];
	struct alert_opts o = { "30", 0, false, false, 60, 0 };
	long n;
	(void)st;
	fix_new(&f);
	for (int h = 0; h < 12; h++)
		hour(&f, TODAY, h, 1000, 0); /* 10.00 MAD an hour, no conversion */
	/* 30 MAD is passed during hour 3 (40.00 > 30.00): fires at last hour 3 only */
	assert_int_equal(count_fired(al, eval_at(&f, &o, 2, al), AL_SPEND_NO_CONV), 0);
	n = eval_at(&f, &o, 3, al);
	assert_int_equal(count_fired(al, n, AL_SPEND_NO_CONV), 1);
	assert_int_equal(al[0].level, LVL_CAMPAIGN); /* the campaign, not its ad group too */
	assert_true(al[0].spend == money_from_minor(4000, 2));
	n = eval_at(&f, &o, 4, al);
	assert_int_equal(n, 1);
	assert_false(al[0].fired); /* still holds, already mailed */
	o.interval_min = 120; /* a two-hour cron: hour 4 still fires (3 was never seen) */
	assert_int_equal(count_fired(al, eval_at(&f, &o, 4, al), AL_SPEND_NO_CONV), 1);
	o.spend_without_conversion = "0";
	assert_int_equal(eval_at(&f, &o, 4, al), 0);
	report_free(f.r);
}

static void cpa_over_k_once(void **st)
{
	struct fix f;
	struct alert al[16];
	struct alert_opts o = { NULL, 2.5, false, false, 60, 0 };
	(void)st;
	fix_new(&f); /* 7-day CPA: 100.00 */
	hour(&f, TODAY, 8, 10000, 1);
	hour(&f, TODAY, 9, 10000, 0);  /* 200.00 / 1: 2 x */
	hour(&f, TODAY, 10, 10000, 0); /* 300.00 / 1: 3 x */
	hour(&f, TODAY, 11, 10000, 1); /* 400.00 / 2: 2 x */
	assert_int_equal(count_fired(al, eval_at(&f, &o, 9, al), AL_CPA), 0);
	assert_int_equal(count_fired(al, eval_at(&f, &o, 10, al), AL_CPA), 1);
	assert_true(al[0].ref == money_from_minor(10000, 2));
	assert_int_equal(eval_at(&f, &o, 11, al), 0);
	report_free(f.r);
}

static void budget_fast_and_slow(void **st)
{
	struct fix f;
	struct alert al[16];
	struct alert_opts o = { NULL, 0, true, false, 60, 1000000 };
	struct entity *c;
	long n;
	(void)st;
	fix_new(&f);
	c = &f.a->ents[LVL_CAMPAIGN][f.camp];
	c->budget = money_from_minor(24000, 2); /* 240.00 a day */
	c->budget_mode = "BUDGET_MODE_DAY";
	for (int h = 0; h < 24; h++)
		hour(&f, TODAY - 1, h, 800, 0); /* yesterday: even, 192.00 */
	for (int h = 0; h < 8; h++)
		hour(&f, TODAY, h, 1000, 0);    /* even pace: 240.00 by midnight, 200.00 by 20:00 */
	hour(&f, TODAY, 8, 6000, 0);            /* a burst: 140.00 by 09:00 -> 311.00 by 20:00 */
	assert_int_equal(count_fired(al, eval_at(&f, &o, 7, al), AL_BUDGET_FAST), 0);
	n = eval_at(&f, &o, 8, al);
	assert_int_equal(count_fired(al, n, AL_BUDGET_FAST), 1);
	assert_true(al[0].projected >= money_from_minor(24000, 2));
	/* slow: a budget raised to 960.00 within the last interval fires now... */
	c->budget = money_from_minor(96000, 2);
	c->modify_time = o.now - 600;
	n = eval_at(&f, &o, 7, al);
	assert_int_equal(count_fired(al, n, AL_BUDGET_SLOW), 1);
	/* ... and not on the next run, when the change is older than the interval */
	o.now += 3600;
	assert_int_equal(count_fired(al, eval_at(&f, &o, 7, al), AL_BUDGET_SLOW), 0);
	/* too few hours to call it slow */
	c->modify_time = o.now;
	assert_int_equal(count_fired(al, eval_at(&f, &o, 4, al), AL_BUDGET_SLOW), 0);
	report_free(f.r);
}

static void tracking_gone_once(void **st)
{
	struct fix f;
	struct alert al[16];
	struct alert_opts o = { NULL, 0, false, true, 60, 0 };
	long n;
	(void)st;
	fix_new(&f); /* 7 days: 100.00 a conversion */
	for (int h = 0; h < 24; h++)
		hour(&f, TODAY - 1, h, 2000, h % 5 == 0);
	hour(&f, TODAY, 0, 5000, 1);
	hour(&f, TODAY, 1, 20000, 0); /* 2 expected */
	hour(&f, TODAY, 2, 10000, 0); /* 3 */
	hour(&f, TODAY, 3, 10000, 0); /* 4: fires */
	hour(&f, TODAY, 4, 10000, 0);
	assert_int_equal(count_fired(al, eval_at(&f, &o, 2, al), AL_TRACKING), 0);
	n = eval_at(&f, &o, 3, al);
	assert_int_equal(count_fired(al, n, AL_TRACKING), 1);
	assert_true(al[0].ref == 400);
	assert_int_equal(al[0].level, LVL_ADVERTISER);
	assert_int_equal(count_fired(al, eval_at(&f, &o, 4, al), AL_TRACKING), 0);
	report_free(f.r);
}

static void nothing_before_the_first_hour(void **st)
{
	struct fix f;
	struct alert al[16];
	struct alert_opts o = { "1", 1, true, true, 60, 0 };
	struct err e = { 0 };
	(void)st;
	fix_new(&f);
	hour(&f, TODAY - 1, 5, 1000, 0);
	adv_hours_finish(f.a);
	assert_int_equal(f.a->last_hour, -1);
	assert_int_equal(alerts_eval(f.a, &o, al, 16, &e), 0);
	o.spend_without_conversion = "abc";
	assert_int_equal(alerts_eval(f.a, &o, al, 16, &e), -1);
	assert_non_null(strstr(e.msg, "spend_without_conversion"));
	report_free(f.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hours_missing_after_last),
		cmocka_unit_test(spend_without_conversion_once),
		cmocka_unit_test(cpa_over_k_once),
		cmocka_unit_test(budget_fast_and_slow),
		cmocka_unit_test(tracking_gone_once),
		cmocka_unit_test(nothing_before_the_first_hour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
