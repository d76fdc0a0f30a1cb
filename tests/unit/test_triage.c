/* Unit tests for triage (triage.h): every branch of the decision, in the
 * order that is its contract.
 *
 * `test_triage drive ARGS...` is not a test: it runs comments_run() (triage
 * and its action log) the way `ttreport comments ARGS...` does (config from
 * argv/env, TTREPORT_NOW), for tests/e2e/t_triage.sh, with faster pacing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/log.h"
#include "core/record.h"
#include "etl/comments.h"
#include "etl/config.h"
#include "exporters/actionlog.h"
#include "triage/triage.h"

/* ---- the decision ---- */

static const struct triage_limits dry = { false, true, 10, 10 }, app = { true, true, 10, 10 };

static struct triage_decision dec(enum category cat, bool owner, bool hidden, bool replied,
				  bool commenter, const struct triage_limits *l, struct triage_tally *t)
{
	struct triage_in in = { owner, hidden, replied, commenter, false, cat };
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
		cmocka_unit_test(decide_skips),
		cmocka_unit_test(decide_categories),
		cmocka_unit_test(decide_caps),
		cmocka_unit_test(decide_one_per_commenter),
	};

	if (argc > 1 && strcmp(argv[1], "drive") == 0)
		return drive(argc - 1, argv + 1);
	log_set_level(LOG_WARN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
