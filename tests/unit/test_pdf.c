/* Unit tests for the PDF exporter: a synthetic report renders to a whole PDF
 * (kept as BUILD/test-out/fake.pdf for tests/e2e/t_pdf_fake.sh), the same report
 * gives the same bytes, and failures leave no file behind and say EXIT_OUTPUT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dirent.h>
#include <libgen.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exporters/exporter.h"
#include "helper_fake.h"
#include "exporters/kpi.h"
#include "core/arena.h"

static char build_dir[4096]; /* the folder above the test binary: BUILD */
static char font[4200];

#define FAKE_PDF "ttreport_2026-11-17_2026-11-19.pdf"

static void add_triage(struct report *r)
{
	static const struct {
		enum category cat;
		enum action act;
		enum act_result result;
	} acts[] = {
		{ CAT_INQUIRY, ACT_REPLY, RES_PLANNED }, { CAT_INQUIRY, ACT_REPLY, RES_PLANNED },
		{ CAT_COMPLAINT, ACT_FLAG, RES_PLANNED }, { CAT_SPAM, ACT_HIDE, RES_PLANNED },
		{ CAT_ABUSE, ACT_HIDE, RES_ERROR },       { CAT_OTHER, ACT_NONE, RES_PLANNED },
		{ CAT_COMPLAINT, ACT_FLAG, RES_PLANNED }, { CAT_INQUIRY, ACT_SKIP, RES_SKIP_REPLIED },
	};
	char vid[32], cid[32], url[100];

	r->triage.ran = true;
	for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
		struct action_rec a = { 0 };
		snprintf(vid, sizeof(vid), "73000000000000%05zu", i / 3);
		snprintf(cid, sizeof(cid), "74000000000000%05zu", i);
		a.time = r->made;
		a.owner_id = "biz-open-id";
		a.video_id = vid;
		a.comment_id = cid;
		a.cat = acts[i].cat;
		a.rule = "test";
		a.lang = "ar";
		a.act = acts[i].act;
		a.result = acts[i].result;
		if (i < 4) { /* the video list gave these a caption and a link; the others none */
			a.video_caption = "Caftan de f\xc3\xaate \xf0\x9f\x8e\x89 #caftan #mariage, nouvelle collection";
			snprintf(url, sizeof(url), "https://www.tiktok.com/@ammani.store/video/%s", vid);
			a.video_url = url;
		}
		a.comment_time = r->made - 3600 * (time_t)(i + 1);
		report_add_action(r, &a);
	}
}

static struct report *fake(void)
{
	struct report *r = fake_report(8, 2, 3, 3);
	struct entity *soldes = &r->advs[0].ents[LVL_CAMPAIGN][4];

	/* a character no shipped font has: drawn as a visible box, and warned about */
	assert_string_equal(soldes->name, "Soldes d'hiver");
	soldes->name = arena_strdup(&r->arena, "Soldes d'hiver \xf4\x8f\xbf\xbd");
	add_triage(r);
	report_warn(r, "advertiser 7100000000000000002: ad level, 2026-11-18: code 50000 (retried 5 times)");
	return r;
}

/* The KPI tiles as a person must read them, one per line, for t_pdf_fake.sh:
 * the metric's human form plus the currency code (money) or " %" (CTR). */
static void write_expected_kpis(const struct report *r, const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		struct kpi k[KPI_MAX];
		int n = kpi_list(a, k, KPI_MAX);
		char b[64];
		for (int j = 0; j < n; j++) {
			metric_format(k[j].m, k[j].cur, a->decimals, true, b, sizeof(b));
			if (metric_defs[k[j].m].type == MT_MONEY)
				fprintf(f, "%s %s\n", b, a->currency);
			else if (k[j].m == M_CTR)
				fprintf(f, "%s %%\n", b);
			else
				fprintf(f, "%s\n", b);
		}
	}
	assert_int_equal(fclose(f), 0);
}

static char *tmpdir(char *buf, size_t n)
{
	snprintf(buf, n, "/tmp/test_pdf.XXXXXX");
	assert_non_null(mkdtemp(buf));
	return buf;
}

/* Files in dir whose name contains ".tmp"; removes every file, then dir. */
static int cleanup(const char *dir, bool remove_dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int tmps = 0;
	char path[8300];

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		if (strstr(de->d_name, ".tmp"))
			tmps++;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (remove_dir)
			unlink(path);
	}
	closedir(d);
	if (remove_dir)
		rmdir(dir);
	return tmps;
}

