/* Unit tests for core/strbuf: appends that grow the buffer, printf, take and release. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/strbuf.h"

static void grows_and_hands_over(void **st)
{
	struct strbuf b;
	char *s;
	(void)st;

	strbuf_init(&b);
	s = strbuf_take(&b); /* nothing added: "" */
	assert_string_equal(s, "");
	free(s);
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.n, 2000);
	assert_int_equal(strlen(b.s), 2000);
	assert_true(strncmp(b.s, "0,1,2,", 6) == 0);
	strbuf_add(&b, "xyz", 2); /* n bytes, not up to the NUL */
	strbuf_puts(&b, "!");
	assert_string_equal(b.s + 2000, "xy!");
	s = strbuf_take(&b);
	assert_null(b.s); /* the caller owns it now; b is empty again */
	assert_int_equal(b.n, 0);
	assert_int_equal(strlen(s), 2003);
	free(s);
	strbuf_puts(&b, "again");
	assert_string_equal(b.s, "again");
	strbuf_release(&b);
	assert_null(b.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_and_hands_over),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
