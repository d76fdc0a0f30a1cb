/* policy.c: see policy.h. */
#include "triage/policy.h"

#include <string.h>

void policy_default(struct policy *p)
{
	p->reply_min = 0.55;
	p->hide_min = 0.70;
	p->hide_lead_max = 0.05;
	p->complaint_flag = 0.30;
	p->rule_lead_max = 0.50;
	p->hide_offtopic = true;
}

/* The rules that stay: precise enough to act on without the model. */
static const char *const precise[] = {
	"spam.link", "spam.phone", "spam.flood", /* promotion with a link, a seller's number, a flood */
	"inquiry.symbol", "offtopic.emoji", "other.emoji", "other.empty", /* no words to learn from */
};

bool policy_rule_is_precise(const char *rule)
{
	for (size_t i = 0; i < sizeof(precise) / sizeof(precise[0]); i++)
		if (strcmp(rule, precise[i]) == 0)
			return true;
	return false;
}

const char *pol_out_name(enum pol_out o)
{
	static const char *const names[] = {"reply", "hide", "flag", "none", "uncertain"};
	return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

static void set_r(struct pol_result *r, enum category c, enum pol_out o, const char *step)
{
	r->cat = c;
	r->out = o;
	r->step = step;
}

static enum pol_out plain_action(const struct policy *p, enum category c)
{
	switch (c) {
	case CAT_INQUIRY:
		return POL_REPLY;
	case CAT_COMPLAINT:
		return POL_FLAG;
	case CAT_SPAM:
	case CAT_ABUSE:
		return POL_HIDE;
	case CAT_OFFTOPIC:
		return p->hide_offtopic ? POL_HIDE : POL_NONE;
	default:
		return POL_NONE;
	}
}

/* A precise rule decided; the model may still veto a hide for a complaint. */
static void by_rule(const struct policy *p, const struct verdict *rule, const double *prob, struct pol_result *r)
{
	static const char *const steps[] = {"rule.spam.link", "rule.spam.phone", "rule.spam.flood",
	                                    "rule.inquiry.symbol", "rule.offtopic.emoji", "rule.other.emoji",
	                                    "rule.other.empty"};
	const char *step = "rule";
	enum pol_out o = plain_action(p, rule->cat);

	for (size_t i = 0; i < sizeof(precise) / sizeof(precise[0]); i++)
		if (strcmp(rule->rule, precise[i]) == 0)
			step = steps[i];
	if (o == POL_HIDE && prob && prob[CAT_COMPLAINT] >= p->complaint_flag)
		return set_r(r, CAT_COMPLAINT, POL_FLAG, "veto.complaint");
	/* a customer's own number or a question with a link: the model says lead */
	if (o == POL_HIDE && prob && prob[CAT_INQUIRY] + prob[CAT_COMPLAINT] > p->rule_lead_max)
		return set_r(r, rule->cat, POL_UNCERTAIN, "veto.lead");
	set_r(r, rule->cat, o, step);
}

void policy_decide(const struct policy *p, const struct verdict *rule, const double *prob, struct pol_result *r)
{
	int top = 0;

	if (policy_rule_is_precise(rule->rule))
		return by_rule(p, rule, prob, r);
	if (!prob)
		return set_r(r, rule->cat, plain_action(p, rule->cat), "rules-only");
	for (int c = 1; c < CAT_COUNT; c++)
		if (prob[c] > prob[top])
			top = c;
	if (top == CAT_COMPLAINT || prob[CAT_COMPLAINT] >= p->complaint_flag)
		return set_r(r, CAT_COMPLAINT, POL_FLAG, "complaint");
	switch (top) {
	case CAT_INQUIRY:
		if (prob[top] >= p->reply_min)
			return set_r(r, CAT_INQUIRY, POL_REPLY, "reply");
		return set_r(r, CAT_INQUIRY, POL_UNCERTAIN, "uncertain.reply");
	case CAT_SPAM:
	case CAT_ABUSE:
	case CAT_OFFTOPIC:
		if (prob[top] < p->hide_min || prob[CAT_INQUIRY] + prob[CAT_COMPLAINT] > p->hide_lead_max)
			return set_r(r, (enum category)top, POL_UNCERTAIN, "uncertain.hide");
		/* the lexicons see a question or a grievance: not hidden on the model's word */
		if (rule->cat == CAT_INQUIRY || rule->cat == CAT_COMPLAINT)
			return set_r(r, (enum category)top, POL_UNCERTAIN, "veto.rule-lead");
		if (top == CAT_OFFTOPIC && !p->hide_offtopic)
			return set_r(r, CAT_OFFTOPIC, POL_NONE, "ignore");
		return set_r(r, (enum category)top, POL_HIDE, "hide");
	default:
		return set_r(r, CAT_OTHER, POL_NONE, "other");
	}
}
