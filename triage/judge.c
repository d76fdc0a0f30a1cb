/* judge.c: see judge.h. */
#include "triage/judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triage/modeltext.h"

void judge_comment(const struct judge *j, const char *utf8, struct judgement *out)
{
	memset(out, 0, sizeof(*out));
	classify_text(j->rules, utf8, &out->rule);
	if (j->model) {
		char *mt = NULL;
		if (model_text(utf8, j->own_domains, j->n_own, &mt) >= 0 && mt) {
			cmodel_predict(j->model, mt, out->prob);
			out->have_prob = true;
		}
		free(mt);
	}
	policy_decide(&j->pol, &out->rule, out->have_prob ? out->prob : NULL, &out->pol);
	out->v.cat = out->pol.cat;
	snprintf(out->v.lang, sizeof(out->v.lang), "%s", out->rule.lang);
	if (!out->have_prob)
		snprintf(out->v.rule, sizeof(out->v.rule), "%s", out->rule.rule);
	else if (strncmp(out->pol.step, "rule.", 5) == 0)
		snprintf(out->v.rule, sizeof(out->v.rule), "%s", out->pol.step);
	else
		snprintf(out->v.rule, sizeof(out->v.rule), "model.%s", out->pol.step);
}
