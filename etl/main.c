/* main.c: argv -> config -> pipeline -> exit code. Read top to bottom, this is
 * the whole nightly run: extract, normalize (inside extract), triage comments,
 * render, mail. Only this file prints errors and chooses the exit status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "etl/cmd_api.h"
#include "etl/cmd_auth.h"
#include "etl/cmd_classify.h"
#include "etl/comments.h"
#include "etl/config.h"
#include "core/dates.h"
#include "core/err.h"
#include "exporters/exporter.h"
#include "etl/extract.h"
#include "core/log.h"
#include "etl/mail.h"
#include "core/record.h"
#include "core/share.h"

#define VERSION "0.1.0"

static int fail(int code, const struct err *e)
{
	fprintf(stderr, "ttreport: %s\n", e->msg);
	if (code == EXIT_USAGE && strncmp(e->msg, "unknown option", 14) == 0)
		fputs(config_usage(), stderr);
	return code;
}

/* Render every requested format into the output folder. */
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
	if (export_mkdir(c->outdir, e))
		return e->code;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(c->formats & order[i].bit))
			continue;
		if (exporter_find(order[i].name)->write(r, &o, e))
			return err_wrap(e, "%s output", order[i].name);
		log_info("wrote the %s output in %s", order[i].name, c->outdir);
	}
	return 0;
}

/* classify: stdin lines -> CATEGORY<TAB>RULE<TAB>LANG on stdout. */
static int run_classify(const struct config *c)
{
	char rules[4096], replies[4096];
	struct err e = { 0 };

	if (c->rules)
		snprintf(rules, sizeof(rules), "%s", c->rules);
	else if (share_path("rules.conf", rules, sizeof(rules)))
		return fail(errf(&e, EXIT_USAGE, "rules.conf not found: use --rules FILE"), &e);
	if (c->replies)
		snprintf(replies, sizeof(replies), "%s", c->replies);
	else if (share_path("replies.conf", replies, sizeof(replies)))
		replies[0] = '\0';
	if (cmd_classify(rules, replies[0] ? replies : NULL, stdin, stdout, &e))
		return fail(e.code, &e);
	return EXIT_OK;
}

/* The files a mail carries: the PDF and the workbook, else the CSVs. */
static size_t mail_files(const struct report *r, const struct config *c, char paths[][4096],
			 const char **files)
{
	size_t n = 0;

	if (c->formats & FMT_PDF)
		export_path(r, c->outdir, "ttreport", NULL, "pdf", paths[n++], 4096);
	if (c->formats & FMT_XLSX)
		export_path(r, c->outdir, "ttreport", NULL, "xlsx", paths[n++], 4096);
	if (!n)
		for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++)
			export_path(r, c->outdir, "ttreport", level_name((enum level)l), "csv",
				    paths[n++], 4096);
	for (size_t i = 0; i < n; i++)
		files[i] = paths[i];
	return n;
}

/* comments: triage alone; its window: the comment days before today and today (UTC). */
static int run_comments(struct report *r, const struct config *c, time_t now)
{
	struct err e = { 0 };
	struct triage_opts o;
	int today = (int)(now / 86400), rc;

	r->span.since = today - c->comment_days;
	r->span.until = today; /* today's comments are the newest leads */
	comments_opts(c, &o);
	rc = comments_run(r, &o, now, &e);
	report_free(r);
	if (rc && rc != EXIT_PARTIAL)
		return fail(rc, &e);
	if (rc)
		fprintf(stderr, "ttreport: partial: %s\n", e.msg);
	return rc;
}

/* report and run: extract, triage, render, mail. */
static int run_job(const struct config *c)
{
	struct err e = { 0 };
	struct extract_stats xs;
	struct report *r;
	time_t now;
	int rc, partial = 0;

	if ((rc = run_now(&now, &e)))
		return fail(rc, &e);
	r = report_new(now);
	if (c->cmd == CMD_COMMENTS)
		return run_comments(r, c, now);

	/* 1. extract + normalize: every advertiser, level and window */
	rc = extract_run(r, c, now, &xs, &e);
	if (rc) {
		report_free(r);
		return fail(rc, &e);
	}
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

	/* 2. comment triage (run only): its counts go into the workbook and PDF */
	if (c->cmd == CMD_RUN) {
		struct triage_opts o;
		comments_opts(c, &o);
		rc = comments_run(r, &o, now, &e);
		if (rc == EXIT_PARTIAL) {
			fprintf(stderr, "ttreport: partial: %s\n", e.msg);
			partial = 1;
		} else if (rc) {
			/* the report is still worth writing: say why triage did not run */
			fprintf(stderr, "ttreport: comment triage: %s\n", e.msg);
			report_warn(r, "comment triage failed: %s", e.msg);
			partial = 1;
		}
	}

	/* 3. render */
	if ((rc = render(r, c, &e))) {
		report_free(r);
		return fail(rc, &e);
	}
	/* 4. mail: the files stay whatever the server says */
	if (c->mail_to.n) {
		char paths[4][4096];
		const char *files[4];
		size_t n = mail_files(r, c, paths, files);
		if ((rc = mail_send(c, r, files, n, &e))) {
			report_free(r);
			return fail(rc, &e);
		}
		log_info("mailed %zu file(s) to %zu recipient(s)", n, c->mail_to.n);
	}
	if (partial)
		for (size_t i = 0; i < r->nwarn; i++)
			fprintf(stderr, "ttreport: partial: %s\n", r->warnings[i]);
	report_free(r);
	return partial ? EXIT_PARTIAL : EXIT_OK;
}

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

	switch (c.cmd) {
	case CMD_HELP:
		fputs(config_usage(), stdout);
		rc = EXIT_OK;
		break;
	case CMD_VERSION:
		puts("ttreport " VERSION);
		rc = EXIT_OK;
		break;
	case CMD_RUN:
	case CMD_REPORT:
	case CMD_COMMENTS:
		rc = run_job(&c);
		break;
	case CMD_API:
		if ((rc = cmd_api(&c, &e)))
			rc = fail(rc, &e);
		break;
	case CMD_AUTH:
		if ((rc = cmd_auth(&c, &e)))
			rc = fail(rc, &e);
		break;
	case CMD_CLASSIFY:
		rc = run_classify(&c);
		break;
	default:
		rc = fail(errf(&e, EXIT_USAGE, "this command is not available in this build"), &e);
		break;
	}
	config_release(&c);
	return rc;
}