static long read_file(const char *path, char **data)
{
	FILE *f = fopen(path, "rb");
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	*data = malloc((size_t)n + 1);
	assert_non_null(*data);
	assert_int_equal(fread(*data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return n;
}

static void renders_fake_report(void **st)
{
	struct report *r = fake();
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[64], path[200], *data, *again, keep[4300];
	long n, n2;
	(void)st;

	o.outdir = tmpdir(dir, sizeof(dir));
	o.font = font;
	assert_int_equal(exporter_pdf.write(r, &o, &e), 0);
	snprintf(path, sizeof(path), "%s/" FAKE_PDF, dir);
	n = read_file(path, &data);
	assert_true(n > 5000);
	assert_memory_equal(data, "%PDF-", 5);
	assert_non_null(strstr(data + n - 8, "%%EOF"));
	assert_int_equal(cleanup(dir, false), 0);

	/* the same report, the same bytes */
	assert_int_equal(exporter_pdf.write(r, &o, &e), 0);
	n2 = read_file(path, &again);
	assert_int_equal(n, n2);
	assert_memory_equal(data, again, (size_t)n);

	/* kept for tests/e2e/t_pdf_fake.sh and the docs pictures */
	snprintf(keep, sizeof(keep), "%s/test-out", build_dir);
	mkdir(keep, 0755);
	snprintf(keep, sizeof(keep), "%s/test-out/fake.pdf", build_dir);
	assert_int_equal(rename(path, keep), 0);
	snprintf(keep, sizeof(keep), "%s/test-out/fake-pdf-kpis.txt", build_dir);
	write_expected_kpis(r, keep);
	free(data);
	free(again);
	cleanup(dir, true);
	report_free(r);
}

static void unwritable_outdir_is_exit_output(void **st)
{
	struct report *r = fake();
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[64], notdir[100];
	FILE *f;
	(void)st;

	tmpdir(dir, sizeof(dir));
	snprintf(notdir, sizeof(notdir), "%s/plain-file", dir); /* a file, not a folder */
	assert_non_null(f = fopen(notdir, "w"));
	fclose(f);
	o.outdir = notdir;
	o.font = font;
	assert_int_equal(exporter_pdf.write(r, &o, &e), EXIT_OUTPUT);
	assert_int_equal(e.code, EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, ".pdf: ")); /* names the file */
	assert_int_equal(cleanup(dir, false), 0);

	o.outdir = "/nonexistent/ttreport-out";
	err_clear(&e);
	assert_int_equal(exporter_pdf.write(r, &o, &e), EXIT_OUTPUT);
	cleanup(dir, true);
	report_free(r);
}

static void missing_font_is_exit_output(void **st)
{
	struct report *r = fake_report(2, 1, 1, 3);
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[64];
	(void)st;

	o.outdir = tmpdir(dir, sizeof(dir));
	o.font = "/nonexistent/font.ttf";
	assert_int_equal(exporter_pdf.write(r, &o, &e), EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, "font"));
	assert_int_equal(cleanup(dir, true), 0);
	report_free(r);
}

/* Odd reports still render: one day, a failed advertiser, no advertiser. */
static void odd_reports_render(void **st)
{
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[64];
	struct report *r = fake_report(30, 1, 2, 1), *empty = report_new(1795154400);
	(void)st;

	o.outdir = tmpdir(dir, sizeof(dir));
	o.font = font;
	o.min_spend = 100000;
	r->advs[1].failed = true;
	snprintf(r->advs[1].error, sizeof(r->advs[1].error), "ad level: code 50000");
	assert_int_equal(exporter_pdf.write(r, &o, &e), 0);
	empty->span = r->span;
	assert_int_equal(exporter_pdf.write(empty, &o, &e), 0);
	assert_int_equal(cleanup(dir, true), 0);
	report_free(r);
	report_free(empty);
}

/* The text of a PDF (pdftotext, as tests/e2e/t_pdf_fake.sh reads it); malloc'd. */
static char *pdf_text(const char *path)
{
	char cmd[4300], *out = NULL;
	size_t n = 0, cap = 0;
	FILE *f;
	int c;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	assert_non_null(f = popen(cmd, "r"));
	while ((c = fgetc(f)) != EOF) {
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 65536;
			assert_non_null(out = realloc(out, cap));
		}
		out[n++] = (char)c;
	}
	assert_int_equal(pclose(f), 0);
	assert_non_null(out);
	out[n] = '\0';
	return out;
}

