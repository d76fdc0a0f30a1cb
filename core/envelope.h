/* envelope.h: the one envelope every TikTok answer carries ({code, message,
 * request_id, data}), read once. The JSON library is touched only by envelope.c
 * and the two parsers of data (etl/normalize.c, triage/normalize_comments.c).
 *
 * Parsers return NORM_OK when the data was taken, NORM_API when the envelope
 * carried an error code (st says which), NORM_BAD_JSON when the body is not
 * JSON or cut short (a transient fault), NORM_BAD_DATA when the JSON has the
 * wrong shape (e describes it: field, value). */
#ifndef TT_ENVELOPE_H
#define TT_ENVELOPE_H

#include <stddef.h>

enum { NORM_OK = 0, NORM_API = 1, NORM_BAD_JSON = 2, NORM_BAD_DATA = 3 };

struct api_status {
	long code;
	char message[200];
	char request_id[64];
};

/* Envelope only (write endpoints whose data is {}). */
int norm_status(const char *body, size_t len, struct api_status *st);

/* JSON text of s as a quoted JSON string, into a new malloc'd string. */
char *json_quote(const char *s);

#endif
