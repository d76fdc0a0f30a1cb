#include "etl/cmd_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/arena.h"

/* The token kind a path needs: the TikTok account one for business/ and tt_user/. */
static bool account_path(const char *path)
{
	return strncmp(path, "business/", 9) == 0 || strncmp(path, "tt_user/", 8) == 0;
}

/* "campaign/get" or "/campaign/get/" -> "campaign/get/" (the API needs the slash). */
static char *clean_path(const char *p)
{
	size_t n;
	char *out;

	while (*p == '/')
		p++;
	n = strlen(p);
	out = xmalloc(n + 2);
	memcpy(out, p, n + 1);
	if (n && out[n - 1] != '/')
		strcpy(out + n, "/");
	return out;
}

static int build_pairs(char **args, int n, const char ***pairs, struct err *e)
{
	const char **p = xcalloc((size_t)n * 2 + 1, sizeof(*p));

	for (int i = 0; i < n; i++) {
		char *eq = strchr(args[i], '=');
		if (!eq || eq == args[i]) {
			free(p);
			return errf(e, EXIT_USAGE, "api GET: '%s' is not NAME=VALUE", args[i]);
		}
		*eq = '\0'; /* argv strings are ours to cut */
		p[2 * i] = args[i];
		p[2 * i + 1] = eq + 1;
	}
	*pairs = p;
	return 0;
}

int cmd_api(const struct config *c, struct err *e)
{
	struct http_opts ho = config_http_opts(c);
	struct api_status st;
	const char **pairs = NULL;
	const char *method, *token, *body_in = NULL;
	char *path, *url, *body = NULL;
	size_t len = 0;
	bool post;
	int rc;

	if (c->nargs < 2)
		return errf(e, EXIT_USAGE, "api: expected GET|POST PATH [NAME=VALUE... | JSON]");
	method = c->args[0];
	if (strcmp(method, "GET") == 0 || strcmp(method, "get") == 0)
		post = false;
	else if (strcmp(method, "POST") == 0 || strcmp(method, "post") == 0)
		post = true;
	else
		return errf(e, EXIT_USAGE, "api: method '%s' is not GET or POST", method);
	if (strchr(c->args[1], '?'))
		return errf(e, EXIT_USAGE, "api: '%s': give query parameters as NAME=VALUE arguments",
			    c->args[1]);
	if (post) {
		if (c->nargs > 3)
			return errf(e, EXIT_USAGE, "api POST: expected one JSON body, got %d arguments",
				    c->nargs - 2);
		body_in = c->nargs == 3 ? c->args[2] : "{}";
		while (*body_in == ' ' || *body_in == '\t' || *body_in == '\n')
			body_in++;
		if (*body_in != '{')
			return errf(e, EXIT_USAGE, "api POST: the body must be a JSON object");
	} else if ((rc = build_pairs(c->args + 2, c->nargs - 2, &pairs, e))) {
		return rc;
	}

	path = clean_path(c->args[1]);
	token = account_path(path) ? c->account_token : c->access_token;
	if (!token && strncmp(path, "tt_user/oauth2/", 15) && strcmp(path, "oauth2/access_token/")) {
		rc = errf(e, EXIT_USAGE, "api %s: no %s token: set %s", path,
			  account_path(path) ? "TikTok account" : "access",
			  account_path(path) ? "TIKTOK_ACCOUNT_TOKEN (or run ttreport auth refresh)"
					     : "TIKTOK_ACCESS_TOKEN");
		free(pairs);
		free(path);
		return rc;
	}
	url = api_url(c->api_base, path, pairs);
	free(pairs);
	rc = api_call(&ho, c->max_tries, url, post ? body_in : NULL, token, &body, &len, &st, e);
	free(url);
	if (rc) {
		if (st.request_id[0])
			err_wrap(e, "%s (request_id %s)", path, st.request_id);
		else
			err_wrap(e, "%s", path);
		free(path);
		return rc;
	}
	free(path);
	if (fwrite(body, 1, len, stdout) != len || (len && body[len - 1] != '\n' && putchar('\n') == EOF) ||
	    fflush(stdout) != 0)
		rc = errf(e, EXIT_OUTPUT, "api: cannot write the answer to stdout");
	free(body);
	return rc;
}
