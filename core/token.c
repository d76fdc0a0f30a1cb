#include "core/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/arena.h"
#include "core/envelope_json.h"

int norm_token_grant(const char *body, size_t len, struct token_grant *g,
		     struct api_status *st, struct err *e)
{
	json_t *root, *data;
	const char *at, *rt, *oid, *sc;
	int rc = norm_envelope(body, len, st, &root, &data);

	memset(g, 0, sizeof(*g));
	if (rc)
		goto out;
	at = json_get_str(data, "access_token", NULL, 0);
	rt = json_get_str(data, "refresh_token", NULL, 0);
	oid = json_get_str(data, "open_id", NULL, 0);
	sc = json_get_str(data, "scope", NULL, 0);
	if (!at) {
		rc = NORM_BAD_DATA;
		errf(e, EXIT_AUTH, "token answer has no access_token");
		goto out;
	}
	snprintf(g->access_token, sizeof(g->access_token), "%s", at);
	snprintf(g->refresh_token, sizeof(g->refresh_token), "%s", rt ? rt : "");
	snprintf(g->open_id, sizeof(g->open_id), "%s", oid ? oid : "");
	snprintf(g->scope, sizeof(g->scope), "%s", sc ? sc : "");
	g->expires_in = (long)json_integer_value(json_object_get(data, "expires_in"));
	g->refresh_expires_in = (long)json_integer_value(json_object_get(data, "refresh_token_expires_in"));
out:
	json_decref(root);
	return rc;
}

int token_call(const struct token_app *app, const char *path, const char *json_body,
	       struct token_grant *g, struct err *e)
{
	struct api_status st;
	char *url = api_url(app->api_base, path, NULL), *ans = NULL;
	size_t len = 0;
	int rc = api_call(app->ho, app->max_tries, url, json_body, NULL, &ans, &len, &st, e);

	free(url);
	memset(g, 0, sizeof(*g));
	if (rc)
		return err_wrap(e, "%s", path);
	rc = norm_token_grant(ans, len, g, &st, e);
	memset(ans, 0, len); /* it held a token */
	free(ans);
	if (rc == NORM_API)
		return errf(e, EXIT_AUTH, "%s: code %ld: %s", path, st.code, st.message);
	if (rc)
		return errf(e, EXIT_API, "%s: unexpected answer: %s", path, e->msg);
	return 0;
}

int token_refresh(const struct token_app *app, const char *refresh_token, struct token_grant *g,
		  struct err *e)
{
	char *id = json_quote(app->app_id), *sec = json_quote(app->app_secret);
	char *rt = json_quote(refresh_token), *body;
	size_t n = strlen(id) + strlen(sec) + strlen(rt) + 128;
	int rc;

	body = xmalloc(n);
	snprintf(body, n, "{\"client_id\":%s,\"client_secret\":%s,\"grant_type\":\"refresh_token\","
		 "\"refresh_token\":%s}", id, sec, rt);
	free(id);
	free(sec);
	free(rt);
	rc = token_call(app, "tt_user/oauth2/refresh_token/", body, g, e);
	memset(body, 0, strlen(body)); /* it held the secret */
	free(body);
	return rc;
}
