/* sim_accounts.c: TikTok account tokens and the /business/ per-minute limit.
 * Access tokens expire --account-token-ttl seconds after they were handed out
 * (simulated clock); refresh tokens rotate: each refresh hands out a new
 * access token and a new refresh token, the old refresh token is refused from
 * then on, and the refresh token's lifetime counts down from the first one
 * (refreshing never extends it). The world owns both token lists; the token
 * endpoints' handlers live here too. Callers hold w->lock where noted. */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)
#define REFRESH_LIFE 31536000L /* tiktok-api.md §6: refresh tokens last one year */

static struct token *push(struct token **list, int *n, const char *tok, time_t expires)
{
	struct token *t;

	*list = realloc(*list, sizeof(**list) * (size_t)(*n + 1));
	if (!*list)
		abort();
	t = &(*list)[(*n)++];
	memset(t, 0, sizeof(*t));
	snprintf(t->tok, sizeof(t->tok), "%s", tok);
	t->expires = expires;
	return t;
}

static struct token *find(struct token *list, int n, const char *tok)
{
	for (int i = 0; tok && i < n; i++)
		if (!strcmp(list[i].tok, tok))
			return &list[i];
	return NULL;
}

static time_t access_expiry(const struct world *w)
{
	return w->now + w->o.account_ttl;
}

int sim_tokens_init(struct world *w)
{
	push(&w->access, &w->naccess, w->o.account_token, access_expiry(w));
	push(&w->refresh, &w->nrefresh, w->o.refresh_token, w->now + REFRESH_LIFE);
	if (w->o.business_qpm > 0) {
		w->qpm_ring = calloc((size_t)w->o.business_qpm * 16, sizeof(double));
		w->qpm_pos = calloc(16, sizeof(int));
		if (!w->qpm_ring || !w->qpm_pos)
			return -1;
		for (int i = 0; i < w->o.business_qpm * 16; i++)
			w->qpm_ring[i] = -1e18;
	}
	return 0;
}

void sim_tokens_free(struct world *w)
{
	free(w->access);
	free(w->refresh);
	free(w->qpm_ring);
	free(w->qpm_pos);
}

bool sim_is_account_token(struct world *w, const char *tok)
{
	pthread_mutex_lock(&w->lock);
	bool r = find(w->access, w->naccess, tok) != NULL;
	pthread_mutex_unlock(&w->lock);
	return r;
}

int sim_account_token_check(struct world *w, const char *tok)
{
	int rc = 40105;

	pthread_mutex_lock(&w->lock);
	struct token *t = find(w->access, w->naccess, tok);
	if (t)
		rc = w->now >= t->expires ? 40102 : 0;
	pthread_mutex_unlock(&w->lock);
	return rc;
}

int sim_business_qpm(struct world *w, int k, int nroutes)
{
	int n = w->o.business_qpm, rc = 0;

	if (n <= 0 || k < 0 || k >= 16 || nroutes > 16)
		return 0;
	pthread_mutex_lock(&w->lock);
	double now = sim_elapsed(w), *ring = &w->qpm_ring[k * n];
	if (now - ring[w->qpm_pos[k]] < 60.0) {
		rc = 40100; /* the oldest of the last n is less than a minute old */
	} else {
		ring[w->qpm_pos[k]] = now;
		w->qpm_pos[k] = (w->qpm_pos[k] + 1) % n;
	}
	pthread_mutex_unlock(&w->lock);
	return rc;
}

/* ---- token endpoints (no Access-Token); they take w->lock ---- */

static void token_data(struct world *w, struct sb *d, const struct token *acc,
		       const struct token *ref)
{
	sb_puts(d, "{\"access_token\":");
	sb_jstr(d, acc->tok);
	sb_printf(d, ",\"expires_in\":%ld,\"refresh_token\":", w->o.account_ttl);
	sb_jstr(d, ref->tok);
	sb_printf(d, ",\"refresh_token_expires_in\":%lld,\"open_id\":",
		  (long long)(ref->expires - w->now));
	sb_jstr(d, w->o.business_id);
	sb_puts(d, ",\"scope\":\"comment.list,comment.list.manage,video.list\",\"token_type\":\"Bearer\"}");
}

