#include "triage/normalize_comments.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/envelope_json.h"

/* An id as a new string: a JSON string, or an integer printed (never a double). */
static char *id_of(json_t *v)
{
	char b[32];

	if (json_is_string(v) && json_string_length(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(b, sizeof(b), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return xstrdup(b);
	}
	return NULL;
}

/* A non-empty JSON string as a new string, else NULL. */
static char *str_of(json_t *v)
{
	return json_is_string(v) && json_string_length(v) ? xstrdup(json_string_value(v)) : NULL;
}

/* Epoch seconds from a number or a string of digits; -1 otherwise. */
static long long int_of(json_t *v)
{
	if (json_is_integer(v))
		return (long long)json_integer_value(v);
	if (json_is_real(v) && json_real_value(v) >= 0 && json_real_value(v) < 0x1p63)
		return (long long)json_real_value(v); /* past 2^63 the conversion is undefined */
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		long long x;
		while (isspace((unsigned char)*s))
			s++;
		if (!isdigit((unsigned char)*s))
			return -1;
		errno = 0;
		x = strtoll(s, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		return errno || *end ? -1 : x;
	}
	return -1;
}

static bool bool_of(json_t *v)
{
	if (json_is_boolean(v))
		return json_is_true(v);
	if (json_is_string(v))
		return strcmp(json_string_value(v), "true") == 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	return false;
}

/* cursor and has_more of a paged answer. */
static void paging(json_t *data, long long *cursor, bool *has_more)
{
	long long c = int_of(json_object_get(data, "cursor"));

	*cursor = c < 0 ? 0 : c;
	*has_more = bool_of(json_object_get(data, "has_more"));
}

int norm_video_page(const char *body, size_t len, struct video_page *p, struct api_status *st,
		    struct err *e)
{
	json_t *root, *data, *list, *it;
	size_t i;
	int rc = norm_envelope(body, len, st, &root, &data);

	memset(p, 0, sizeof(*p));
	if (rc)
		goto out;
	list = json_object_get(data, "videos");
	if (!list || json_is_null(list)) { /* no public video */
		paging(data, &p->cursor, &p->has_more);
		p->has_more = false;
		goto out;
	}
	if (!json_is_array(list)) {
		rc = NORM_BAD_DATA;
		errf(e, EXIT_API, "video list: data.videos is not an array");
		goto out;
	}
	p->v = xcalloc(json_array_size(list) + 1, sizeof(*p->v));
	json_array_foreach(list, i, it) {
		char *id = id_of(json_object_get(it, "item_id"));
		long long t = int_of(json_object_get(it, "create_time"));
		if (!id) {
			rc = NORM_BAD_DATA;
			errf(e, EXIT_API, "video list: videos[%zu] has no item_id", i);
			goto out;
		}
		p->v[p->n].id = id;
		p->v[p->n].caption = str_of(json_object_get(it, "caption"));
		p->v[p->n].share_url = str_of(json_object_get(it, "share_url"));
		p->v[p->n++].create_time = t < 0 ? 0 : (time_t)t;
	}
	paging(data, &p->cursor, &p->has_more);
out:
	json_decref(root);
	if (rc)
		video_page_release(p);
	return rc;
}

void video_page_release(struct video_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].id);
		free(p->v[i].caption);
		free(p->v[i].share_url);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static void comment_free(struct tt_comment *c)
{
	free(c->id);
	free(c->video_id);
	free(c->parent_id);
	free(c->user_key);
	free(c->text);
}

static int comment_of(json_t *it, struct tt_comment *c, size_t i, struct err *e)
{
	json_t *rl = json_object_get(it, "reply_list"), *r, *status = json_object_get(it, "status");
	long long t = int_of(json_object_get(it, "create_time"));
	const char *text = json_string_value(json_object_get(it, "text"));
	size_t k;

	memset(c, 0, sizeof(*c));
	if (!(c->id = id_of(json_object_get(it, "comment_id"))))
		return errf(e, EXIT_API, "comment list: comments[%zu] has no comment_id", i);
	c->video_id = id_of(json_object_get(it, "video_id"));
	c->parent_id = id_of(json_object_get(it, "parent_comment_id"));
	c->user_key = id_of(json_object_get(it, "unique_identifier"));
	if (!c->user_key)
		c->user_key = id_of(json_object_get(it, "user_id"));
	c->text = xstrdup(text ? text : "");
	c->create_time = t < 0 ? (time_t)-1 : (time_t)t;
	c->owner = bool_of(json_object_get(it, "owner"));
	c->hidden = json_is_string(status) && strcmp(json_string_value(status), "HIDDEN") == 0;
	c->replies = (long)int_of(json_object_get(it, "replies"));
	if (c->replies < 0)
		c->replies = 0;
	if (json_is_array(rl))
		json_array_foreach(rl, k, r) {
			c->inline_replies++;
			if (bool_of(json_object_get(r, "owner")))
				c->inline_store_reply = true;
		}
	return 0;
}

int norm_comment_page(const char *body, size_t len, struct comment_page *p,
		      struct api_status *st, struct err *e)
{
	json_t *root, *data, *list, *it;
	size_t i;
	int rc = norm_envelope(body, len, st, &root, &data);

	memset(p, 0, sizeof(*p));
	if (rc)
		goto out;
	if (!json_is_object(data)) {
		rc = NORM_BAD_DATA;
		errf(e, EXIT_API, "comment list: data is not an object");
		goto out;
	}
	list = json_object_get(data, "comments");
	if (list && !json_is_null(list) && !json_is_array(list)) {
		rc = NORM_BAD_DATA;
		errf(e, EXIT_API, "comment list: data.comments is not an array");
		goto out;
	}
	p->v = xcalloc(json_array_size(list) + 1, sizeof(*p->v));
	json_array_foreach(list, i, it) {
		if (comment_of(it, &p->v[p->n], i, e)) {
			comment_free(&p->v[p->n]);
			rc = NORM_BAD_DATA;
			goto out;
		}
		p->n++;
	}
	paging(data, &p->cursor, &p->has_more);
out:
	json_decref(root);
	if (rc)
		comment_page_release(p);
	return rc;
}

void comment_page_release(struct comment_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		comment_free(&p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

int norm_reply_created(const char *body, size_t len, char *id, size_t n, struct api_status *st,
		       struct err *e)
{
	json_t *root, *data;
	int rc = norm_envelope(body, len, st, &root, &data);
	char *cid;

	(void)e;
	if (n)
		id[0] = '\0';
	if (rc == NORM_OK && (cid = id_of(json_object_get(data, "comment_id")))) {
		snprintf(id, n, "%s", cid);
		free(cid);
	}
	json_decref(root);
	return rc;
}
