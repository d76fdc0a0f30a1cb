/* Unit tests for core/metrics: fixed point, the metric catalog and derived metrics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/metrics.h"
#include "core/record.h"
#include "helper_fake.h"

static void fx_parse_currencies(void **st)
{
	mval v;
	(void)st;
	assert_int_equal(fx_parse("20.00", 2, &v), 0);
	assert_true(v == 2000);
	assert_int_equal(fx_parse("6865538", 0, &v), 0); /* IDR-style whole numbers */
	assert_true(v == 6865538);
	assert_int_equal(fx_parse("1.234", 3, &v), 0); /* KWD, 3 decimals */
	assert_true(v == 1234);
	assert_int_equal(fx_parse("1.5", 3, &v), 0);
	assert_true(v == 1500);
	assert_int_equal(fx_parse("0.005", 2, &v), 0); /* extra digit rounds half up */
	assert_true(v == 1);
	assert_int_equal(fx_parse("1.09%", 6, &v), 0);
	assert_true(v == 1090000);
	assert_int_equal(fx_parse("-", 2, &v), 0);
	assert_true(v == MV_MISSING);
	assert_int_equal(fx_parse("", 2, &v), 0);
	assert_true(v == MV_MISSING);
	assert_int_equal(fx_parse("-3.5", 2, &v), 0);
	assert_true(v == -350);
	assert_int_equal(fx_parse("abc", 2, &v), -1);
	assert_int_equal(fx_parse("1e3", 2, &v), -1);
	assert_int_equal(fx_parse(".", 2, &v), -1);
	assert_int_equal(fx_parse("99999999999999999999", 2, &v), -1);
	assert_int_equal(currency_decimals("MAD"), 2);
	assert_int_equal(currency_decimals("JPY"), 0);
	assert_int_equal(currency_decimals("KWD"), 3);
}

static void fx_format_forms(void **st)
{
	char b[64];
	(void)st;
	assert_string_equal(fx_format(123456, 2, b, sizeof(b)), "1234.56");
	assert_string_equal(fx_format(-5, 2, b, sizeof(b)), "-0.05");
	assert_string_equal(fx_format(7, 0, b, sizeof(b)), "7");
	assert_string_equal(fx_format(MV_MISSING, 2, b, sizeof(b)), "");
	assert_string_equal(fx_format_human(123456, 2, b, sizeof(b)), "1 234,56");
	assert_string_equal(fx_format_human(1234567, 0, b, sizeof(b)), "1 234 567");
	assert_string_equal(fx_format_human(-123456789, 3, b, sizeof(b)), "-123 456,789");
	assert_string_equal(fx_format_human(MV_MISSING, 2, b, sizeof(b)), "-");
}

static void derived_metrics(void **st)
{
	struct mrow r;
	char b[32];
	(void)st;
	mrow_clear(&r);
	r.s[S_SPEND] = money_from_minor(2000, 2);      /* 20.00 */
	r.s[S_IMPRESSIONS] = 4696;
	r.s[S_CLICKS] = 51;
	r.s[S_CONVERSION] = 3;
	r.s[S_VALUE] = 0;
	assert_true(mrow_get(&r, M_CTR, 2) == 1090000);  /* 1.0860 -> 1.09 */
	assert_true(money_display(mrow_get(&r, M_CPC, 2), 2) == 39);  /* 0.392 -> 0.39 */
	assert_true(mrow_get(&r, M_CPC, 2) == 390000);  /* held at MONEY_SCALE */
	assert_true(money_display(mrow_get(&r, M_CPM, 2), 2) == 426); /* 4.2589 -> 4.26 */
	assert_true(money_display(mrow_get(&r, M_CPA, 2), 2) == 667); /* 6.666 -> 6.67 */
	assert_true(mrow_get(&r, M_CVR, 2) == 60000);    /* 3 / 4696 = 0.0639% -> 0.06 */
	assert_true(mrow_get(&r, M_ROAS, 2) == 0);
	assert_string_equal(metric_format(M_CTR, mrow_get(&r, M_CTR, 2), 2, false, b, sizeof(b)), "1.09");
	assert_string_equal(metric_format(M_SPEND, r.s[S_SPEND], 2, false, b, sizeof(b)), "20.00");
	assert_string_equal(metric_format(M_CPA, mrow_get(&r, M_CPA, 2), 2, false, b, sizeof(b)), "6.67");
	/* zero and missing denominators give missing, never NaN or 0 */
	r.s[S_CLICKS] = 0;
	assert_true(mrow_get(&r, M_CPC, 2) == MV_MISSING);
	assert_true(mrow_get(&r, M_CVR, 2) == 60000); /* clicks do not enter it */
	r.s[S_IMPRESSIONS] = 2000; /* the doc's example: 3 / 2,000 x 100 = 0.15 */
	assert_true(mrow_get(&r, M_CVR, 2) == 150000);
	r.s[S_IMPRESSIONS] = 0;
	assert_true(mrow_get(&r, M_CVR, 2) == MV_MISSING);
	r.s[S_IMPRESSIONS] = 4696;
	r.s[S_CONVERSION] = MV_MISSING;
	assert_true(mrow_get(&r, M_CPA, 2) == MV_MISSING);
	r.s[S_SPEND] = 0;
	assert_true(mrow_get(&r, M_ROAS, 2) == MV_MISSING);
	/* half up exactly once: 1 click / 8 impressions = 12.5% -> 12.50 */
	mrow_clear(&r);
	r.s[S_CLICKS] = 1;
	r.s[S_IMPRESSIONS] = 8;
	assert_true(mrow_get(&r, M_CTR, 2) == 12500000);
	r.s[S_IMPRESSIONS] = 200000; /* 0.0005% -> 0.00 (rounds at 2 decimals) */
	assert_true(mrow_get(&r, M_CTR, 2) == 0);
	assert_int_equal(metric_by_api("spend"), M_SPEND);
	assert_int_equal(metric_by_api("nope"), -1);
}

