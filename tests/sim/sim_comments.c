/* sim_comments.c: the Accounts API (/business/...) and the token endpoints.
 * Videos and comments live in the world; every handler here that touches them
 * holds world.lock for its whole run, so actions are atomic and visible to the
 * next request. The world owns all comment memory (sim_comments_free). */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)

static const char store_username[] = "salma.modestwear", store_display[] = "Salma Modest Wear";

struct comment *sim_add_comment(struct video *v)
{
	if (v->nc == v->capc) {
		v->capc = v->capc ? v->capc * 2 : 32;
		v->c = realloc(v->c, sizeof(*v->c) * (size_t)v->capc);
		if (!v->c)
			abort();
	}
	struct comment *c = &v->c[v->nc++];
	memset(c, 0, sizeof(*c));
	return c;
}

void sim_set_user(struct world *w, struct comment *c, uint64_t h)
{
	static const char b62[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	if (c->owner) {
		snprintf(c->username, sizeof(c->username), "%s", store_username);
		snprintf(c->display_name, sizeof(c->display_name), "%s", store_display);
		h = h4(w->o.seed, 0x5107e, 0, 0);
	} else {
		const char *u = sim_usernames[h % (uint64_t)sim_usernames_n];
		snprintf(c->username, sizeof(c->username), "%s%d", u, (int)(h_mix(h) % 100));
		snprintf(c->display_name, sizeof(c->display_name), "%c%s", u[0] - 32, u + 1);
	}
	snprintf(c->user_id, sizeof(c->user_id), "%016llx", (unsigned long long)h_mix(h ^ 0x55));
	c->unique_id[0] = '+';
	uint64_t x = h_mix(h ^ 0x77);
	for (int i = 1; i < 12; i++, x /= 62)
		c->unique_id[i] = b62[x % 62];
	c->unique_id[12] = '\0';
}

int sim_comments_build(struct world *w)
{
	uint64_t s = w->o.seed;

	w->nvideos = w->o.n_videos;
	w->videos = calloc((size_t)w->nvideos + 1, sizeof(struct video));
	if (!w->videos)
		return -1;
	for (int vi = 0; vi < w->nvideos; vi++) {
		struct video *v = &w->videos[vi];
		uint64_t hv = h4(s, 0xb1d, (uint64_t)vi, 0);
		sim_make_id(w, 5, v->id);
		v->create_time = w->now - (time_t)(8 + vi * 5 + (int)(hv % 5)) * 86400 -
				 (time_t)(h_mix(hv) % 86400);
		v->caption = sim_captions[(uint64_t)vi % (uint64_t)sim_captions_n];
		for (int j = 0; j < w->o.n_comments; j++) {
			uint64_t h = h4(s, 0xc0, (uint64_t)vi, (uint64_t)j);
			struct comment *c = sim_add_comment(v);
			int top = v->nc - 1;
			sim_make_id(w, 6, c->id);
			c->parent = -1;
			c->owner = h % 100 < 8;
			c->create_time = w->now - 60 - (time_t)(h_mix(h ^ 1) % (7 * 86400 - 120));
			c->ctime_str = h_mix(h ^ 2) & 1;
			c->likes = (int)((h_mix(h ^ 3) % 1000) * (h_mix(h ^ 3) % 1000) / 20000);
			c->liked = h_mix(h ^ 4) % 10 == 0;
			c->pinned = j == 0 && vi % 2 == 0;
			c->order_key = h_mix(h ^ 5);
			if (c->owner) {
				c->corpus = -1;
				c->text_static = sim_store_comments[h_mix(h ^ 6) % (uint64_t)sim_store_comments_n];
			} else {
				c->corpus = (int)(h_mix(h ^ 6) % (uint64_t)sim_corpus_n);
				c->text_static = sim_corpus[c->corpus].text;
			}
			sim_set_user(w, c, h_mix(h ^ 7));
			const char *cat = c->owner ? "other" : sim_corpus[c->corpus].category;
			bool bad = !strcmp(cat, "spam") || !strcmp(cat, "abuse");
			c->hidden = !c->owner && h_mix(h ^ 8) % 100 < (bad ? 25u : 5u);
			int store_reply = !c->owner && !c->hidden &&
					  h_mix(h ^ 9) % 100 < (!strcmp(cat, "inquiry") ? 30u :
								!strcmp(cat, "complaint") ? 10u : 0u);
			int user_replies = h_mix(h ^ 10) % 100 < 20 ? 1 + (int)(h_mix(h ^ 11) % 2) : 0;
			for (int k = 0; k < user_replies + store_reply; k++) {
				uint64_t hr = h4(s, 0xc1, h, (uint64_t)k);
				struct comment *r = sim_add_comment(v);
				time_t pt = v->c[top].create_time;
				sim_make_id(w, 6, r->id);
				r->parent = top;
				r->owner = store_reply && k == user_replies;
				r->create_time = pt + 1 + (time_t)(hr % (uint64_t)(w->now - pt - 1));
				r->ctime_str = hr & 1;
				r->likes = (int)(h_mix(hr) % 4);
				r->order_key = h_mix(hr ^ 5);
				r->corpus = r->owner ? -1 : (int)(h_mix(hr ^ 6) % (uint64_t)sim_corpus_n);
				r->text_static = r->owner ? sim_store_replies[h_mix(hr ^ 7) %
									    (uint64_t)sim_store_replies_n]
							  : sim_corpus[r->corpus].text;
				sim_set_user(w, r, h_mix(hr ^ 8));
				v->c[top].replies++;
			}
		}
	}
	return 0;
}

void sim_comments_free(struct world *w)
{
	for (int i = 0; w->videos && i < w->nvideos; i++) {
		for (int j = 0; j < w->videos[i].nc; j++)
			free(w->videos[i].c[j].text_owned);
		free(w->videos[i].c);
	}
	free(w->videos);
	w->videos = NULL;
}

static const char *ctext(const struct comment *c)
{
	return c->text_owned ? c->text_owned : c->text_static;
}

void sim_comments_truth(struct world *w, struct sb *b)
{
	sb_puts(b, "[");
	for (int i = 0; i < w->nvideos; i++) {
		const struct video *v = &w->videos[i];
		int n = 0;
		sb_printf(b, "%s{\"video_id\":\"%s\",\"comments\":[", i ? "," : "", v->id);
		for (int j = 0; j < v->nc; j++) {
			const struct comment *c = &v->c[j];
			bool store_reply = false;
			if (c->parent >= 0 || c->deleted)
				continue;
			for (int k = 0; k < v->nc; k++)
				if (v->c[k].parent == j && !v->c[k].deleted && v->c[k].owner)
					store_reply = true;
			sb_printf(b, "%s{\"comment_id\":\"%s\",\"expected\":\"%s\",\"owner\":%s,"
				  "\"status\":\"%s\",\"has_store_reply\":%s}", n++ ? "," : "", c->id,
				  c->corpus >= 0 ? sim_corpus[c->corpus].category : "other",
				  c->owner ? "true" : "false", c->hidden ? "HIDDEN" : "PUBLIC",
				  store_reply ? "true" : "false");
		}
		sb_puts(b, "]}");
	}
	sb_puts(b, "]");
}

/* ---- helpers ---- */

int sim_check_business(struct req *r, const char *bid, char *msg, size_t msgsz)
{
	if (!bid)
		return MISSING("business_id");
	if (strcmp(bid, r->w->o.business_id))
		return set_msg(msg, msgsz, 40001, "No permission to operate business_id %s", bid);
	return 0;
}

struct video *sim_find_video(struct world *w, const char *id)
{
	for (int i = 0; id && i < w->nvideos; i++)
		if (!strcmp(w->videos[i].id, id))
			return &w->videos[i];
	return NULL;
}

int sim_find_comment(const struct video *v, const char *id)
{
	for (int j = 0; id && j < v->nc; j++)
		if (!v->c[j].deleted && !strcmp(v->c[j].id, id))
			return j;
	return -1;
}

static int qint(const struct req *r, const char *name, long dflt, long lo, long hi, long *out,
		char *msg, size_t msgsz)
{
	const char *s = req_arg(r, name);
	char *end;

	*out = dflt;
	if (!s)
		return 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return set_msg(msg, msgsz, 40002, "%s: must be an integer between %ld and %ld", name,
			       lo, hi);
	*out = (long)v;
	return 0;
}

/* a reply created while running is listed once --reply-visible-ms passed */
static bool visible(const struct comment *c, double el)
{
	return c->visible_at <= el;
}

static int shown_replies(const struct video *v, const struct comment *c, double el)
{
	int n = c->replies, self = (int)(c - v->c);

	for (int k = self + 1; k < v->nc; k++)
		if (v->c[k].parent == self && !v->c[k].deleted && !visible(&v->c[k], el))
			n--;
	return n;
}

static void put_comment(struct sb *d, const struct video *v, const struct comment *c,
			bool with_replies, const char *status_filter_public, double el)
{
	sb_printf(d, "{\"comment_id\":\"%s\",\"video_id\":\"%s\",\"user_id\":\"%s\","
		  "\"unique_identifier\":\"%s\",\"username\":", c->id, v->id, c->user_id, c->unique_id);
	sb_jstr(d, c->username);
	sb_puts(d, ",\"display_name\":");
	sb_jstr(d, c->display_name);
	sb_printf(d, ",\"profile_image\":\"https://p16-sign.tiktokcdn.com/sim/%s.jpeg?x-expires=1\"",
		  c->user_id);
	if (c->ctime_str)
		sb_printf(d, ",\"create_time\":\"%lld\"", (long long)c->create_time);
	else
		sb_printf(d, ",\"create_time\":%lld", (long long)c->create_time);
	sb_puts(d, ",\"text\":");
	sb_jstr(d, ctext(c));
	sb_printf(d, ",\"likes\":%d", c->likes);
	if (c->parent < 0)
		sb_printf(d, ",\"replies\":%d", shown_replies(v, c, el));
	else
		sb_printf(d, ",\"parent_comment_id\":\"%s\"", v->c[c->parent].id);
	sb_printf(d, ",\"owner\":%s,\"liked\":%s,\"pinned\":%s,\"status\":\"%s\"",
		  c->owner ? "true" : "false", c->liked ? "true" : "false",
		  c->pinned ? "true" : "false", c->hidden ? "HIDDEN" : "PUBLIC");
	if (with_replies && c->parent < 0) {
		int n = 0, self = (int)(c - v->c);
		sb_puts(d, ",\"reply_list\":[");
		for (int k = 0; k < v->nc && n < 3; k++) {
			const struct comment *x = &v->c[k];
			if (x->parent != self || x->deleted || (status_filter_public && x->hidden) ||
			    !visible(x, el))
				continue;
			if (n++)
				sb_puts(d, ",");
			put_comment(d, v, x, false, NULL, el);
		}
		sb_puts(d, "]");
	}
	sb_puts(d, "}");
}

struct sort_ctx {
	const struct video *v;
	int field; /* 0 smart/random, 1 likes, 2 replies, 3 create_time */
	int desc;
};

static int cmp_comments(const void *x, const void *y, void *arg)
{
	const struct sort_ctx *s = arg;
	const struct comment *a = &s->v->c[*(const int *)x], *b = &s->v->c[*(const int *)y];
	long long ka, kb;

	switch (s->field) {
	case 1: ka = a->likes, kb = b->likes; break;
	case 2: ka = a->replies, kb = b->replies; break;
	case 3: ka = a->create_time, kb = b->create_time; break;
	default:
		return a->order_key < b->order_key ? -1 : a->order_key > b->order_key;
	}
	if (ka != kb)
		return (ka < kb ? -1 : 1) * (s->desc ? -1 : 1);
	return strcmp(a->id, b->id);
}

/* Lists top-level comments (parent == -1) or the replies of `parent`, paged by
 * cursor offset; some pages are short while has_more stays true. */
static int list_comments(struct req *r, struct video *v, int parent, struct sb *d, char *msg,
			 size_t msgsz)
{
	const char *status = req_arg(r, "status"), *sf = req_arg(r, "sort_field");
	const char *so = req_arg(r, "sort_order"), *ir = req_arg(r, "include_replies");
	long cursor, maxc;
	int rc, *sel, n = 0;
	struct sort_ctx sc = { v, 0, 1 };
	json_t *ids = NULL;

	if ((rc = qint(r, "cursor", 0, 0, 1000000000L, &cursor, msg, msgsz)) ||
	    (rc = qint(r, "max_count", 20, 1, 30, &maxc, msg, msgsz)))
		return rc;
	if (status && strcmp(status, "PUBLIC") && strcmp(status, "ALL"))
		return set_msg(msg, msgsz, 40002, "status: must be PUBLIC or ALL");
	if (sf && strcmp(sf, "likes") && strcmp(sf, "replies") && strcmp(sf, "create_time"))
		return set_msg(msg, msgsz, 40002, "sort_field: must be likes, replies or create_time");
	if (so && strcmp(so, "asc") && strcmp(so, "desc") && strcmp(so, "smart"))
		return set_msg(msg, msgsz, 40002, "sort_order: must be asc, desc or smart");
	if (ir && strcmp(ir, "true") && strcmp(ir, "false"))
		return set_msg(msg, msgsz, 40002, "include_replies: must be true or false");
	if (req_arg(r, "comment_ids")) {
		ids = json_loads(req_arg(r, "comment_ids"), 0, NULL);
		if (!json_is_array(ids) || json_array_size(ids) > 30) {
			json_decref(ids);
			return set_msg(msg, msgsz, 40002, "comment_ids: a JSON array of at most 30 IDs");
		}
	}
	bool pub = status && !strcmp(status, "PUBLIC");
	double el = sim_elapsed(r->w);
	sc.field = !sf ? 0 : !strcmp(sf, "likes") ? 1 : !strcmp(sf, "replies") ? 2 : 3;
	sc.desc = !(so && !strcmp(so, "asc"));
	sel = malloc(sizeof(int) * ((size_t)v->nc + 1));
	if (!sel)
		abort();
	for (int j = 0; j < v->nc; j++) {
		const struct comment *c = &v->c[j];
		if (c->parent != parent || c->deleted || (pub && c->hidden) || !visible(c, el))
			continue;
		if (ids) {
			size_t i;
			json_t *x;
			bool hit = false;
			json_array_foreach(ids, i, x) if (json_is_string(x) &&
							  !strcmp(json_string_value(x), c->id)) hit = true;
			if (!hit)
				continue;
		}
		sel[n++] = j;
	}
	json_decref(ids);
	qsort_r(sel, (size_t)n, sizeof(int), cmp_comments, &sc);
	long take = cursor < n ? n - cursor : 0;
	if (take > maxc)
		take = maxc;
	if (take >= 2) { /* trust-and-safety: sometimes a short page */
		uint64_t h = h4(r->w->o.seed, 0x5407, (uint64_t)(v - r->w->videos) * 100003 + (uint64_t)(parent + 1),
				(uint64_t)cursor);
		if (h % 3 == 0)
			take -= 1 + (long)(h_mix(h) % (uint64_t)(take / 2));
	}
	sb_printf(d, "{\"%s\":[", "comments");
	for (long k = 0; k < take; k++) {
		if (k)
			sb_puts(d, ",");
		put_comment(d, v, &v->c[sel[cursor + k]], ir && !strcmp(ir, "true"), pub ? "1" : NULL, el);
	}
	sb_printf(d, "],\"cursor\":%ld,\"has_more\":%s}", cursor + take,
		  cursor + take < n ? "true" : "false");
	free(sel);
	return 0;
}

int h_comment_list(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct video *v;
	int rc;

	if ((rc = sim_check_business(r, req_arg(r, "business_id"), msg, msgsz)))
		return rc;
	if (!req_arg(r, "video_id"))
		return MISSING("video_id");
	pthread_mutex_lock(&r->w->lock);
	if (!(v = sim_find_video(r->w, req_arg(r, "video_id"))))
		rc = set_msg(msg, msgsz, 40007, "video %s does not exist", req_arg(r, "video_id"));
	else
		rc = list_comments(r, v, -1, d, msg, msgsz);
	pthread_mutex_unlock(&r->w->lock);
	return rc;
}

int h_reply_list(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct video *v;
	int rc, j;

	if ((rc = sim_check_business(r, req_arg(r, "business_id"), msg, msgsz)))
		return rc;
	if (!req_arg(r, "video_id"))
		return MISSING("video_id");
	if (!req_arg(r, "comment_id"))
		return MISSING("comment_id");
	pthread_mutex_lock(&r->w->lock);
	if (!(v = sim_find_video(r->w, req_arg(r, "video_id"))))
		rc = set_msg(msg, msgsz, 40007, "video %s does not exist", req_arg(r, "video_id"));
	else if ((j = sim_find_comment(v, req_arg(r, "comment_id"))) < 0 || v->c[j].parent >= 0)
		rc = set_msg(msg, msgsz, 40007, "comment %s does not exist", req_arg(r, "comment_id"));
	else
		rc = list_comments(r, v, j, d, msg, msgsz);
	pthread_mutex_unlock(&r->w->lock);
	return rc;
}

/* ---- video list ---- */

static const char *const video_fields[] = {
	"item_id", "create_time", "caption", "thumbnail_url", "share_url", "embed_url",
	"video_duration", "likes", "comments", "shares", "video_views", "reach", NULL,
};

/* the fields argument of the video list (default ["item_id"]; must hold it) */
static int video_fields_arg(struct req *r, json_t **out, char *msg, size_t msgsz)
{
	json_t *fields = NULL;

	if (req_arg(r, "fields")) {
		size_t i;
		json_t *x;
		fields = json_loads(req_arg(r, "fields"), 0, NULL);
		if (!json_is_array(fields)) {
			json_decref(fields);
			return set_msg(msg, msgsz, 40002, "fields: must be a JSON array");
		}
		json_array_foreach(fields, i, x) {
			int k;
			for (k = 0; video_fields[k] && (!json_is_string(x) ||
							strcmp(video_fields[k], json_string_value(x))); k++)
				;
			if (!video_fields[k]) {
				json_decref(fields);
				return set_msg(msg, msgsz, 40002, "fields: unknown field");
			}
		}
	}
	if (!fields)
		fields = json_pack("[s]", "item_id");
	{
		size_t i;
		json_t *x;
		bool has = false;
		json_array_foreach(fields, i, x) if (!strcmp(json_string_value(x), "item_id")) has = true;
		if (!has) {
			json_decref(fields);
			return set_msg(msg, msgsz, 40002, "fields: must include item_id");
		}
	}
	*out = fields;
	return 0;
}

int h_video_list(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *fields = NULL;
	long maxc, cursor_ms;
	int rc, n = 0, *sel;

	if ((rc = sim_check_business(r, req_arg(r, "business_id"), msg, msgsz)) ||
	    (rc = qint(r, "max_count", 10, 1, 20, &maxc, msg, msgsz)) ||
	    (rc = qint(r, "cursor", (long)w->now * 1000, 0, 9000000000000L, &cursor_ms, msg, msgsz)))
		return rc;
	if ((rc = video_fields_arg(r, &fields, msg, msgsz)))
		return rc;
	pthread_mutex_lock(&w->lock);
	sel = malloc(sizeof(int) * ((size_t)w->nvideos + 1));
	if (!sel)
		abort();
	/* newest first; videos were generated newest first */
	for (int i = 0; i < w->nvideos; i++)
		if ((long long)w->videos[i].create_time * 1000 < (long long)cursor_ms)
			sel[n++] = i;
	sb_puts(d, "{\"videos\":[");
	long take = n < maxc ? n : maxc;
	for (long k = 0; k < take; k++) {
		const struct video *v = &w->videos[sel[k]];
		int nc = 0, likes = 0;
		size_t i;
		json_t *x;
		for (int j = 0; j < v->nc; j++)
			if (!v->c[j].deleted)
				nc++, likes += v->c[j].likes;
		sb_puts(d, k ? ",{" : "{");
		json_array_foreach(fields, i, x) {
			const char *f = json_string_value(x);
			sb_printf(d, "%s\"%s\":", i ? "," : "", f);
			if (!strcmp(f, "item_id")) sb_jstr(d, v->id);
			else if (!strcmp(f, "create_time")) sb_printf(d, "%lld", (long long)v->create_time);
			else if (!strcmp(f, "caption")) sb_jstr(d, v->caption);
			else if (!strcmp(f, "thumbnail_url") || !strcmp(f, "share_url") || !strcmp(f, "embed_url"))
				sb_printf(d, "\"https://www.tiktok.com/@%s/video/%s\"", store_username, v->id);
			else if (!strcmp(f, "video_duration")) sb_printf(d, "%d", 15 + (int)(v->create_time % 45));
			else if (!strcmp(f, "comments")) sb_printf(d, "%d", nc);
			else if (!strcmp(f, "likes")) sb_printf(d, "%d", likes * 9 + 40);
			else if (!strcmp(f, "shares")) sb_printf(d, "%d", nc / 2);
			else sb_printf(d, "%d", likes * 60 + 1000);
		}
		sb_puts(d, "}");
	}
	sb_printf(d, "],\"cursor\":%lld,\"has_more\":%s}",
		  take ? (long long)w->videos[sel[take - 1]].create_time * 1000 : (long long)cursor_ms,
		  take < n ? "true" : "false");
	free(sel);
	pthread_mutex_unlock(&w->lock);
	json_decref(fields);
	return 0;
}
