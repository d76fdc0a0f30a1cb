/* Regression (make asan): report_finish() on an advertiser with no rows at a
 * level passed a NULL array to qsort() (UBSan: "null pointer passed as
 * argument 1, which is declared to never be null"). Meaningful under
 * `make asan`; in a plain build it checks the empty report stays empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/record.h"

static void finish_with_no_rows(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = report_add_advertiser(r, "7000000000000000001");
	int d;

	(void)st;
	assert_int_equal(date_parse("2026-11-17", &d), 0);
	a->currency = "MAD";
	a->decimals = 2;
	a->win = (struct window){ d, d + 2 };
	a->prev = window_previous(a->win);
	report_finish(r);
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++) {
		assert_int_equal(a->nrows[l], 0);
		assert_int_equal(a->nprev[l], 0);
	}
	report_free(r);
}

static void finish_with_no_advertiser(void **st)
{
	struct report *r = report_new(0);

	(void)st;
	report_finish(r);
	assert_int_equal(r->nadv, 0);
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finish_with_no_rows),
		cmocka_unit_test(finish_with_no_advertiser),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
