#include "core/envelope_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"

/* Why a body is not JSON, without the piece of it jansson quotes ("... near
 * 'act.3f9...'"): the body may be a token answer cut short. */
static void json_error_words(const json_error_t *je, char *out, size_t n)
{
	const char *near = strstr(je->text, " near ");
	int len = near ? (int)(near - je->text) : (int)strlen(je->text);

	if (!near && strchr(je->text, '\''))
		len = 0; /* some other quoting form: say nothing of the content */
	snprintf(out, n, "answer is not JSON: %.*s%s(line %d, column %d)", len, je->text,
		 len ? " " : "", je->line, je->column);
	utf8_cut(out);
}

int norm_envelope(const char *body, size_t len, struct api_status *st, json_t **root,
		  json_t **data)
{
	json_error_t je;
	json_t *code, *msg, *rid;

	memset(st, 0, sizeof(*st));
	*data = NULL;
	*root = json_loadb(body ? body : "", len, 0, &je);
	if (!*root || !json_is_object(*root)) {
		json_decref(*root);
		*root = NULL;
		st->code = -1;
		json_error_words(&je, st->message, sizeof(st->message));
		return NORM_BAD_JSON;
	}
	code = json_object_get(*root, "code");
	msg = json_object_get(*root, "message");
	rid = json_object_get(*root, "request_id");
	if (!json_is_integer(code)) {
		st->code = -1;
		snprintf(st->message, sizeof(st->message), "answer has no integer 'code'");
		return NORM_BAD_JSON;
	}
	st->code = (long)json_integer_value(code);
	if (json_is_string(msg))
		snprintf(st->message, sizeof(st->message), "%s", json_string_value(msg));
	if (json_is_string(rid))
		snprintf(st->request_id, sizeof(st->request_id), "%s", json_string_value(rid));
	utf8_cut(st->message);
	utf8_cut(st->request_id);
	*data = json_object_get(*root, "data");
	return st->code == 0 ? NORM_OK : NORM_API;
}

int norm_status(const char *body, size_t len, struct api_status *st)
{
	json_t *root, *data;
	int rc = norm_envelope(body, len, st, &root, &data);
	json_decref(root);
	return rc;
}

/* A string member, or a number printed as text (ids may come as numbers). */
const char *json_str_of(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	}
	return NULL;
}

const char *json_get_str(json_t *obj, const char *key, char *buf, size_t n)
{
	return json_str_of(json_object_get(obj, key), buf, n);
}

char *json_quote(const char *s)
{
	json_t *j = json_string(s ? s : "");
	char *out;

	if (!j) /* not valid UTF-8 */
		j = json_string("");
	out = json_dumps(j, JSON_ENCODE_ANY);
	json_decref(j);
	return out ? out : xstrdup("\"\"");
}
