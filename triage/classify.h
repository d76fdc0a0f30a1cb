/* classify.h: the comment classifier. Decides a category (record.h) for one
 * comment text (classify.c) from a rules file (lexicons + settings,
 * schemas/rules.conf) and holds the reply templates (schemas/replies.conf),
 * both loaded by rules.c.
 *
 * Ownership: rules_load() allocates a struct rules that rules_free() frees
 * whole; strings returned by rules_reply() belong to it. classify_text()
 * allocates nothing the caller must free and never fails: invalid UTF-8 is
 * replaced and classified as best it can ("default.*" rules otherwise). */
#ifndef TT_CLASSIFY_H
#define TT_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/record.h"

struct rules;

/* Load both files; on error fill e (message names file:line) and return
 * EXIT_USAGE, *out untouched. replies_path may be NULL (built-in fallback). */
int rules_load(const char *rules_path, const char *replies_path, struct rules **out, struct err *e);
void rules_free(struct rules *r);

struct verdict {
	enum category cat;
	char rule[48]; /* short stable name of the deciding rule: "spam.link" */
	char lang[16]; /* ar, darija-ar, darija-lat, fr, en, mixed */
};

void classify_text(const struct rules *r, const char *utf8, struct verdict *v);

/* Reply template for a language (falls back to "fallback"), the variant chosen
 * deterministically from key (e.g. the comment id). Never NULL. */
const char *rules_reply(const struct rules *r, const char *lang, const char *key);

/* Config "hide_offtopic" (default true): offtopic comments are hidden. */
bool rules_hide_offtopic(const struct rules *r);

/* Config "own_domain": the store's own domains (owned by r); returns how many. */
size_t rules_own_domains(const struct rules *r, const char *const **domains);


#endif
