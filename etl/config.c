#include "etl/config.h"

#include <errno.h>
#include <getopt.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/dates.h"

static const char usage[] =
	"usage: ttreport [run | report | comments] [-c FILE] [--lookback N]\n"
	"                [--since YYYY-MM-DD --until YYYY-MM-DD] [--advertiser ID]...\n"
	"                [-o DIR] [--format xlsx,pdf,csv] [--dry-run | --apply]\n"
	"                [--mail-to ADDR]... [--api-base URL] [-q | -v]\n"
	"       ttreport classify [--rules FILE]\n"
	"       ttreport auth exchange-code CODE | auth account-code CODE | auth refresh\n"
	"       ttreport api GET|POST PATH [NAME=VALUE... | JSON]\n"
	"       ttreport --help | --version\n";

const char *config_usage(void) { return usage; }

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? xstrdup(v) : NULL;
}

static void list_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void list_add(struct strlist *l, const char *v)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(v);
}

/* Split a comma list into l (replacing it), trimming spaces. */
static void list_set(struct strlist *l, const char *csv)
{
	char *dup = xstrdup(csv), *save = NULL;

	list_clear(l);
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ' || *t == '\t')
			t++;
		size_t n = strlen(t);
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			t[--n] = '\0';
		if (*t)
			list_add(l, t);
	}
	free(dup);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_formats(const char *s, unsigned *out)
{
	struct strlist l = { 0 };
	unsigned f = 0;
	int bad = 0;

	list_set(&l, s);
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i], "xlsx") == 0)
			f |= FMT_XLSX;
		else if (strcmp(l.v[i], "pdf") == 0)
			f |= FMT_PDF;
		else if (strcmp(l.v[i], "csv") == 0)
			f |= FMT_CSV;
		else
			bad = 1;
	}
	list_clear(&l);
	if (bad || !f)
		return -1;
	*out = f;
	return 0;
}

/* One setting by its config-file name ("section.key"). Used for the file, the
 * environment and the command line alike. 0, or -1 with *why set. */
static int apply_key(struct config *c, const char *key, const char *val, const char **why)
{
	long n;

#define INT_KEY(name, lo, hi, field)                                                      \
	if (strcmp(key, name) == 0) {                                                     \
		if (parse_int(val, lo, hi, &n))                                           \
			return *why = "expected a whole number from " #lo " to " #hi, -1; \
		c->field = (__typeof__(c->field))n;                                           \
		return 0;                                                                 \
	}
#define STR_KEY(name, field)              \
	if (strcmp(key, name) == 0) {     \
		set_str(&c->field, val);  \
		return 0;                 \
	}
	INT_KEY("report.lookback", 1, 365, lookback)
	INT_KEY("report.provisional_days", 0, 30, provisional_days)
	INT_KEY("report.min_spend", 0, 1000000000, min_spend)
	INT_KEY("api.parallel", 1, 64, parallel)
	INT_KEY("api.max_tries", 1, 20, max_tries)
	INT_KEY("api.retry_base_ms", 1, 600000, retry_base_ms)
	INT_KEY("api.retry_max_ms", 1, 3600000, retry_max_ms)
	INT_KEY("triage.max_replies", 0, 10000, max_replies)
	INT_KEY("triage.max_hides", 0, 10000, max_hides)
	INT_KEY("triage.days", 1, 365, comment_days)
	INT_KEY("triage.read_parallel", 1, 16, read_parallel)
	INT_KEY("triage.max_videos", 0, 100000, max_videos)
	INT_KEY("triage.write_tries", 1, 10, write_tries)
	STR_KEY("report.out", outdir)
	STR_KEY("report.font", font)
	STR_KEY("api.base", api_base)
	STR_KEY("api.app_id", app_id)
	STR_KEY("api.credentials", credentials)
	STR_KEY("api.redirect_uri", redirect_uri)
	STR_KEY("triage.rules", rules)
	STR_KEY("triage.replies", replies)
	STR_KEY("mail.smtp_url", smtp_url)
	STR_KEY("mail.smtp_user", smtp_user)
	STR_KEY("mail.from", mail_from)
#undef INT_KEY
#undef STR_KEY
	if (strcmp(key, "api.timeout") == 0) {
		if (parse_int(val, 1, 3600, &n))
			return *why = "expected seconds from 1 to 3600", -1;
		c->timeout_ms = n * 1000;
		return 0;
	}
	if (strcmp(key, "triage.read_qps") == 0 || strcmp(key, "triage.write_qps") == 0) {
		char *end;
		double q = strtod(val, &end);
		if (end == val || *end || !(q > 0 && q <= 100))
			return *why = "expected requests per second, above 0 and at most 100", -1;
		*(key[7] == 'r' ? &c->read_qps : &c->write_qps) = q;
		return 0;
	}
	if (strcmp(key, "api.qps") == 0) {
		if (parse_int(val, 1, 1000, &n))
			return *why = "expected a whole number from 1 to 1000", -1;
		c->qps = (double)n;
		return 0;
	}
	if (strcmp(key, "report.since") == 0 || strcmp(key, "report.until") == 0) {
		int d;
		if (date_parse(val, &d))
			return *why = "expected a real date YYYY-MM-DD", -1;
		if (key[7] == 's')
			c->since = d;
		else
			c->until = d;
		c->have_range = true;
		return 0;
	}
	if (strcmp(key, "report.advertisers") == 0)
		return list_set(&c->advertisers, val), 0;
	if (strcmp(key, "mail.to") == 0)
		return list_set(&c->mail_to, val), 0;
	if (strcmp(key, "report.format") == 0) {
		if (parse_formats(val, &c->formats))
			return *why = "expected a comma list of xlsx, pdf, csv", -1;
		return 0;
	}
	if (strcmp(key, "triage.mode") == 0) {
		if (strcmp(val, "apply") == 0)
			c->apply = true;
		else if (strcmp(val, "dry-run") == 0)
			c->apply = false;
		else
			return *why = "expected apply or dry-run", -1;
		return 0;
	}
	if (strcmp(key, "log.level") == 0) {
		if (!strcmp(val, "quiet"))
			c->verbosity = -1;
		else if (!strcmp(val, "normal"))
			c->verbosity = 0;
		else if (!strcmp(val, "verbose"))
			c->verbosity = 1;
		else
			return *why = "expected quiet, normal or verbose", -1;
		return 0;
	}
	*why = "unknown key";
	return -1;
}

