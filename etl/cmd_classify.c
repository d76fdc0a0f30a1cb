/* cmd_classify.c: see cmd_classify.h. */
#include "etl/cmd_classify.h"

#include <stdlib.h>
#include <string.h>

#include "triage/classify.h"

int cmd_classify(const char *rules_path, const char *replies_path, FILE *in, FILE *out, struct err *e)
{
	struct rules *r = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = rules_load(rules_path, replies_path, &r, e);

	if (rc)
		return rc;
	while ((n = getline(&line, &cap, in)) >= 0) {
		struct verdict v;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		/* an embedded NUL ends the text: getline keeps it, C strings stop there */
		classify_text(r, line, &v);
		if (fprintf(out, "%s\t%s\t%s\n", category_name(v.cat), v.rule, v.lang) < 0) {
			rc = errf(e, EXIT_OUTPUT, "classify: cannot write the output");
			break;
		}
	}
	if (rc == 0 && fflush(out) != 0)
		rc = errf(e, EXIT_OUTPUT, "classify: cannot write the output");
	free(line);
	rules_free(r);
	return rc;
}
