/* cmd_classify.c: see cmd_classify.h. */
#include "etl/cmd_classify.h"

#include <stdlib.h>
#include <string.h>

#include "triage/classify.h"
#include "triage/judge.h"
#include "triage/model.h"

static int explain(FILE *out, const struct judgement *g)
{
	if (fprintf(out, "\t%s\t%s\t", pol_out_name(g->pol.out), g->pol.step) < 0)
		return -1;
	if (!g->have_prob && fputc('-', out) == EOF)
		return -1;
	for (int c = 0; g->have_prob && c < CAT_COUNT; c++)
		if (fprintf(out, "%s%s=%.3f", c ? "," : "", category_name((enum category)c), g->prob[c]) < 0)
			return -1;
	return fprintf(out, "\t%s:%s", g->rule.rule, category_name(g->rule.cat)) < 0 ? -1 : 0;
}

static int classify_lines(const struct judge *j, bool explain_it, FILE *in, FILE *out, struct err *e)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while ((n = getline(&line, &cap, in)) >= 0) {
		struct judgement g;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* an embedded NUL ends the text: getline keeps it, C strings stop there */
		judge_comment(j, line, &g);
		if (fprintf(out, "%s\t%s\t%s", category_name(g.v.cat), g.v.rule, g.v.lang) < 0 ||
		    (explain_it && explain(out, &g) != 0) || fputc('\n', out) == EOF) {
			rc = errf(e, EXIT_OUTPUT, "classify: cannot write the output");
			break;
		}
	}
	if (rc == 0 && fflush(out) != 0)
		rc = errf(e, EXIT_OUTPUT, "classify: cannot write the output");
	free(line);
	return rc;
}

int cmd_classify(const struct classify_opts *o, FILE *in, FILE *out, struct err *e)
{
	struct rules *r = NULL;
	struct cmodel *m = NULL;
	struct judge j = {0};
	int rc = rules_load(o->rules, o->replies, &r, e);

	if (rc)
		return rc;
	if (o->model && (rc = cmodel_load(o->model, &m, e)) != 0) {
		rules_free(r);
		return rc;
	}
	j.rules = r;
	j.model = m;
	j.pol = o->pol;
	j.pol.hide_offtopic = rules_hide_offtopic(r);
	j.n_own = rules_own_domains(r, &j.own_domains);
	rc = classify_lines(&j, o->explain, in, out, e);
	cmodel_free(m);
	rules_free(r);
	return rc;
}
