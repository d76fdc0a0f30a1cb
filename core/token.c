#include "core/token.h"

#include <stdio.h>
#include <string.h>

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