/* inih here is built without line numbers: count them with our own reader. */
struct line_reader {
	FILE *fp;
	int line;
};

static char *read_line(char *str, int num, void *stream)
{
	struct line_reader *r = stream;
	char *s = fgets(str, num, r->fp);
	if (s)
		r->line++;
	return s;
}

/* One parse of the config or the credentials file. */
struct file_ctx {
	struct line_reader rd;
	struct config *c;
	const char *path;
	struct err *e;
	bool failed;
};

static int on_ini(void *ud, const char *section, const char *name, const char *value)
{
	struct file_ctx *f = ud;
	int line = f->rd.line;
	char key[128];
	const char *why = NULL;

	if (f->failed)
		return 0;
	if (!*section) {
		errf(f->e, EXIT_USAGE, "%s:%d: %s: key outside any [section]", f->path, line, name);
		f->failed = true;
		return 0;
	}
	snprintf(key, sizeof(key), "%s.%s", section, name);
	if (apply_key(f->c, key, value, &why)) {
		/* an unknown key may be a misplaced secret: never echo its value */
		if (strcmp(why, "unknown key") == 0)
			errf(f->e, EXIT_USAGE, "%s:%d: %s: unknown key%s", f->path, line, key,
			     strstr(name, "token") || strstr(name, "secret") || strstr(name, "password")
				     ? " (secrets go in the environment or the api.credentials file)"
				     : "");
		else
			errf(f->e, EXIT_USAGE, "%s:%d: %s: %s (value '%s')", f->path, line, key, why, value);
		f->failed = true;
		return 0;
	}
	return 1;
}

static int load_file(struct config *c, const char *path, struct err *e)
{
	struct file_ctx f = { { NULL, 0 }, c, path, e, false };
	FILE *fp = fopen(path, "r");
	int rc;

	if (!fp)
		return errf(e, EXIT_USAGE, "%s: %s", path, strerror(errno));
	f.rd.fp = fp;
	rc = ini_parse_stream(read_line, &f.rd, on_ini, &f);
	fclose(fp);
	if (f.failed)
		return EXIT_USAGE;
	if (rc > 0)
		return errf(e, EXIT_USAGE, "%s:%d: not a 'key = value' line or [section]", path, rc);
	if (rc < 0)
		return errf(e, EXIT_USAGE, "%s: cannot read", path);
	set_str(&c->config_path, path);
	return 0;
}

