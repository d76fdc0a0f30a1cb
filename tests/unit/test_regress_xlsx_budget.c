/* Regression (make valgrind): the Campaigns and Ad groups sheets passed
 * `extra` and `metric_format_of(..., &extra)` as arguments of one call, so
 * `extra` could be read before it was set (unsequenced; gcc -O2 did) and the
 * Budget column's width came from an uninitialised stack value. In a plain
 * build this writes the workbook of a report with budgets; tests/valgrind.sh
 * runs it under memcheck, which flagged "conditional jump depends on
 * uninitialised value" in grid_num() before the fix. */
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

#include "exporters/exporter.h"
#include "helper_fake.h"

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
		cmocka_unit_test(budgets_in_the_workbook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
