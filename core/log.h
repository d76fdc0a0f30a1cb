/* log.h: one line per event on stderr, "TIME LEVEL: message". -q keeps warnings
 * and errors, -v adds debug lines. Never pass a secret to these functions. */
#ifndef TT_LOG_H
#define TT_LOG_H

#include <stddef.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_set_level(enum log_level max);
enum log_level log_get_level(void);
void logmsg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) logmsg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) logmsg(LOG_WARN, __VA_ARGS__)
#define log_info(...) logmsg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) logmsg(LOG_DEBUG, __VA_ARGS__)

/* Copy url into out with the values of secret-bearing query parameters
 * (secret, client_secret, access_token, refresh_token, auth_code) replaced by "***". */
char *log_redact_url(const char *url, char *out, size_t n);

#endif
