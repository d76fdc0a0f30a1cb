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
	r.s[S_SPEND] = 2000;      /* 20.00 */
	r.s[S_IMPRESSIONS] = 4696;
	r.s[S_CLICKS] = 51;
	r.s[S_CONVERSION] = 3;
	r.s[S_VALUE] = 0;
	assert_true(mrow_get(&r, M_CTR, 2) == 1090000);  /* 1.0860 -> 1.09 */
	assert_true(mrow_get(&r, M_CPC, 2) == 39);       /* 0.392 -> 0.39 */
	assert_true(mrow_get(&r, M_CPM, 2) == 426);      /* 4.2589 -> 4.26 */
	assert_true(mrow_get(&r, M_CPA, 2) == 667);      /* 6.666 -> 6.67 */
	/* conversion_rate_v2 is per impression (TikTok), not per click (5.88 was wrong) */
	assert_true(mrow_get(&r, M_CVR, 2) == 60000);    /* 0.0639 -> 0.06 */
	assert_true(mrow_get(&r, M_ROAS, 2) == 0);
	assert_string_equal(metric_format(M_CTR, mrow_get(&r, M_CTR, 2), 2, false, b, sizeof(b)), "1.09");
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
	};
	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
