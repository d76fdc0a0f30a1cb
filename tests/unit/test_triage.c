/* Comment triage: parsing the /business/ answers (fixtures/api/comments_*.json),
 * every branch of the decision, and the action log's exact shape.
 *
 * `test_triage drive ARGS...` is not a test: it runs comments_run() (triage
 * and its action log) the way
 * `ttreport comments ARGS...` will (config from argv/env, TTREPORT_NOW), for
 * tests/e2e/t_triage.sh while main.c does not wire the command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "exporters/actionlog.h"
#include "etl/comments.h"
#include "etl/config.h"
#include "core/dates.h"
#include "core/log.h"
#include "etl/normalize.h"
#include "triage/normalize_comments.h"
#include "core/record.h"
#include "triage/triage.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* ---- parsing ---- */

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

/* ---- the decision ---- */

static const struct triage_limits dry = { false, true, 10, 10 }, app = { true, true, 10, 10 };

static struct triage_decision dec(enum category cat, bool owner, bool hidden, bool replied,
				  bool commenter, const struct triage_limits *l, struct triage_tally *t)
{
	struct triage_in in = { owner, hidden, replied, commenter, cat };
	return triage_decide(&in, l, t);
}

/* d is evaluated once: each evaluation is a decision that counts */
#define assert_dec(d, A, R, W)                                                         \
	do {                                                                           \
		struct triage_decision d_ = (d);                                      \
		assert_int_equal(d_.act, (A));                                        \
		assert_string_equal(actionlog_result(d_.result), (R));               \
		assert_int_equal(d_.write, (W));                                      \
	} while (0)

static void decide_skips(void **state)
{
	struct triage_tally t = { 0, 0 };
	(void)state;

	/* own comments: never touched, whatever they look like */
	for (int cat = 0; cat < CAT_COUNT; cat++)
		assert_dec(dec((enum category)cat, true, false, false, false, &app, &t), ACT_SKIP,
			   "skipped:own-comment", false);
	/* already hidden: spam or inquiry alike */
	assert_dec(dec(CAT_SPAM, false, true, false, false, &app, &t), ACT_SKIP,
		   "skipped:already-hidden", false);
	assert_dec(dec(CAT_INQUIRY, false, true, false, false, &app, &t), ACT_SKIP,
		   "skipped:already-hidden", false);
	/* already answered by the store (inline or through reply/list) */
	assert_dec(dec(CAT_INQUIRY, false, false, true, false, &app, &t), ACT_SKIP,
		   "skipped:already-replied", false);
	assert_dec(dec(CAT_COMPLAINT, false, false, true, false, &dry, &t), ACT_SKIP,
		   "skipped:already-replied", false);
	assert_int_equal(t.replies + t.hides, 0);
}

static void decide_categories(void **state)
{
	struct triage_tally t = { 0, 0 };
	struct triage_limits keep = { true, false, 10, 10 };
	(void)state;

	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &dry, &t), ACT_REPLY, "planned", false);
	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &app, &t), ACT_REPLY, "error", true);
	assert_int_equal(t.replies, 2);
	assert_dec(dec(CAT_SPAM, false, false, false, false, &dry, &t), ACT_HIDE, "planned", false);
	assert_dec(dec(CAT_ABUSE, false, false, false, false, &app, &t), ACT_HIDE, "error", true);
	assert_dec(dec(CAT_OFFTOPIC, false, false, false, false, &app, &t), ACT_HIDE, "error", true);
	assert_int_equal(t.hides, 3);
	assert_dec(dec(CAT_OFFTOPIC, false, false, false, false, &keep, &t), ACT_NONE, "ok", false);
	assert_dec(dec(CAT_OTHER, false, false, false, false, &app, &t), ACT_NONE, "ok", false);
	assert_dec(dec(CAT_OTHER, false, false, false, false, &dry, &t), ACT_NONE, "ok", false);
	/* a complaint is flagged for a human, never hidden, never a write */
	assert_dec(dec(CAT_COMPLAINT, false, false, false, false, &app, &t), ACT_FLAG, "ok", false);
	assert_dec(dec(CAT_COMPLAINT, false, false, false, false, &dry, &t), ACT_FLAG, "planned", false);
	assert_int_equal(t.hides, 3);
	assert_int_equal(t.replies, 2);
}

