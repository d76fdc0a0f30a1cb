/* cmd_auth.h: `ttreport auth exchange-code CODE | account-code CODE | refresh`:
 * trade an authorization code or a refresh token for tokens and store them in
 * the credentials file named by api.credentials (mode 0600, replaced atomically).
 * Secrets are never printed: only which keys were written and when they expire. */
#ifndef TT_CMD_AUTH_H
#define TT_CMD_AUTH_H

#include <stddef.h>

#include "etl/config.h"
#include "core/err.h"

/* c->args/c->nargs hold what follows `auth`. 0, or an exit code with e set. */
int cmd_auth(const struct config *c, struct err *e);

/* One credentials-file setting: NAME = value, with an optional comment line
 * written just above it ("# NAME <note>"). */
struct cred_kv {
	const char *name, *value, *note;
};

/* Set the n keys in the credentials file at path, keeping its other lines and
 * dropping the old lines (and "# NAME ..." notes) of these keys. Creates the file
 * when absent. Written to a 0600 temporary file beside it, then renamed over it.
 * 0, EXIT_USAGE for a value with a line break, EXIT_OUTPUT when it cannot be written. */
int cred_update(const char *path, const struct cred_kv *kv, size_t n, struct err *e);

#endif
