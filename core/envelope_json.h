/* envelope_json.h: private to the files that include the JSON library. */
#ifndef TT_ENVELOPE_JSON_H
#define TT_ENVELOPE_JSON_H

#include <jansson.h>

#include "core/envelope.h"

/* Parse body once: the envelope into *st; *root is the document (caller
 * json_decref()s it, NULL on NORM_BAD_JSON), *data its "data" member.
 * Returns NORM_OK, NORM_API (code != 0) or NORM_BAD_JSON. */
int norm_envelope(const char *body, size_t len, struct api_status *st, json_t **root,
		  json_t **data);

/* A string member, or an integer printed into buf as text (ids may come as
 * numbers); NULL when absent or of another type. */
const char *json_str_of(json_t *v, char *buf, size_t n);
const char *json_get_str(json_t *obj, const char *key, char *buf, size_t n);

#endif
