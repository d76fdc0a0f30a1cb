/* Unit tests for the shared core: fixed point, metric catalog, derived
 * metrics, dates and windows, records and reconciliation. */
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
	assert_true(mrow_get(&r, M_CVR, 2) == 5880000);  /* 5.882 -> 5.88 */
	assert_true(mrow_get(&r, M_ROAS, 2) == 0);
	assert_string_equal(metric_format(M_CTR, mrow_get(&r, M_CTR, 2), 2, false, b, sizeof(b)), "1.09");
	/* zero and missing denominators give missing, never NaN or 0 */
	r.s[S_CLICKS] = 0;
	assert_true(mrow_get(&r, M_CPC, 2) == MV_MISSING);
	assert_true(mrow_get(&r, M_CVR, 2) == MV_MISSING);
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

static void dates_parse(void **st)
{
	int d;
	char b[11];
	(void)st;
	assert_int_equal(date_parse("2026-11-20", &d), 0);
	assert_string_equal(date_format(d, b), "2026-11-20");
	assert_int_equal(date_parse("2026-02-30", &d), -1);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2025-02-29", &d), -1);
	assert_int_equal(date_parse("2026-13-01", &d), -1);
	assert_int_equal(date_parse("2026-1-01", &d), -1);
	assert_int_equal(date_parse("2026-11-20x", &d), -1);
	assert_int_equal(date_parse_stat("2024-03-02 00:00:00", &d), 0);
	assert_string_equal(date_format(d, b), "2024-03-02");
	assert_int_equal(date_parse_stat("2024-03-02", &d), 0);
	assert_int_equal(date_parse_stat("2024-03-02T00:00:00", &d), -1);
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
}

