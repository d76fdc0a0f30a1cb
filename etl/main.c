/* main.c: argv -> config -> pipeline -> exit code. Read top to bottom, this is
 * the whole nightly run: main() loads the config and runs the command; a run
 * is extract (normalize inside), triage comments, render, mail. The hourly
 * `today` run is run_today(): extract the hours, alerts, render, mail. Only this file
 * prints errors and chooses the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/atomic.h"
#include "core/dates.h"
#include "core/err.h"
#include "core/log.h"
#include "core/record.h"
#include "core/share.h"
#include "etl/account.h"
#include "etl/cmd_api.h"
#include "etl/cmd_auth.h"
#include "etl/cmd_classify.h"
#include "etl/comments.h"
#include "etl/config.h"
#include "etl/extract.h"
#include "etl/mail.h"
#include "etl/today.h"
#include "exporters/exporter.h"
#include "exporters/l10n.h"
#include "triage/triage.h"

#define VERSION "0.1.0"

static int dispatch(const struct config *c);
static int run_job(const struct config *c);
static int window_not_future(const struct config *c, time_t now, struct err *e);
static void sweep(const char *outdir);
static int extract(struct report *r, const struct config *c, time_t now, struct err *e);
static int triage_in_run(struct report *r, const struct config *c, time_t now);
static int render(const struct report *r, const struct config *c, struct err *e);
static int mail(const struct report *r, const struct config *c, struct err *e);
static int run_comments(struct report *r, const struct config *c, time_t now);
static int run_today(const struct config *c);
static int triage(struct report *r, const struct config *c, time_t now, struct err *e);
static int run_classify(const struct config *c);
static int help(void);
static int fail(int code, const struct err *e);

/* argv -> config -> the command -> exit code. */
int main(int argc, char **argv)
{
	struct config c;
	struct err e = { 0 };
	int rc;

	if ((rc = config_load(&c, argc, argv, &e))) {
		config_release(&c);
		return fail(rc, &e);
	}
	log_set_level(c.verbosity < 0 ? LOG_WARN : c.verbosity > 0 ? LOG_DEBUG : LOG_INFO);
	/* the labels' language: --lang, report.lang, else the locale variables */
	if ((rc = l10n_init(c.lang >= 0 ? (enum lang)c.lang : l10n_from_env(), NULL, &e))) {
		config_release(&c);
		return fail(rc, &e);
	}
	rc = dispatch(&c);
	config_release(&c);
	return rc;
}

/* The command's work; its exit code. */
static int dispatch(const struct config *c)
{
	struct err e = { 0 };
	int rc;

	switch (c->cmd) {
	case CMD_HELP:
		return help();
	case CMD_VERSION:
		puts("ttreport " VERSION);
		return EXIT_OK;
	case CMD_RUN:
	case CMD_REPORT:
	case CMD_COMMENTS:
		return run_job(c);
	case CMD_TODAY:
		return run_today(c);
	case CMD_API:
		return (rc = cmd_api(c, &e)) ? fail(rc, &e) : EXIT_OK;
	case CMD_AUTH:
		return (rc = cmd_auth(c, &e)) ? fail(rc, &e) : EXIT_OK;
	case CMD_CLASSIFY:
		break;
	}
	return run_classify(c);
}

/* report and run: extract, triage (run only), render, mail. */
static int run_job(const struct config *c)
{
	struct err e = { 0 };
	struct report *r;
	time_t now;
	int rc, partial;

	if ((rc = run_now(&now, &e)) || (rc = window_not_future(c, now, &e)))
		return fail(rc, &e);
	sweep(c->outdir);
	r = report_new(now);
	if (c->cmd == CMD_COMMENTS)
		return run_comments(r, c, now);
	if ((rc = extract(r, c, now, &e)) > 0) {
		report_free(r);
		return fail(rc, &e);
	}
	partial = rc < 0;
	if (c->cmd == CMD_RUN)
		partial |= triage_in_run(r, c, now);
	if ((rc = render(r, c, &e)) || (rc = mail(r, c, &e))) {
		report_free(r);
		return fail(rc, &e);
	}
	if (partial)
		for (size_t i = 0; i < r->nwarn; i++)
			fprintf(stderr, "ttreport: partial: %s\n", r->warnings[i]);
	report_free(r);
	return partial ? EXIT_PARTIAL : EXIT_OK;
}

/* An explicit window ending after today everywhere (UTC+14 is the earliest
 * timezone) has no data yet: say so before calling the API. */
