/* actionlog.h: the comment triage action log, one JSON object per line with
 * exactly the keys of docs/design.md, in this order:
 *   time, advertiser_or_business_id, video_id, comment_id, category, rule,
 *   lang, action, mode, result, error
 * No comment text, no commenter identity, no token: struct action_rec has no
 * field for them. The file appears whole or not at all. */
#ifndef TT_ACTIONLOG_H
#define TT_ACTIONLOG_H

#include <stdio.h>

#include "core/err.h"
#include "core/record.h"

/* The words of a result in the log (and the workbook): "ok", "planned",
 * "skipped:<why>", "error". Inline, so that the workbook can show them
 * without an object-level call into the log writer. */
static inline const char *actionlog_result(enum act_result r)
{
	static const char *const names[] = {
		[RES_OK] = "ok",
		[RES_PLANNED] = "planned",
		[RES_SKIP_OWN] = "skipped:own-comment",
		[RES_SKIP_HIDDEN] = "skipped:already-hidden",
		[RES_SKIP_REPLIED] = "skipped:already-replied",
		[RES_SKIP_CAP] = "skipped:cap",
		[RES_SKIP_ONE_PER_COMMENTER] = "skipped:one-per-commenter",
		[RES_SKIP_UNCERTAIN] = "skipped:uncertain",
		[RES_ERROR] = "error",
	};
	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "error";
}

/* One line (with its newline) for a. */
int actionlog_write_line(FILE *f, const struct action_rec *a);

/* Every action of r->triage into path, through a temporary file renamed into
 * place. EXIT_OUTPUT (e filled) when it cannot be written. */
int actionlog_write(const struct report *r, const char *path, struct err *e);

#endif
