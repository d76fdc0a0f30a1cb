/* config.h: one run's settings from, in rising order of precedence: defaults,
 * the config file (INI, parsed by inih), the environment, the command line.
 * Secrets come only from the environment or a 0600 credentials file.
 * Every setting is one row of etl/config.def (key, option, environment name,
 * type, bounds, default, field, help): that table is the only place a default
 * lives, and the loader, --help and the docs' test derive from it.
 *
 * Ownership: config_release() frees every string the config holds. */
#ifndef TT_CONFIG_H
#define TT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/http.h"

enum command { CMD_RUN, CMD_REPORT, CMD_COMMENTS, CMD_TODAY, CMD_CLASSIFY, CMD_AUTH, CMD_API, CMD_HELP, CMD_VERSION };

enum { FMT_XLSX = 1, FMT_PDF = 2, FMT_CSV = 4 };

struct strlist {
	char **v;
	size_t n;
};

struct config {
	enum command cmd;
	char **args;            /* what follows the command (auth, api) */
	int nargs;
	char *config_path;      /* the file read, or NULL */

	/* report */
	int lookback;           /* days */
	bool have_range;
	int since, until;       /* day numbers when have_range */
	bool have_since, have_until; /* each set (day 0, 1970-01-01, is a date too) */
	struct strlist advertisers;
	char *outdir;
	unsigned formats;       /* FMT_* bits */
	int provisional_days;
	long min_spend;         /* whole currency units, PDF top/bottom lists */
	char *font;             /* NULL: the shipped one */
	int lang;               /* enum lang of exporters/l10n.h; -1: from the environment */

	/* API */
	char *api_base;
	double qps;
	int parallel;
	long timeout_ms;
	int max_tries;
	long retry_base_ms, retry_max_ms;
	char *app_id;
	char *redirect_uri;     /* auth account-code: the app's registered redirect URL */

	/* triage */
	bool apply;             /* triage.mode = apply */
	char *rules, *replies;  /* NULL: the shipped ones */
	int max_replies, max_hides;
	int comment_days;       /* triage.days */
	int endpoint_qpm;       /* Accounts API: requests a minute per endpoint (40) */
	long verify_window_ms;  /* a lost reply answer: checked over this long */
	int read_parallel, max_videos, write_tries;
	char *model;            /* the comment model; NULL: the shipped one */
	double reply_min, hide_min, hide_lead_max, complaint_flag, rule_lead_max; /* policy.h */
	bool explain;           /* classify --explain */

	/* mail */
	struct strlist mail_to;
	char *smtp_url, *smtp_user, *mail_from;

	/* alerts (ttreport today) */
	char *alert_spend;      /* spend_without_conversion: currency units as text, "0": off */
	double alert_cpa_factor; /* 0: off */
	bool alert_budget_pace, alert_tracking;
	int alert_interval;     /* the cron interval, minutes */
	bool mail_always;       /* today: mail even when no alert fired */

	int verbosity;          /* -1 quiet, 0 normal, 1 verbose */

	/* secrets: environment or credentials file, never argv */
	char *access_token, *business_id, *account_token, *refresh_token;
	char *account_token_expires, *refresh_token_expires; /* instants, from the credentials file */
	char *app_secret, *smtp_password;
	char *credentials;      /* path of the 0600 credentials file */
};

/* Fill c from all sources. EXIT_USAGE with a message naming the culprit
 * (flag, file:line and key, environment variable) on any bad input. */
int config_load(struct config *c, int argc, char **argv, struct err *e);
void config_release(struct config *c);

/* The usage text (a man-page style synopsis). */
const char *config_usage(void);
/* --help: the synopsis, every option and every key from the table (malloc'd). */
char *config_help(void);

/* The HTTP options of the config: the one builder every API caller uses
 * (callers with their own pacing, such as triage, change qps and parallel). */
struct http_opts config_http_opts(const struct config *c);

#endif
