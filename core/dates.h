/* dates.h: civil dates as day numbers (days since 1970-01-01), report windows,
 * and "today" in an advertiser's own timezone. No allocation; no global state
 * except the process TZ, which tz_today() sets and restores. */
#ifndef TT_DATES_H
#define TT_DATES_H

#include <stdbool.h>
#include <time.h>

#include "core/err.h"

struct window {
	int since, until; /* inclusive day numbers */
};

int days_from_civil(int y, int m, int d);
void civil_from_days(int day, int *y, int *m, int *d);

/* Strict "YYYY-MM-DD" (rejects 2026-02-30). 0 on success, -1 otherwise. */
int date_parse(const char *s, int *day);
/* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (the API's stat_time_day forms). */
int date_parse_stat(const char *s, int *day);
/* Strict "YYYY-MM-DD HH:MM:SS" (stat_time_hour, modify_time): the day and the
 * seconds since its midnight. 0 on success, -1 otherwise. */
int date_parse_time(const char *s, int *day, int *secs);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes); returns buf. */
char *date_format(int day, char *buf);

/* True when tz names a zone in the system tz database (TZDIR or
 * /usr/share/zoneinfo): glibc silently treats unknown names as UTC. */
bool tz_known(const char *tz);
/* The local calendar day of `now` in zone tz. */
int tz_today(const char *tz, time_t now, int *day, struct err *e);

/* The latest calendar day anywhere at `now`: the date in UTC+14. */
int day_latest(time_t now);

/* The n complete days before today: [today - n, today - 1]. */
struct window window_lookback(int today, int n);
/* The window of equal length just before w. */
struct window window_previous(struct window w);
static inline int window_days(struct window w) { return w.until - w.since + 1; }
static inline bool window_has(struct window w, int day) { return day >= w.since && day <= w.until; }
/* Split w into consecutive windows of at most max_days; returns how many were
 * written (at most cap; -1 when cap is too small). */
int window_split(struct window w, int max_days, struct window *out, int cap);

/* "now" for the run: TTREPORT_NOW (ISO 8601 UTC, "2026-11-20T06:00:00Z",
 * for tests and reruns) or the clock. -1 when TTREPORT_NOW is malformed. */
int run_now(time_t *now, struct err *e);
/* "YYYY-MM-DDTHH:MM:SSZ" <-> time_t (UTC). parse: 0, or -1 when malformed. */
int instant_parse(const char *s, time_t *t);
void instant_format(time_t t, char *buf, size_t n); /* n >= 21 */

#endif