/* Secrets: the names of design.md, from the environment or the credentials file. */
static const struct {
	const char *name;
	size_t off;
} secret_vars[] = {
	{ "TIKTOK_ACCESS_TOKEN", offsetof(struct config, access_token) },
	{ "TIKTOK_BUSINESS_ID", offsetof(struct config, business_id) },
	{ "TIKTOK_ACCOUNT_TOKEN", offsetof(struct config, account_token) },
	{ "TIKTOK_REFRESH_TOKEN", offsetof(struct config, refresh_token) },
	{ "TIKTOK_APP_ID", offsetof(struct config, app_id) },
	{ "TIKTOK_APP_SECRET", offsetof(struct config, app_secret) },
	{ "TTREPORT_SMTP_PASSWORD", offsetof(struct config, smtp_password) },
	{ "TTREPORT_SMTP_URL", offsetof(struct config, smtp_url) },
	{ "TTREPORT_SMTP_USER", offsetof(struct config, smtp_user) },
	{ "TTREPORT_MAIL_FROM", offsetof(struct config, mail_from) },
	{ "TTREPORT_API_BASE", offsetof(struct config, api_base) },
};

static char **secret_slot(struct config *c, const char *name)
{
	for (size_t i = 0; i < sizeof(secret_vars) / sizeof(secret_vars[0]); i++)
		if (strcmp(secret_vars[i].name, name) == 0)
			return (char **)((char *)c + secret_vars[i].off);
	return NULL;
}

static int on_cred(void *ud, const char *section, const char *name, const char *value)
{
	struct file_ctx *f = ud;
	int line = f->rd.line;
	char **slot = secret_slot(f->c, name);

	if (f->failed)
		return 0;
	if (!*section && strcmp(name, "TIKTOK_ADVERTISER_IDS") == 0) {
		list_set(&f->c->advertisers, value);
		return 1;
	}
	if (*section || !slot) {
		/* never echo the value: it may be a secret */
		errf(f->e, EXIT_USAGE, "%s:%d: unknown key '%s'", f->path, line, name);
		f->failed = true;
		return 0;
	}
	set_str(slot, value);
	return 1;
}

static int load_credentials(struct config *c, struct err *e)
{
	struct file_ctx f = { { NULL, 0 }, c, c->credentials, e, false };
	struct stat st;
	FILE *fp;
	int rc;

	if (!(fp = fopen(c->credentials, "r"))) {
		/* `auth` creates the file it names */
		if (errno == ENOENT && c->cmd == CMD_AUTH)
			return 0;
		return errf(e, EXIT_USAGE, "%s: %s", c->credentials, strerror(errno));
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		return errf(e, EXIT_USAGE, "%s: credentials file is not a regular file", c->credentials);
	}
	if (st.st_mode & 077) {
		fclose(fp);
		return errf(e, EXIT_USAGE,
			    "%s: credentials file is open to group or others (mode %03o); chmod 600 it",
			    c->credentials, (unsigned)(st.st_mode & 0777));
	}
	f.rd.fp = fp;
	rc = ini_parse_stream(read_line, &f.rd, on_cred, &f);
	fclose(fp);
	if (f.failed)
		return EXIT_USAGE;
	if (rc != 0)
		return errf(e, EXIT_USAGE, "%s:%d: not a 'NAME = value' line", c->credentials, rc);
	return 0;
}

static void defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->lookback = 3;
	c->formats = FMT_XLSX | FMT_PDF;
	c->provisional_days = 2;
	c->qps = 10;
	c->parallel = 8;
	c->timeout_ms = 60000;
	c->max_tries = 8;
	c->retry_base_ms = 500;
	c->retry_max_ms = 30000;
	c->max_replies = 50;
	c->max_hides = 100;
	c->read_qps = 0.6;
	c->write_qps = 0.5;
	c->read_parallel = 4;
	c->write_tries = 3;
	set_str(&c->outdir, "out");
	set_str(&c->api_base, "https://business-api.tiktok.com/open_api/v1.3/");
}

static const struct {
	const char *cmd;
	enum command c;
} commands[] = {
	{ "run", CMD_RUN },	      { "report", CMD_REPORT }, { "comments", CMD_COMMENTS },
	{ "classify", CMD_CLASSIFY }, { "auth", CMD_AUTH },     { "api", CMD_API },
};

enum { O_LOOKBACK = 256, O_SINCE, O_UNTIL, O_ADV, O_FORMAT, O_DRY, O_APPLY, O_MAIL, O_BASE, O_RULES };

