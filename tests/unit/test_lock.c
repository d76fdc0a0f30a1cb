/* Unit tests for core/lock.c: one holder per key across processes whatever
 * their working folder (issue 13: the lock was <outdir>/.triage.lock), the
 * refused one learns the holder's line, the folder is 0700, the lock dies
 * with its holder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/lock.h"

static char dir[] = "/tmp/tt-lock-XXXXXX";

static void one_holder(void **st)
{
	struct keylock a, b;
	struct err e = { 0 };
	char holder[200], path[300];
	struct stat sb;
	int fds[2];
	pid_t pid;
	(void)st;

	assert_non_null(mkdtemp(dir));
	setenv("XDG_RUNTIME_DIR", dir, 1);
	assert_int_equal(keylock_take(&a, "-acct/1", "pid 1, here", holder, sizeof(holder), &e), LOCK_HELD);
	snprintf(path, sizeof(path), "%s/ttreport", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_non_null(strstr(a.path, "/ttreport/-acct%2F1.lock"));
	/* another process, another folder: refused, told who holds it */
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		char h[200] = "";
		int rc;
		if (chdir("/") != 0)
			_exit(9);
		rc = keylock_take(&b, "-acct/1", "pid 2", h, sizeof(h), &e);
		if (write(fds[1], h, strlen(h) + 1) < 0)
			_exit(9);
		_exit(rc == LOCK_BUSY ? 0 : 1);
	}
	{
		int status;
		char h[200] = "";
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_int_equal(WEXITSTATUS(status), 0);
		assert_true(read(fds[0], h, sizeof(h)) > 0);
		assert_string_equal(h, "pid 1, here");
	}
	/* another key is free */
	assert_int_equal(keylock_take(&b, "acct2", "pid 1", holder, sizeof(holder), &e), LOCK_HELD);
	keylock_release(&b);
	/* released: the next one gets it */
	keylock_release(&a);
	assert_int_equal(keylock_take(&b, "-acct/1", "pid 3", holder, sizeof(holder), &e), LOCK_HELD);
	keylock_release(&b);
	close(fds[0]);
	close(fds[1]);
}

static void unsafe_folder(void **st)
{
	struct keylock a;
	struct err e = { 0 };
	char holder[200], path[300], cmd[400];
	(void)st;

	/* a folder others may write to is not used (falls back past it) */
	snprintf(path, sizeof(path), "%s/ttreport", dir);
	assert_int_equal(chmod(path, 0777), 0);
	assert_int_equal(keylock_take(&a, "k", "me", holder, sizeof(holder), &e), LOCK_HELD);
	assert_null(strstr(a.path, dir));
	keylock_release(&a);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_holder),
		cmocka_unit_test(unsafe_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
