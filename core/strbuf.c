#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void strbuf_init(struct strbuf *b)
{
	memset(b, 0, sizeof(*b));
}

static void reserve(struct strbuf *b, size_t more)
{
	if (b->n + more + 1 > b->cap) {
		b->cap = (b->n + more + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	reserve(b, (size_t)k);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

char *strbuf_take(struct strbuf *b)
{
	char *s;

	if (!b->s)
		strbuf_add(b, "", 0);
	s = b->s;
	strbuf_init(b);
	return s;
}

void strbuf_release(struct strbuf *b)
{
	free(b->s);
	strbuf_init(b);
}