static void decide_caps(void **state)
{
	struct triage_tally t = { 0, 0 };
	struct triage_limits l = { true, true, 2, 1 };
	struct triage_limits none = { false, true, 0, 0 };
	(void)state;

	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &l, &t), ACT_REPLY, "error", true);
	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &l, &t), ACT_REPLY, "error", true);
	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &l, &t), ACT_SKIP, "skipped:cap", false);
	assert_dec(dec(CAT_SPAM, false, false, false, false, &l, &t), ACT_HIDE, "error", true);
	assert_dec(dec(CAT_ABUSE, false, false, false, false, &l, &t), ACT_SKIP, "skipped:cap", false);
	assert_dec(dec(CAT_OFFTOPIC, false, false, false, false, &l, &t), ACT_SKIP, "skipped:cap", false);
	/* caps do not touch flags */
	assert_dec(dec(CAT_COMPLAINT, false, false, false, false, &l, &t), ACT_FLAG, "ok", false);
	assert_int_equal(t.replies, 2);
	assert_int_equal(t.hides, 1);
	/* the same caps hold in a dry run, so it plans exactly what --apply does */
	t = (struct triage_tally){ 0, 0 };
	assert_dec(dec(CAT_INQUIRY, false, false, false, false, &none, &t), ACT_SKIP, "skipped:cap", false);
	assert_dec(dec(CAT_SPAM, false, false, false, false, &none, &t), ACT_SKIP, "skipped:cap", false);
}

static void decide_one_per_commenter(void **state)
{
	struct triage_tally t = { 0, 0 };
	(void)state;

	assert_dec(dec(CAT_INQUIRY, false, false, false, true, &app, &t), ACT_SKIP,
		   "skipped:one-per-commenter", false);
	assert_dec(dec(CAT_INQUIRY, false, false, false, true, &dry, &t), ACT_SKIP,
		   "skipped:one-per-commenter", false);
	assert_int_equal(t.replies, 0);
	/* it limits replies only: the same person's spam is still hidden */
	assert_dec(dec(CAT_SPAM, false, false, false, true, &app, &t), ACT_HIDE, "error", true);
}

/* ---- the action log ---- */

static void log_line(void **state)
{
	struct action_rec a = { 1795154400, "sim-business", "7203946942097902849", "7301000000000000001",
				CAT_INQUIRY, "inquiry.price", "darija-lat", ACT_REPLY, true, RES_OK, NULL };
	char buf[1024];
	size_t n;
	FILE *f = tmpfile();
	(void)state;

	assert_int_equal(actionlog_write_line(f, &a), 0);
	a.act = ACT_SKIP;
	a.apply = false;
	a.cat = CAT_SPAM;
	a.rule = "spam.\"link\"";
	a.result = RES_ERROR;
	a.error = "code 40007: comment 1 does not exist";
	assert_int_equal(actionlog_write_line(f, &a), 0);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf,
		"{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"sim-business\","
		"\"video_id\":\"7203946942097902849\",\"comment_id\":\"7301000000000000001\","
		"\"category\":\"inquiry\",\"rule\":\"inquiry.price\",\"lang\":\"darija-lat\","
		"\"action\":\"reply\",\"mode\":\"apply\",\"result\":\"ok\",\"error\":null}\n"
		"{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"sim-business\","
		"\"video_id\":\"7203946942097902849\",\"comment_id\":\"7301000000000000001\","
		"\"category\":\"spam\",\"rule\":\"spam.\\\"link\\\"\",\"lang\":\"darija-lat\","
		"\"action\":\"skip\",\"mode\":\"dry-run\",\"result\":\"error\","
		"\"error\":\"code 40007: comment 1 does not exist\"}\n");
}