/* a new pair; the refresh token keeps `expires` (the chain's end of life) */
static void new_pair(struct world *w, time_t expires, struct token **acc, struct token **ref)
{
	char t[48];

	w->token_seq++;
	snprintf(t, sizeof(t), "%s-%d", w->o.account_token, w->token_seq + 1);
	*acc = push(&w->access, &w->naccess, t, access_expiry(w));
	snprintf(t, sizeof(t), "%s-%d", w->o.refresh_token, w->token_seq + 1);
	*ref = push(&w->refresh, &w->nrefresh, t, expires);
}

static int client_check(struct req *r, json_t *b, const char *idk, const char *seck, char *msg,
			size_t msgsz)
{
	const char *id = sim_bstr(b, idk), *sec = sim_bstr(b, seck);

	if (!id)
		return MISSING(idk);
	if (!sec)
		return MISSING(seck);
	if (strcmp(id, r->w->o.app_id) || strcmp(sec, r->w->o.app_secret))
		return set_msg(msg, msgsz, 40101, "Invalid %s or %s", idk, seck);
	return 0;
}

static int grant(struct req *r, json_t *b, const char *want, char *msg, size_t msgsz)
{
	const char *gt = sim_bstr(b, "grant_type");
	int rc;

	if ((rc = client_check(r, b, "client_id", "client_secret", msg, msgsz)))
		return rc;
	if (!gt)
		return MISSING("grant_type");
	if (strcmp(gt, want))
		return set_msg(msg, msgsz, 40108, "Invalid grant_type '%s'", gt);
	return 0;
}

int h_tt_refresh(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *b;
	const char *rt;
	int rc;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = grant(r, b, "refresh_token", msg, msgsz)))
		goto out;
	if (!(rt = sim_bstr(b, "refresh_token")) && (rc = MISSING("refresh_token")))
		goto out;
	pthread_mutex_lock(&w->lock);
	struct token *old = find(w->refresh, w->nrefresh, rt), *acc, *ref;
	if (!old)
		rc = set_msg(msg, msgsz, 40107, "Invalid refresh token");
	else if (old->used)
		rc = set_msg(msg, msgsz, 40107, "Invalid refresh token: it was already used; "
			     "use the refresh_token returned by the last refresh");
	else if (w->now >= old->expires)
		rc = set_msg(msg, msgsz, 40103, "Refresh token expired");
	else {
		time_t expires = old->expires;
		old->used = true;
		new_pair(w, expires, &acc, &ref);
		token_data(w, d, acc, ref);
	}
	pthread_mutex_unlock(&w->lock);
out:
	json_decref(b);
	return rc;
}

int h_tt_token(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	json_t *b;
	const char *code;
	int rc;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = grant(r, b, "authorization_code", msg, msgsz)))
		goto out;
	if (!(code = sim_bstr(b, "auth_code")) && (rc = MISSING("auth_code")))
		goto out;
	if (strcmp(code, "sim-auth-code")) {
		rc = set_msg(msg, msgsz, 40110, "Invalid, used or expired auth_code");
		goto out;
	}
	pthread_mutex_lock(&w->lock);
	/* the first exchange hands out the configured pair, later ones a new pair */
	struct token *acc = &w->access[0], *ref = &w->refresh[0];
	if (ref->used || w->now >= ref->expires || w->now >= acc->expires)
		new_pair(w, w->now + REFRESH_LIFE, &acc, &ref);
	token_data(w, d, acc, ref);
	pthread_mutex_unlock(&w->lock);
out:
	json_decref(b);
	return rc;
}

int h_access_token(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	json_t *b;
	const char *code;
	int rc;

	if ((rc = sim_parse_body(r, &b, msg, msgsz)))
		return rc;
	if ((rc = client_check(r, b, "app_id", "secret", msg, msgsz)))
		goto out;
	if (!(code = sim_bstr(b, "auth_code")) && (rc = MISSING("auth_code")))
		goto out;
	if (strcmp(code, "sim-auth-code")) {
		rc = set_msg(msg, msgsz, 40110, "Invalid, used or expired auth_code");
		goto out;
	}
	sb_puts(d, "{\"access_token\":");
	sb_jstr(d, r->w->o.token);
	sb_puts(d, ",\"advertiser_ids\":[");
	for (int i = 0; i < r->w->nadv; i++)
		sb_printf(d, "%s\"%s\"", i ? "," : "", r->w->advs[i].ent[L_ADV][0].id);
	sb_puts(d, "],\"scope\":[1,2,3,4,5,6]}");
out:
	json_decref(b);
	return rc;
}