static int window_not_future(const struct config *c, time_t now, struct err *e)
{
	int latest = day_latest(now);
	char u[11], t[11];

	if (c->cmd == CMD_COMMENTS || !c->have_range || c->until <= latest)
		return 0;
	return errf(e, EXIT_USAGE, "the window ends %s, in the future: no timezone has reached that "
		    "day (the latest today is %s)", date_format(c->until, u), date_format(latest, t));
}

/* The temporary files of earlier runs that were killed (their process is
 * gone) are removed from the output folder. */
static void sweep(const char *outdir)
{
	int n = atomic_sweep(outdir);

	if (n > 0)
		log_info("removed %d temporary file(s) of killed runs from %s", n, outdir);
}

/* 1. extract + normalize: every advertiser, level and window. 0, -1 when an
 * advertiser failed (the run is partial), or the exit code. */
static int extract(struct report *r, const struct config *c, time_t now, struct err *e)
{
	struct extract_stats xs;
	int rc, partial = 0;

	if ((rc = extract_run(r, c, now, &xs, e)))
		return rc;
	log_info("fetched %ld pages in %ld requests for %zu advertiser(s)", xs.pages, xs.requests, r->nadv);
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		if (a->failed) {
			partial = 1;
			continue;
		}
		if (a->recon.mismatches) {
			log_warn("advertiser %s: %d reconciliation mismatch(es): %s", a->id,
				 a->recon.mismatches, a->recon.detail);
			report_warn(r, "advertiser %s: levels do not add up: %s", a->id, a->recon.detail);
		}
	}
	return partial ? -1 : 0;
}

/* 2. comment triage (run only): its counts go into the workbook and PDF. A
 * failure leaves the report worth writing: 1 when the run is partial. No
 * TikTok account at all: triage is off, one line says so. */
static int triage_in_run(struct report *r, const struct config *c, time_t now)
{
	struct err e = { 0 };
	int rc;

	if (!account_configured(c)) { /* not configured is no failure */
		log_info("comment triage is off: no TikTok account is configured (TIKTOK_ACCOUNT_TOKEN "
			 "or TIKTOK_REFRESH_TOKEN)");
		report_note(r, "comment triage is off: no TikTok account is configured");
		return 0;
	}
	rc = triage(r, c, now, &e);
	if (rc == EXIT_PARTIAL) {
		fprintf(stderr, "ttreport: partial: %s\n", e.msg);
		return 1;
	}
	if (rc) {
		/* the report is still worth writing: say why triage did not run */
		fprintf(stderr, "ttreport: comment triage: %s\n", e.msg);
		report_warn(r, "comment triage failed: %s", e.msg);
		return 1;
	}
	return 0;
}

/* 3. render every requested format into the output folder. */
static int render(const struct report *r, const struct config *c, struct err *e)
{
	static const struct {
		unsigned bit;
		const char *name;
	} order[] = { { FMT_XLSX, "xlsx" }, { FMT_PDF, "pdf" }, { FMT_CSV, "csv" } };
	char font[4096];
	struct export_opts o = { c->outdir, c->font, c->min_spend };

	if (!o.font && share_path("DejaVuSans-flat.ttf", font, sizeof(font)) == 0)
		o.font = font;
	if (atomic_mkdirs(c->outdir, e))
		return e->code;
	/* the manifest first: whatever else makes it to the folder, it says
	 * which advertisers and chunks the data holds completely */
	if (exporter_find("manifest")->write(r, &o, e))
		return err_wrap(e, "manifest");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(c->formats & order[i].bit))
			continue;
		if (exporter_find(order[i].name)->write(r, &o, e))
			return err_wrap(e, "%s output", order[i].name);
		log_info("wrote the %s output in %s", order[i].name, c->outdir);
	}
	return 0;
}

/* The files a mail carries: the PDF and the workbook, else the CSVs. */
static size_t mail_files(const struct report *r, const struct config *c, char paths[][4096],
			 const char **files)
{
	size_t n = 0;

	if (c->formats & FMT_PDF)
		report_path(r, c->outdir, "ttreport", NULL, "pdf", paths[n++], 4096);
	if (c->formats & FMT_XLSX)
		report_path(r, c->outdir, "ttreport", NULL, "xlsx", paths[n++], 4096);
	if (!n)
		for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++)
			report_path(r, c->outdir, "ttreport", level_name((enum level)l), "csv",
				    paths[n++], 4096);
	for (size_t i = 0; i < n; i++)
		files[i] = paths[i];
	return n;
}

