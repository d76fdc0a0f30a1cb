#include "core/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* DIR/ttreport exists (made 0700 if not), is a folder of ours, not writable
 * by group or others. */
static int usable_dir(const char *base, char *dir, size_t n)
{
	struct stat st;

	if (!base || !*base || stat(base, &st) != 0 || !S_ISDIR(st.st_mode))
		return -1;
	if ((size_t)snprintf(dir, n, "%s/ttreport", base) >= n)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022))
		return -1;
	return access(dir, W_OK | X_OK) == 0 ? 0 : -1;
}

static int lock_dir(char *dir, size_t n)
{
	char user[64];

	snprintf(user, sizeof(user), "/run/user/%u", (unsigned)geteuid());
	if (usable_dir(getenv("XDG_RUNTIME_DIR"), dir, n) == 0)
		return 0;
	if (!getenv("XDG_RUNTIME_DIR") && usable_dir(user, dir, n) == 0)
		return 0;
	if (usable_dir("/run/lock", dir, n) == 0)
		return 0;
	return usable_dir("/tmp", dir, n);
}

/* The key as a file name: letters, digits, '-', '_' and '.' kept, others %XX. */
static void file_name(const char *key, char *out, size_t n)
{
	size_t o = 0;

	for (const unsigned char *s = (const unsigned char *)key; *s && o + 4 < n; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_' || (*s == '.' && o > 0))
			out[o++] = (char)*s;
		else
			o += (size_t)snprintf(out + o, n - o, "%%%02X", *s);
	}
	out[o] = '\0';
}

/* The holder's line, waiting up to 1 s for a holder that has just taken the lock. */
static void read_holder(int fd, char *holder, size_t n)
{
	for (int i = 0; i < 20; i++) {
		ssize_t k = pread(fd, holder, n - 1, 0);
		if (k > 0) {
			holder[k] = '\0';
			holder[strcspn(holder, "\n")] = '\0';
			if (holder[0])
				return;
		}
		nanosleep(&(struct timespec){ 0, 50000000 }, NULL);
	}
	snprintf(holder, n, "an unknown process");
}

int keylock_take(struct keylock *l, const char *key, const char *who, char *holder, size_t n,
		 struct err *e)
{
	char dir[4000], name[400];
	size_t len = strlen(who);

	l->fd = -1;
	if (lock_dir(dir, sizeof(dir)) != 0)
		return errf(e, EXIT_OUTPUT, "no folder for the lock: $XDG_RUNTIME_DIR, /run/lock and "
			    "/tmp are all unusable");
	file_name(key, name, sizeof(name));
	snprintf(l->path, sizeof(l->path), "%s/%s.lock", dir, name);
	l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (l->fd < 0)
		return errf(e, EXIT_OUTPUT, "%s: %s", l->path, strerror(errno));
	if (flock(l->fd, LOCK_EX | LOCK_NB) != 0) {
		int er = errno;
		if (er == EWOULDBLOCK)
			read_holder(l->fd, holder, n);
		close(l->fd);
		l->fd = -1;
		if (er != EWOULDBLOCK)
			return errf(e, EXIT_OUTPUT, "%s: %s", l->path, strerror(er));
		return LOCK_BUSY;
	}
	/* what the last holder left, then who holds it (for a refused run) */
	{
		ssize_t k = pread(l->fd, holder, n - 1, 0);
		holder[k > 0 ? k : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
	}
	if (ftruncate(l->fd, 0) != 0 || pwrite(l->fd, who, len, 0) != (ssize_t)len ||
	    pwrite(l->fd, "\n", 1, (off_t)len) != 1)
		return 0; /* held all the same; the other run will say "unknown" */
	return LOCK_HELD;
}

void keylock_note(struct keylock *l, const char *line)
{
	size_t len = strlen(line);

	if (l->fd < 0 || ftruncate(l->fd, 0) != 0 || pwrite(l->fd, line, len, 0) != (ssize_t)len ||
	    pwrite(l->fd, "\n", 1, (off_t)len) != 1) {
		/* the next holder reads less: at worst it does not wait */
	}
}

void keylock_leave(struct keylock *l, const char *line)
{
	if (l->fd >= 0 && line) {
		keylock_note(l, line);
		close(l->fd);
		l->fd = -1;
	}
	keylock_release(l);
}

void keylock_release(struct keylock *l)
{
	if (l->fd >= 0) {
		if (ftruncate(l->fd, 0) != 0) {
			/* the next holder overwrites it anyway */
		}
		close(l->fd);
	}
	l->fd = -1;
}
