/* libFuzzer target: comment text through the classifier with the shipped
 * schemas/rules.conf and replies.conf (FUZZ_SCHEMAS names their folder; run
 * from the repository root by default), the textnorm functions alone, the
 * model text and its hashed features, and rules + model + policy together
 * when a model is there (FUZZ_MODEL, default build/comments.model). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triage/classify.h"
#include "core/log.h"
#include "triage/judge.h"
#include "triage/model.h"
#include "triage/modeltext.h"
#include "triage/textnorm.h"

static struct rules *rules;
static struct cmodel *model;
static struct judge judge;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SCHEMAS") ? getenv("FUZZ_SCHEMAS") : "schemas";
	char rp[4096], pp[4096];
	struct err e = { 0 };

	(void)argc;
	(void)argv;
	log_set_level(LOG_ERROR);
	snprintf(rp, sizeof(rp), "%s/rules.conf", dir);
	snprintf(pp, sizeof(pp), "%s/replies.conf", dir);
	if (rules_load(rp, pp, &rules, &e)) {
		fprintf(stderr, "fuzz_classify: %s\n", e.msg);
		exit(1);
	}
	if (cmodel_load(getenv("FUZZ_MODEL") ? getenv("FUZZ_MODEL") : "build/comments.model", &model, &e))
		fprintf(stderr, "fuzz_classify: no model, rules only: %s\n", e.msg);
	judge.rules = rules;
	judge.model = model;
	policy_default(&judge.pol);
	judge.n_own = rules_own_domains(rules, &judge.own_domains);
	return 0;
}

/* The model text and its features: sorted, distinct, in range. */
static void model_side(const char *s)
{
	char *mt = NULL;
	int *idx = NULL;
	double *val = NULL, sum = 0;
	struct judgement g;
	size_t n;

	if (model_text(s, judge.own_domains, judge.n_own, &mt) < 0 || !mt)
		abort();
	n = cmodel_features(mt, CMODEL_BITS, &idx, &val);
	for (size_t i = 0; i < n; i++)
		if (idx[i] < 1 || idx[i] > 1 << CMODEL_BITS || (i && idx[i - 1] >= idx[i]) || val[i] <= 0)
			abort();
	free(idx);
	free(val);
	free(mt);
	judge_comment(&judge, s, &g);
	for (int c = 0; c < CAT_COUNT; c++)
		sum += g.prob[c];
	if (g.v.rule[0] == '\0' || !g.pol.step || (model && (sum < 0.999 || sum > 1.001)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *folded = NULL;
	struct verdict v;
	struct tokens t = { 0 };

	memcpy(s, data, size);
	s[size] = '\0';
	/* the classifier sees C strings: stop at the first NUL like a line would */
	classify_text(rules, s, &v);
	if (v.rule[0] == '\0' || v.lang[0] == '\0' || !category_name(v.cat))
		abort();
	if (!rules_reply(rules, v.lang, s))
		abort();
	if (textnorm_fold(s, size, &folded) >= 0) {
		textnorm_squeeze(folded);
		free(folded);
	}
	textnorm_tokenize(s, &t);
	tokens_free(&t);
	model_side(s);
	utf8_codepoints(s);
	free(s);
	return 0;
}
