/* config.c: one run's settings, loaded in rising precedence (defaults, the
 * config file, its credentials file, the environment, the command line), then
 * the rules between settings. The settings themselves are the rows of
 * config.def; this file holds only the order and the cross-checks. */
#include "etl/config_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/dates.h"

/* 1. the config file: -c, else ./ttreport.conf, else /etc/ttreport.conf */
static int read_config_file(struct config *c, const char *cfg, struct err *e)
{
	if (cfg)
		return config_read_file(c, cfg, e);
	if (access("ttreport.conf", F_OK) == 0)
		return config_read_file(c, "ttreport.conf", e);
	if (access("/etc/ttreport.conf", F_OK) == 0)
		return config_read_file(c, "/etc/ttreport.conf", e);
	return 0;
}

static bool seen(const struct cli_seen *s, const char *key)
{
	return s->row[setting_by_key(key) - config_settings];
}

/* The window: a range (both ends, in order, at most 10 years) or the lookback. */
static int check_window(struct config *c, const struct cli_seen *cli, struct err *e)
{
	const char *where = c->config_path ? c->config_path : "config";
	bool cli_range = seen(cli, "report.since") || seen(cli, "report.until");
	char s[11], u[11];

	if (cli_range && !(seen(cli, "report.since") && seen(cli, "report.until")))
		return errf(e, EXIT_USAGE, "--since and --until go together");
	if (!cli_range && seen(cli, "report.lookback"))
		c->have_range = false; /* the command line's lookback beats a file's range */
	if (!c->have_range)
		return 0;
	if (!c->have_since || !c->have_until)
		return errf(e, EXIT_USAGE, "%s: report.since and report.until go together", where);
	if (c->since > c->until) {
		if (cli_range)
			return errf(e, EXIT_USAGE, "--since %s is after --until %s", date_format(c->since, s),
				    date_format(c->until, u));
		return errf(e, EXIT_USAGE, "%s: report.since %s is after report.until %s", where,
			    date_format(c->since, s), date_format(c->until, u));
	}
	if (c->until - c->since + 1 > 3660)
		return errf(e, EXIT_USAGE, "the window is longer than 10 years");
	return 0;
}

/* api.base: http(s), ending in a slash. */
static int check_api_base(struct config *c, struct err *e)
{
	size_t n = strlen(c->api_base);

	if (strncmp(c->api_base, "http://", 7) && strncmp(c->api_base, "https://", 8))
		return errf(e, EXIT_USAGE, "api base '%s' is not an http(s) URL", c->api_base);
	if (n == 0 || c->api_base[n - 1] != '/') {
		char *b = xmalloc(n + 2);
		snprintf(b, n + 2, "%s/", c->api_base);
		free(c->api_base);
		c->api_base = b;
	}
	return 0;
}

/* Mail, when a run or report sends one: a server, a login with its password,
 * plain recipient addresses. */
static int check_mail(const struct config *c, struct err *e)
{
	if (!c->mail_to.n || (c->cmd != CMD_RUN && c->cmd != CMD_REPORT && c->cmd != CMD_TODAY))
		return 0;
	if (!c->smtp_url)
		return errf(e, EXIT_USAGE, "--mail-to needs an SMTP server: set mail.smtp_url or "
			    "TTREPORT_SMTP_URL (smtps://host:465 or smtp://host:587)");
	if (strncmp(c->smtp_url, "smtp://", 7) && strncmp(c->smtp_url, "smtps://", 8))
		return errf(e, EXIT_USAGE, "SMTP URL is not smtp:// or smtps:// (mail.smtp_url, "
			    "TTREPORT_SMTP_URL)");
	if (c->smtp_user && !c->smtp_password)
		return errf(e, EXIT_USAGE, "mail.smtp_user is set but TTREPORT_SMTP_PASSWORD is not");
	for (size_t i = 0; i < c->mail_to.n; i++) {
		const char *a = c->mail_to.v[i], *at = strchr(a, '@');
		if (!at || at == a || !at[1] || strchr(at + 1, '@') || strpbrk(a, " \t\r\n<>,;\"()"))
			return errf(e, EXIT_USAGE, "mail recipient '%s' is not a plain address", a);
	}
	return 0;
}

static int check_advertisers(const struct config *c, struct err *e)
{
	for (size_t i = 0; i < c->advertisers.n; i++)
		for (const char *p = c->advertisers.v[i]; *p; p++)
			if (*p < '0' || *p > '9')
				return errf(e, EXIT_USAGE, "advertiser id '%s' is not a number", c->advertisers.v[i]);
	return 0;
}

/* The rules between settings, and the derived default (triage.days). */
static int config_finish(struct config *c, const struct cli_seen *cli, struct err *e)
{
	int rc;

	if ((rc = check_window(c, cli, e)))
		return rc;
	if (!c->comment_days)
		c->comment_days = c->lookback;
	if ((rc = check_api_base(c, e)) || (rc = check_mail(c, e)))
		return rc;
	return check_advertisers(c, e);
}

int config_load(struct config *c, int argc, char **argv, struct err *e)
{
	struct cli_seen cli;
	int rc;

	config_defaults(c);
	if ((rc = config_read_command(c, argc, argv, &cli, e)))
		return rc;
	if ((rc = read_config_file(c, config_find_config_arg(argc, argv), e)))
		return rc;
	/* the credentials file the config names (secrets; the environment beats it) */
	if (c->credentials && (rc = config_read_credentials(c, e)))
		return rc;
	if ((rc = config_read_env(c, e)) || (rc = config_read_argv(c, argc, argv, &cli, e)))
		return rc;
	if (c->cmd == CMD_HELP || c->cmd == CMD_VERSION)
		return 0;
	return config_finish(c, &cli, e);
}

struct http_opts config_http_opts(const struct config *c)
{
	struct http_opts o = { 0 };

	o.qps = c->qps;
	o.parallel = c->parallel;
	o.timeout_ms = c->timeout_ms;
	o.max_body = HTTP_MAX_BODY;
	o.retry_base_ms = c->retry_base_ms;
	o.retry_max_ms = c->retry_max_ms;
	return o;
}
