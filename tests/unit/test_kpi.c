/* Unit tests for exporters/kpi.c: KPI values and change, good/bad direction,
 * change text, and each callout rule on small hand-built reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "exporters/kpi.h"
#include "helper_fake.h"

/* One day per window (the window is 2026-11-19, the previous one 2026-11-18).
 * Campaign "c1" carries every number; the advertiser row is the same, so the
 * levels reconcile. */
struct day {
	mval spend, impr, clicks, conv, value;
};

static void set_row(struct mrow *m, struct day d)
{
	mrow_clear(m);
	m->s[S_SPEND] = money_from_minor(d.spend, 2); /* the days are in centimes */
	m->s[S_IMPRESSIONS] = d.impr;
	m->s[S_CLICKS] = d.clicks;
	m->s[S_CONVERSION] = d.conv;
	m->s[S_VALUE] = money_from_minor(d.value, 2);
}

static struct report *build(struct day prev, struct day cur)
{
	struct report *r = report_new(1795154400);
	struct advertiser *a = report_add_advertiser(r, "adv1");
	int day = days_from_civil(2026, 11, 19);
	long acc, c1;
	struct mrow m;

	a->name = "Store";
	a->currency = "MAD";
	a->timezone = "Africa/Casablanca";
	a->decimals = 2;
	a->today = day + 1;
	a->win = (struct window){ day, day };
	a->prev = window_previous(a->win);
	a->provisional_from = day;
	r->span = a->win;
	acc = adv_entity(r, a, LVL_ADVERTISER, "adv1", true);
	c1 = adv_entity(r, a, LVL_CAMPAIGN, "c1", true);
	a->ents[LVL_CAMPAIGN][c1].name = "تخفيضات رمضان";
	set_row(&m, prev);
	adv_add_day(a, LVL_ADVERTISER, acc, day - 1, &m);
	adv_add_day(a, LVL_CAMPAIGN, c1, day - 1, &m);
	set_row(&m, cur);
	adv_add_day(a, LVL_ADVERTISER, acc, day, &m);
	adv_add_day(a, LVL_CAMPAIGN, c1, day, &m);
	report_finish(r);
	return r;
}

static const struct kpi *find(const struct kpi *k, int n, enum metric m)
{
	for (int i = 0; i < n; i++)
		if (k[i].m == m)
			return &k[i];
	fail_msg("metric %d not in the KPI list", m);
	return NULL;
}

static int count_kind(const struct callout *c, int n, enum callout_kind kind)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += c[i].kind == kind;
	return k;
}

static void list_order_and_values(void **st)
{
	static const enum metric order[] = { M_SPEND, M_IMPRESSIONS, M_REACH, M_CLICKS, M_CTR, M_CPC,
					      M_CPM, M_CONVERSION, M_CPA, M_VALUE, M_ROAS };
	struct report *r = build((struct day){ 10000, 5000, 100, 10, 30000 },
				 (struct day){ 11000, 5000, 80, 10, 33000 });
	struct kpi k[KPI_MAX];
	int n = kpi_list(&r->advs[0], k, KPI_MAX);
	(void)st;

	assert_int_equal(n, 11);
	for (int i = 0; i < n; i++)
		assert_int_equal(k[i].m, order[i]);
	assert_true(k[0].cur == money_from_minor(11000, 2) && k[0].prev == money_from_minor(10000, 2));
	assert_true(find(k, n, M_CPA)->cur == money_from_minor(1100, 2)); /* 110,00 / 10 */
	assert_true(find(k, n, M_CTR)->cur == 1600000); /* 1,60 % in millionths */
	assert_true(find(k, n, M_REACH)->cur == MV_MISSING); /* no period query here */
	assert_false(find(k, n, M_REACH)->has_change);
	assert_int_equal(kpi_list(&r->advs[0], k, 3), 3);
	report_free(r);
}

