#include "core/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int atomic_open(struct atomic_file *a, const char *path, mode_t mode, struct err *e)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	mode_t mask = umask(0);

	umask(mask); /* only read it (no other thread of ttreport creates files) */
	memset(a, 0, sizeof(*a));
	a->fd = -1;
	if (snprintf(a->path, sizeof(a->path), "%s", path) >= (int)sizeof(a->path) ||
	    snprintf(a->tmp, sizeof(a->tmp), "%.*s.%s.tmp%ld.XXXXXX", dirlen, path, path + dirlen,
		     (long)getpid()) >= (int)sizeof(a->tmp)) {
		a->tmp[0] = '\0';
		return errf(e, EXIT_OUTPUT, "%s: path too long", path);
	}
	if ((a->fd = mkstemp(a->tmp)) < 0) {
		int saved = errno;
		a->tmp[0] = '\0';
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(saved));
	}
	if (fchmod(a->fd, mode & ~mask) != 0) {
		int saved = errno;
		atomic_abort(a);
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(saved));
	}
	return 0;
}

FILE *atomic_stream(struct atomic_file *a)
{
	if (!a->f && a->fd >= 0)
		a->f = fdopen(a->fd, "w");
	return a->f;
}

/* Close the stream or descriptor; 0, or the errno of the first failure. */
static int close_tmp(struct atomic_file *a)
{
	int rc = 0;

	if (a->f) {
		if (fflush(a->f) != 0 || ferror(a->f))
			rc = errno ? errno : EIO;
		if (!rc && fsync(a->fd) != 0)
			rc = errno;
		if (fclose(a->f) != 0 && !rc)
			rc = errno;
	} else if (a->fd >= 0) {
		if (fsync(a->fd) != 0)
			rc = errno;
		if (close(a->fd) != 0 && !rc)
			rc = errno;
	}
	a->f = NULL;
	a->fd = -1;
	return rc;
}

/* fsync the folder holding path, so that a rename in it is durable. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	int fd;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

int atomic_commit(struct atomic_file *a, struct err *e)
{
	int saved;

	if (!a->tmp[0])
		return errf(e, EXIT_OUTPUT, "%s: no temporary file to commit", a->path);
	saved = close_tmp(a);
	if (!saved && rename(a->tmp, a->path) != 0)
		saved = errno;
	if (saved) {
		unlink(a->tmp);
		a->tmp[0] = '\0';
		return errf(e, EXIT_OUTPUT, "%s: %s", a->path, strerror(saved));
	}
	a->tmp[0] = '\0';
	sync_dir(a->path);
	return 0;
}

void atomic_abort(struct atomic_file *a)
{
	if (!a->tmp[0])
		return;
	if (a->f)
		fclose(a->f);
	else if (a->fd >= 0)
		close(a->fd);
	a->f = NULL;
	a->fd = -1;
	unlink(a->tmp);
	a->tmp[0] = '\0';
}

int atomic_mkdirs(const char *path, struct err *e)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return errf(e, EXIT_OUTPUT, "%s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST)
		return errf(e, EXIT_OUTPUT, "%s: %s", buf, strerror(errno));
	return 0;
}

/* The pid in a temporary name of ours: ".ttreport_....tmpPID" (older runs) or
 * ".ttreport_....tmpPID.XXXXXX" (atomic_open), also ".actions_..."; 0 when
 * the name is not one. */
static long tmp_pid(const char *name)
{
	const char *t, *p;
	char *end;
	long pid;

	if (strncmp(name, ".ttreport_", 10) != 0 && strncmp(name, ".actions_", 9) != 0)
		return 0;
	for (t = strstr(name, ".tmp"); t; p = t, t = strstr(p + 1, ".tmp")) {
		pid = strtol(t + 4, &end, 10);
		if (end == t + 4 || pid <= 0)
			continue;
		if (!*end || (*end == '.' && strlen(end + 1) == 6 && !strchr(end + 1, '.')))
			return pid;
	}
	return 0;
}

int atomic_sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		long pid = tmp_pid(de->d_name);
		struct stat sb;
		if (!pid || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* its writer still runs (or may: not ours to judge) */
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
		    unlinkat(dirfd(d), de->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}
