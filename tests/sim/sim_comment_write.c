/* sim_comment_write.c: the Accounts API writes: reply create, hide/unhide and
 * delete. Each holds world.lock for its whole run, so an action is atomic and
 * visible to the next request (a new reply only after --reply-visible-ms). */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)

int h_reply_create(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *b;
	const char *vid, *cid, *text;
	struct video *v;
	int rc, j;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = sim_check_business(r, sim_bstr(b, "business_id"), msg, msgsz)))
		goto out;
	if (!(vid = sim_bstr(b, "video_id")) && (rc = MISSING("video_id")))
		goto out;
	if (!(cid = sim_bstr(b, "comment_id")) && (rc = MISSING("comment_id")))
		goto out;
	if (!(text = sim_bstr(b, "text")) && (rc = MISSING("text")))
		goto out;
	size_t len = utf8_codepoints(text);
	if (len == 0 || len > 150) {
		rc = set_msg(msg, msgsz, 40002, "text: length must be between 1 and 150 characters (got %zu)", len);
		goto out;
	}
	pthread_mutex_lock(&w->lock);
	if (!(v = sim_find_video(w, vid))) {
		rc = set_msg(msg, msgsz, 40007, "video %s does not exist", vid);
	} else if ((j = sim_find_comment(v, cid)) < 0) {
		rc = set_msg(msg, msgsz, 40007, "comment %s does not exist", cid);
	} else {
		int top = v->c[j].parent >= 0 ? v->c[j].parent : j;
		struct comment *c = sim_add_comment(v);
		sim_make_id(w, 7, c->id);
		c->parent = top;
		c->owner = true;
		c->create_time = w->now;
		c->visible_at = sim_elapsed(w) + (double)w->o.reply_visible_ms / 1000.0;
		c->corpus = -1;
		c->text_owned = strdup(text);
		c->order_key = h4(w->o.seed, 0x7e, w->reply_seq++, 0);
		sim_set_user(w, c, 0);
		v->c[top].replies++;
		sb_printf(d, "{\"comment_id\":\"%s\",\"parent_comment_id\":\"%s\",\"video_id\":\"%s\","
			  "\"user_id\":\"%s\",\"create_time\":%lld,\"text\":", c->id, v->c[top].id, v->id,
			  c->user_id, (long long)c->create_time);
		sb_jstr(d, text);
		sb_puts(d, "}");
	}
	pthread_mutex_unlock(&w->lock);
out:
	json_decref(b);
	return rc;
}

int h_comment_hide(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *b;
	const char *vid, *cid, *action;
	struct video *v;
	int rc, j;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = sim_check_business(r, sim_bstr(b, "business_id"), msg, msgsz)))
		goto out;
	if (!(vid = sim_bstr(b, "video_id")) && (rc = MISSING("video_id")))
		goto out;
	if (!(cid = sim_bstr(b, "comment_id")) && (rc = MISSING("comment_id")))
		goto out;
	if (!(action = sim_bstr(b, "action")) && (rc = MISSING("action")))
		goto out;
	if (strcmp(action, "HIDE") && strcmp(action, "UNHIDE")) {
		rc = set_msg(msg, msgsz, 40002, "action: must be HIDE or UNHIDE");
		goto out;
	}
	pthread_mutex_lock(&w->lock);
	if (!(v = sim_find_video(w, vid)))
		rc = set_msg(msg, msgsz, 40007, "video %s does not exist", vid);
	else if ((j = sim_find_comment(v, cid)) < 0)
		rc = set_msg(msg, msgsz, 40007, "comment %s does not exist", cid);
	else {
		v->c[j].hidden = !strcmp(action, "HIDE");
		sb_puts(d, "{}");
	}
	pthread_mutex_unlock(&w->lock);
out:
	json_decref(b);
	return rc;
}

int h_comment_delete(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *b;
	const char *cid;
	int rc;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = sim_check_business(r, sim_bstr(b, "business_id"), msg, msgsz)))
		goto out;
	if (!(cid = sim_bstr(b, "comment_id")) && (rc = MISSING("comment_id")))
		goto out;
	pthread_mutex_lock(&w->lock);
	rc = set_msg(msg, msgsz, 40007, "comment %s does not exist", cid);
	for (int i = 0; i < w->nvideos; i++) {
		struct video *v = &w->videos[i];
		int j = sim_find_comment(v, cid);
		if (j < 0)
			continue;
		if (!v->c[j].owner) {
			rc = set_msg(msg, msgsz, 40001, "No permission: only comments written by this "
				     "account can be deleted; hide other users' comments instead");
			break;
		}
		v->c[j].deleted = true;
		if (v->c[j].parent >= 0)
			v->c[v->c[j].parent].replies--;
		else
			for (int k = 0; k < v->nc; k++)
				if (v->c[k].parent == j)
					v->c[k].deleted = true;
		sb_puts(d, "{}");
		rc = 0;
		break;
	}
	pthread_mutex_unlock(&w->lock);
out:
	json_decref(b);
	return rc;
}
