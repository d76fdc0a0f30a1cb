/* Unit tests for config.c: precedence (file < environment < command line),
 * the credentials file (parsing, 0600 rule, environment beats it), and error
 * messages that name the file, line and key, the flag or the variable, and
 * each type of row of the settings table (etl/config.def). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "etl/config.h"
#include "core/dates.h"

static char dir[256];

static const char *const env_names[] = {
	"TIKTOK_ACCESS_TOKEN", "TIKTOK_ADVERTISER_IDS", "TIKTOK_BUSINESS_ID", "TIKTOK_ACCOUNT_TOKEN",
	"TIKTOK_REFRESH_TOKEN", "TIKTOK_APP_ID", "TIKTOK_APP_SECRET", "TTREPORT_SMTP_PASSWORD",
	"TTREPORT_SMTP_URL", "TTREPORT_SMTP_USER", "TTREPORT_MAIL_FROM", "TTREPORT_API_BASE",
};

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof(dir), "%s/ttcfg.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
	return chdir(dir); /* no ./ttreport.conf here */
}

static int teardown(void **st)
{
	char cmd[300];
	(void)st;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *text, int mode)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	FILE *fp;

	snprintf(p, 512, "%s/%s", dir, name);
	unlink(p);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	chmod(p, (mode_t)mode);
	return p;
}

/* config_load on a NULL-terminated argv list. */
static int load(struct config *c, struct err *e, ...)
{
	static char *argv[32]; /* c->args points into it */
	int argc = 0;
	va_list ap;

	argv[argc++] = "ttreport";
	va_start(ap, e);
	for (char *a; (a = va_arg(ap, char *)) && argc < 31;)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	memset(e, 0, sizeof(*e));
	return config_load(c, argc, argv, e);
}

/* A parse that stops inside a short-option cluster ("-qx") must not leave
 * getopt pointing into that argv for the next parse (found by fuzz_config). */
static void second_parse_after_cluster(void **st)
{
	char a0[] = "ttreport", a1[] = "report", a2[] = "-qx";
	char b0[] = "ttreport", b1[] = "report", b2[] = "-v";
	char *first[] = { a0, a1, a2, NULL }, *second[] = { b0, b1, b2, NULL };
	struct config c;
	struct err e = { 0 };
	(void)st;
	assert_int_equal(config_load(&c, 3, first, &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "-x"));
	config_release(&c);
	a2[1] = a2[2] = '#'; /* the old argv changes: a stale pointer would see it */
	memset(&e, 0, sizeof(e));
	assert_int_equal(config_load(&c, 3, second, &e), 0);
	assert_int_equal(c.cmd, CMD_REPORT);
	assert_int_equal(c.verbosity, 1);
	config_release(&c);
}

static void defaults_without_file(void **st)
{
	struct config c;
	struct err e;
	(void)st;
	assert_int_equal(load(&c, &e, NULL), 0);
	assert_int_equal(c.cmd, CMD_RUN);
	assert_int_equal(c.lookback, 3);
	assert_int_equal(c.formats, FMT_XLSX | FMT_PDF);
	assert_string_equal(c.outdir, "out");
	assert_string_equal(c.api_base, "https://business-api.tiktok.com/open_api/v1.3/");
	assert_false(c.apply);
	assert_null(c.config_path);
	assert_int_equal(c.comment_days, 3);
	config_release(&c);
}

