/* strbuf.h: a growing NUL-terminated string on the heap (xrealloc: aborts
 * when memory runs out). A struct strbuf owns its buffer until strbuf_take()
 * hands it to the caller or strbuf_release() frees it. Zeroed is empty. */
#ifndef TT_STRBUF_H
#define TT_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;  /* NULL until something is added */
	size_t n; /* length, without the NUL */
	size_t cap;
};

void strbuf_init(struct strbuf *b);
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The string (malloc'd, "" when nothing was added), now the caller's; b is empty again. */
char *strbuf_take(struct strbuf *b);
void strbuf_release(struct strbuf *b);

#endif