static const struct option long_opts[] = {
	{ "config", required_argument, NULL, 'c' },  { "lookback", required_argument, NULL, O_LOOKBACK },
	{ "since", required_argument, NULL, O_SINCE }, { "until", required_argument, NULL, O_UNTIL },
	{ "advertiser", required_argument, NULL, O_ADV }, { "out", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, O_FORMAT }, { "dry-run", no_argument, NULL, O_DRY },
	{ "apply", no_argument, NULL, O_APPLY },      { "mail-to", required_argument, NULL, O_MAIL },
	{ "api-base", required_argument, NULL, O_BASE }, { "rules", required_argument, NULL, O_RULES },
	{ "quiet", no_argument, NULL, 'q' },          { "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },           { "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The config file named by -c, found before anything else is applied. */
static const char *find_config_arg(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "-c") || !strcmp(argv[i], "--config")) && i + 1 < argc)
			return argv[i + 1];
		if (!strncmp(argv[i], "--config=", 9))
			return argv[i] + 9;
		if (!strncmp(argv[i], "-c", 2) && argv[i][2])
			return argv[i] + 2;
		if (!strcmp(argv[i], "--"))
			break;
	}
	return NULL;
}

int config_load(struct config *c, int argc, char **argv, struct err *e)
{
	const char *cfg = find_config_arg(argc, argv);
	int opt, first = 1, rc, ac;
	char **av;
	bool cli_range = false, cli_lookback = false;
	int cli_since = 0, cli_until = 0;
	bool cli_adv = false, cli_mail = false;
	const char *cli_since_s = NULL, *cli_until_s = NULL;

	defaults(c);
	/* the command: the first argument when it is a word */
	if (argc > 1 && argv[1][0] != '-') {
		size_t i;
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[1], commands[i].cmd) == 0)
				break;
		if (i == sizeof(commands) / sizeof(commands[0]))
			return errf(e, EXIT_USAGE, "unknown command '%s'", argv[1]);
		c->cmd = commands[i].c;
		first = 2;
	}

	/* 1. config file: -c, else ./ttreport.conf, else /etc/ttreport.conf */
	if (cfg) {
		if ((rc = load_file(c, cfg, e)))
			return rc;
	} else if (access("ttreport.conf", F_OK) == 0) {
		if ((rc = load_file(c, "ttreport.conf", e)))
			return rc;
	} else if (access("/etc/ttreport.conf", F_OK) == 0) {
		if ((rc = load_file(c, "/etc/ttreport.conf", e)))
			return rc;
	}

	/* 1b. the credentials file it names (secrets; the environment beats it) */
	if (c->credentials && (rc = load_credentials(c, e)))
		return rc;

	/* 2. environment */
	for (size_t i = 0; i < sizeof(secret_vars) / sizeof(secret_vars[0]); i++) {
		const char *v = getenv(secret_vars[i].name);
		if (v && *v)
			set_str((char **)((char *)c + secret_vars[i].off), v);
	}
	if (getenv("TIKTOK_ADVERTISER_IDS") && *getenv("TIKTOK_ADVERTISER_IDS"))
		list_set(&c->advertisers, getenv("TIKTOK_ADVERTISER_IDS"));

	/* 3. command line */
	/* optind = 0 makes glibc forget everything of an earlier parse (a half-read
	 * "-qx" cluster points into the old argv); av[0] stands for the program. */
	av = argv + first - 1;
	ac = argc - first + 1;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(ac, av, ":c:o:qvh", long_opts, NULL)) != -1) {
		const char *why = NULL;
		switch (opt) {
		case 'c':
			break;
		case 'o':
			set_str(&c->outdir, optarg);
			break;
		case 'q':
			c->verbosity = -1;
			break;
		case 'v':
			c->verbosity = 1;
			break;
		case 'h':
			c->cmd = CMD_HELP;
			return 0;
		case 'V':
			c->cmd = CMD_VERSION;
			return 0;
		case O_LOOKBACK:
			if (apply_key(c, "report.lookback", optarg, &why))
				return errf(e, EXIT_USAGE, "--lookback %s: %s", optarg, why);
			cli_lookback = true;
			break;
		case O_SINCE:
		case O_UNTIL:
			if (date_parse(optarg, opt == O_SINCE ? &cli_since : &cli_until))
				return errf(e, EXIT_USAGE, "--%s %s: not a real date YYYY-MM-DD",
					    opt == O_SINCE ? "since" : "until", optarg);
			*(opt == O_SINCE ? &cli_since_s : &cli_until_s) = optarg;
			cli_range = true;
			break;
		case O_ADV: /* the command line's list replaces the file's and the environment's */
			if (!cli_adv)
				list_clear(&c->advertisers);
			cli_adv = true;
			list_add(&c->advertisers, optarg);
			break;
		case O_FORMAT:
			if (parse_formats(optarg, &c->formats))
				return errf(e, EXIT_USAGE, "--format %s: expected a comma list of xlsx, pdf, csv", optarg);
			break;
		case O_DRY:
			c->apply = false;
			break;
		case O_APPLY:
			c->apply = true;
			break;
		case O_MAIL:
			if (!cli_mail)
				list_clear(&c->mail_to);
			cli_mail = true;
			list_add(&c->mail_to, optarg);
			break;
		case O_BASE:
			set_str(&c->api_base, optarg);
			break;
		case O_RULES:
			set_str(&c->rules, optarg);
			break;
		case ':':
			if (optopt && optopt < 256)
				return errf(e, EXIT_USAGE, "-%c needs a value", optopt);
			return errf(e, EXIT_USAGE, "%s needs a value", av[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return errf(e, EXIT_USAGE, "unknown option '-%c'", optopt);
			return errf(e, EXIT_USAGE, "unknown option '%s'", av[optind - 1]);
		}
	}
	c->args = av + optind;
	c->nargs = ac - optind;
	if (c->nargs && c->cmd != CMD_AUTH && c->cmd != CMD_API) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (first == 1 && strcmp(c->args[0], commands[i].cmd) == 0)
				return errf(e, EXIT_USAGE, "unexpected argument '%s': the command goes first",
					    c->args[0]);
		return errf(e, EXIT_USAGE, "unexpected argument '%s'", c->args[0]);
	}

	if (cli_range) {
		if (!cli_since_s || !cli_until_s)
			return errf(e, EXIT_USAGE, "--since and --until go together");
		c->have_range = true;
		c->since = cli_since;
		c->until = cli_until;
	} else if (cli_lookback) {
		c->have_range = false; /* the command line's lookback beats a file's range */
	}
	if (c->have_range) {
		if (!c->since || !c->until)
			return errf(e, EXIT_USAGE, "%s: report.since and report.until go together",
				    c->config_path ? c->config_path : "config");
		if (c->since > c->until) {
			char s[11], u[11];
			if (cli_range)
				return errf(e, EXIT_USAGE, "--since %s is after --until %s",
					    date_format(c->since, s), date_format(c->until, u));
			return errf(e, EXIT_USAGE, "%s: report.since %s is after report.until %s",
				    c->config_path ? c->config_path : "config",
				    date_format(c->since, s), date_format(c->until, u));
		}
		if (c->until - c->since + 1 > 3660)
			return errf(e, EXIT_USAGE, "the window is longer than 10 years");
	}
	if (!c->comment_days)
		c->comment_days = c->lookback;
	if (strncmp(c->api_base, "http://", 7) && strncmp(c->api_base, "https://", 8))
		return errf(e, EXIT_USAGE, "api base '%s' is not an http(s) URL", c->api_base);
	if (c->api_base[strlen(c->api_base) - 1] != '/') {
		char *b = xmalloc(strlen(c->api_base) + 2);
		sprintf(b, "%s/", c->api_base);
		free(c->api_base);
		c->api_base = b;
	}
	if (c->mail_to.n && (c->cmd == CMD_RUN || c->cmd == CMD_REPORT)) {
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
	}
	for (size_t i = 0; i < c->advertisers.n; i++)
		for (const char *p = c->advertisers.v[i]; *p; p++)
			if (*p < '0' || *p > '9')
				return errf(e, EXIT_USAGE, "advertiser id '%s' is not a number", c->advertisers.v[i]);
	return 0;
}

void config_release(struct config *c)
{
	char **strs[] = { &c->config_path, &c->outdir, &c->font, &c->api_base, &c->app_id,
			  &c->rules, &c->replies, &c->smtp_url, &c->smtp_user, &c->mail_from,
			  &c->access_token, &c->business_id, &c->account_token, &c->refresh_token,
			  &c->app_secret, &c->smtp_password, &c->credentials, &c->redirect_uri };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		free(*strs[i]);
		*strs[i] = NULL;
	}
	list_clear(&c->advertisers);
	list_clear(&c->mail_to);
}
