/* normalize_int.h: private to the two files that include the JSON library
 * (normalize.c, normalize_comments.c). */
#ifndef TT_NORMALIZE_INT_H
#define TT_NORMALIZE_INT_H

#include <jansson.h>

#include "normalize.h"

/* Parse body once: the envelope into *st; *root is the document (caller
 * json_decref()s it, NULL on NORM_BAD_JSON), *data its "data" member.
 * Returns NORM_OK, NORM_API (code != 0) or NORM_BAD_JSON. */
int norm_envelope(const char *body, size_t len, struct api_status *st, json_t **root,
		  json_t **data);

#endif
