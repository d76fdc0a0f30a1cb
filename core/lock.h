/* lock.h: one process at a time per key (comment triage: per TikTok account,
 * the key is its business id), whatever folder or -o each run uses. An flock
 * on DIR/<key>.lock, DIR being the first usable of $XDG_RUNTIME_DIR/ttreport,
 * /run/user/UID/ttreport (where XDG_RUNTIME_DIR points in a login session:
 * a cron job has no XDG_RUNTIME_DIR, and must meet the same lock),
 * /run/lock/ttreport and /tmp/ttreport; DIR is created 0700 and must be ours
 * and not writable by others. The holder writes who it is into the file; a
 * refused run reads it to name the holder. The lock dies with the process.
 *
 * Ownership: struct keylock holds the open file; keylock_release() closes it. */
#ifndef TT_LOCK_H
#define TT_LOCK_H

#include <stddef.h>

#include "core/err.h"

struct keylock {
	int fd;             /* -1 when not held */
	char path[4096];
};

enum { LOCK_HELD = 0, LOCK_BUSY = 1 };

/* Take the lock of key without waiting. LOCK_HELD: held; holder gets what
 * the last holder left in the file (its last line, "" when nothing), then
 * `who` (one line: pid, start, what) is written into it. LOCK_BUSY: another
 * process holds it; holder gets its line ("pid 123, ..."), or "an unknown
 * process". Otherwise an exit code with e filled (no usable folder). */
int keylock_take(struct keylock *l, const char *key, const char *who, char *holder, size_t n,
		 struct err *e);
/* Replace the holder's line (it stays held). */
void keylock_note(struct keylock *l, const char *line);
/* Release, leaving one line for the next holder (NULL: none). */
void keylock_leave(struct keylock *l, const char *line);
void keylock_release(struct keylock *l);

#endif
