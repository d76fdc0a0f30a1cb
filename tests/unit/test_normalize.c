/* Normalization of recorded-shape API answers (fixtures/api/): envelopes,
 * "-" as missing, string-or-number values, both date forms, ids past 2^53,
 * malformed pages, and the return-code classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/api.h"
#include "core/hours.h"
#include "core/log.h"
#include "etl/normalize.h"
#include "core/record.h"
#include "helper_file.h"

static struct advertiser *mad_advertiser(struct report *r)
{
	struct advertiser *a = report_add_advertiser(r, "7000000000000000001");
	int d;
	date_parse("2026-11-17", &d);
	a->currency = "MAD";
	a->decimals = 2;
	a->win = (struct window){ d, d + 2 };
	a->prev = window_previous(a->win);
	return a;
}

static void report_page(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	size_t len;
	char *body = slurp("fixtures/api/report_campaign_page.json", &len);
	const struct day_row *row;
	(void)st;

	assert_int_equal(norm_report_page(body, len, r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_OK);
	assert_int_equal(pi.total_page, 1);
	assert_string_equal(s.request_id, "20261120ABC");
	report_finish(r);
	assert_int_equal(a->nents[LVL_CAMPAIGN], 1);
	assert_string_equal(a->ents[LVL_CAMPAIGN][0].name, "تخفيضات رمضان");
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 2); /* both date forms accepted */
	row = &a->rows[LVL_CAMPAIGN][0];
	assert_true(row->v.s[S_SPEND] == money_from_minor(2000, 2));
	assert_true(row->v.s[S_CLICKS] == 51);          /* JSON number */
	assert_true(row->v.s[S_VIDEO_PLAYS] == 4000);   /* JSON number */
	assert_true(row->v.s[S_FREQUENCY] == 1230000);
	assert_true(row->v.s[S_PURCHASES] == MV_MISSING); /* "-" is missing, not 0 */
	assert_true(row->v.s[S_VALUE] == MV_MISSING);
	assert_true(a->rows[LVL_CAMPAIGN][1].v.s[S_FREQUENCY] == 1110000); /* "%" stripped */
	/* totals: missing + 0 = 0 for value; derived recomputed from sums */
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_SPEND] == money_from_minor(2005, 2));
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_VALUE] == 0);
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_REACH] == MV_MISSING); /* never summed */
	assert_true(money_display(mrow_get(&a->ents[LVL_CAMPAIGN][0].cur, M_CPC, 2), 2) == 39); /* 20.05/51 */
	free(body);
	report_free(r);
}

static void period_page(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	const char body[] = "{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":[{\"dimensions\":"
			    "{\"campaign_id\":\"5\"},\"metrics\":{\"reach\":\"700\",\"frequency\":\"1.50\","
			    "\"spend\":\"1.00\"}}],\"page_info\":{\"page\":1,\"total_page\":1}}}";
	(void)st;
	assert_int_equal(norm_report_page(body, strlen(body), r, a, LVL_CAMPAIGN, true, true, &pi, &s, &e), NORM_OK);
	assert_true(a->ents[LVL_CAMPAIGN][0].prev.s[S_REACH] == 700);
	assert_true(a->ents[LVL_CAMPAIGN][0].prev.s[S_FREQUENCY] == 1500000);
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_REACH] == MV_MISSING);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 0); /* a period row is not a day */
	report_free(r);
}

