/* token.h: the token calls (the one refresh of the TikTok account token, used
 * by `ttreport auth refresh` and by the triage run) and the grant they answer
 * (tt_user/oauth2/token/, tt_user/oauth2/refresh_token/, oauth2/access_token/),
 * parsed from the JSON envelope. */
#ifndef TT_TOKEN_H
#define TT_TOKEN_H

#include <stddef.h>

#include "core/envelope.h"
#include "core/err.h"
#include "core/http.h"

/* The answer of tt_user/oauth2/refresh_token/ or tt_user/oauth2/token/. */
struct token_grant {
	char access_token[512], refresh_token[512], open_id[128], scope[256];
	long expires_in, refresh_expires_in;
};
int norm_token_grant(const char *body, size_t len, struct token_grant *g,
		     struct api_status *st, struct err *e);

/* Where and how the token endpoints are called (no Access-Token header). */
struct token_app {
	const struct http_opts *ho;
	int max_tries;
	const char *api_base, *app_id, *app_secret;
};

/* POST json_body to the token endpoint path and parse the grant into g.
 * 0; EXIT_AUTH when TikTok refuses (its code in e), EXIT_API otherwise. The
 * answer is wiped from memory. */
int token_call(const struct token_app *app, const char *path, const char *json_body,
	       struct token_grant *g, struct err *e);

/* tt_user/oauth2/refresh_token/: a new account token (and refresh token)
 * from refresh_token. Errors as token_call. */
int token_refresh(const struct token_app *app, const char *refresh_token, struct token_grant *g,
		  struct err *e);

#endif
