/* auth.c: the account token of a triage run: from the options, else from the
 * program's refresh callback; refreshed once more when TikTok says it
 * expired (40102). Used by triage.c, read.c and act.c. */
#include <stdio.h>

#include "core/log.h"
#include "triage/triage_int.h"

/* Ask the program for a new account token (and the business id when it is
 * not known yet). */
static int refresh_token(struct triage *t, struct err *e)
{
	char bid[128] = "";
	int rc;

	if (!t->o->refresh)
		return errf(e, EXIT_AUTH, "the TikTok account token is missing or expired and there is "
			    "no refresh token (TIKTOK_REFRESH_TOKEN with TIKTOK_APP_ID and TIKTOK_APP_SECRET)");
	rc = t->o->refresh(t->o->refresh_ctx, t->token, sizeof(t->token), bid,
			   t->bid[0] ? 0 : sizeof(bid), e);
	if (rc)
		return rc;
	t->refreshed = true;
	if (!t->bid[0])
		snprintf(t->bid, sizeof(t->bid), "%s", bid);
	if (!t->bid[0])
		return errf(e, EXIT_AUTH, "the token refresh answer has no open_id: set TIKTOK_BUSINESS_ID");
	return 0;
}

bool triage_token_expired(struct triage *t)
{
	struct err e = { 0 };

	if (t->refresh_tried)
		return t->refreshed;
	t->refresh_tried = true;
	log_info("comment triage: TikTok says the account token expired (40102): refreshing it");
	if (refresh_token(t, &e)) {
		log_error("comment triage: %s", e.msg);
		if (!t->auth_failed) /* the run stops with why the refresh failed */
			t->auth_err = e;
		t->auth_failed = true;
		return false;
	}
	return true;
}

int triage_auth(struct triage *t, struct err *e)
{
	const struct triage_opts *o = t->o;

	if (o->account_token)
		snprintf(t->token, sizeof(t->token), "%s", o->account_token);
	if (o->business_id)
		snprintf(t->bid, sizeof(t->bid), "%s", o->business_id);
	if (t->token[0] && t->bid[0])
		return 0;
	if (!o->refresh && t->token[0])
		return errf(e, EXIT_USAGE, "no business id for comment triage: set "
			    "TIKTOK_BUSINESS_ID (the TikTok account's open_id)");
	if (!o->refresh)
		return errf(e, EXIT_USAGE, "no TikTok account token for comment triage: set "
			    "TIKTOK_ACCOUNT_TOKEN and TIKTOK_BUSINESS_ID, or TIKTOK_REFRESH_TOKEN "
			    "with TIKTOK_APP_ID and TIKTOK_APP_SECRET");
	return refresh_token(t, e);
}
