/* Unit tests for the XLSX exporter: the same report gives the same bytes (in
 * table mode and in constant_memory mode), an unwritable folder gives
 * EXIT_OUTPUT and leaves no temporary file, text widths and directions.
 * Also leaves build/test-out/fake*.xlsx and the CSVs of the same report for
 * tests/e2e/t_xlsx_fake.sh (LibreOffice, openpyxl, value comparison). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exporters/exporter.h"
#include "helper_fake.h"
#include "exporters/xlsx.h"
#include "exporters/xlsx_grid.h"

static const char *out_dir(void)
{
	const char *d = getenv("TT_TEST_OUT");
	return d && *d ? d : "build/test-out";
}

static struct report *fake_with_actions(void)
{
	struct report *r = fake_report(4, 2, 3, 3);
	static const enum category cats[] = { CAT_INQUIRY, CAT_SPAM, CAT_COMPLAINT, CAT_OTHER, CAT_ABUSE };
	static const enum action acts[] = { ACT_REPLY, ACT_HIDE, ACT_FLAG, ACT_NONE, ACT_SKIP };

	r->triage.ran = true;
	for (int i = 0; i < 5; i++) {
		char vid[32], cid[32];
		struct action_rec a = { 0 };
		snprintf(vid, sizeof(vid), "73000000000000000%02d", i);
		snprintf(cid, sizeof(cid), "74000000000000000%02d", i);
		a.time = r->made + i;
		a.owner_id = "-000ammani-open-id";
		a.video_id = vid;
		a.comment_id = cid;
		a.cat = cats[i];
		a.rule = "price";
		a.lang = i % 2 ? "ar" : "fr";
		a.act = acts[i];
		a.apply = i == 0;
		a.result = i == 4 ? RES_SKIP_REPLIED : i == 0 ? RES_OK : RES_PLANNED;
		a.error = NULL;
		report_add_action(r, &a);
	}
	return r;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	return buf;
}

static void copy_file(const char *from, const char *to)
{
	size_t n;
	char *b = slurp(from, &n);
	FILE *f = fopen(to, "wb");

	assert_non_null(b);
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
	free(b);
}

/* Entries of dir that are not . or .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char p[4096];

	if (!d)
		return;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
			unlink(p);
		}
	closedir(d);
	rmdir(dir);
}

/* Render r into a fresh folder; return the bytes of the workbook. */
static char *render(const struct report *r, char *dir, size_t *n)
{
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char path[4200];
	char *bytes;

	strcpy(dir, "/tmp/ttxlsx.XXXXXX");
	assert_non_null(mkdtemp(dir));
	o.outdir = dir;
	o.min_spend = 1000;
	assert_int_equal(exporter_xlsx.write(r, &o, &e), 0);
	report_path(r, dir, "ttreport", NULL, "xlsx", path, sizeof(path));
	bytes = slurp(path, n);
	assert_non_null(bytes);
	assert_true(*n > 1000);
	assert_int_equal(count_entries(dir), 1); /* the workbook, no temporary left */
	return bytes;
}

static void same_records_same_bytes(const char *save_as)
{
	struct report *r = fake_with_actions();
	char d1[64], d2[64], path[4200], dst[4200];
	size_t n1, n2;
	char *b1 = render(r, d1, &n1);
	char *b2;

	sleep(1); /* a clock anywhere in the file would now differ */
	b2 = render(r, d2, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);

	if (save_as) {
		struct export_opts o = { 0 };
		struct err e = { 0 };
		mkdir("build", 0755);
		mkdir(out_dir(), 0755);
		report_path(r, d1, "ttreport", NULL, "xlsx", path, sizeof(path));
		snprintf(dst, sizeof(dst), "%s/%s", out_dir(), save_as);
		copy_file(path, dst);
		o.outdir = out_dir();
		assert_int_equal(exporter_csv.write(r, &o, &e), 0);
	}
	free(b1);
	free(b2);
	rm_dir(d1);
	rm_dir(d2);
	report_free(r);
}

static void reproducible_tables(void **st)
{
	(void)st;
	xlsx_table_cells_max = 1000000;
	same_records_same_bytes("fake.xlsx");
}

static void reproducible_constant_memory(void **st)
{
	long saved = xlsx_table_cells_max;
	(void)st;
	xlsx_table_cells_max = 0; /* force the streaming mode */
	same_records_same_bytes("fake-big.xlsx");
	xlsx_table_cells_max = saved;
}

