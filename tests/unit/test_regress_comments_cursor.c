/* Regression (fuzz_comments): a cursor or create_time sent as a JSON real past
 * 2^63 (e.g. 1844674407370955161617.29) was converted to long long, which is
 * undefined behaviour (UBSan: "outside the range of representable values");
 * on x86-64 it became LLONG_MIN. It now counts as unreadable: cursor 0,
 * create_time -1. gcc's -fsanitize=undefined leaves out float-cast-overflow,
 * so here (make unit / make asan) this checks the values only; the clang build
 * of tests/fuzz/run.sh replays tests/fuzz/regress/comments/ and catches the
 * conversion itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "triage/normalize_comments.h"

static void huge_real_cursor(void **st)
{
	static const char body[] =
		"{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\",\"data\":{\"videos\":"
		"[{\"item_id\":\"72039400\",\"create_time\":1e300}],"
		"\"cursor\":1844674407370955161617.29,\"has_more\":true}}";
	struct video_page p;
	struct api_status s;
	struct err e = { 0 };

	(void)st;
	assert_int_equal(norm_video_page(body, strlen(body), &p, &s, &e), NORM_OK);
	assert_int_equal(p.n, 1);
	assert_true(p.cursor == 0);
	assert_true(p.v[0].create_time == 0 || p.v[0].create_time == -1);
	video_page_release(&p);
}

static void real_cursor_in_range(void **st)
{
	static const char body[] = "{\"code\":0,\"message\":\"OK\",\"request_id\":\"r\",\"data\":"
				   "{\"videos\":[],\"cursor\":1763600000000.0,\"has_more\":false}}";
	struct video_page p;
	struct api_status s;
	struct err e = { 0 };

	(void)st;
	assert_int_equal(norm_video_page(body, strlen(body), &p, &s, &e), NORM_OK);
	assert_true(p.cursor == 1763600000000LL);
	video_page_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(huge_real_cursor),
		cmocka_unit_test(real_cursor_in_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
