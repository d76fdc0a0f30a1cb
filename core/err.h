/* err.h: one error type for the whole program. A function that fails fills a
 * caller-owned struct err and returns its code, so a failure is one line:
 *     return errf(e, EXIT_API, "advertiser %s: %s", id, msg);
 * Only main.c prints errors and turns them into an exit status. */
#ifndef TT_ERR_H
#define TT_ERR_H

/* Exit codes of the interface contract (docs/design.md). */
enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,   /* usage or configuration error: nothing was called */
	EXIT_AUTH = 2,    /* authentication or permission error */
	EXIT_API = 3,     /* API or network failure: no report produced */
	EXIT_PARTIAL = 4, /* outputs written, but something failed */
	EXIT_OUTPUT = 5,  /* an output could not be written or mailed */
};

struct err {
	int code;
	char msg[256];
};

/* Fill e (when not NULL) with code and a printf-style message; return code. */
int errf(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the message already in e with "fmt: " (adds context on the way up). */
int err_wrap(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

/* Drop a UTF-8 character cut in half at the end of s (what snprintf leaves when
 * it truncates), so every message stays valid UTF-8. */
void utf8_cut(char *s);

#endif