static void change_and_direction(void **st)
{
	struct report *r = build((struct day){ 10000, 5000, 100, 10, 30000 },
				 (struct day){ 11000, 5000, 80, 5, 33000 });
	struct kpi k[KPI_MAX];
	int n = kpi_list(&r->advs[0], k, KPI_MAX);
	const struct kpi *spend = find(k, n, M_SPEND), *conv = find(k, n, M_CONVERSION),
			 *cpa = find(k, n, M_CPA), *clicks = find(k, n, M_CLICKS),
			 *cpc = find(k, n, M_CPC), *value = find(k, n, M_VALUE), *impr = find(k, n, M_IMPRESSIONS);
	(void)st;

	assert_true(spend->has_change);
	assert_float_equal(spend->change_pct, 10.0, 1e-9);
	assert_int_equal(spend->good, 0); /* spending more is neither good nor bad */
	assert_float_equal(conv->change_pct, -50.0, 1e-9);
	assert_int_equal(conv->good, -1); /* fewer conversions: bad */
	assert_float_equal(cpa->change_pct, 120.0, 1e-9); /* 10,00 -> 22,00 */
	assert_int_equal(cpa->good, -1); /* a rising CPA is bad */
	assert_int_equal(clicks->good, -1);
	assert_int_equal(cpc->good, -1); /* 1,00 -> 1,38: dearer clicks */
	assert_int_equal(value->good, 1);
	assert_true(impr->has_change); /* unchanged: a change of 0, neither good nor bad */
	assert_int_equal(impr->good, 0);
	report_free(r);

	/* falling CPA is good */
	r = build((struct day){ 10000, 5000, 100, 5, 0 }, (struct day){ 10000, 5000, 100, 10, 0 });
	n = kpi_list(&r->advs[0], k, KPI_MAX);
	assert_int_equal(find(k, n, M_CPA)->good, 1);
	report_free(r);
}

static void zero_or_missing_previous(void **st)
{
	struct report *r = build((struct day){ 0, 0, 0, 0, MV_MISSING },
				 (struct day){ 11000, 5000, 80, 5, 33000 });
	struct kpi k[KPI_MAX];
	int n = kpi_list(&r->advs[0], k, KPI_MAX);
	char b[32];
	(void)st;

	for (int i = 0; i < n; i++) {
		assert_false(k[i].has_change);
		assert_int_equal(k[i].good, 0);
		assert_string_equal(kpi_change_text(&k[i], b, sizeof(b)), "");
	}
	assert_true(find(k, n, M_CPA)->prev == MV_MISSING); /* 0 / 0: missing, not 0 */
	report_free(r);
}

static void change_text(void **st)
{
	struct kpi k = { .has_change = true };
	char b[32];
	(void)st;

	k.change_pct = 12.4;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "+12 %");
	k.change_pct = -3.44;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "-3,4 %");
	k.change_pct = 7.25;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "+7,3 %");
	k.change_pct = -250.0;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "-250 %");
	k.change_pct = 0.04;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "0 %");
	k.change_pct = 9.96;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "+10 %");
	k.has_change = false;
	assert_string_equal(kpi_change_text(&k, b, sizeof(b)), "");
}

static void callout_cpa_up(void **st)
{
	struct callout c[16];
	struct report *r;
	int n;
	(void)st;

	/* CPA 10,00 -> 13,10: +31 % */
	r = build((struct day){ 10000, 5000, 100, 10, 0 }, (struct day){ 13100, 5000, 100, 10, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_CPA_UP), 1);
	assert_int_equal(c[0].kind, CO_CPA_UP);
	assert_int_equal(c[0].severity, 2);
	assert_non_null(strstr(c[0].text, "10,00 MAD"));
	assert_non_null(strstr(c[0].text, "13,10 MAD"));
	report_free(r);
	/* exactly +30 %: no callout */
	r = build((struct day){ 10000, 5000, 100, 10, 0 }, (struct day){ 13000, 5000, 100, 10, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_CPA_UP), 0);
	report_free(r);
}

static void callout_ctr_down(void **st)
{
	struct callout c[16];
	struct report *r;
	int n;
	(void)st;

	/* CTR 2,00 % -> 1,50 %: -25 % */
	r = build((struct day){ 10000, 5000, 100, 10, 0 }, (struct day){ 10000, 6000, 90, 10, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_CTR_DOWN), 1);
	report_free(r);
	/* -20 % exactly: none */
	r = build((struct day){ 10000, 5000, 100, 10, 0 }, (struct day){ 10000, 5000, 80, 10, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_CTR_DOWN), 0);
	report_free(r);
}

