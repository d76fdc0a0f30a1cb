/* account.h: the TikTok account token of a run (comment triage). It comes
 * from the environment or the credentials file, and is refreshed from the
 * refresh token when it is absent, expired (TIKTOK_ACCOUNT_TOKEN_EXPIRES) or
 * refused as expired (triage asks through account_refresh()). TikTok may hand
 * back a new refresh token and retire the old one: with api.credentials the
 * new pair is written back (atomic, 0600, fsync) before it is used; without,
 * stderr and the report say that it must be saved. A refresh token that
 * expires within 30 days is noted in the report (and so in the mail).
 *
 * Ownership: struct account holds copies of the tokens; account_release()
 * wipes them. */
#ifndef TT_ACCOUNT_H
#define TT_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/record.h"
#include "etl/config.h"

struct account {
	const struct config *c;
	struct report *r;
	time_t now;
	char refresh[512];      /* the refresh token to send next ("" when none) */
	bool noted;             /* the refresh token's expiry is in the report */
	char token[512];        /* the account token ("" when none) */
	time_t token_expires;   /* 0: unknown */
};

/* Is any TikTok account configured (an account or a refresh token)? */
bool account_configured(const struct config *c);

/* Read the account from c; note a refresh token that expires soon. */
void account_init(struct account *a, const struct config *c, struct report *r, time_t now);
/* The account token to start with: NULL when absent or known to be expired
 * (triage then asks account_refresh() first). */
const char *account_token(const struct account *a);
/* Can the token be refreshed (refresh token, app id and secret)? */
bool account_can_refresh(const struct account *a);

/* triage_refresh_fn: a new token (and the business id, bn > 0) from the
 * refresh token; the new pair is saved before it is returned. */
int account_refresh(void *ctx, char *token, size_t tn, char *bid, size_t bn, struct err *e);

void account_release(struct account *a);

#endif
