/* Unit tests for exporters/actionlog.c: the action log's exact shape (run id
 * and start on every line), one line and the whole file: a second run appends
 * its lines, never replaces the first run's (failed before issue 13: the
 * file was rewritten whole). */
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
#include "core/record.h"
#include "exporters/actionlog.h"
#include "helper_file.h"

static void log_line(void **state)
{
	struct action_rec a = { 1795154400, "sim-business", "7203946942097902849", "7301000000000000001",
				CAT_INQUIRY, "inquiry.price", "darija-lat", ACT_REPLY, true, RES_OK, NULL };
	char buf[1024];
	size_t n;
	FILE *f = tmpfile();
	(void)state;

	assert_int_equal(actionlog_write_line(f, &a, "20261120T060000Z-42-00abcd", 1795154400), 0);
	a.act = ACT_SKIP;
	a.apply = false;
	a.cat = CAT_SPAM;
	a.rule = "spam.\"link\"";
	a.result = RES_ERROR;
	a.error = "code 40007: comment 1 does not exist";
	assert_int_equal(actionlog_write_line(f, &a, "20261120T060000Z-42-00abcd", 1795154400), 0);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf,
		"{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"sim-business\","
		"\"video_id\":\"7203946942097902849\",\"comment_id\":\"7301000000000000001\","
		"\"category\":\"inquiry\",\"rule\":\"inquiry.price\",\"lang\":\"darija-lat\","
		"\"action\":\"reply\",\"mode\":\"apply\",\"result\":\"ok\",\"error\":null,"
		"\"run\":{\"id\":\"20261120T060000Z-42-00abcd\",\"start\":\"2026-11-20T06:00:00Z\"}}\n"
		"{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"sim-business\","
		"\"video_id\":\"7203946942097902849\",\"comment_id\":\"7301000000000000001\","
		"\"category\":\"spam\",\"rule\":\"spam.\\\"link\\\"\",\"lang\":\"darija-lat\","
		"\"action\":\"skip\",\"mode\":\"dry-run\",\"result\":\"error\","
		"\"error\":\"code 40007: comment 1 does not exist\","
		"\"run\":{\"id\":\"20261120T060000Z-42-00abcd\",\"start\":\"2026-11-20T06:00:00Z\"}}\n");
}

static void log_file(void **state)
{
	struct report *r = report_new(1795154400), *r2;
	struct action_rec a = { 1795154400, "b", "v", "c", CAT_OTHER, "default.other", "fr",
				ACT_NONE, false, RES_OK, NULL };
	char dir[] = "/tmp/tt-triage-XXXXXX", path[256], cmd[300];
	struct err e = { 0 };
	size_t len, one;
	char *b;
	(void)state;

	assert_non_null(mkdtemp(dir));
	date_parse("2026-11-17", &r->span.since);
	date_parse("2026-11-19", &r->span.until);
	report_add_action(r, &a);
	report_add_action(r, &a);
	assert_int_equal(r->triage.counts[CAT_OTHER][ACT_NONE], 2);
	snprintf(path, sizeof(path), "%s/actions_2026-11-17_2026-11-19.jsonl", dir);
	assert_int_equal(actionlog_append(r, path, &e), 0);
	b = slurp(path, &len);
	one = strlen("{\"time\":\"2026-11-20T06:00:00Z\",\"advertiser_or_business_id\":\"b\","
		     "\"video_id\":\"v\",\"comment_id\":\"c\",\"category\":\"other\","
		     "\"rule\":\"default.other\",\"lang\":\"fr\",\"action\":\"none\","
		     "\"mode\":\"dry-run\",\"result\":\"ok\",\"error\":null,\"run\":{\"id\":\"\","
		     "\"start\":\"2026-11-20T06:00:00Z\"}}\n") + strlen(r->run_id);
	assert_int_equal(len, 2 * one);
	assert_non_null(strstr(b, r->run_id));
	free(b);
	/* a second run (a dry run after the apply) appends; the first run's lines stay */
	r2 = report_new(1795154400 + 60);
	a.apply = true;
	report_add_action(r2, &a);
	assert_string_not_equal(r->run_id, r2->run_id);
	assert_int_equal(actionlog_append(r2, path, &e), 0);
	b = slurp(path, &len);
	assert_int_equal(len, 3 * one - (strlen("dry-run") - strlen("apply")));
	assert_non_null(strstr(b, r->run_id));
	assert_null(strstr(b, r2->run_id) - b < (ptrdiff_t)(2 * one) ? "second run inside the first" : NULL);
	assert_non_null(strstr(b + 2 * one, "\"mode\":\"apply\""));
	free(b);
	report_free(r2);
	/* nothing else is left behind (no temporary file) */
	snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) -eq 1", dir);
	assert_int_equal(system(cmd), 0);
	/* an unwritable place: EXIT_OUTPUT, no file */
	assert_int_equal(actionlog_append(r, "/nonexistent-dir/actions.jsonl", &e), EXIT_OUTPUT);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	report_free(r);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_line),
		cmocka_unit_test(log_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
