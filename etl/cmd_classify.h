/* cmd_classify.h: `ttreport classify`: one comment per input line in, one
 * "CATEGORY<TAB>RULE<TAB>LANG" line out, decided by the rules, the learned
 * model and the policy together (triage/judge.h), as triage decides.
 * With explain, each line goes on with
 *   <TAB>ACTION<TAB>STEP<TAB>P<TAB>RULES
 * ACTION: reply, hide, flag, none or uncertain (left alone); STEP: the
 * policy step that decided (policy.h); P: "inquiry=0.912,complaint=0.010,..."
 * (or "-" without a model); RULES: the rules' own verdict "rule.name:category".
 * Owns nothing after it returns. */
#ifndef TT_CMD_CLASSIFY_H
#define TT_CMD_CLASSIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "triage/policy.h"

struct classify_opts {
	const char *rules, *replies; /* replies are validated; may be NULL */
	const char *model;           /* NULL: the rules decide alone */
	struct policy pol;           /* hide_offtopic comes from the rules */
	bool explain;
};

/* Load the rules and the model, then classify every line of in. Returns 0,
 * EXIT_USAGE for bad rules or model, or EXIT_OUTPUT when out cannot be
 * written; e says why. */
int cmd_classify(const struct classify_opts *o, FILE *in, FILE *out, struct err *e);

#endif
