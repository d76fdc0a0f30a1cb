/* advertisers.h: the advertisers of a run (given, or discovered with the
 * app's credentials) and their advertiser/info/. An advertiser refused there,
 * or whose row has no valid currency, is marked failed (and denied when it
 * was refused permission); the others go on. */
#ifndef TT_ADVERTISERS_H
#define TT_ADVERTISERS_H

#include <stddef.h>

#include "core/err.h"
#include "core/record.h"
#include "etl/config.h"

/* oauth2/advertiser/get/: the advertisers token sees (ids and each id
 * malloc'd; the caller frees). The one discovery, for the run and for
 * `ttreport auth exchange-code`. 0, or an exit code with e filled. */
int extract_discover(const struct config *c, const char *token, char ***ids, size_t *n,
		     struct err *e);

/* The config's advertisers, else every one the token sees, added to r. */
int advertisers_resolve(struct report *r, const struct config *c, struct err *e);

/* advertiser/info/ of r's advertisers, in batches of 100 ids. 0, or an exit
 * code when the token is refused or the call fails for all of them. */
int advertisers_info(struct report *r, const struct config *c, struct err *e);

#endif
