/* atomic.h: the one way ttreport writes a file that others read (reports, the
 * action log, the credentials file): whole or not at all. The content goes to a
 * temporary file beside the final one (".NAME.tmpPID.XXXXXX", made by mkstemp in
 * the same folder), which is fsync'ed, renamed over the final name, and then the
 * folder is fsync'ed so that the rename survives a crash.
 *
 * Ownership: a struct atomic_file owns its temporary file (and the descriptor or
 * stream on it) from atomic_open() until atomic_commit() or atomic_abort(). */
#ifndef TT_ATOMIC_H
#define TT_ATOMIC_H

#include <stdio.h>
#include <sys/types.h>

#include "core/err.h"

struct atomic_file {
	char path[4096]; /* the final name */
	char tmp[4200];  /* the temporary name; "" once committed or aborted */
	int fd;          /* open for writing on tmp; -1 when closed */
	FILE *f;         /* atomic_stream()'s stream on fd, or NULL */
};

/* Create the temporary file for path with mode (masked by the umask, as
 * open(2) does). Writers either use a->fd, or atomic_stream(), or (libraries that
 * open by name) write a->tmp themselves. EXIT_OUTPUT naming path on failure. */
int atomic_open(struct atomic_file *a, const char *path, mode_t mode, struct err *e);
/* A stdio stream on the temporary file (NULL when out of memory). */
FILE *atomic_stream(struct atomic_file *a);
/* Flush, fsync, rename over a->path, fsync the folder. On failure the temporary
 * file is removed and EXIT_OUTPUT names a->path. */
int atomic_commit(struct atomic_file *a, struct err *e);
/* Close and remove the temporary file; does nothing after atomic_commit(). */
void atomic_abort(struct atomic_file *a);

/* mkdir -p path (0755). EXIT_OUTPUT naming the folder on failure. */
int atomic_mkdirs(const char *path, struct err *e);

/* Remove the temporary files of writers that were killed: ".NAME.tmpPID" and
 * ".NAME.tmpPID.XXXXXX" files of ttreport's outputs (".ttreport_*",
 * ".actions_*") in dir whose process no longer exists. A missing folder is
 * fine. Returns how many were removed. */
int atomic_sweep(const char *dir);

#endif
