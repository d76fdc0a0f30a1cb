/* Unit tests for core/pace.c: each endpoint (a URL's path) has its own pace
 * (issue 13: all reads shared one 0.6/s pace before), a rate-limit hold
 * delays only its endpoint, and the key ignores host and query. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/pace.h"

#define API "http://127.0.0.1:9/open_api/v1.3/"

static void keys(void **st)
{
	char k[64];
	(void)st;

	pace_key(API "business/comment/list/?video_id=1&cursor=30", k, sizeof(k));
	assert_string_equal(k, "/open_api/v1.3/business/comment/list/");
	pace_key("https://business-api.tiktok.com/open_api/v1.3/business/comment/hide/", k, sizeof(k));
	assert_string_equal(k, "/open_api/v1.3/business/comment/hide/");
	pace_key("http://h", k, sizeof(k));
	assert_string_equal(k, "/");
	pace_key(API "business/comment/list/", k, 8); /* truncated, terminated */
	assert_string_equal(k, "/open_a");
}

static void per_endpoint(void **st)
{
	struct pace *p = pace_new(40); /* 1.5 s a request, 2% under the limit */
	const char *list = API "business/comment/list/?video_id=1", *list2 = API "business/comment/list/?video_id=2";
	const char *hide = API "business/comment/hide/";
	(void)st;

	assert_true(pace_ready(p, list) <= 100.0);
	pace_take(p, list, 100.0);
	/* the same endpoint (another query) waits 1.53 s; another endpoint does not */
	assert_true(pace_ready(p, list2) > 101.52 && pace_ready(p, list2) < 101.54);
	assert_true(pace_ready(p, hide) <= 100.0);
	pace_take(p, hide, 100.0);
	pace_take(p, list2, 100.5); /* early: booked after the previous slot */
	assert_true(pace_ready(p, list) > 103.05 && pace_ready(p, list) < 103.07);
	/* a rate-limit answer holds its endpoint only */
	pace_hold(p, hide, 130.0);
	assert_true(pace_ready(p, hide) >= 130.0);
	assert_true(pace_ready(p, list) < 104.0);
	pace_hold(p, hide, 110.0); /* a hold never shortens */
	assert_true(pace_ready(p, hide) >= 130.0);
	pace_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys),
		cmocka_unit_test(per_endpoint),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
