/* mail_text.h: the text of the report mail, rendered from a report (the
 * transport that sends it is etl/mail.c). Returned strings are malloc'd and
 * owned by the caller. */
#ifndef TT_MAIL_TEXT_H
#define TT_MAIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/record.h"

/* What the text depends on besides the report (filled from the config). */
struct mail_text_opts {
	long min_spend; /* callouts: minimum spend, whole currency units */
	bool apply;     /* triage applied its actions (else a dry run) */
};

/* "TikTok ads 18–20 Nov: 1 234,56 MAD, ROAS 3,10 (+12 %)" (UTF-8, not encoded). */
char *mail_subject(const struct report *r);
/* The plain-text body (UTF-8, LF line ends); files are named by mail_file_name(). */
char *mail_body(const struct mail_text_opts *o, const struct report *r, const char *const *files,
		size_t nfiles);
/* The name an attached file is shown under: its path's last part. */
const char *mail_file_name(const char *path);

#endif
