/* cmd_classify.h: `ttreport classify`: one comment per input line in, one
 * "CATEGORY<TAB>RULE<TAB>LANG" line out. Owns nothing after it returns. */
#ifndef TT_CMD_CLASSIFY_H
#define TT_CMD_CLASSIFY_H

#include <stdio.h>

#include "core/err.h"

/* Load the rules (and replies, which are validated; may be NULL), then
 * classify every line of in. Returns 0, EXIT_USAGE for bad rules, or
 * EXIT_OUTPUT when out cannot be written; e says why. */
int cmd_classify(const char *rules_path, const char *replies_path, FILE *in, FILE *out, struct err *e);

#endif
