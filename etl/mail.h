/* mail.h: email the outputs of a run: the text of exporters/mail_text.h with
 * the files attached (MIME), sent over SMTP by libcurl. smtps://, or smtp://
 * with STARTTLS required unless the server is on loopback. The string returned
 * by mail_compose() is malloc'd and owned by the caller. */
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

/* The same with a subject and a body of the caller's (`today`'s alerts). */
int mail_send_text(const struct config *c, const struct report *r, const char *subject,
		   const char *body, const char *const *files, size_t nfiles, struct err *e);

/* The pieces, for tests. */
/* The whole RFC 5322 message with CRLF line ends, MIME multipart with base64
 * attachments; *len its size. NULL with e set (EXIT_OUTPUT) when a file cannot be read. */
char *mail_compose(const struct config *c, const struct report *r, const char *from,
		   const char *const *files, size_t nfiles, size_t *len, struct err *e);
char *mail_compose_text(const struct config *c, const struct report *r, const char *from,
			const char *subject, const char *body, const char *const *files, size_t nfiles,
			size_t *len, struct err *e);
/* Is this URL host on loopback (127.0.0.0/8, ::1, localhost)? */
bool mail_host_is_loopback(const char *host);
/* Check an address for use in SMTP and headers: one "@", no spaces, <>, or line breaks. */
bool mail_addr_ok(const char *addr);

#endif