static void log_file(void **state)
{
	struct report *r = report_new(1795154400);
	struct action_rec a = { 1795154400, "b", "v", "c", CAT_OTHER, "default.other", "fr",
				ACT_NONE, false, RES_OK, NULL };
	char dir[] = "/tmp/tt-triage-XXXXXX", path[256], cmd[300];
	struct err e = { 0 };
	size_t len;
	char *b;
	(void)state;

	assert_non_null(mkdtemp(dir));
	date_parse("2026-11-17", &r->span.since);
	date_parse("2026-11-19", &r->span.until);
	report_add_action(r, &a);
	report_add_action(r, &a);
	assert_int_equal(r->triage.counts[CAT_OTHER][ACT_NONE], 2);
	snprintf(path, sizeof(path), "%s/actions_2026-11-17_2026-11-19.jsonl", dir);
	assert_int_equal(actionlog_write(r, path, &e), 0);
	b = slurp(path, &len);
	assert_int_equal(len, 2 * strlen("{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"b\","
					 "\"video_id\":\"v\",\"comment_id\":\"c\",\"category\":\"other\","
					 "\"rule\":\"default.other\",\"lang\":\"fr\",\"action\":\"none\","
					 "\"mode\":\"dry-run\",\"result\":\"ok\",\"error\":null}\n"));
	free(b);
	/* nothing else is left behind (no temporary file) */
	snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) -eq 1", dir);
	assert_int_equal(system(cmd), 0);
	/* an unwritable place: EXIT_OUTPUT, no file */
	assert_int_equal(actionlog_write(r, "/nonexistent-dir/actions.jsonl", &e), EXIT_OUTPUT);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	report_free(r);
}

/* ---- driver for the end-to-end test ---- */

static int drive(int argc, char **argv)
{
	struct config c;
	struct triage_opts o;
	struct err e = { 0 };
	struct report *r;
	time_t now;
	int rc, days;
	const char *rq = getenv("TTREPORT_TRIAGE_READ_QPS"), *wq = getenv("TTREPORT_TRIAGE_WRITE_QPS");

	if ((rc = config_load(&c, argc, argv, &e))) {
		fprintf(stderr, "ttreport: %s\n", e.msg);
		config_release(&c);
		return rc;
	}
	log_set_level(c.verbosity < 0 ? LOG_WARN : c.verbosity > 0 ? LOG_DEBUG : LOG_INFO);
	if ((rc = run_now(&now, &e))) {
		fprintf(stderr, "ttreport: %s\n", e.msg);
		config_release(&c);
		return rc;
	}
	comments_opts(&c, &o);
	o.read_qps = rq ? atof(rq) : 20;
	o.write_qps = wq ? atof(wq) : 10;
	r = report_new(now);
	days = c.comment_days;
	r->span.since = (int)((now - (time_t)days * 86400) / 86400);
	r->span.until = (int)(now / 86400);
	rc = comments_run(r, &o, now, &e);
	if (rc)
		fprintf(stderr, "ttreport: %s\n", e.msg);
	report_free(r);
	config_release(&c);
	return rc;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(video_page),         cmocka_unit_test(comment_page_short),
		cmocka_unit_test(comment_page_last),  cmocka_unit_test(reply_list_and_create),
		cmocka_unit_test(bad_answers),        cmocka_unit_test(decide_skips),
		cmocka_unit_test(decide_categories),  cmocka_unit_test(decide_caps),
		cmocka_unit_test(decide_one_per_commenter), cmocka_unit_test(log_line),
		cmocka_unit_test(log_file),
	};

	if (argc > 1 && strcmp(argv[1], "drive") == 0)
		return drive(argc - 1, argv + 1);
	log_set_level(LOG_WARN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
