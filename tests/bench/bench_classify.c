/* bench_classify: the comment classifier's cost in the nightly run. Loads the
 * model (timed alone, the median of 5 loads), then judges N comments (rules +
 * model + policy) cycling through the lines of a TSV (id, lang, label, text).
 *   bench_classify MODEL RULES TSV N
 * Prints: classify: model_bytes=.. load_ms=.. comments=N secs=.. per_comment_us=..
 *         replies=.. hides=.. flags=.. uncertain=.. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "triage/judge.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static char **read_texts(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, **v = NULL;
	size_t cap = 0;
	ssize_t got;

	*n = 0;
	if (!f)
		return NULL;
	while ((got = getline(&line, &cap, f)) >= 0) {
		char *t = line;
		while (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		for (int c = 0; c < 3 && t; c++)
			t = strchr(t, '\t') ? strchr(t, '\t') + 1 : NULL;
		if (!t || strncmp(line, "id\t", 3) == 0)
			continue;
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = xstrdup(t);
	}
	free(line);
	fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	static const char *const own[] = {"ammani.store"};
	struct rules *r = NULL;
	struct cmodel *m = NULL;
	struct err e = {0};
	struct judge j = {0};
	double loads[5], t0;
	size_t nt, n, outs[5] = {0};
	char **texts;

	if (argc != 5 || (n = strtoul(argv[4], NULL, 10)) == 0) {
		fprintf(stderr, "usage: bench_classify MODEL RULES TSV N\n");
		return 2;
	}
	for (int i = 0; i < 5; i++) {
		t0 = now();
		if (cmodel_load(argv[1], &m, &e) != 0) {
			fprintf(stderr, "%s\n", e.msg);
			return 1;
		}
		loads[i] = (now() - t0) * 1000.0;
		if (i < 4)
			cmodel_free(m);
	}
	qsort(loads, 5, sizeof(loads[0]), cmp_d);
	texts = read_texts(argv[3], &nt);
	if (!texts || rules_load(argv[2], NULL, &r, &e) != 0) {
		fprintf(stderr, "bench_classify: cannot read %s or %s: %s\n", argv[3], argv[2], e.msg);
		return 1;
	}
	j.rules = r;
	j.model = m;
	j.own_domains = own;
	j.n_own = 1;
	policy_default(&j.pol);
	t0 = now();
	for (size_t i = 0; i < n; i++) {
		struct judgement g;
		judge_comment(&j, texts[i % nt], &g);
		outs[g.pol.out]++;
	}
	t0 = now() - t0;
	printf("classify: model_bytes=%zu load_ms=%.1f comments=%zu secs=%.3f per_comment_us=%.1f "
	       "replies=%zu hides=%zu flags=%zu uncertain=%zu\n",
	       cmodel_file_size(m), loads[2], n, t0, t0 * 1e6 / (double)n, outs[POL_REPLY], outs[POL_HIDE],
	       outs[POL_FLAG], outs[POL_UNCERTAIN]);
	for (size_t i = 0; i < nt; i++)
		free(texts[i]);
	free(texts);
	cmodel_free(m);
	rules_free(r);
	return 0;
}