static void callout_spend_without_conversions(void **st)
{
	struct callout c[16];
	struct report *r;
	int n;
	(void)st;

	r = build((struct day){ 10000, 5000, 100, 0, 0 }, (struct day){ 10000, 5000, 100, 0, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_SPEND_NO_CONV), 1);
	for (int i = 0; i < n; i++)
		if (c[i].kind == CO_SPEND_NO_CONV)
			assert_non_null(strstr(c[i].text, "تخفيضات رمضان")); /* names the campaign */
	/* under the minimum spend (100,01 MAD): not worth a word */
	n = callouts_for(&r->advs[0], money_from_minor(10001, 2), c, 16);
	assert_int_equal(count_kind(c, n, CO_SPEND_NO_CONV), 0);
	report_free(r);
	/* conversions not tracked ("-") are not zero conversions */
	r = build((struct day){ 10000, 5000, 100, MV_MISSING, 0 },
		  (struct day){ 10000, 5000, 100, MV_MISSING, 0 });
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_SPEND_NO_CONV), 0);
	report_free(r);
}

static void callout_over_budget(void **st)
{
	struct callout c[16];
	struct report *r = build((struct day){ 10000, 5000, 100, 10, 0 },
				 (struct day){ 10000, 5000, 100, 10, 0 });
	struct entity *camp = &r->advs[0].ents[LVL_CAMPAIGN][0];
	int n;
	(void)st;

	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_OVER_BUDGET), 0); /* no budget */
	camp->budget = money_from_minor(9000, 2);
	camp->budget_mode = "BUDGET_MODE_DAY";
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_OVER_BUDGET), 1);
	for (int i = 0; i < n; i++)
		if (c[i].kind == CO_OVER_BUDGET) {
			assert_non_null(strstr(c[i].text, "2026-11-19"));
			assert_non_null(strstr(c[i].text, "90,00 MAD"));
		}
	camp->budget = money_from_minor(10000, 2); /* spent exactly the budget: fine */
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_OVER_BUDGET), 0);
	camp->budget = money_from_minor(9000, 2);
	camp->budget_mode = "BUDGET_MODE_TOTAL"; /* a lifetime budget is not a daily cap */
	n = callouts_for(&r->advs[0], 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_OVER_BUDGET), 0);
	report_free(r);
}

static void callout_recon_and_partial(void **st)
{
	struct callout c[16];
	struct report *r = build((struct day){ 10000, 5000, 100, 10, 0 },
				 (struct day){ 10000, 5000, 100, 10, 0 });
	struct advertiser *a = &r->advs[0];
	int n;
	(void)st;

	assert_int_equal(callouts_for(a, 0, c, 16), 0); /* a quiet day */
	a->recon.mismatches = 1;
	a->recon.checks = 40;
	snprintf(a->recon.detail, sizeof(a->recon.detail), "campaign c1 spend 100.00 != 99.00");
	n = callouts_for(a, 0, c, 16);
	assert_int_equal(count_kind(c, n, CO_RECON_FAILED), 1);
	assert_non_null(strstr(c[0].text, "c1 spend"));
	a->failed = true;
	snprintf(a->error, sizeof(a->error), "ad level: code 50000");
	n = callouts_for(a, 0, c, 16);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].kind, CO_PARTIAL); /* most severe first */
	assert_int_equal(c[0].severity, 2);
	assert_non_null(strstr(c[0].text, "code 50000"));
	assert_int_equal(c[1].kind, CO_RECON_FAILED);
	assert_int_equal(callouts_for(a, 0, c, 1), 1); /* the cap keeps the most severe */
	assert_int_equal(c[0].kind, CO_PARTIAL);
	report_free(r);
}

/* The synthetic report: every callout is well formed and ordered by severity. */
static void fake_report_callouts(void **st)
{
	struct report *r = fake_report(8, 2, 3, 3);
	struct callout c[64];
	(void)st;

	for (size_t i = 0; i < r->nadv; i++) {
		int n = callouts_for(&r->advs[i], 0, c, 64);
		assert_true(n > 0); /* the 50,00 daily budgets are all exceeded */
		for (int j = 0; j < n; j++) {
			assert_true(strlen(c[j].text) > 10);
			if (j)
				assert_true(c[j - 1].severity >= c[j].severity);
		}
	}
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_order_and_values),
		cmocka_unit_test(change_and_direction),
		cmocka_unit_test(zero_or_missing_previous),
		cmocka_unit_test(change_text),
		cmocka_unit_test(callout_cpa_up),
		cmocka_unit_test(callout_ctr_down),
		cmocka_unit_test(callout_spend_without_conversions),
		cmocka_unit_test(callout_over_budget),
		cmocka_unit_test(callout_recon_and_partial),
		cmocka_unit_test(fake_report_callouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
