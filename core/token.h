/* token.h: the TikTok account token grant (tt_user/oauth2/token/ and
 * tt_user/oauth2/refresh_token/ answers), parsed from the JSON envelope. */
#ifndef TT_TOKEN_H
#define TT_TOKEN_H

#include <stddef.h>

#include "core/envelope.h"
#include "core/err.h"

/* The answer of tt_user/oauth2/refresh_token/ or tt_user/oauth2/token/. */
struct token_grant {
	char access_token[512], refresh_token[512], open_id[128], scope[256];
	long expires_in, refresh_expires_in;
};
int norm_token_grant(const char *body, size_t len, struct token_grant *g,
		     struct api_status *st, struct err *e);

#endif
