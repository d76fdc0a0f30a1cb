#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int errf(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	utf8_cut(e->msg);
	return code;
}

int err_wrap(struct err *e, const char *fmt, ...)
{
	char prefix[sizeof(e->msg)], old[sizeof(e->msg)];
	va_list ap;

	if (!e)
		return 0;
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	snprintf(e->msg, sizeof(e->msg), "%s: %s", prefix, old);
	utf8_cut(e->msg);
	return e->code;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

void utf8_cut(char *s)
{
	size_t n = strlen(s), lead = n, need;
	unsigned char c;

	/* back over continuation bytes (at most 3) to the lead byte */
	while (lead > 0 && n - lead < 4 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)s[lead - 1];
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (c >= 0xC0 && n - (lead - 1) < need)
		s[lead - 1] = '\0';
}
