/* cmd_api.h: `ttreport api GET|POST PATH [NAME=VALUE... | JSON]`, one raw
 * authorized call whose JSON answer goes to stdout. The token is sent in the
 * Access-Token header only and never printed. Nothing here allocates for the caller. */
#ifndef TT_CMD_API_H
#define TT_CMD_API_H

#include "etl/config.h"
#include "core/err.h"

/* c->args/c->nargs: METHOD PATH then GET name=value pairs (URL-encoded into the
 * query) or one POST JSON body. Paths under business/ and tt_user/ use the TikTok
 * account token, others the Marketing API token. 0, or an exit code with e set. */
int cmd_api(const struct config *c, struct err *e);

#endif
