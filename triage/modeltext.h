/* modeltext.h: the text a learned comment model reads. One function, used
 * both by the build step that trains the model (tools/ttnorm.c) and by the
 * classifier at run time, so training and prediction see the same text.
 *
 * The comment is tokenized by textnorm (folded, accents and diacritics gone,
 * letter runs squeezed) and written back as space-separated tokens; tokens
 * whose exact text carries no meaning for the category become markers:
 *   a link -> "_url_" (or "_ownurl_" for one of own_domains), an e-mail ->
 *   "_email_", a phone number -> "_phone_", an @handle -> "_tag_" (first
 *   token) or "_handle_", a number of 5+ digits -> "_num_", a currency sign
 *   -> "_cur_". Emoji, "?" and "!" are kept as they are.
 *
 * Ownership: *out is malloc'd, the caller frees it. */
#ifndef TT_MODELTEXT_H
#define TT_MODELTEXT_H

#include <stddef.h>

/* Returns 0, 1 when invalid UTF-8 was replaced (the text is still usable),
 * -1 on an internal failure (*out NULL). */
int model_text(const char *utf8, const char *const *own_domains, size_t n_domains, char **out);

/* 1 when the host of url (folded, as textnorm gives it) is one of domains or a
 * subdomain of one. */
int model_url_is_own(const char *url, const char *const *domains, size_t n);

#endif