static char *render_text(const struct report *r, const struct export_opts *o0)
{
	struct export_opts o = *o0;
	struct err e = { 0 };
	char dir[64], path[200], *t;

	o.outdir = tmpdir(dir, sizeof(dir));
	o.font = font;
	assert_int_equal(exporter_pdf.write(r, &o, &e), 0);
	snprintf(path, sizeof(path), "%s/" FAKE_PDF, dir);
	t = pdf_text(path);
	cleanup(dir, true);
	return t;
}

/* Regression (issue 14): with min_spend set, an advertiser refused at
 * advertiser/info/ (no currency) crashed the PDF (NULL currency in
 * fmt_metric): XLSX written, then death by signal. */
static void refused_advertiser_with_min_spend(void **st)
{
	struct report *r = fake_report(3, 1, 1, 3);
	struct export_opts o = { 0 };
	char *t;
	(void)st;

	o.min_spend = 50;
	r->advs[1].currency = NULL; /* as when advertiser/info/ refused it */
	r->advs[1].failed = true;
	snprintf(r->advs[1].error, sizeof(r->advs[1].error), "advertiser/info/: code 40001: no permission");
	t = render_text(r, &o);
	assert_non_null(strstr(t, "no permission"));
	free(t);
	report_free(r);
}

/* Regression (issue 14): account-level callouts (levels not adding up, CTR
 * down) were folded into "N more campaigns need a look" behind the campaign
 * ones. They are always shown; only campaign callouts fold. */
static void account_callouts_never_folded(void **st)
{
	struct report *r = fake_report(12, 1, 1, 3);
	struct advertiser *a = &r->advs[0];
	struct entity *acc = &a->ents[LVL_ADVERTISER][0];
	struct export_opts o = { 0 };
	char *t;
	(void)st;

	for (size_t i = 0; i < a->nents[LVL_CAMPAIGN]; i++) /* 12 campaigns, no conversions */
		a->ents[LVL_CAMPAIGN][i].cur.s[S_CONVERSION] = 0;
	acc->cur.s[S_CLICKS] = acc->prev.s[S_CLICKS] / 3; /* CTR down by two thirds */
	a->recon.mismatches = 1;
	a->recon.checks = 40;
	snprintf(a->recon.detail, sizeof(a->recon.detail), "campaign 42: spend differs");
	t = render_text(r, &o);
	assert_non_null(strstr(t, "Levels do not add up"));
	assert_non_null(strstr(t, "Click-through rate fell"));
	assert_non_null(strstr(t, "more campaigns spent with no conversions"));
	assert_null(strstr(t, "need a look"));
	free(t);
	report_free(r);
}

/* Regression (issue 14): with --apply the PDF said "Replies were sent" even
 * when every write failed. */
static void failed_writes_are_not_sent(void **st)
{
	struct report *r = fake_report(2, 1, 1, 3);
	struct export_opts o = { 0 };
	struct action_rec a = { 0 };
	char *t;
	(void)st;

	a.time = r->made;
	a.owner_id = "biz";
	a.video_id = "7300000000000000001";
	a.rule = "price";
	a.lang = "fr";
	a.apply = true;
	a.result = RES_ERROR;
	a.error = "code 50000";
	a.comment_id = "7400000000000000001";
	a.cat = CAT_INQUIRY;
	a.act = ACT_REPLY;
	report_add_action(r, &a);
	a.comment_id = "7400000000000000002";
	a.cat = CAT_SPAM;
	a.act = ACT_HIDE;
	report_add_action(r, &a);
	t = render_text(r, &o);
	assert_null(strstr(t, "Replies were sent"));
	assert_non_null(strstr(t, "No reply or hide went through"));
	assert_non_null(strstr(t, "2 actions failed"));
	free(t);
	report_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(renders_fake_report),
		cmocka_unit_test(unwritable_outdir_is_exit_output),
		cmocka_unit_test(missing_font_is_exit_output),
		cmocka_unit_test(odd_reports_render),
		cmocka_unit_test(refused_advertiser_with_min_spend),
		cmocka_unit_test(account_callouts_never_folded),
		cmocka_unit_test(failed_writes_are_not_sent),
	};
	char self[4096];

	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	/* build/tests/test_pdf -> build */
	snprintf(build_dir, sizeof(build_dir), "%s/..", dirname(self));
	snprintf(font, sizeof(font), "%s/DejaVuSans-flat.ttf", build_dir);
	if (getenv("TTREPORT_FONT"))
		snprintf(font, sizeof(font), "%s", getenv("TTREPORT_FONT"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
