/* actionlog.h: the comment triage action log, one JSON object per line with
 * exactly the keys of design.md, in this order:
 *   time, advertiser_or_business_id, video_id, comment_id, category, rule,
 *   lang, action, mode, result, error
 * No comment text, no commenter identity, no token: struct action_rec has no
 * field for them. The file appears whole or not at all. */
#ifndef TT_ACTIONLOG_H
#define TT_ACTIONLOG_H

#include <stdio.h>

#include "core/err.h"
#include "core/record.h"

/* One line (with its newline) for a. */
int actionlog_write_line(FILE *f, const struct action_rec *a);

/* Every action of r->triage into path, through a temporary file renamed into
 * place. EXIT_OUTPUT (e filled) when it cannot be written. */
int actionlog_write(const struct report *r, const char *path, struct err *e);

#endif