static void unwritable_outdir(void **st)
{
	struct report *r = fake_report(2, 1, 1, 2);
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[64] = "/tmp/ttxlsx.XXXXXX", notdir[128], missing[128];
	FILE *f;

	(void)st;
	assert_non_null(mkdtemp(dir));
	/* a regular file as the folder (fails even for root) */
	snprintf(notdir, sizeof(notdir), "%s/plainfile", dir);
	f = fopen(notdir, "w");
	assert_non_null(f);
	fclose(f);
	o.outdir = notdir;
	assert_int_equal(exporter_xlsx.write(r, &o, &e), EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, ".xlsx"));
	/* a folder that does not exist */
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	o.outdir = missing;
	err_clear(&e);
	assert_int_equal(exporter_xlsx.write(r, &o, &e), EXIT_OUTPUT);
	assert_int_equal(count_entries(dir), 1); /* only plainfile: no temporary left */
	rm_dir(dir);
	report_free(r);
}

static void empty_report(void **st)
{
	struct report *r = report_new(1795154400);
	char d[64];
	size_t n;
	char *b;

	(void)st;
	r->span.since = r->span.until = days_from_civil(2026, 11, 19);
	report_finish(r);
	b = render(r, d, &n);
	free(b);
	rm_dir(d);
	report_free(r);
}

static void widths_and_direction(void **st)
{
	bool rtl;
	(void)st;
	assert_int_equal(text_width("Vidéo 1", &rtl), 7);
	assert_false(rtl);
	assert_int_equal(text_width("東京セール", &rtl), 10);
	assert_false(rtl);
	assert_int_equal(text_width("😍", NULL), 2);
	text_width("تخفيضات رمضان", &rtl);
	assert_true(rtl);
	text_width("🔥 عبايات 2026", &rtl); /* first strong character decides */
	assert_true(rtl);
	text_width("2026 Promo عباية", &rtl);
	assert_false(rtl);
	assert_int_equal(text_width(NULL, &rtl), 0);
}

static void values_scaled(void **st)
{
	(void)st;
	assert_true(metric_value(M_SPEND, money_from_minor(123456, 2), 2) == 1234.56);
	assert_true(metric_value(M_SPEND, money_from_minor(1234, 3), 3) == 1.234);
	assert_true(metric_value(M_SPEND, money_from_minor(7, 0), 0) == 7.0);
	/* money held finer than the currency is rounded once, as the CSV shows it */
	assert_true(metric_value(M_SPEND, 15000, 2) == 0.02); /* 0.015 */
	assert_true(metric_value(M_SPEND, 1499999, 0) == 1.0);
	assert_true(metric_value(M_CTR, 1090000, 2) == 1.09);
	assert_true(metric_value(M_IMPRESSIONS, 4696, 2) == 4696.0);
}

/* Regression (make valgrind): the Campaigns and Ad groups sheets passed
 * `extra` and `metric_format_of(..., &extra)` as arguments of one call, so
 * `extra` could be read before it was set (unsequenced; gcc -O2 did) and the
 * Budget column's width came from an uninitialised stack value. In a plain
 * build this writes the workbook of a report with budgets; tests/valgrind.sh
 * runs it under memcheck, which flagged "conditional jump depends on
 * uninitialised value" in grid_num() before the fix. */
static void budgets_in_the_workbook(void **st)
{
	struct report *r = fake_report(3, 2, 2, 3);
	struct export_opts o = { 0 };
	struct err e = { 0 };
	char dir[] = "/tmp/ttreport-regress-xlsx.XXXXXX", path[4096];
	struct stat sb;

	(void)st;
	assert_non_null(mkdtemp(dir));
	o.outdir = dir;
	assert_int_equal(exporter_xlsx.write(r, &o, &e), 0);
	report_path(r, dir, "ttreport", NULL, "xlsx", path, sizeof(path));
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size > 0);
	unlink(path);
	rmdir(dir);
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reproducible_tables),
		cmocka_unit_test(reproducible_constant_memory),
		cmocka_unit_test(unwritable_outdir),
		cmocka_unit_test(empty_report),
		cmocka_unit_test(widths_and_direction),
		cmocka_unit_test(values_scaled),
		cmocka_unit_test(budgets_in_the_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
