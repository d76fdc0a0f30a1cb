/* Unit tests for etl/extract.c against a fixture server on 127.0.0.1 (helper_server):
 * what the run concludes when answers go wrong.
 *  - permission failures are counted per advertiser: one advertiser refused on
 *    two levels and another one failing on the network is exit 3, not 2;
 *  - one advertiser/info/ row with a bad currency fails that advertiser only;
 *  - a later page reporting other totals than page 1 makes the unit fetched
 *    again (bounded), so no row goes missing;
 *  - curl_multi_perform failing (tests/unit/fault_curl.c) fails every unit
 *    still waiting: never exit 0 with days missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "etl/config.h"
#include "etl/extract.h"
#include "fault_curl.h"
#include "helper_server.h"

#define NOW 1795154400 /* 2026-11-20 06:00 UTC: a 1-day lookback is 2026-11-19 */

enum mode { M_PERM_AND_NET, M_PERM_BOTH, M_BAD_CURRENCY, M_TOTALS_CHANGE, M_TOTALS_CHURN, M_PERFORM };

struct scene {
	enum mode mode;
	int grown;        /* M_TOTALS_CHANGE: page 2 has reported 3 pages once */
	int camp_daily;   /* campaign daily requests */
};

/* The value of query parameter key in target into buf ("" when absent). */
static const char *param(const char *target, const char *key, char *buf, size_t n)
{
	char pat[64];
	const char *p;
	size_t k = 0;

	snprintf(pat, sizeof(pat), "%s=", key);
	buf[0] = '\0';
	for (p = strstr(target, pat); p && p > target && p[-1] != '?' && p[-1] != '&';)
		p = strstr(p + 1, pat);
	if (!p)
		return buf;
	for (p += strlen(pat); *p && *p != '&' && k + 1 < n; p++)
		buf[k++] = *p;
	buf[k] = '\0';
	return buf;
}

static char *page(const char *rows, long pg, long total_page, long total_number)
{
	return fixture_printf("{\"code\":0,\"message\":\"OK\",\"request_id\":\"r1\",\"data\":{\"list\":[%s],"
			      "\"page_info\":{\"page\":%ld,\"page_size\":1000,\"total_number\":%ld,"
			      "\"total_page\":%ld}}}", rows, pg, total_number, total_page);
}

static char *camp_row(int i)
{
	return fixture_printf("{\"dimensions\":{\"campaign_id\":\"c%d\",\"stat_time_day\":\"2026-11-19 00:00:00\"},"
			      "\"metrics\":{\"campaign_name\":\"n%d\",\"spend\":\"1.50\",\"impressions\":\"10\"}}", i, i);
}

static char *info(const struct scene *s)
{
	const char *c1 = s->mode == M_BAD_CURRENCY ? "" : "MAD";
	return fixture_printf("{\"code\":0,\"message\":\"OK\",\"data\":{\"list\":["
			      "{\"advertiser_id\":\"1\",\"name\":\"one\",\"currency\":\"%s\",\"timezone\":\"UTC\"},"
			      "{\"advertiser_id\":\"2\",\"name\":\"two\",\"currency\":\"EUR\",\"timezone\":\"UTC\"}]}}", c1);
}

static char *campaign_daily(struct scene *s, long pg)
{
	char *row = camp_row((int)pg), *out;

	s->camp_daily++;
	if (s->mode == M_TOTALS_CHURN) /* every page 2 disagrees with its page 1 */
		out = page(row, pg, 2, pg == 1 ? 2 : 1000 + s->camp_daily);
	else if (pg == 2 && !s->grown) { /* the data grew between page 1 and page 2 */
		s->grown = 1;
		out = page(row, pg, 3, 3);
	} else
		out = page(row, pg, s->grown ? 3 : 2, s->grown ? 3 : 2);
	free(row);
	return out;
}