static void precedence_file_env_argv(void **st)
{
	struct config c;
	struct err e;
	const char *f = write_file("p.conf",
				   "; comment\n[report]\nlookback = 5\nout = from-file\nformat = csv\n"
				   "advertisers = 111, 222\n[api]\nbase = http://file.example/x\n"
				   "[mail]\nto = a@x.example\nsmtp_url = smtp://file.example:25\n"
				   "from = file@x.example\n[triage]\nmode = apply\n",
				   0644);
	(void)st;

	/* file only */
	assert_int_equal(load(&c, &e, "report", "-c", f, NULL), 0);
	assert_int_equal(c.cmd, CMD_REPORT);
	assert_int_equal(c.lookback, 5);
	assert_string_equal(c.outdir, "from-file");
	assert_int_equal(c.formats, FMT_CSV);
	assert_int_equal(c.advertisers.n, 2);
	assert_string_equal(c.advertisers.v[1], "222");
	assert_string_equal(c.api_base, "http://file.example/x/"); /* slash added */
	assert_string_equal(c.smtp_url, "smtp://file.example:25");
	assert_true(c.apply);
	assert_string_equal(c.config_path, f);
	config_release(&c);

	/* the environment beats the file */
	setenv("TIKTOK_ADVERTISER_IDS", "333", 1);
	setenv("TTREPORT_API_BASE", "http://env.example/", 1);
	setenv("TTREPORT_SMTP_URL", "smtps://env.example:465", 1);
	setenv("TTREPORT_MAIL_FROM", "env@x.example", 1);
	assert_int_equal(load(&c, &e, "report", "-c", f, NULL), 0);
	assert_int_equal(c.advertisers.n, 1);
	assert_string_equal(c.advertisers.v[0], "333");
	assert_string_equal(c.api_base, "http://env.example/");
	assert_string_equal(c.smtp_url, "smtps://env.example:465");
	assert_string_equal(c.mail_from, "env@x.example");
	config_release(&c);

	/* the command line beats both; its lists replace theirs */
	assert_int_equal(load(&c, &e, "report", "-c", f, "--lookback", "7", "-o", "cli", "--format",
			      "xlsx,pdf", "--advertiser", "444", "--advertiser", "555", "--api-base",
			      "http://cli.example", "--mail-to", "b@y.example", "--dry-run", "-q", NULL),
			 0);
	assert_int_equal(c.lookback, 7);
	assert_string_equal(c.outdir, "cli");
	assert_int_equal(c.formats, FMT_XLSX | FMT_PDF);
	assert_int_equal(c.advertisers.n, 2);
	assert_string_equal(c.advertisers.v[0], "444");
	assert_string_equal(c.advertisers.v[1], "555");
	assert_string_equal(c.api_base, "http://cli.example/");
	assert_int_equal(c.mail_to.n, 1);
	assert_string_equal(c.mail_to.v[0], "b@y.example");
	assert_false(c.apply);
	assert_int_equal(c.verbosity, -1);
	config_release(&c);
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
}

