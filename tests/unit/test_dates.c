/* Unit tests for core/dates: dates, timezones, report windows and the run clock. */
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
	{ /* stat_time_hour, modify_time */
		int s = -1;
		assert_int_equal(date_parse_time("2024-03-02 09:00:00", &d, &s), 0);
		assert_string_equal(date_format(d, b), "2024-03-02");
		assert_int_equal(s, 9 * 3600);
		assert_int_equal(date_parse_time("2024-03-02 23:59:58", &d, &s), 0);
		assert_int_equal(s, 86398);
		assert_int_equal(date_parse_time("2024-03-02 24:00:00", &d, &s), -1);
		assert_int_equal(date_parse_time("2024-03-02", &d, &s), -1);
		assert_int_equal(date_parse_time("2024-02-30 01:00:00", &d, &s), -1);
	}
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_parse),
		cmocka_unit_test(timezones),
		cmocka_unit_test(windows),
		cmocka_unit_test(run_now_env),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
