#include "etl/cmd_auth.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/api.h"
#include "core/atomic.h"
#include "core/token.h"
#include "core/arena.h"
#include "core/dates.h"
#include "core/log.h"
#include "etl/advertisers.h"
#include "etl/normalize.h"

/* ---- the credentials file ---- */

/* Is this line "NAME = ..." or a "# NAME ..." note for one of the keys? */
static bool line_is_key(const char *line, const struct cred_kv *kv, size_t n)
{
	const char *p = line;
	bool note = false;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == ';') {
		note = true;
		p++;
		while (*p == ' ')
			p++;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(kv[i].name);
		if (strncmp(p, kv[i].name, k) != 0)
			continue;
		const char *q = p + k;
		if (note && (*q == ' ' || *q == '\n' || *q == '\0'))
			return true;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!note && (*q == '=' || *q == ':'))
			return true;
	}
	return false;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int fd_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fd_printf(int fd, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof(buf))
		return -1;
	return write_all(fd, buf, (size_t)k);
}

int cred_update(const char *path, const struct cred_kv *kv, size_t n, struct err *e)
{
	char real[PATH_MAX], line[4096];
	const char *target = path;
	struct atomic_file af;
	FILE *old;
	int fd, bad = 0;

	for (size_t i = 0; i < n; i++)
		if (strpbrk(kv[i].value, "\r\n") || (kv[i].note && strpbrk(kv[i].note, "\r\n")))
			return errf(e, EXIT_USAGE, "%s: the value of %s has a line break", path, kv[i].name);
	/* a symlinked credentials file: update the file it points to */
	if (realpath(path, real))
		target = real;
	if (atomic_open(&af, target, 0600, e))
		return e->code;
	fd = af.fd;

	if ((old = fopen(target, "r"))) {
		bool dropping = false, at_bol = true;
		/* fgets pieces: a piece is a line start when the one before ended a line */
		while (!bad && fgets(line, sizeof(line), old)) {
			size_t k = strlen(line);
			if (at_bol)
				dropping = line_is_key(line, kv, n);
			if (!dropping && write_all(fd, line, k))
				bad = 1;
			at_bol = k && line[k - 1] == '\n';
		}
		if (!bad && !at_bol && !dropping && write_all(fd, "\n", 1))
			bad = 1;
		fclose(old);
	} else if (errno != ENOENT) {
		int er = errno;
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(er));
	}
	for (size_t i = 0; i < n && !bad; i++) {
		if (kv[i].note && fd_printf(fd, "# %s %s\n", kv[i].name, kv[i].note))
			bad = 1;
		if (!bad && fd_printf(fd, "%s = %s\n", kv[i].name, kv[i].value))
			bad = 1;
	}
	if (bad) {
		int er = errno;
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: cannot write: %s", path, strerror(er));
	}
	return atomic_commit(&af, e);
}

/* ---- the token calls ---- */

/* POST one JSON body to a token endpoint (no Access-Token) and parse the grant. */
static int grant_call(const struct config *c, const char *path, const char *body,
		      struct token_grant *g, struct err *e)
{
	struct http_opts ho = config_http_opts(c);
	struct token_app app = { &ho, c->max_tries, c->api_base, c->app_id, c->app_secret };

	return token_call(&app, path, body, g, e);
}

/* {"k1":"v1",...} with every value JSON-quoted; pairs end with NULL. */
static char *json_object_of(const char *const *pairs)
{
	size_t cap = 3, n = 0;
	char *out;

	for (const char *const *p = pairs; *p; p += 2)
		cap += strlen(p[0]) + 2 * strlen(p[1]) * 3 + 16;
	out = xmalloc(cap);
	out[n++] = '{';
	for (const char *const *p = pairs; *p; p += 2) {
		char *v = json_quote(p[1]);
		n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":%s", p == pairs ? "" : ",", p[0], v);
		free(v);
	}
	snprintf(out + n, cap - n, "}");
	return out;
}