static int day_of(const char *s)
{
	int d = 0;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static void timezones(void **st)
{
	int d;
	struct err e;
	time_t t = (time_t)day_of("2026-11-20") * 86400 + 6 * 3600; /* 06:00 UTC */
	(void)st;
	assert_int_equal(tz_today("Etc/GMT+8", t, &d, &e), 0); /* UTC-8: 22:00 the day before */
	assert_int_equal(d, day_of("2026-11-19"));
	assert_int_equal(tz_today("Etc/GMT-8", t, &d, &e), 0); /* UTC+8: 14:00 */
	assert_int_equal(d, day_of("2026-11-20"));
	assert_int_equal(tz_today("America/Los_Angeles", t, &d, &e), 0);
	assert_int_equal(d, day_of("2026-11-19"));
	/* Africa/Casablanca is UTC+1 but UTC+0 during Ramadan (2026: ~Feb 15 - Mar 22) */
	t = (time_t)day_of("2026-03-01") * 86400 + 23 * 3600 + 30 * 60; /* 23:30 UTC */
	assert_int_equal(tz_today("Africa/Casablanca", t, &d, &e), 0);
	assert_int_equal(d, day_of("2026-03-01")); /* UTC+0 in Ramadan: still Mar 1 */
	t = (time_t)day_of("2026-06-01") * 86400 + 23 * 3600 + 30 * 60;
	assert_int_equal(tz_today("Africa/Casablanca", t, &d, &e), 0);
	assert_int_equal(d, day_of("2026-06-02")); /* UTC+1 outside Ramadan: already Jun 2 */
	/* Paris: CEST (UTC+2) in summer, CET (UTC+1) in winter */
	t = (time_t)day_of("2026-07-01") * 86400 + 22 * 3600 + 30 * 60;
	assert_int_equal(tz_today("Europe/Paris", t, &d, &e), 0);
	assert_int_equal(d, day_of("2026-07-02")); /* CEST, UTC+2 */
	t = (time_t)day_of("2026-12-01") * 86400 + 22 * 3600 + 30 * 60;
	assert_int_equal(tz_today("Europe/Paris", t, &d, &e), 0);
	assert_int_equal(d, day_of("2026-12-01")); /* CET, UTC+1 */
	assert_int_equal(tz_today("Mars/Olympus", t, &d, &e), EXIT_API);
	assert_non_null(strstr(e.msg, "Mars/Olympus"));
	assert_false(tz_known("../etc/passwd"));
}

static void windows(void **st)
{
	struct window w = window_lookback(day_of("2026-01-02"), 3), p, parts[8];
	(void)st;
	assert_int_equal(w.since, day_of("2025-12-30")); /* crosses the year */
	assert_int_equal(w.until, day_of("2026-01-01"));
	p = window_previous(w);
	assert_int_equal(p.since, day_of("2025-12-27"));
	assert_int_equal(p.until, day_of("2025-12-29"));
	w.since = day_of("2026-01-01");
	w.until = day_of("2026-03-16"); /* 75 days */
	assert_int_equal(window_split(w, 30, parts, 8), 3);
	assert_int_equal(parts[0].until, day_of("2026-01-30"));
	assert_int_equal(parts[1].since, day_of("2026-01-31"));
	assert_int_equal(parts[1].until, day_of("2026-03-01"));
	assert_int_equal(parts[2].since, day_of("2026-03-02"));
	assert_int_equal(parts[2].until, day_of("2026-03-16"));
	assert_int_equal(window_split(w, 30, parts, 2), -1);
	w.until = w.since; /* one day */
	assert_int_equal(window_split(w, 30, parts, 8), 1);
	w.since = day_of("2024-02-01");
	w.until = day_of("2024-03-01"); /* leap February: 30 days */
	assert_int_equal(window_split(w, 30, parts, 8), 1);
	w.until = day_of("2024-03-02");
	assert_int_equal(window_split(w, 30, parts, 8), 2);
}

static void run_now_env(void **st)
{
	time_t t;
	struct err e;
	(void)st;
	setenv("TTREPORT_NOW", "2026-11-20T06:00:00Z", 1);
	assert_int_equal(run_now(&t, &e), 0);
	assert_int_equal((long)t, (long)day_of("2026-11-20") * 86400 + 21600);
	setenv("TTREPORT_NOW", "2026-11-31T06:00:00Z", 1);
	assert_int_equal(run_now(&t, &e), EXIT_USAGE);
	unsetenv("TTREPORT_NOW");
}

static void records_upsert_and_totals(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = report_add_advertiser(r, "1");
	struct mrow v;
	long e;
	(void)st;
	a->win = (struct window){ 10, 12 };
	a->prev = window_previous(a->win);
	e = adv_entity(r, a, LVL_CAMPAIGN, "c1", true);
	assert_int_equal(adv_entity(r, a, LVL_CAMPAIGN, "c1", true), e);
	assert_int_equal(adv_entity(r, a, LVL_CAMPAIGN, "c2", false), -1);
	mrow_clear(&v);
	v.s[S_SPEND] = 100;
	adv_add_day(a, LVL_CAMPAIGN, e, 12, &v);
	adv_add_day(a, LVL_CAMPAIGN, e, 11, &v);
	adv_add_day(a, LVL_CAMPAIGN, e, 12, &v); /* same day again: kept once */
	adv_add_day(a, LVL_CAMPAIGN, e, 8, &v);  /* previous window */
	adv_add_day(a, LVL_CAMPAIGN, e, 2, &v);  /* outside both: ignored */
	report_finish(r);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 2);
	assert_int_equal(a->rows[LVL_CAMPAIGN][0].day, 11);
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_SPEND] == 200);
	assert_true(a->ents[LVL_CAMPAIGN][0].prev.s[S_SPEND] == 100);
	assert_non_null(adv_find(a, LVL_CAMPAIGN, "c1"));
	assert_null(adv_find(a, LVL_CAMPAIGN, "zz"));
	report_free(r);
}

static void reconciliation(void **st)
{
	struct report *r = fake_report(4, 2, 3, 3);
	struct advertiser *a = &r->advs[0];
	(void)st;
	assert_true(a->recon.checks > 0);
	assert_int_equal(a->recon.mismatches, 0);
	/* break one ad: the mismatch is found and named */
	a->ents[LVL_AD][0].cur.s[S_SPEND] += 1;
	adv_reconcile(a);
	assert_int_equal(a->recon.mismatches, 1);
	assert_non_null(strstr(a->recon.detail, "spend"));
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fx_parse_currencies),
		cmocka_unit_test(fx_format_forms),
		cmocka_unit_test(derived_metrics),
		cmocka_unit_test(mrow_add_missing),
		cmocka_unit_test(dates_parse),
		cmocka_unit_test(timezones),
		cmocka_unit_test(windows),
		cmocka_unit_test(run_now_env),
		cmocka_unit_test(records_upsert_and_totals),
		cmocka_unit_test(reconciliation),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
