#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum log_level max_level = LOG_INFO;

void log_set_level(enum log_level max) { max_level = max; }
enum log_level log_get_level(void) { return max_level; }

void logmsg(enum log_level lvl, const char *fmt, ...)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	if (lvl > max_level)
		return;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s: ", when, names[lvl]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

char *log_redact_url(const char *url, char *out, size_t n)
{
	static const char *const secret[] = { "secret=", "client_secret=", "access_token=",
					      "refresh_token=", "auth_code=" };
	size_t o = 0;
	const char *p = url;

	if (!n)
		return out;
	while (*p && o + 1 < n) {
		int hit = 0;
		if (p == url || p[-1] == '?' || p[-1] == '&') {
			for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++) {
				size_t k = strlen(secret[i]);
				if (strncmp(p, secret[i], k) == 0) {
					int w = snprintf(out + o, n - o, "%s***", secret[i]);
					o += (size_t)w < n - o ? (size_t)w : n - o - 1;
					p += k;
					while (*p && *p != '&')
						p++;
					hit = 1;
					break;
				}
			}
		}
		if (!hit)
			out[o++] = *p++;
	}
	out[o] = '\0';
	return out;
}