static void when_text(time_t now, long secs, char *buf, size_t n)
{
	time_t t = now + secs;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void warn_env(const char *const *names)
{
	for (; *names; names++)
		if (getenv(*names) && *getenv(*names))
			printf("note: %s is set in the environment and overrides the file\n", *names);
}

static int need_app(const struct config *c, const char *what, struct err *e)
{
	if (!c->app_id)
		return errf(e, EXIT_USAGE, "auth %s: no app id: set api.app_id or TIKTOK_APP_ID", what);
	if (!c->app_secret)
		return errf(e, EXIT_USAGE, "auth %s: no app secret: set TIKTOK_APP_SECRET "
			    "(environment or credentials file)", what);
	return 0;
}

/* Marketing API: auth code -> long-lived access token, then the advertisers it sees. */
static int exchange_code(const struct config *c, const char *code, struct err *e)
{
	const char *const body_pairs[] = { "app_id", c->app_id, "secret", c->app_secret,
					   "auth_code", code, NULL };
	struct token_grant *g = xcalloc(1, sizeof(*g));
	char *body = json_object_of(body_pairs), *ids = NULL;
	char **list = NULL;
	size_t nlist = 0;
	int rc;

	rc = grant_call(c, "oauth2/access_token/", body, g, e);
	free(body);
	if (rc)
		goto out;
	/* the advertisers this token sees (the report's own discovery) */
	{
		struct err e2 = { 0 };
		if (extract_discover(c, g->access_token, &list, &nlist, &e2) == 0 && nlist) {
			size_t cap = 1;
			for (size_t i = 0; i < nlist; i++)
				cap += strlen(list[i]) + 1;
			ids = xcalloc(1, cap);
			for (size_t i = 0; i < nlist; i++) {
				if (i)
					strcat(ids, ",");
				strcat(ids, list[i]);
			}
		} else {
			log_warn("could not list the token's advertisers (%s); set TIKTOK_ADVERTISER_IDS",
				 e2.msg[0] ? e2.msg : "none returned");
		}
		for (size_t i = 0; i < nlist; i++)
			free(list[i]);
		free(list);
	}
	{
		struct cred_kv kv[2] = {
			{ "TIKTOK_ACCESS_TOKEN", g->access_token, "Marketing API token; does not expire" },
			{ "TIKTOK_ADVERTISER_IDS", ids ? ids : "", NULL },
		};
		size_t n = ids ? 2 : 1;
		if ((rc = cred_update(c->credentials, kv, n, e)))
			goto out;
		printf("wrote TIKTOK_ACCESS_TOKEN%s to %s\n",
		       ids ? " and TIKTOK_ADVERTISER_IDS" : "", c->credentials);
		if (ids)
			printf("advertisers: %zu (%s)\n", nlist, ids);
		printf("the Marketing API token does not expire; it stops working if the advertiser "
		       "revokes the authorization\n");
		const char *const envs[] = { "TIKTOK_ACCESS_TOKEN", "TIKTOK_ADVERTISER_IDS", NULL };
		warn_env(envs);
	}
out:
	free(ids);
	free(g);
	return rc;
}

/* TikTok account (business/ endpoints): grant -> account token, refresh token, open_id. */
static int store_account_grant(const struct config *c, const struct token_grant *g, struct err *e)
{
	char acc_note[80], ref_note[80], exp[32], rexp[32];
	time_t now;
	struct cred_kv kv[5];
	size_t n = 0;
	int rc;

	if ((rc = run_now(&now, e)))
		return rc;
	when_text(now, g->expires_in, exp, sizeof(exp));
	when_text(now, g->refresh_expires_in, rexp, sizeof(rexp));
	snprintf(acc_note, sizeof(acc_note), "expires %s", exp);
	snprintf(ref_note, sizeof(ref_note), "expires %s", rexp);
	kv[n++] = (struct cred_kv){ "TIKTOK_ACCOUNT_TOKEN", g->access_token, g->expires_in ? acc_note : NULL };
	if (g->refresh_token[0])
		kv[n++] = (struct cred_kv){ "TIKTOK_REFRESH_TOKEN", g->refresh_token,
					    g->refresh_expires_in ? ref_note : NULL };
	if (g->open_id[0])
		kv[n++] = (struct cred_kv){ "TIKTOK_BUSINESS_ID", g->open_id, NULL };
	/* read by the runs: refresh before the token dies, warn before the refresh token does */
	if (g->expires_in)
		kv[n++] = (struct cred_kv){ "TIKTOK_ACCOUNT_TOKEN_EXPIRES", exp, NULL };
	if (g->refresh_token[0] && g->refresh_expires_in)
		kv[n++] = (struct cred_kv){ "TIKTOK_REFRESH_TOKEN_EXPIRES", rexp, NULL };
	if ((rc = cred_update(c->credentials, kv, n, e)))
		return rc;
	printf("wrote TIKTOK_ACCOUNT_TOKEN%s%s to %s\n", g->refresh_token[0] ? ", TIKTOK_REFRESH_TOKEN" : "",
	       g->open_id[0] ? ", TIKTOK_BUSINESS_ID" : "", c->credentials);
	if (g->expires_in)
		printf("account token expires %s (in %ld h)\n", exp, g->expires_in / 3600);
	if (g->refresh_expires_in)
		printf("refresh token expires %s (in %ld days); then the account owner must authorize again\n",
		       rexp, g->refresh_expires_in / 86400);
	if (g->scope[0])
		printf("scope: %s\n", g->scope);
	const char *const envs[] = { "TIKTOK_ACCOUNT_TOKEN", "TIKTOK_REFRESH_TOKEN", "TIKTOK_BUSINESS_ID", NULL };
	warn_env(envs);
	return 0;
}

static int account_code(const struct config *c, const char *code, struct err *e)
{
	struct token_grant *g;
	char *body;
	int rc;

	if (!c->redirect_uri)
		return errf(e, EXIT_USAGE, "auth account-code: set api.redirect_uri to the redirect URL "
			    "registered in the app");
	const char *const pairs[] = { "client_id", c->app_id, "client_secret", c->app_secret,
				      "grant_type", "authorization_code", "auth_code", code,
				      "redirect_uri", c->redirect_uri, NULL };
	body = json_object_of(pairs);
	g = xcalloc(1, sizeof(*g));
	rc = grant_call(c, "tt_user/oauth2/token/", body, g, e);
	free(body);
	if (!rc)
		rc = store_account_grant(c, g, e);
	free(g);
	return rc;
}

static int refresh(const struct config *c, struct err *e)
{
	struct http_opts ho = config_http_opts(c);
	struct token_app app = { &ho, c->max_tries, c->api_base, c->app_id, c->app_secret };
	struct token_grant *g;
	int rc;

	if (!c->refresh_token)
		return errf(e, EXIT_USAGE, "auth refresh: no refresh token: set TIKTOK_REFRESH_TOKEN or run "
			    "ttreport auth account-code CODE");
	g = xcalloc(1, sizeof(*g));
	rc = token_refresh(&app, c->refresh_token, g, e);
	if (!rc)
		rc = store_account_grant(c, g, e);
	memset(g, 0, sizeof(*g));
	free(g);
	return rc;
}

int cmd_auth(const struct config *c, struct err *e)
{
	const char *sub = c->nargs ? c->args[0] : NULL;
	int rc;

	if (!sub)
		return errf(e, EXIT_USAGE, "auth: expected exchange-code CODE, account-code CODE or refresh");
	if (strcmp(sub, "exchange-code") && strcmp(sub, "account-code") && strcmp(sub, "refresh"))
		return errf(e, EXIT_USAGE, "auth: unknown subcommand '%s' (exchange-code, account-code, refresh)",
			    sub);
	if (strcmp(sub, "refresh") == 0 ? c->nargs != 1 : c->nargs != 2)
		return errf(e, EXIT_USAGE, "auth %s: expected %s", sub,
			    strcmp(sub, "refresh") == 0 ? "no argument" : "one argument, the CODE");
	if (!c->credentials)
		return errf(e, EXIT_USAGE, "auth %s: set api.credentials in the config file: the tokens are "
			    "written there", sub);
	if ((rc = need_app(c, sub, e)))
		return rc;
	if (strcmp(sub, "exchange-code") == 0)
		return exchange_code(c, c->args[1], e);
	if (strcmp(sub, "account-code") == 0)
		return account_code(c, c->args[1], e);
	return refresh(c, e);
}