static void bad_pages(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	size_t len;
	char *body;
	(void)st;

	body = slurp("fixtures/api/report_bad_value.json", &len);
	assert_int_equal(norm_report_page(body, len, r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_BAD_DATA);
	assert_non_null(strstr(e.msg, "spend"));
	assert_non_null(strstr(e.msg, "\"abc\""));
	free(body);
	body = slurp("fixtures/api/truncated.json", &len);
	assert_int_equal(norm_report_page(body, len, r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_BAD_JSON);
	free(body);
	body = slurp("fixtures/api/rate_limited.json", &len);
	assert_int_equal(norm_report_page(body, len, r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_API);
	assert_int_equal(s.code, 40100);
	assert_int_equal(api_classify(s.code), API_RETRY);
	free(body);
	assert_int_equal(norm_status("<html>504 Gateway Time-out</html>", 34, &s), NORM_BAD_JSON);
	report_free(r);
}

/* stat_time_hour rows become hour rows (today's hours), not days */
static void hourly_page(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	int day;
	const char body[] = "{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":["
			    "{\"dimensions\":{\"campaign_id\":\"5\",\"stat_time_hour\":\"2026-11-20 09:00:00\"},"
			    "\"metrics\":{\"spend\":\"1.50\",\"impressions\":\"30\",\"conversion\":\"-\"}},"
			    "{\"dimensions\":{\"campaign_id\":\"5\",\"stat_time_hour\":\"2026-11-20 10:00:00\"},"
			    "\"metrics\":{\"spend\":2,\"impressions\":\"40\"}}],"
			    "\"page_info\":{\"page\":1,\"total_page\":1}}}";
	(void)st;
	assert_int_equal(date_parse("2026-11-20", &day), 0);
	a->today = day;
	assert_int_equal(norm_report_page(body, strlen(body), r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_OK);
	adv_hours_finish(a);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 0);
	assert_int_equal(a->nhours[LVL_CAMPAIGN], 2);
	assert_int_equal(a->hours[LVL_CAMPAIGN][0].hour, day * 24 + 9);
	assert_true(a->hours[LVL_CAMPAIGN][0].v.s[S_SPEND] == money_from_minor(150, 2));
	assert_true(a->hours[LVL_CAMPAIGN][0].v.s[S_CONVERSION] == MV_MISSING);
	assert_true(a->hours[LVL_CAMPAIGN][1].v.s[S_SPEND] == money_from_minor(200, 2));
	assert_int_equal(a->last_hour, 10);
	/* a malformed hour names the field */
	{
		const char bad[] = "{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":[{\"dimensions\":"
				   "{\"campaign_id\":\"5\",\"stat_time_hour\":\"2026-11-20 25:00:00\"},"
				   "\"metrics\":{}}],\"page_info\":{\"page\":1,\"total_page\":1}}}";
		assert_int_equal(norm_report_page(bad, strlen(bad), r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e),
				 NORM_BAD_DATA);
		assert_non_null(strstr(e.msg, "stat_time_hour"));
	}
	report_free(r);
}

static void entities(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	size_t len;
	char *body = slurp("fixtures/api/campaign_get.json", &len);
	const struct entity *del;
	(void)st;

	assert_int_equal(norm_entities(body, len, r, a, LVL_CAMPAIGN, &pi, &s, &e), NORM_OK);
	assert_int_equal(a->nents[LVL_CAMPAIGN], 2);
	assert_true(a->ents[LVL_CAMPAIGN][0].budget == money_from_minor(5000, 2));
	assert_false(a->ents[LVL_CAMPAIGN][0].deleted);
	assert_string_equal(a->ents[LVL_CAMPAIGN][0].objective, "TRAFFIC");
	del = adv_find(a, LVL_CAMPAIGN, "9007199254740993123"); /* > 2^53, exact */
	assert_non_null(del);
	assert_true(del->deleted);
	free(body);
	report_free(r);
}

static void advertiser_info(void **st)
{
	struct report *r = report_new(0);
	struct api_status s;
	struct err e = { 0 };
	size_t len;
	char *body = slurp("fixtures/api/advertiser_info.json", &len);
	(void)st;

	report_add_advertiser(r, "7002238017842757633");
	report_add_advertiser(r, "7002238017842757634");
	assert_int_equal(norm_advertiser_info(body, len, r, &s, &e), NORM_OK);
	assert_string_equal(r->advs[0].timezone, "America/Los_Angeles"); /* display_timezone first */
	assert_string_equal(r->advs[1].timezone, "Etc/GMT-3");          /* unknown display: fallback */
	assert_int_equal(r->advs[1].decimals, 3);                          /* KWD */
	free(body);
	report_free(r);
}

/* Regression (issue 14): money is kept at the scale the API sends and rounded
 * once. Three days of "0.005" USD: the window's spend is 0.015, shown 0.02
 * (rounding each day to cents first gave 0.03); each day shows 0.01. */
static void money_kept_at_api_scale(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = mad_advertiser(r);
	struct api_status s;
	struct page_info pi;
	struct err e = { 0 };
	char b[32];
	const char body[] =
		"{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":["
		"{\"dimensions\":{\"campaign_id\":\"5\",\"stat_time_day\":\"2026-11-17 00:00:00\"},"
		"\"metrics\":{\"spend\":\"0.005\",\"clicks\":\"1\"}},"
		"{\"dimensions\":{\"campaign_id\":\"5\",\"stat_time_day\":\"2026-11-18 00:00:00\"},"
		"\"metrics\":{\"spend\":\"0.005\",\"clicks\":\"0\"}},"
		"{\"dimensions\":{\"campaign_id\":\"5\",\"stat_time_day\":\"2026-11-19 00:00:00\"},"
		"\"metrics\":{\"spend\":0.005,\"clicks\":\"0\"}}],"
		"\"page_info\":{\"page\":1,\"total_page\":1}}}";
	(void)st;
	a->currency = "USD";
	assert_int_equal(norm_report_page(body, strlen(body), r, a, LVL_CAMPAIGN, false, false, &pi, &s, &e), NORM_OK);
	report_finish(r);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 3);
	assert_string_equal(metric_format(M_SPEND, a->rows[LVL_CAMPAIGN][0].v.s[S_SPEND], 2, false, b, sizeof(b)), "0.01");
	assert_string_equal(metric_format(M_SPEND, a->ents[LVL_CAMPAIGN][0].cur.s[S_SPEND], 2, false, b, sizeof(b)), "0.02");
	assert_string_equal(metric_format(M_CPC, mrow_get(&a->ents[LVL_CAMPAIGN][0].cur, M_CPC, 2), 2, false, b,
					  sizeof(b)), "0.02"); /* 0.015 / 1 click, rounded once */
	report_free(r);
}

/* Regression (issue 14): one advertiser/info/ row with an empty or malformed
 * currency failed the whole call (exit 3); now that advertiser alone fails,
 * named, and the others are taken. */
static void info_bad_currency_fails_one(void **st)
{
	struct report *r = report_new(0);
	struct api_status s;
	struct err e = { 0 };
	const char body[] =
		"{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":["
		"{\"advertiser_id\":\"1\",\"name\":\"a\",\"currency\":\"\",\"timezone\":\"UTC\"},"
		"{\"advertiser_id\":\"2\",\"name\":\"b\",\"currency\":\"MAD\",\"timezone\":\"UTC\"},"
		"{\"advertiser_id\":\"3\",\"name\":\"c\",\"currency\":\"d0l\",\"timezone\":\"UTC\"},"
		"{\"advertiser_id\":\"4\",\"name\":\"d\",\"timezone\":\"UTC\"}]}}";
	(void)st;
	for (int i = 1; i <= 4; i++) {
		char id[4];
		snprintf(id, sizeof(id), "%d", i);
		report_add_advertiser(r, id);
	}
	assert_int_equal(norm_advertiser_info(body, strlen(body), r, &s, &e), NORM_OK);
	assert_true(r->advs[0].failed);
	assert_non_null(strstr(r->advs[0].error, "advertiser 1"));
	assert_non_null(strstr(r->advs[0].error, "currency"));
	assert_false(r->advs[1].failed);
	assert_string_equal(r->advs[1].currency, "MAD");
	assert_true(r->advs[2].failed);
	assert_true(r->advs[3].failed);
	assert_null(r->advs[0].currency);
	report_free(r);
}

/* Regression (issue 14): a parse error quoted the piece of the body jansson
 * stopped at: with a token answer cut short, part of the token. */
static void parse_error_quotes_nothing(void **st)
{
	struct api_status s;
	const char body[] = "{\"code\":0,\"data\":{\"access_token\":\"act.Sup3rS3cretT0ken";
	const char body2[] = "{\"code\":0,\"data\":{\"refresh_token\":rft.Sup3rS3cretT0ken}}";
	(void)st;
	assert_int_equal(norm_status(body, strlen(body), &s), NORM_BAD_JSON);
	assert_null(strstr(s.message, "Sup3r"));
	assert_null(strstr(s.message, "act."));
	assert_non_null(strstr(s.message, "not JSON"));
	assert_int_equal(norm_status(body2, strlen(body2), &s), NORM_BAD_JSON);
	assert_null(strstr(s.message, "Sup3r"));
	assert_null(strstr(s.message, "rft"));
}

static void codes(void **st)
{
	(void)st;
	assert_int_equal(api_classify(0), API_OK);
	assert_int_equal(api_classify(40133), API_RETRY);
	assert_int_equal(api_classify(50002), API_RETRY);
	assert_int_equal(api_classify(51021), API_RETRY); /* unknown 51xxx: transient */
	assert_int_equal(api_classify(40104), API_AUTH);
	assert_int_equal(api_classify(40105), API_AUTH);
	assert_int_equal(api_classify(40001), API_PERM);
	assert_int_equal(api_classify(40067), API_TOO_LARGE);
	assert_int_equal(api_classify(40002), API_FAIL);
}

static void urls_and_redaction(void **st)
{
	const char *pairs[] = { "dimensions", "[\"campaign_id\",\"stat_time_day\"]", "secret", "s3cr3t", NULL };
	char *u = api_url("http://127.0.0.1:1/open_api/v1.3/", "report/integrated/get/", pairs);
	char red[512];
	(void)st;
	assert_string_equal(u, "http://127.0.0.1:1/open_api/v1.3/report/integrated/get/"
			       "?dimensions=%5B%22campaign_id%22%2C%22stat_time_day%22%5D&secret=s3cr3t");
	log_redact_url(u, red, sizeof(red));
	assert_null(strstr(red, "s3cr3t"));
	assert_non_null(strstr(red, "secret=***"));
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_page),   cmocka_unit_test(period_page),
		cmocka_unit_test(bad_pages),     cmocka_unit_test(entities),
		cmocka_unit_test(hourly_page),
		cmocka_unit_test(advertiser_info),
		cmocka_unit_test(money_kept_at_api_scale),
		cmocka_unit_test(info_bad_currency_fails_one),
		cmocka_unit_test(parse_error_quotes_nothing), cmocka_unit_test(codes),
		cmocka_unit_test(urls_and_redaction),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