static void range_rules(void **st)
{
	struct config c;
	struct err e;
	const char *f = write_file("r.conf", "[report]\nsince = 2026-01-01\nuntil = 2026-01-31\n", 0644);
	(void)st;

	assert_int_equal(load(&c, &e, "-c", f, NULL), 0);
	assert_true(c.have_range);
	assert_int_equal(c.since, days_from_civil(2026, 1, 1));
	config_release(&c);
	/* --lookback on the command line beats the file's range */
	assert_int_equal(load(&c, &e, "-c", f, "--lookback", "2", NULL), 0);
	assert_false(c.have_range);
	assert_int_equal(c.lookback, 2);
	config_release(&c);
	/* --since/--until beat it */
	assert_int_equal(load(&c, &e, "-c", f, "--since", "2026-03-01", "--until", "2026-03-02", NULL), 0);
	assert_int_equal(c.until, days_from_civil(2026, 3, 2));
	config_release(&c);

	assert_int_equal(load(&c, &e, "--since", "2026-03-02", "--until", "2026-03-01", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "--since 2026-03-02 is after --until 2026-03-01");
	config_release(&c);
	assert_int_equal(load(&c, &e, "--since", "2026-02-30", "--until", "2026-03-01", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "--since 2026-02-30"));
	config_release(&c);
	assert_int_equal(load(&c, &e, "--since", "2026-03-01", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "go together"));
	config_release(&c);
	f = write_file("r2.conf", "[report]\nsince = 2026-02-01\nuntil = 2026-01-31\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "report.since 2026-02-01 is after report.until"));
	assert_non_null(strstr(e.msg, f));
	config_release(&c);
}

static void file_errors_name_file_line_key(void **st)
{
	struct config c;
	struct err e;
	char want[600];
	const char *f;
	(void)st;

	f = write_file("u.conf", "[report]\nlookback = 3\n\n[report]\nlookbak = 4\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	snprintf(want, sizeof(want), "%s:5: report.lookbak: unknown key", f);
	assert_string_equal(e.msg, want);
	config_release(&c);

	f = write_file("v.conf", "[api]\nqps = 10\nparallel = lots\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	snprintf(want, sizeof(want), "%s:3: api.parallel: expected a whole number from 1 to 64 (value 'lots')", f);
	assert_string_equal(e.msg, want);
	config_release(&c);

	f = write_file("w.conf", "[report]\nlookback = 0\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: report.lookback: expected a whole number from 1 to 365"));
	config_release(&c);

	f = write_file("x.conf", "[report]\nformat = xlsx,doc\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: report.format: expected a comma list of xlsx, pdf, csv"));
	config_release(&c);

	f = write_file("y.conf", "[report]\nthis line has no equals sign\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	snprintf(want, sizeof(want), "%s:2:", f);
	assert_non_null(strstr(e.msg, want));
	config_release(&c);

	/* a secret in the config file: refused, and its value never echoed */
	f = write_file("z.conf", "[api]\naccess_token = s3cr3t-value\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: api.access_token: unknown key"));
	assert_non_null(strstr(e.msg, "credentials"));
	assert_null(strstr(e.msg, "s3cr3t"));
	config_release(&c);

	f = write_file("s.conf", "lookback = 3\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":1: lookback: key outside any [section]"));
	config_release(&c);

	assert_int_equal(load(&c, &e, "-c", "/nonexistent/tt.conf", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "/nonexistent/tt.conf: No such file or directory");
	config_release(&c);
}

static void argv_errors(void **st)
{
	struct config c;
	struct err e;
	(void)st;

	assert_int_equal(load(&c, &e, "--bogus", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "unknown option '--bogus'");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "-x", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "unknown option '-x'");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--lookback", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "--lookback needs a value");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "-o", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "-o needs a value");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--lookback", "0", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "--lookback 0: expected a whole number from 1 to 365");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--format", "docx", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "--format docx"));
	config_release(&c);
	assert_int_equal(load(&c, &e, "frobnicate", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "unknown command 'frobnicate'");
	config_release(&c);
	assert_int_equal(load(&c, &e, "-q", "report", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "the command goes first"));
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--advertiser", "12ab", NULL), EXIT_USAGE);
	assert_string_equal(e.msg, "advertiser id '12ab' is not a number");
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--api-base", "ftp://x/", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "ftp://x/"));
	config_release(&c);
	assert_int_equal(load(&c, &e, "--version", NULL), 0);
	assert_int_equal(c.cmd, CMD_VERSION);
	config_release(&c);
	assert_int_equal(load(&c, &e, "report", "--help", NULL), 0);
	assert_int_equal(c.cmd, CMD_HELP);
	config_release(&c);
	/* api and auth keep their arguments; options may follow them */
	assert_int_equal(load(&c, &e, "api", "GET", "advertiser/info/", "a=b", "-q", NULL), 0);
	assert_int_equal(c.cmd, CMD_API);
	assert_int_equal(c.nargs, 3);
	assert_string_equal(c.args[2], "a=b");
	assert_int_equal(c.verbosity, -1);
	config_release(&c);
}

static void mail_checked_at_load(void **st)
{
	struct config c;
	struct err e;
	(void)st;

	assert_int_equal(load(&c, &e, "report", "--mail-to", "a@x.example", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "TTREPORT_SMTP_URL"));
	config_release(&c);
	setenv("TTREPORT_SMTP_URL", "http://x.example", 1);
	assert_int_equal(load(&c, &e, "report", "--mail-to", "a@x.example", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "smtp://"));
	config_release(&c);
	setenv("TTREPORT_SMTP_URL", "smtp://127.0.0.1:2525", 1);
	assert_int_equal(load(&c, &e, "report", "--mail-to", "a@x.example\r\nBcc: z@evil", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "not a plain address"));
	config_release(&c);
	setenv("TTREPORT_SMTP_USER", "u", 1);
	assert_int_equal(load(&c, &e, "report", "--mail-to", "a@x.example", NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "TTREPORT_SMTP_PASSWORD"));
	config_release(&c);
	setenv("TTREPORT_SMTP_PASSWORD", "pw", 1);
	assert_int_equal(load(&c, &e, "report", "--mail-to", "a@x.example", NULL), 0);
	assert_string_equal(c.smtp_password, "pw");
	config_release(&c);
	unsetenv("TTREPORT_SMTP_URL");
	unsetenv("TTREPORT_SMTP_USER");
	unsetenv("TTREPORT_SMTP_PASSWORD");
}

static void credentials_file(void **st)
{
	struct config c;
	struct err e;
	char conf[700];
	const char *cred, *f;
	(void)st;

	cred = write_file("cred", "# tokens\nTIKTOK_ACCESS_TOKEN = file-token\nTIKTOK_APP_SECRET = file-secret\n"
				  "TIKTOK_ADVERTISER_IDS = 1,2,3\nTTREPORT_SMTP_PASSWORD = file-pw\n",
			  0600);
	snprintf(conf, sizeof(conf), "[api]\ncredentials = %s\n", cred);
	f = write_file("c.conf", conf, 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), 0);
	assert_string_equal(c.access_token, "file-token");
	assert_string_equal(c.app_secret, "file-secret");
	assert_string_equal(c.smtp_password, "file-pw");
	assert_int_equal(c.advertisers.n, 3);
	config_release(&c);

	/* the environment beats the file, the command line beats both */
	setenv("TIKTOK_ACCESS_TOKEN", "env-token", 1);
	assert_int_equal(load(&c, &e, "-c", f, "--advertiser", "9", NULL), 0);
	assert_string_equal(c.access_token, "env-token");
	assert_int_equal(c.advertisers.n, 1);
	config_release(&c);
	unsetenv("TIKTOK_ACCESS_TOKEN");

	/* group- or world-readable: refused, naming the file and the mode */
	chmod(cred, 0640);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, cred));
	assert_non_null(strstr(e.msg, "mode 640"));
	assert_non_null(strstr(e.msg, "chmod 600"));
	config_release(&c);
	chmod(cred, 0604);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	config_release(&c);

	/* an unknown name: file, line and name, never the value */
	cred = write_file("cred", "TIKTOK_ACCESS_TOKEN = t\nTIKTOK_ACESS_TOKEN = leaked\n", 0600);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	snprintf(conf, sizeof(conf), "%s:2: unknown key 'TIKTOK_ACESS_TOKEN'", cred);
	assert_string_equal(e.msg, conf);
	config_release(&c);

	/* missing: an error for a report, fine for `auth` (which creates it) */
	unlink(cred);
	assert_int_equal(load(&c, &e, "report", "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "No such file"));
	config_release(&c);
	assert_int_equal(load(&c, &e, "auth", "refresh", "-c", f, NULL), 0);
	assert_int_equal(c.cmd, CMD_AUTH);
	config_release(&c);
}

/* Every row's default is what a load without any source gives; the HTTP
 * options come from the same settings. */
static void table_defaults_and_http_opts(void **st)
{
	struct config c;
	struct err e;
	struct http_opts ho;
	(void)st;

	assert_int_equal(load(&c, &e, NULL), 0);
	assert_int_equal(c.provisional_days, 2);
	assert_int_equal(c.min_spend, 0);
	assert_true(c.qps == 10.0);
	assert_int_equal(c.parallel, 8);
	assert_int_equal(c.timeout_ms, 60000);
	assert_int_equal(c.max_tries, 8);
	assert_int_equal(c.retry_base_ms, 500);
	assert_int_equal(c.retry_max_ms, 30000);
	assert_int_equal(c.max_replies, 50);
	assert_int_equal(c.max_hides, 100);
	assert_true(c.read_qps == 0.6 && c.write_qps == 0.5);
	assert_int_equal(c.read_parallel, 4);
	assert_int_equal(c.max_videos, 0);
	assert_int_equal(c.write_tries, 3);
	assert_int_equal(c.verbosity, 0);
	assert_null(c.font);
	assert_null(c.rules);
	ho = config_http_opts(&c);
	assert_true(ho.qps == 10.0);
	assert_int_equal(ho.parallel, 8);
	assert_int_equal(ho.timeout_ms, 60000);
	assert_int_equal(ho.retry_base_ms, 500);
	assert_int_equal(ho.retry_max_ms, 30000);
	assert_int_equal(ho.max_body, HTTP_MAX_BODY);
	config_release(&c);
}

/* Each type of row: its parse, its store and its message. */
static void table_types(void **st)
{
	struct config c;
	struct err e;
	char want[600];
	const char *f = write_file("t.conf",
				   "[api]\ntimeout = 5\nqps = 3\nretry_max_ms = 7000\n[triage]\nread_qps = 0.25\n"
				   "days = 9\nmode = apply\n[log]\nlevel = verbose\n[report]\nmin_spend = 1000000000\n",
				   0644);
	(void)st;

	assert_int_equal(load(&c, &e, "-c", f, NULL), 0);
	assert_int_equal(c.timeout_ms, 5000);
	assert_true(c.qps == 3.0);
	assert_int_equal(c.retry_max_ms, 7000);
	assert_true(c.read_qps == 0.25);
	assert_int_equal(c.comment_days, 9);
	assert_true(c.apply);
	assert_int_equal(c.verbosity, 1);
	assert_int_equal(c.min_spend, 1000000000L);
	config_release(&c);
	/* flags set another row's key; the last one wins */
	assert_int_equal(load(&c, &e, "-c", f, "--dry-run", "-q", NULL), 0);
	assert_false(c.apply);
	assert_int_equal(c.verbosity, -1);
	config_release(&c);
	assert_int_equal(load(&c, &e, "--dry-run", "--apply", "-q", "-v", NULL), 0);
	assert_true(c.apply);
	assert_int_equal(c.verbosity, 1);
	config_release(&c);

	f = write_file("t1.conf", "[triage]\nwrite_qps = 0\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	snprintf(want, sizeof(want),
		 "%s:2: triage.write_qps: expected requests per second, above 0 and at most 100 (value '0')", f);
	assert_string_equal(e.msg, want);
	config_release(&c);
	f = write_file("t2.conf", "[api]\ntimeout = 3601\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: api.timeout: expected seconds from 1 to 3600 (value '3601')"));
	config_release(&c);
	f = write_file("t3.conf", "[log]\nlevel = loud\n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: log.level: expected quiet, normal or verbose (value 'loud')"));
	config_release(&c);
	f = write_file("t4.conf", "[report]\nformat = \n", 0644);
	assert_int_equal(load(&c, &e, "-c", f, NULL), EXIT_USAGE);
	assert_non_null(strstr(e.msg, ":2: report.format: expected a comma list of xlsx, pdf, csv"));
	config_release(&c);
}

/* [alerts] (ttreport today): decimals kept as text or as numbers, on/off,
 * the flag --mail-always, and bad decimals named with file, line and key. */
static void alerts_rows(void **st)
{
	struct config c;
	struct err e;
	const char *f = write_file("a.conf",
				   "[alerts]\nspend_without_conversion = 150.5\ncpa_factor = 2.5\n"
				   "budget_pace = off\ntracking_gone = on\ninterval = 30\n", 0644);
	(void)st;

	assert_int_equal(load(&c, &e, "today", NULL), 0);
	assert_int_equal(c.cmd, CMD_TODAY);
	assert_string_equal(c.alert_spend, "0");
	assert_true(c.alert_cpa_factor == 2.0);
	assert_true(c.alert_budget_pace && c.alert_tracking && !c.mail_always);
	assert_int_equal(c.alert_interval, 60);
	config_release(&c);
	assert_int_equal(load(&c, &e, "today", "-c", f, "--mail-always", NULL), 0);
	assert_string_equal(c.alert_spend, "150.5");
	assert_true(c.alert_cpa_factor == 2.5);
	assert_false(c.alert_budget_pace);
	assert_int_equal(c.alert_interval, 30);
	assert_true(c.mail_always);
	config_release(&c);
	for (int i = 0; i < 4; i++) {
		static const char *const bad[] = { "abc", "-1", "1.", "1e3" };
		char text[80];
		snprintf(text, sizeof(text), "[alerts]\ncpa_factor = %s\n", bad[i]);
		f = write_file("b.conf", text, 0644);
		assert_int_equal(load(&c, &e, "today", "-c", f, NULL), EXIT_USAGE);
		assert_non_null(strstr(e.msg, ":2: alerts.cpa_factor: expected a decimal number from 0 to 1000"));
		config_release(&c);
	}
}

/* Every row with an environment name is read from the environment and from
 * the credentials file alike. */
static void environment_names_in_credentials(void **st)
{
	struct config c;
	struct err e;
	char conf[700];
	const char *cred = write_file("cred2",
				      "TTREPORT_SMTP_USER = u\nTTREPORT_MAIL_FROM = f@x.example\nTIKTOK_APP_ID = 42\n"
				      "TTREPORT_API_BASE = http://cred.example\nTIKTOK_BUSINESS_ID = b\n",
				      0600);
	(void)st;

	snprintf(conf, sizeof(conf), "[api]\ncredentials = %s\napp_id = from-file\n", cred);
	assert_int_equal(load(&c, &e, "-c", write_file("c2.conf", conf, 0644), NULL), 0);
	assert_string_equal(c.smtp_user, "u");
	assert_string_equal(c.mail_from, "f@x.example");
	assert_string_equal(c.app_id, "42"); /* the credentials file beats the config file */
	assert_string_equal(c.api_base, "http://cred.example/");
	assert_string_equal(c.business_id, "b");
	config_release(&c);
	setenv("TIKTOK_APP_ID", "43", 1);
	setenv("TTREPORT_SMTP_USER", "", 1); /* empty: unset */
	assert_int_equal(load(&c, &e, "-c", write_file("c2.conf", conf, 0644), NULL), 0);
	assert_string_equal(c.app_id, "43");
	assert_string_equal(c.smtp_user, "u");
	config_release(&c);
	unsetenv("TIKTOK_APP_ID");
	unsetenv("TTREPORT_SMTP_USER");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_without_file),
		cmocka_unit_test(second_parse_after_cluster),
		cmocka_unit_test(precedence_file_env_argv),
		cmocka_unit_test(range_rules),
		cmocka_unit_test(file_errors_name_file_line_key),
		cmocka_unit_test(argv_errors),
		cmocka_unit_test(mail_checked_at_load),
		cmocka_unit_test(credentials_file),
		cmocka_unit_test(table_defaults_and_http_opts),
		cmocka_unit_test(table_types),
		cmocka_unit_test(alerts_rows),
		cmocka_unit_test(environment_names_in_credentials),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
