/* Unit tests for cmd_auth.c: the credentials-file update (cred_update) keeps
 * the other lines, stays 0600, refuses a value that could inject a key. */
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

#include "etl/cmd_auth.h"

static char dir[256];

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof(dir), "%s/ttauth.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
	char cmd[300];
	(void)st;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void cred_update_keeps_others(void **st)
{
	struct err e = { 0 };
	struct stat sb;
	char path[512];
	const struct cred_kv kv1[] = { { "TIKTOK_ACCOUNT_TOKEN", "a1", "expires 2026-11-21T06:00:00Z" },
				       { "TIKTOK_REFRESH_TOKEN", "r1", NULL } };
	const struct cred_kv kv2[] = { { "TIKTOK_ACCOUNT_TOKEN", "a2", "expires 2026-11-22T06:00:00Z" } };
	const struct cred_kv bad[] = { { "TIKTOK_ACCOUNT_TOKEN", "a\nTIKTOK_ACCESS_TOKEN = x", NULL } };
	(void)st;

	snprintf(path, sizeof(path), "%s/new-cred", dir);
	unlink(path);
	umask(022);
	assert_int_equal(cred_update(path, kv1, 2, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_string_equal(slurp(path), "# TIKTOK_ACCOUNT_TOKEN expires 2026-11-21T06:00:00Z\n"
					 "TIKTOK_ACCOUNT_TOKEN = a1\nTIKTOK_REFRESH_TOKEN = r1\n");

	/* other lines stay, the key and its note are replaced */
	{
		FILE *fp = fopen(path, "a");
		fputs("TIKTOK_APP_SECRET = keep-me", fp); /* no final newline */
		fclose(fp);
	}
	assert_int_equal(cred_update(path, kv2, 1, &e), 0);
	assert_string_equal(slurp(path), "TIKTOK_REFRESH_TOKEN = r1\nTIKTOK_APP_SECRET = keep-me\n"
					 "# TIKTOK_ACCOUNT_TOKEN expires 2026-11-22T06:00:00Z\n"
					 "TIKTOK_ACCOUNT_TOKEN = a2\n");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* a value with a line break could inject a key: refused, file unchanged */
	assert_int_equal(cred_update(path, bad, 1, &e), EXIT_USAGE);
	assert_non_null(strstr(slurp(path), "TIKTOK_ACCOUNT_TOKEN = a2\n"));

	/* an unwritable folder: EXIT_OUTPUT */
	assert_int_equal(cred_update("/nonexistent/dir/cred", kv2, 1, &e), EXIT_OUTPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cred_update_keeps_others),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
