/* judge.h: one comment's verdict from the rules, the learned model and the
 * decision policy together (classify, triage and the tests call this).
 *
 * Ownership: the judge borrows rules, model and own domains (the caller
 * keeps them alive and frees them); judge_comment() allocates nothing the
 * caller frees. model may be NULL: the rules decide alone. */
#ifndef TT_JUDGE_H
#define TT_JUDGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/record.h"
#include "triage/classify.h"
#include "triage/model.h"
#include "triage/policy.h"

struct judge {
	const struct rules *rules;
	const struct cmodel *model;     /* NULL: rules only */
	struct policy pol;
	const char *const *own_domains; /* the store's domains, for the model text */
	size_t n_own;
};

struct judgement {
	struct verdict rule;         /* the rules' own verdict (their rule hit) */
	double prob[CAT_COUNT];      /* the model's probabilities (0 without a model) */
	bool have_prob;
	struct pol_result pol;       /* the decision: category, outcome, step */
	struct verdict v;            /* final: pol.cat, rule = "model.STEP"/"rule..", lang */
};

void judge_comment(const struct judge *j, const char *utf8, struct judgement *out);

#endif
