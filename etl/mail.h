/* mail.h: email the outputs of a run: a short plain-text summary (KPIs with
 * their change, comments handled, warnings) with the files attached, sent over
 * SMTP by libcurl. smtps://, or smtp:// with STARTTLS required unless the server
 * is on loopback. Strings returned by the compose functions are malloc'd and
 * owned by the caller. */
#ifndef TT_MAIL_H
#define TT_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "etl/config.h"
#include "core/err.h"
#include "core/record.h"

/* Send the report mail to c->mail_to with files[0..nfiles) attached. 0, or
 * EXIT_OUTPUT with the server's answer (curl's error and the SMTP code) in e.
 * The files are never touched. */
int mail_send(const struct config *c, const struct report *r, const char *const *files,
	      size_t nfiles, struct err *e);

/* The pieces, for tests. */
/* "TikTok ads 18–20 Nov: 1 234,56 MAD, ROAS 3,10 (+12 %)" (UTF-8, not encoded). */
char *mail_subject(const struct report *r);
/* The plain-text body (UTF-8, LF line ends). */
char *mail_body(const struct config *c, const struct report *r, const char *const *files,
		size_t nfiles);
/* The whole RFC 5322 message with CRLF line ends, MIME multipart with base64
 * attachments; *len its size. NULL with e set (EXIT_OUTPUT) when a file cannot be read. */
char *mail_compose(const struct config *c, const struct report *r, const char *from,
		   const char *const *files, size_t nfiles, size_t *len, struct err *e);
/* Is this URL host on loopback (127.0.0.0/8, ::1, localhost)? */
bool mail_host_is_loopback(const char *host);
/* Check an address for use in SMTP and headers: one "@", no spaces, <>, or line breaks. */
bool mail_addr_ok(const char *addr);

#endif
