#include "core/dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Howard Hinnant's days_from_civil algorithm, proleptic Gregorian. */
int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int parse_ymd(const char *s, int *day)
{
	int y = digits(s, 4), m, d, y2, m2, d2;

	if (y < 0 || s[4] != '-' || (m = digits(s + 5, 2)) < 0 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 0)
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = days_from_civil(y, m, d);
	civil_from_days(*day, &y2, &m2, &d2);
	return (y2 == y && m2 == m && d2 == d) ? 0 : -1; /* rejects 02-30 */
}

int date_parse(const char *s, int *day)
{
	if (!s || strlen(s) != 10)
		return -1;
	return parse_ymd(s, day);
}

int date_parse_stat(const char *s, int *day)
{
	if (!s)
		return -1;
	if (strlen(s) == 10)
		return parse_ymd(s, day);
	if (strlen(s) == 19 && s[10] == ' ' && digits(s + 11, 2) >= 0 && s[13] == ':' &&
	    digits(s + 14, 2) >= 0 && s[16] == ':' && digits(s + 17, 2) >= 0)
		return parse_ymd(s, day);
	return -1;
}

int date_parse_time(const char *s, int *day, int *secs)
{
	int h, m, sec;

	if (!s || strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
	    (h = digits(s + 11, 2)) < 0 || (m = digits(s + 14, 2)) < 0 || (sec = digits(s + 17, 2)) < 0 ||
	    h > 23 || m > 59 || sec > 59 || parse_ymd(s, day))
		return -1;
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

char *date_format(int day, char *buf)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10), buf[3] = (char)('0' + y % 10);
	buf[4] = '-', buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10);
	buf[7] = '-', buf[8] = (char)('0' + d / 10), buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

bool tz_known(const char *tz)
{
	char path[512];
	const char *dir = getenv("TZDIR");
	struct stat st;

	if (!tz || !*tz || tz[0] == '/' || strstr(tz, ".."))
		return false;
	if (strcmp(tz, "UTC") == 0 || strcmp(tz, "Etc/UTC") == 0)
		return true;
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int tz_today(const char *tz, time_t now, int *day, struct err *e)
{
	char *old = getenv("TZ");
	char saved[256] = "";
	int had = old != NULL;
	struct tm tm;

	if (!tz_known(tz))
		return errf(e, EXIT_API, "unknown timezone '%s'", tz ? tz : "");
	if (had)
		snprintf(saved, sizeof(saved), "%s", old);
	setenv("TZ", tz, 1);
	tzset();
	localtime_r(&now, &tm);
	if (had)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	*day = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

struct window window_lookback(int today, int n)
{
	struct window w = { today - n, today - 1 };
	return w;
}

struct window window_previous(struct window w)
{
	int n = window_days(w);
	struct window p = { w.since - n, w.since - 1 };
	return p;
}

int window_split(struct window w, int max_days, struct window *out, int cap)
{
	int n = 0;

	for (int s = w.since; s <= w.until; s += max_days) {
		if (n == cap)
			return -1;
		out[n].since = s;
		out[n].until = s + max_days - 1 < w.until ? s + max_days - 1 : w.until;
		n++;
	}
	return n;
}

int instant_parse(const char *s, time_t *t)
{
	int day, hh, mm, ss;
	char d[11];

	if (!s || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' || s[13] != ':' || s[16] != ':')
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	hh = digits(s + 11, 2), mm = digits(s + 14, 2), ss = digits(s + 17, 2);
	if (date_parse(d, &day) || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60)
		return -1;
	*t = (time_t)day * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

void instant_format(time_t t, char *buf, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int run_now(time_t *now, struct err *e)
{
	const char *s = getenv("TTREPORT_NOW");

	if (!s || !*s) {
		*now = time(NULL);
		return 0;
	}
	if (instant_parse(s, now))
		return errf(e, EXIT_USAGE, "TTREPORT_NOW: expected a valid YYYY-MM-DDTHH:MM:SSZ, got '%s'", s);
	return 0;
}

int day_latest(time_t now)
{
	time_t t = now + 14 * 3600; /* Pacific/Kiritimati */

	return (int)(t / 86400 - (t % 86400 < 0));
}