/* Regression (issue 14): conversion_rate_v2 is TikTok's conversions /
 * impressions x 100 (tiktok-api.md §4), not conversions / clicks: 12
 * conversions, 600 clicks, 10,000 impressions is 0.12 %, not 2.00 %. */
static void cvr_is_conversions_over_impressions(void **st)
{
	struct mrow r;
	char b[32];
	(void)st;
	mrow_clear(&r);
	r.s[S_CONVERSION] = 12;
	r.s[S_CLICKS] = 600;
	r.s[S_IMPRESSIONS] = 10000;
	assert_string_equal(metric_format(M_CVR, mrow_get(&r, M_CVR, 2), 2, false, b, sizeof(b)), "0.12");
	assert_int_equal(metric_defs[M_CVR].den, M_IMPRESSIONS);
	assert_string_equal(metric_defs[M_CVR].api, "conversion_rate_v2");
}

/* Regression (issue 14): money is held as the API sends it and rounded once.
 * Three days of 0.005 USD (the API's own scale, finer than cents) make 0.015,
 * shown 0.02; rounding each day to cents first gave 0.03. Half away from zero
 * for negative amounts (refund corrections). */
static void money_rounded_once(void **st)
{
	struct mrow sum, day;
	mval v;
	char b[32];
	(void)st;
	mrow_clear(&sum);
	mrow_clear(&day);
	assert_int_equal(fx_parse("0.005", MONEY_SCALE, &v), 0);
	day.s[S_SPEND] = v;
	for (int i = 0; i < 3; i++)
		mrow_add(&sum, &day);
	assert_string_equal(metric_format(M_SPEND, sum.s[S_SPEND], 2, false, b, sizeof(b)), "0.02");
	assert_string_equal(metric_format(M_SPEND, day.s[S_SPEND], 2, false, b, sizeof(b)), "0.01");
	assert_true(money_display(-5000, 2) == -1);   /* -0.005 -> -0.01 */
	assert_true(money_display(4999, 2) == 0);
	assert_true(money_display(1234567, 0) == 1);  /* JPY: 1.234567 -> 1 */
	assert_true(money_display(1500000, 0) == 2);
	assert_true(money_display(1234500, 3) == 1235); /* TND: 1.2345 -> 1.235 */
	assert_true(money_from_minor(1235, 3) == 1235000);
	assert_true(money_display(MV_MISSING, 2) == MV_MISSING);
	/* a derived money metric is rounded once to the currency from the held sums:
	 * 0.015 / 1 click = 0.02 (not 0.03 / 1) */
	sum.s[S_CLICKS] = 1;
	assert_string_equal(metric_format(M_CPC, mrow_get(&sum, M_CPC, 2), 2, false, b, sizeof(b)), "0.02");
}

/* Regression (issue 14): the overflow check let one digit too many through;
 * the largest value that fits parses exactly, one more digit is refused. */
static void fx_parse_overflow_boundary(void **st)
{
	mval v;
	(void)st;
	/* scale 6: (INT64_MAX - 10^6) / 10^6 = 9223372036853 is the last whole part */
	assert_int_equal(fx_parse("9223372036853.999999", 6, &v), 0);
	assert_true(v == INT64_C(9223372036853999999));
	assert_int_equal(fx_parse("9223372036854", 6, &v), -1);
	assert_int_equal(fx_parse("9223372036859", 6, &v), -1); /* passed the old check */
	assert_int_equal(fx_parse("-9223372036859.5", 6, &v), -1);
	assert_int_equal(fx_parse("92233720368547758070", 0, &v), -1);
	assert_int_equal(fx_parse("9223372036854775806", 0, &v), 0);
	assert_true(v == INT64_C(9223372036854775806));
	assert_int_equal(fx_parse("92233720368547758.07", 2, &v), -1);
	assert_int_equal(fx_parse("1", 12, &v), -1); /* no such scale */
}

static void mrow_add_missing(void **st)
{
	struct mrow a, b;
	(void)st;
	mrow_clear(&a);
	mrow_clear(&b);
	b.s[S_SPEND] = 5;
	b.s[S_REACH] = 100;
	mrow_add(&a, &b);
	assert_true(a.s[S_SPEND] == 5);
	assert_true(a.s[S_REACH] == MV_MISSING); /* reach is never summed */
	assert_true(a.s[S_CONVERSION] == MV_MISSING); /* missing + missing = missing */
	mrow_add(&a, &b);
	assert_true(a.s[S_SPEND] == 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fx_parse_currencies),
		cmocka_unit_test(fx_format_forms),
		cmocka_unit_test(derived_metrics),
		cmocka_unit_test(mrow_add_missing),
		cmocka_unit_test(cvr_is_conversions_over_impressions),
		cmocka_unit_test(money_rounded_once),
		cmocka_unit_test(fx_parse_overflow_boundary),
	};
	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