static void answer(void *ctx, const char *method, const char *target, struct fixture_answer *out)
{
	struct scene *s = ctx;
	char adv[32], lvl[40], pg[16], dims[80];
	bool report = strstr(target, "/report/integrated/get/") != NULL;

	(void)method;
	param(target, "advertiser_id", adv, sizeof(adv));
	param(target, "data_level", lvl, sizeof(lvl));
	param(target, "page", pg, sizeof(pg));
	param(target, "dimensions", dims, sizeof(dims));
	if (strstr(target, "/advertiser/info/")) {
		out->body = info(s);
		return;
	}
	if (s->mode == M_PERFORM && report) /* curl fails from the next turn of the loop on */
		__atomic_store_n(&fault_perform_from, 1, __ATOMIC_SEQ_CST);
	if ((s->mode == M_PERM_AND_NET || s->mode == M_PERM_BOTH) && report &&
	    (!strcmp(adv, "1") || s->mode == M_PERM_BOTH) &&
	    (!strcmp(lvl, "AUCTION_CAMPAIGN") || !strcmp(lvl, "AUCTION_ADGROUP"))) {
		out->body = fixture_printf("{\"code\":40001,\"message\":\"No permission to operate advertiser %s\","
					   "\"request_id\":\"r2\",\"data\":{}}", adv);
		return;
	}
	if (s->mode == M_PERM_AND_NET && !strcmp(adv, "2")) {
		out->status = 500;
		out->body = fixture_printf("<html>oops</html>");
		return;
	}
	if ((s->mode == M_TOTALS_CHANGE || s->mode == M_TOTALS_CHURN) && report &&
	    !strcmp(lvl, "AUCTION_CAMPAIGN") && strstr(dims, "stat_time_day")) {
		out->body = campaign_daily(s, atol(pg));
		return;
	}
	out->body = page("", 1, 0, 0);
}

struct run {
	struct report *r;
	struct extract_stats xs;
	struct err e;
	int rc;
	long hits;
};

static struct run extract(struct scene *s, const char *advertisers)
{
	struct fixture_server *srv = fixture_start(answer, s);
	char base[80], conf[] = "/tmp/test_extract.XXXXXX";
	int fd = mkstemp(conf);
	const char *text = "[api]\nmax_tries = 2\nretry_base_ms = 1\nretry_max_ms = 2\nqps = 1000\nparallel = 4\n";
	struct config c;
	struct run out = { 0 };
	int quiet, devnull;
	char *argv[] = { "ttreport", "report", "-q", "-c", conf, "--api-base", fixture_base(srv, base, sizeof(base)),
			 "--lookback", "1", NULL };

	assert_true(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	setenv("TIKTOK_ACCESS_TOKEN", "tok", 1);
	setenv("TIKTOK_ADVERTISER_IDS", advertisers, 1);
	unsetenv("TTREPORT_API_BASE");
	assert_int_equal(config_load(&c, 9, argv, &out.e), 0);
	out.r = report_new(NOW);
	quiet = dup(STDERR_FILENO); /* the run's error lines are expected here */
	devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, STDERR_FILENO);
	out.rc = extract_run(out.r, &c, NOW, &out.xs, &out.e);
	dup2(quiet, STDERR_FILENO);
	close(quiet);
	close(devnull);
	config_release(&c);
	unlink(conf);
	out.hits = fixture_hits(srv);
	fixture_stop(srv);
	fault_reset();
	return out;
}

static const struct chunk *find_chunk(const struct advertiser *a, enum level l, enum chunk_kind k)
{
	for (size_t i = 0; i < a->nchunks; i++)
		if (a->chunks[i].l == l && a->chunks[i].kind == k)
			return &a->chunks[i];
	return NULL;
}

/* Regression (issue 14): advertiser 1 refused on two levels (several requests)
 * and advertiser 2 failing on the network read as "no permission for any
 * advertiser" (exit 2): permission failures were counted per request. */
static void permission_counted_per_advertiser(void **st)
{
	struct scene s = { M_PERM_AND_NET, 0, 0 };
	struct run r = extract(&s, "1,2");
	(void)st;

	assert_int_equal(r.rc, EXIT_API);
	assert_non_null(strstr(r.e.msg, "no advertiser could be fetched"));
	assert_true(r.r->advs[0].denied && r.r->advs[0].failed);
	assert_true(!r.r->advs[1].denied && r.r->advs[1].failed);
	report_free(r.r);
	/* both refused: that is a permission error */
	s.mode = M_PERM_BOTH;
	r = extract(&s, "1,2");
	assert_int_equal(r.rc, EXIT_AUTH);
	assert_non_null(strstr(r.e.msg, "no permission for any advertiser"));
	report_free(r.r);
}

