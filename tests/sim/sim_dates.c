/* sim_dates.c: ttsim's own civil dates (day numbers since 1970-01-01, the
 * proleptic Gregorian calendar), the --now instant, and local time in a
 * tz-database zone. sim_tz_local() sets the process TZ under a mutex and
 * restores it; nothing else in ttsim reads local time. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sim_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void sim_civil(int day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
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

int sim_date_parse(const char *s, int *day)
{
	int y, m, d, yy, mm, dd;

	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*day = sim_days(y, m, d);
	sim_civil(*day, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d) /* 2026-02-30 */
		return -1;
	return s[10] ? -1 : 0;
}

char *sim_date_fmt(int day, char *buf)
{
	int y, m, d;
	sim_civil(day, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y % 10000, m, d);
	return buf;
}

int sim_instant_parse(const char *s, time_t *t)
{
	char date[11];
	int day, hh, mi, ss;

	if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	hh = digits(s + 11, 2), mi = digits(s + 14, 2), ss = digits(s + 17, 2);
	if (sim_date_parse(date, &day) || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59)
		return -1;
	*t = (time_t)day * 86400 + hh * 3600 + mi * 60 + ss;
	return 0;
}

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

int sim_tz_local(const char *tz, time_t t, int *day, int *secs)
{
	char path[512], *old;
	const char *dir = getenv("TZDIR");
	struct tm tm;

	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", tz);
	if (strstr(tz, "..") || access(path, R_OK))
		return -1; /* glibc would silently use UTC */
	pthread_mutex_lock(&tz_lock);
	old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	setenv("TZ", tz, 1);
	tzset();
	localtime_r(&t, &tm);
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
	pthread_mutex_unlock(&tz_lock);
	*day = sim_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return 0;
}
