/* Unit tests for triage/normalize_comments.c: the /business/ answers
 * (fixtures/api/comments_*.json) -> videos, comments, replies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/envelope.h"
#include "core/record.h"
#include "triage/normalize_comments.h"
#include "triage/triage.h"
#include "helper_file.h"

static void video_page(void **state)
{
	struct video_page p;
	struct api_status st;
	struct err e = { 0 };
	size_t len;
	char *b = slurp("fixtures/api/comments_videos.json", &len);
	(void)state;

	assert_int_equal(norm_video_page(b, len, &p, &st, &e), NORM_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.v[0].id, "7203946942097902849");
	assert_string_equal(p.v[1].id, "7203946942097902850"); /* a number, printed exactly */
	assert_int_equal(p.v[0].create_time, 1763100000);
	assert_int_equal(p.v[1].create_time, 1762900000);         /* a numeric string */
	assert_true(p.cursor == 1762900000000LL);
	assert_true(p.has_more);
	video_page_release(&p);
	free(b);
}

static void comment_page_short(void **state)
{
	struct comment_page p;
	struct api_status st;
	struct err e = { 0 };
	size_t len;
	char *b = slurp("fixtures/api/comments_page_short.json", &len);
	(void)state;

	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_OK);
	/* a short page (2 of max_count 30) that still has more */
	assert_int_equal(p.n, 2);
	assert_true(p.has_more);
	assert_true(p.cursor == 30);

	assert_string_equal(p.v[0].id, "7301000000000000001");
	assert_null(p.v[0].parent_id);
	assert_int_equal(p.v[0].create_time, 1763600000); /* string */
	assert_string_equal(p.v[0].user_key, "+ABcdEFghIJk"); /* unique_identifier first */
	assert_false(p.v[0].owner);
	assert_false(p.v[0].hidden);
	assert_int_equal(p.v[0].replies, 4);
	assert_int_equal(p.v[0].inline_replies, 3);
	assert_false(p.v[0].inline_store_reply);
	/* 4 replies, 3 inline, none from the store: reply/list must be read */
	assert_true(triage_must_read_replies(p.v[0].owner, p.v[0].hidden, p.v[0].inline_store_reply,
					     p.v[0].replies, p.v[0].inline_replies));

	assert_string_equal(p.v[1].id, "7301000000000000002"); /* a number */
	assert_int_equal(p.v[1].create_time, 1763500000);     /* number */
	assert_string_equal(p.v[1].user_key, "00aa11bb22cc33de"); /* user_id fallback */
	assert_true(p.v[1].hidden);
	assert_true(p.v[1].inline_store_reply);
	assert_false(triage_must_read_replies(false, false, true, 1, 1));
	assert_false(triage_must_read_replies(false, false, false, 3, 3));
	assert_false(triage_must_read_replies(true, false, false, 9, 3));
	assert_false(triage_must_read_replies(false, true, false, 9, 3));
	comment_page_release(&p);
	free(b);
}

static void comment_page_last(void **state)
{
	struct comment_page p;
	struct api_status st;
	struct err e = { 0 };
	size_t len;
	char *b = slurp("fixtures/api/comments_page_last.json", &len);
	(void)state;

	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_OK);
	assert_int_equal(p.n, 2);
	assert_false(p.has_more);
	assert_true(p.v[0].owner);
	assert_int_equal(p.v[0].inline_replies, 0);
	assert_int_equal(p.v[1].create_time, -1); /* "yesterday": unreadable, left alone */
	assert_null(p.v[1].user_key);
	comment_page_release(&p);
	free(b);
}

static void reply_list_and_create(void **state)
{
	struct comment_page p;
	struct api_status st;
	struct err e = { 0 };
	char id[64];
	size_t len;
	char *b = slurp("fixtures/api/comments_replies.json", &len);
	(void)state;

	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].parent_id, "7301000000000000001");
	assert_true(p.v[0].owner);
	comment_page_release(&p);
	free(b);

	b = slurp("fixtures/api/comments_reply_created.json", &len);
	assert_int_equal(norm_reply_created(b, len, id, sizeof(id), &st, &e), NORM_OK);
	assert_string_equal(id, "7301000000000000105");
	free(b);
}

static void bad_answers(void **state)
{
	struct comment_page p;
	struct api_status st;
	struct err e = { 0 };
	char id[64];
	size_t len;
	char *b;
	(void)state;

	b = slurp("fixtures/api/comments_bad_shape.json", &len);
	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_BAD_DATA);
	assert_non_null(strstr(e.msg, "comments"));
	assert_int_equal(p.n, 0);
	free(b);

	b = slurp("fixtures/api/comments_truncated.json", &len);
	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_BAD_JSON);
	/* a cut answer to a write: its outcome is unknown, not an API error */
	assert_int_equal(norm_reply_created(b, len, id, sizeof(id), &st, &e), NORM_BAD_JSON);
	free(b);

	b = slurp("fixtures/api/comments_scope_error.json", &len);
	assert_int_equal(norm_comment_page(b, len, &p, &st, &e), NORM_API);
	assert_int_equal(st.code, 40130);
	assert_int_equal(norm_status(b, len, &st), NORM_API);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(video_page),         cmocka_unit_test(comment_page_short),
		cmocka_unit_test(comment_page_last),  cmocka_unit_test(reply_list_and_create),
		cmocka_unit_test(bad_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