/* Regression (issue 14): one advertiser/info/ row with an empty currency
 * stopped the run (exit 3); that advertiser alone fails, the other is fetched. */
static void bad_currency_fails_one_advertiser(void **st)
{
	struct scene s = { M_BAD_CURRENCY, 0, 0 };
	struct run r = extract(&s, "1,2");
	bool named = false;
	(void)st;

	assert_int_equal(r.rc, 0);
	assert_true(r.r->advs[0].failed);
	assert_false(r.r->advs[1].failed);
	assert_string_equal(r.r->advs[1].currency, "EUR");
	for (size_t i = 0; i < r.r->nwarn; i++)
		named |= strstr(r.r->warnings[i], "advertiser 1") && strstr(r.r->warnings[i], "currency");
	assert_true(named);
	assert_non_null(find_chunk(&r.r->advs[1], LVL_AD, CH_DAILY));
	report_free(r.r);
}

/* Regression (issue 14): total_page was read from page 1 only. Here page 2
 * says the report grew to 3 pages: the unit is fetched again and page 3's row
 * is there (it was silently missing). */
static void totals_change_fetches_again(void **st)
{
	struct scene s = { M_TOTALS_CHANGE, 0, 0 };
	struct run r = extract(&s, "1");
	const struct advertiser *a;
	const struct chunk *ch;
	(void)st;

	assert_int_equal(r.rc, 0);
	a = &r.r->advs[0];
	assert_false(a->failed);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 3); /* c1, c2 and c3, each once */
	assert_non_null(adv_find(a, LVL_CAMPAIGN, "c3"));
	assert_int_equal(s.camp_daily, 5);           /* 1, 2 (grown), then 1, 2, 3 */
	ch = find_chunk(a, LVL_CAMPAIGN, CH_DAILY);
	assert_non_null(ch);
	assert_int_equal(ch->state, CH_COMPLETE);
	assert_int_equal(ch->rows, 3);
	assert_int_equal(ch->requests, 5);
	report_free(r.r);
}

/* ... and totals that never settle fail the unit after a bounded number of
 * fetches, named, instead of looping or passing with holes. */
static void totals_churn_fails_bounded(void **st)
{
	struct scene s = { M_TOTALS_CHURN, 0, 0 };
	struct run r = extract(&s, "1");
	const struct chunk *ch;
	(void)st;

	assert_int_equal(r.rc, EXIT_API);
	assert_true(r.r->advs[0].failed);
	assert_int_equal(s.camp_daily, 8); /* 4 fetches of 2 pages */
	ch = find_chunk(&r.r->advs[0], LVL_CAMPAIGN, CH_DAILY);
	assert_int_equal(ch->state, CH_FAILED);
	assert_non_null(strstr(ch->why, "kept changing"));
	report_free(r.r);
}

/* Regression (issue 14): curl_multi_perform failing freed the queued requests
 * unheard; their units were never marked failed and the run could exit 0
 * with days missing. */
static void perform_failure_fails_the_units(void **st)
{
	struct scene s = { M_PERFORM, 0, 0 };
	struct run r = extract(&s, "1,2");
	(void)st;

	assert_int_equal(r.rc, EXIT_API);
	for (size_t i = 0; i < r.r->nadv; i++) {
		const struct advertiser *a = &r.r->advs[i];
		size_t failed = 0;
		assert_true(a->failed);
		assert_non_null(strstr(a->error, "curl"));
		for (size_t k = 0; k < a->nchunks; k++)
			failed += a->chunks[k].state == CH_FAILED;
		assert_true(failed > 0); /* those finished before curl failed may be complete */
	}
	report_free(r.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(permission_counted_per_advertiser),
		cmocka_unit_test(bad_currency_fails_one_advertiser),
		cmocka_unit_test(totals_change_fetches_again),
		cmocka_unit_test(totals_churn_fails_bounded),
		cmocka_unit_test(perform_failure_fails_the_units),
	};
	alarm(120);
	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
