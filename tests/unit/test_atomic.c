/* Unit tests for core/atomic: a file appears whole on commit, with the umask's
 * mode, and nothing is left behind by an abort or a failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/atomic.h"

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void commit_abort_and_failure(void **st)
{
	char dir[] = "/tmp/ttatomic.XXXXXX", path[128], buf[32] = "";
	struct atomic_file af;
	struct err e = { 0 };
	struct stat sb;
	mode_t old = umask(022);
	FILE *f;
	(void)st;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	/* the temporary file sits beside the final one, hidden, named after it */
	assert_int_equal(atomic_open(&af, path, 0666, &e), 0);
	assert_non_null(strstr(af.tmp, "/.out.csv.tmp"));
	assert_int_equal(entries(dir), 1);
	assert_int_equal(access(path, F_OK), -1);
	assert_non_null(f = atomic_stream(&af));
	fputs("a,b\r\n", f);
	assert_int_equal(atomic_commit(&af, &e), 0);
	atomic_abort(&af); /* after a commit: nothing */
	assert_int_equal(entries(dir), 1);
	assert_non_null(f = fopen(path, "r"));
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "a,b\r\n");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);

	/* an abort leaves the old file as it was and no temporary file */
	assert_int_equal(atomic_open(&af, path, 0600, &e), 0);
	assert_int_equal(write(af.fd, "x", 1), 1);
	atomic_abort(&af);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 5);

	/* a folder that does not exist: EXIT_OUTPUT naming the file */
	snprintf(path, sizeof(path), "%s/missing/out.csv", dir);
	assert_int_equal(atomic_open(&af, path, 0666, &e), EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, "missing/out.csv"));
	atomic_abort(&af);

	/* mkdir -p: every missing folder on the way */
	err_clear(&e);
	snprintf(path, sizeof(path), "%s/missing/sub", dir);
	assert_int_equal(atomic_mkdirs(path, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(atomic_mkdirs(path, &e), 0); /* already there: fine */
	snprintf(buf, sizeof(buf), "rm -rf %.20s", dir);
	assert_int_equal(system(buf), 0);
	umask(old);
}

static void touch(const char *dir, const char *name)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	assert_non_null(f = fopen(p, "w"));
	fclose(f);
}

static bool exists(const char *dir, const char *name)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

/* Issue 14: the ".NAME.tmpPID" files of killed runs were never swept. Those
 * whose process is gone are removed at start; a live writer's (ours, pid 1)
 * and anything not named like ttreport's temporary files stay. */
static void sweep_dead_writers(void **st)
{
	char dir[] = "/tmp/ttsweep.XXXXXX", name[128];
	pid_t dead = fork();
	(void)st;

	if (dead == 0)
		_exit(0);
	assert_true(dead > 0);
	assert_int_equal(waitpid(dead, NULL, 0), dead); /* reaped: the pid is free */
	assert_non_null(mkdtemp(dir));
	snprintf(name, sizeof(name), ".ttreport_2026-11-17_2026-11-19.xlsx.tmp%ld", (long)dead);
	touch(dir, name); /* older runs: no suffix */
	snprintf(name, sizeof(name), ".ttreport_2026-11-17_2026-11-19_ad.csv.tmp%ld.Ab3dEf", (long)dead);
	touch(dir, name);
	snprintf(name, sizeof(name), ".actions_2026-11-17_2026-11-19.jsonl.tmp%ld.x1y2z3", (long)dead);
	touch(dir, name);
	snprintf(name, sizeof(name), ".ttreport_2026-11-17_2026-11-19.pdf.tmp%ld.Q1w2E3", (long)getpid());
	touch(dir, name); /* a live writer: this process */
	touch(dir, ".ttreport_2026-11-17_2026-11-19.pdf.tmp1"); /* pid 1 lives */
	snprintf(name, sizeof(name), ".notours.tmp%ld", (long)dead);
	touch(dir, name);
	touch(dir, "ttreport_2026-11-17_2026-11-19.xlsx");
	assert_int_equal(entries(dir), 7);
	assert_int_equal(atomic_sweep(dir), 3);
	assert_int_equal(entries(dir), 4);
	assert_true(exists(dir, "ttreport_2026-11-17_2026-11-19.xlsx"));
	assert_true(exists(dir, ".ttreport_2026-11-17_2026-11-19.pdf.tmp1"));
	assert_true(exists(dir, name));
	assert_int_equal(atomic_sweep("/nonexistent/folder"), 0);
	snprintf(name, sizeof(name), "rm -rf '%s'", dir);
	assert_int_equal(system(name), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commit_abort_and_failure),
		cmocka_unit_test(sweep_dead_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
