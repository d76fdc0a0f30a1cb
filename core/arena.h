/* arena.h: a bump allocator. One arena per run owns every record string; it is
 * freed whole by arena_release(). Allocation failure aborts (out of memory in a
 * batch job has no better answer). */
#ifndef TT_ARENA_H
#define TT_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
};

void *arena_alloc(struct arena *a, size_t n);          /* zeroed, 8-aligned */
const char *arena_strdup(struct arena *a, const char *s); /* NULL stays NULL */
const char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

/* xmalloc family: abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
