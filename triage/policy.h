/* policy.h: what to do with a comment, from the precise rules' verdict and
 * the model's probabilities. Precision first: a wrong public reply or a
 * hidden complaint costs more than a missed question.
 *
 * Steps, in order (the step's name is reported by classify --explain):
 *   rule.*         a precise rule decided: a link that is not the store's,
 *                  a phone number with a seller's words, repeated text (all
 *                  spam: hide), or an emoji/symbol-only comment (the rule's
 *                  category). A complaint signal still vetoes the hide
 *                  (flag), and so does a likely lead: P(inquiry) +
 *                  P(complaint) > rule_lead_max leaves it alone.
 *   complaint      the complaint signal: the model's top category is
 *                  complaint, or P(complaint) >= complaint_flag. Flagged for
 *                  a human; vetoes any reply or hide.
 *   reply          top category inquiry and P(inquiry) >= reply_min.
 *   hide           top category spam/abuse/offtopic with P >= hide_min and
 *                  P(inquiry) + P(complaint) <= hide_lead_max, unless the
 *                  rules' own verdict is inquiry or complaint ("veto.rule-lead":
 *                  the lexicons see a lead); offtopic only when hide_offtopic
 *                  (else "ignore").
 *   other          top category other: nothing to do.
 *   uncertain      anything else: left alone (counted as uncertain).
 * Without a model (rules only), the rules' category decides. */
#ifndef TT_POLICY_H
#define TT_POLICY_H

#include <stdbool.h>

#include "core/record.h"
#include "triage/classify.h"

struct policy {
	double reply_min;      /* P(inquiry) needed to reply */
	double hide_min;       /* P(top category) needed to hide */
	double hide_lead_max;  /* P(inquiry) + P(complaint) above which nothing is hidden */
	double complaint_flag; /* P(complaint) from which a comment is flagged */
	double rule_lead_max;  /* P(inquiry) + P(complaint) above which a rule's hide is vetoed */
	bool hide_offtopic;
};

/* Defaults chosen by 5-fold cross-validation on the training corpus
 * (scripts/classifier_goals.py --choose), never on the evaluation sets. */
void policy_default(struct policy *p);

enum pol_out { POL_REPLY, POL_HIDE, POL_FLAG, POL_NONE, POL_UNCERTAIN };

struct pol_result {
	enum category cat;
	enum pol_out out;
	const char *step; /* static: "rule.spam.link", "complaint", "reply", ... */
};

/* prob is NULL when there is no model. */
void policy_decide(const struct policy *p, const struct verdict *rule, const double *prob,
		   struct pol_result *r);

/* Is this rule verdict one of the precise rules the policy trusts? */
bool policy_rule_is_precise(const char *rule);

const char *pol_out_name(enum pol_out o); /* "reply", "hide", "flag", "none", "uncertain" */

#endif
