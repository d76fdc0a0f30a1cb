/* Unit tests for exporters/actionlog.c: the action log's exact shape, one
 * line and the whole file (atomic, nothing left behind). */
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


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_line),
		cmocka_unit_test(log_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