/* 4. mail, when asked: the files stay whatever the server says. */
static int mail(const struct report *r, const struct config *c, struct err *e)
{
	char paths[4][4096];
	const char *files[4];
	size_t n;
	int rc;

	if (!c->mail_to.n)
		return 0;
	n = mail_files(r, c, paths, files);
	if ((rc = mail_send(c, r, files, n, e)))
		return rc;
	log_info("mailed %zu file(s) to %zu recipient(s)", n, c->mail_to.n);
	return 0;
}

/* comments: triage alone; its window: the comment days before today and today (UTC). */
static int run_comments(struct report *r, const struct config *c, time_t now)
{
	struct err e = { 0 };
	int today = (int)(now / 86400), rc;

	r->span.since = today - c->comment_days;
	r->span.until = today; /* today's comments are the newest leads */
	rc = triage(r, c, now, &e);
	report_free(r);
	if (rc && rc != EXIT_PARTIAL)
		return fail(rc, &e);
	if (rc)
		fprintf(stderr, "ttreport: partial: %s\n", e.msg);
	return rc;
}

/* today: today so far, hour by hour, for each advertiser; the alerts that
 * hold now and did not one interval ago; the page (and CSVs); a mail when
 * an alert fired. The steps are in etl/today.c. */
static int run_today(const struct config *c)
{
	struct err e = { 0 };
	struct adv_alerts *al = NULL;
	struct report *r;
	time_t now;
	long fired;
	int rc, partial;

	if ((rc = today_check(c, &e)) || (rc = run_now(&now, &e)))
		return fail(rc, &e);
	r = report_new(now);
	/* 1. extract: hourly rows of yesterday and today, the week before, budgets */
	if ((rc = today_extract(r, c, now, &e)) > 0)
		goto out;
	partial = rc < 0;
	/* 2. alerts: each is mailed by the first run that sees it, never again */
	al = xcalloc(r->nadv + 1, sizeof(*al));
	if ((fired = today_alerts(r, c, al, &e)) < 0) {
		rc = e.code;
		goto out;
	}
	/* 3. render: the page, and the CSVs when asked */
	if ((rc = today_render(r, al, c, &e)))
		goto out;
	/* 4. mail: only when an alert fired (or always with --mail-always) */
	if ((fired > 0 || c->mail_always) && (rc = today_mail(r, al, c, &e)))
		goto out;
	for (size_t i = 0; partial && i < r->nwarn; i++)
		fprintf(stderr, "ttreport: partial: %s\n", r->warnings[i]);
	rc = partial ? EXIT_PARTIAL : EXIT_OK;
out:
	if (rc && rc != EXIT_PARTIAL)
		fail(rc, &e);
	free(al);
	report_free(r);
	return rc;
}

/* Triage with its options filled from the config (the triage/ side never
 * reads the settings table), then its action log. */
static int triage(struct report *r, const struct config *c, time_t now, struct err *e)
{
	return comments_run(r, c, now, e);
}

/* classify: stdin lines -> CATEGORY<TAB>RULE<TAB>LANG on stdout (--explain:
 * more columns); the comment model as triage finds it. */
static int run_classify(const struct config *c)
{
	char rules[4096], replies[4096], model[4096];
	struct err e = { 0 };
	struct classify_opts o = { 0 };

	if (c->rules)
		snprintf(rules, sizeof(rules), "%s", c->rules);
	else if (share_path("rules.conf", rules, sizeof(rules)))
		return fail(errf(&e, EXIT_USAGE, "rules.conf not found: use --rules FILE"), &e);
	if (c->replies)
		snprintf(replies, sizeof(replies), "%s", c->replies);
	else if (share_path("replies.conf", replies, sizeof(replies)))
		replies[0] = '\0';
	if (c->model)
		snprintf(model, sizeof(model), "%s", c->model);
	else if (share_path("comments.model", model, sizeof(model)))
		model[0] = '\0';
	if (!model[0])
		log_warn("no comment model (comments.model not found, --model unset): the rules decide alone");
	o.rules = rules;
	o.replies = replies[0] ? replies : NULL;
	o.model = model[0] ? model : NULL;
	o.pol = comments_policy(c);
	o.explain = c->explain;
	if (cmd_classify(&o, stdin, stdout, &e))
		return fail(e.code, &e);
	return EXIT_OK;
}

/* --help: every option and key, from the settings table. */
static int help(void)
{
	char *text = config_help();

	fputs(text, stdout);
	free(text);
	return EXIT_OK;
}

/* An error line on stderr (with the usage after an unknown option); code. */
static int fail(int code, const struct err *e)
{
	fprintf(stderr, "ttreport: %s\n", e->msg);
	if (code == EXIT_USAGE && strncmp(e->msg, "unknown option", 14) == 0)
		fputs(config_usage(), stderr);
	return code;
}
