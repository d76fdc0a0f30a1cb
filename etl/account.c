#include "etl/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/log.h"
#include "core/token.h"
#include "etl/cmd_auth.h"

#define SOON_DAYS 30 /* warn when the refresh token has fewer days left */

bool account_configured(const struct config *c)
{
	return c->account_token || c->refresh_token;
}

/* A refresh token expiring within SOON_DAYS: in the report and the mail. */
static void note_refresh_expiry(struct account *a, time_t expires)
{
	char when[32];
	long days = (long)((expires - a->now) / 86400);

	if (a->noted || !expires || expires - a->now > (time_t)SOON_DAYS * 86400)
		return;
	a->noted = true;
	instant_format(expires, when, sizeof(when));
	log_warn("the TikTok refresh token expires %s (in %ld day(s)): the account owner must "
		 "authorize again (ttreport auth account-code CODE)", when, days);
	report_note(a->r, "the TikTok refresh token expires %s (in %ld day(s)): the account owner must "
		    "authorize again (ttreport auth account-code CODE), or comment triage stops", when,
		    days);
}

void account_init(struct account *a, const struct config *c, struct report *r, time_t now)
{
	time_t t = 0;

	memset(a, 0, sizeof(*a));
	a->c = c;
	a->r = r;
	a->now = now;
	snprintf(a->token, sizeof(a->token), "%s", c->account_token ? c->account_token : "");
	snprintf(a->refresh, sizeof(a->refresh), "%s", c->refresh_token ? c->refresh_token : "");
	if (c->account_token_expires && instant_parse(c->account_token_expires, &t) == 0)
		a->token_expires = t;
	t = 0;
	if (c->refresh_token && c->refresh_token_expires &&
	    instant_parse(c->refresh_token_expires, &t) == 0)
		note_refresh_expiry(a, t);
}

const char *account_token(const struct account *a)
{
	if (!a->token[0])
		return NULL;
	/* a minute early: the run must not start with a token about to die */
	if (a->token_expires && a->token_expires <= a->now + 60 && account_can_refresh(a))
		return NULL;
	return a->token;
}

bool account_can_refresh(const struct account *a)
{
	return a->refresh[0] && a->c->app_id && a->c->app_secret;
}

/* The new pair into the credentials file, before anyone uses it. */
static int save_grant(struct account *a, const struct token_grant *g, struct err *e)
{
	char exp[32], rexp[32];
	struct cred_kv kv[5];
	size_t n = 0;

	instant_format(a->now + g->expires_in, exp, sizeof(exp));
	instant_format(a->now + g->refresh_expires_in, rexp, sizeof(rexp));
	kv[n++] = (struct cred_kv){ "TIKTOK_ACCOUNT_TOKEN", g->access_token, NULL };
	if (g->expires_in > 0)
		kv[n++] = (struct cred_kv){ "TIKTOK_ACCOUNT_TOKEN_EXPIRES", exp, NULL };
	if (g->refresh_token[0])
		kv[n++] = (struct cred_kv){ "TIKTOK_REFRESH_TOKEN", g->refresh_token, NULL };
	if (g->refresh_token[0] && g->refresh_expires_in > 0)
		kv[n++] = (struct cred_kv){ "TIKTOK_REFRESH_TOKEN_EXPIRES", rexp, NULL };
	if (g->open_id[0] && !a->c->business_id)
		kv[n++] = (struct cred_kv){ "TIKTOK_BUSINESS_ID", g->open_id, NULL };
	if (cred_update(a->c->credentials, kv, n, e))
		return err_wrap(e, "saving the refreshed TikTok account token");
	log_info("saved the new TikTok account token%s in %s", g->refresh_token[0] ?
		 " and refresh token" : "", a->c->credentials);
	if (getenv("TIKTOK_REFRESH_TOKEN") && *getenv("TIKTOK_REFRESH_TOKEN"))
		log_warn("TIKTOK_REFRESH_TOKEN is set in the environment and overrides %s: the next "
			 "run would send the old, retired refresh token; unset it", a->c->credentials);
	return 0;
}

/* No credentials file: the new refresh token lives only in this process. */
static void say_unsaved(struct account *a)
{
	const char *msg = "TikTok issued a new refresh token and may have retired the old one, but "
			  "there is no credentials file (api.credentials) to keep it: the new refresh "
			  "token must be saved, or the next run cannot refresh the account token; set "
			  "api.credentials and run ttreport auth account-code CODE";

	log_warn("%s", msg);
	report_note(a->r, "%s", msg);
}

int account_refresh(void *ctx, char *token, size_t tn, char *bid, size_t bn, struct err *e)
{
	struct account *a = ctx;
	struct http_opts ho = config_http_opts(a->c);
	struct token_app app = { &ho, a->c->max_tries, a->c->api_base, a->c->app_id,
				 a->c->app_secret };
	struct token_grant *g;
	int rc;

	if (!account_can_refresh(a))
		return errf(e, EXIT_AUTH, "the TikTok account token is %s and cannot be refreshed: set "
			    "TIKTOK_REFRESH_TOKEN, TIKTOK_APP_ID and TIKTOK_APP_SECRET",
			    a->token[0] ? "expired" : "missing");
	ho.parallel = 1;
	g = calloc(1, sizeof(*g));
	if (!g)
		return errf(e, EXIT_API, "out of memory");
	rc = token_refresh(&app, a->refresh, g, e);
	if (rc == EXIT_API && strstr(e->msg, "outcome of this POST is unknown"))
		err_wrap(e, "the refresh answer was lost: the refresh token may already be spent; if "
			 "the next run is refused (40107), authorize again");
	if (!rc && g->refresh_token[0] && strcmp(g->refresh_token, a->refresh)) {
		if (a->c->credentials)
			rc = save_grant(a, g, e);
		else
			say_unsaved(a);
	} else if (!rc && a->c->credentials) {
		rc = save_grant(a, g, e);
	}
	if (!rc) {
		snprintf(token, tn, "%s", g->access_token);
		snprintf(a->token, sizeof(a->token), "%s", g->access_token);
		if (g->refresh_token[0])
			snprintf(a->refresh, sizeof(a->refresh), "%s", g->refresh_token);
		if (bn)
			snprintf(bid, bn, "%s", g->open_id);
		if (g->refresh_expires_in > 0)
			note_refresh_expiry(a, a->now + g->refresh_expires_in);
		log_info("refreshed the TikTok account token");
	}
	memset(g, 0, sizeof(*g));
	free(g);
	return rc ? err_wrap(e, "refreshing the TikTok account token") : 0;
}

void account_release(struct account *a)
{
	memset(a->refresh, 0, sizeof(a->refresh));
	memset(a->token, 0, sizeof(a->token));
}
