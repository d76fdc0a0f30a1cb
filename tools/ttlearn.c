/* ttlearn: trains the comment model at build time (liblinear, L2-regularized
 * logistic regression, one-vs-rest, over the hashed features of
 * triage/model.h). Deterministic: a Newton solver, no random numbers, one
 * thread, so the same corpus gives the same model bytes.
 *
 * usage: ttlearn [-c C] [-w W] TRAIN MODEL        write the model file (model.h)
 *        ttlearn [-c C] [-w W] --cv K [--groups G] TRAIN OUT
 *              K-fold cross-validation: OUT gets one line per row,
 *              "GOLD<TAB>p..." with the six probabilities in category order.
 *              The fold of a row is its group's number mod K, groups numbered
 *              in order of first appearance; G has one group key per row (a
 *              comment and its translations share one, so they are never on
 *              both sides of a fold); without G every row is its own group.
 * TRAIN is "LABEL<TAB>MODEL TEXT" per line (ttnorm --tsv). -c is liblinear's C
 * (default 32), -w the inquiry class's weight (default 1: the build's). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linear.h>

#include "core/arena.h"
#include "core/record.h"
#include "triage/model.h"

struct rows {
	int *y;
	char **text;
	size_t n, cap;
};

static void quiet(const char *s)
{
	(void)s;
}

static int read_rows(const char *path, struct rows *r)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long ln = 0;

	if (!f) {
		fprintf(stderr, "ttlearn: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((got = getline(&line, &cap, f)) >= 0) {
		char *tab = strchr(line, '\t');
		int cat;
		ln++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (tab)
			*tab = '\0';
		if (!tab || (cat = category_by_name(line)) < 0) {
			fprintf(stderr, "ttlearn: %s:%ld: expected LABEL<TAB>TEXT with a known label\n", path, ln);
			free(line);
			fclose(f);
			return 1;
		}
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 1024;
			r->y = xrealloc(r->y, r->cap * sizeof(*r->y));
			r->text = xrealloc(r->text, r->cap * sizeof(*r->text));
		}
		r->y[r->n] = cat;
		r->text[r->n++] = xstrdup(tab + 1);
	}
	free(line);
	fclose(f);
	return 0;
}

struct raw {
	int **idx;
	double **val;
	size_t *n;
};

static void featurize(const struct rows *r, struct raw *f)
{
	f->idx = xmalloc(r->n * sizeof(*f->idx));
	f->val = xmalloc(r->n * sizeof(*f->val));
	f->n = xmalloc(r->n * sizeof(*f->n));
	for (size_t i = 0; i < r->n; i++)
		f->n[i] = cmodel_features(r->text[i], CMODEL_BITS, &f->idx[i], &f->val[i]);
}

/* idf over the rows not skipped: log((N + 1) / (df + 1) + 1). */
static float *make_idf(const struct rows *r, const struct raw *f, const char *skip)
{
	size_t nf = (size_t)1 << CMODEL_BITS, rows = 0;
	unsigned *df = xcalloc(nf, sizeof(*df));
	float *idf = xmalloc(nf * sizeof(*idf));

	for (size_t i = 0; i < r->n; i++) {
		if (skip && skip[i])
			continue;
		rows++;
		for (size_t k = 0; k < f->n[i]; k++)
			df[f->idx[i][k] - 1]++;
	}
	for (size_t k = 0; k < nf; k++)
		idf[k] = (float)log((double)(rows + 1) / (double)(df[k] + 1) + 1.0);
	free(df);
	return idf;
}

/* Weighted features of every row, the bias node and the terminator included. */
static struct feature_node **vectors(const struct rows *r, const struct raw *f, const float *idf)
{
	struct feature_node **x = xmalloc(r->n * sizeof(*x));
	for (size_t i = 0; i < r->n; i++) {
		size_t n = f->n[i];
		double *v = xmalloc((n + 1) * sizeof(*v));
		memcpy(v, f->val[i], n * sizeof(*v));
		cmodel_weigh(idf, f->idx[i], v, n);
		x[i] = xmalloc((n + 2) * sizeof(**x));
		for (size_t k = 0; k < n; k++)
			x[i][k] = (struct feature_node){f->idx[i][k], v[k]};
		x[i][n] = (struct feature_node){(1 << CMODEL_BITS) + 1, 1.0};
		x[i][n + 1] = (struct feature_node){-1, 0.0};
		free(v);
	}
	return x;
}

static void free_vectors(struct feature_node **x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(x[i]);
	free(x);
}

/* the inquiry class's weight (liblinear -wi): a missed question costs more */
static double inquiry_weight = 1.0;

static struct model *fit(const struct rows *r, struct feature_node **x, const char *skip, double c)
{
	struct problem p = {0};
	int wlabel[1] = {CAT_INQUIRY};
	double wval[1] = {inquiry_weight};
	struct parameter par = {.solver_type = L2R_LR, .eps = 0.01, .C = c, .p = 0.1,
				.nr_weight = 1, .weight_label = wlabel, .weight = wval};
	struct model *m;
	int seen = 0;

	p.x = xmalloc(r->n * sizeof(*p.x));
	p.y = xmalloc(r->n * sizeof(*p.y));
	for (size_t i = 0; i < r->n; i++)
		if (!skip || !skip[i]) {
			p.x[p.l] = x[i];
			p.y[p.l++] = r->y[i];
			seen |= 1 << r->y[i];
		}
	p.n = (1 << CMODEL_BITS) + 1;
	p.bias = 1.0;
	if (seen != (1 << CAT_COUNT) - 1 || check_parameter(&p, &par)) {
		fprintf(stderr, "ttlearn: the training rows must hold all six categories\n");
		free(p.x);
		free(p.y);
		return NULL;
	}
	m = train(&p, &par);
	free(p.x);
	free(p.y);
	return m;
}

static void put32(unsigned char *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static int write_model(const struct model *m, const float *idf, const char *path)
{
	size_t nw = ((size_t)m->nr_feature + 1) * CAT_COUNT, len = CMODEL_WEIGHTS_AT(CMODEL_BITS) + nw * 4 + 4;
	unsigned char *b = xcalloc(len, 1), *w = b + CMODEL_WEIGHTS_AT(CMODEL_BITS);
	uint64_t bias_bits;
	FILE *f;
	int rc = 0;

	memcpy(b, "TTCM", 4);
	put32(b + 4, CMODEL_VERSION);
	put32(b + 8, CMODEL_BITS);
	put32(b + 12, CAT_COUNT);
	memcpy(&bias_bits, &m->bias, sizeof(bias_bits));
	put32(b + 16, (uint32_t)bias_bits);
	put32(b + 20, (uint32_t)(bias_bits >> 32));
	for (int c = 0; c < CAT_COUNT; c++)
		put32(b + 24 + 4 * c, (uint32_t)m->label[c]);
	for (size_t i = 0; i < (size_t)1 << CMODEL_BITS; i++) {
		uint32_t u;
		memcpy(&u, &idf[i], sizeof(u));
		put32(b + CMODEL_IDF_AT + 4 * i, u);
	}
	for (size_t i = 0; i < nw; i++) {
		float fv = (float)m->w[i];
		uint32_t u;
		memcpy(&u, &fv, sizeof(u));
		put32(w + 4 * i, u);
	}
	put32(b + len - 4, cmodel_fnv(2166136261u, b, len - 4));
	f = fopen(path, "wb");
	if (!f || fwrite(b, 1, len, f) != len)
		rc = 1;
	if (f && fclose(f) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "ttlearn: cannot write %s\n", path);
	free(b);
	return rc;
}

/* The fold of each row: its group's number (in order of first appearance in
 * the groups file, one key per row) mod k; without a file, the row number. */
static int *fold_of(const struct rows *r, const char *groups, int k)
{
	int *fold = xmalloc(r->n * sizeof(*fold));
	char **key = xcalloc(r->n, sizeof(*key));
	size_t *num = xcalloc(r->n, sizeof(*num)), ng = 0, i = 0, cap = 0;
	FILE *f = groups ? fopen(groups, "r") : NULL;
	char *line = NULL;
	ssize_t got;

	if (groups && !f) {
		fprintf(stderr, "ttlearn: %s: %s\n", groups, strerror(errno));
		free(fold), fold = NULL;
	}
	while (f && i < r->n && (got = getline(&line, &cap, f)) >= 0) {
		size_t j;
		line[strcspn(line, "\r\n")] = '\0';
		for (j = 0; j < ng && strcmp(key[j], line) != 0; j++)
			;
		if (j == ng)
			key[ng++] = xstrdup(line);
		num[i++] = j;
	}
	if (f && i != r->n) {
		fprintf(stderr, "ttlearn: %s: %zu group keys for %zu rows\n", groups, i, r->n);
		free(fold), fold = NULL;
	}
	for (i = 0; fold && i < r->n; i++)
		fold[i] = (int)((groups ? num[i] : i) % (size_t)k);
	if (f)
		fclose(f);
	for (i = 0; i < ng; i++)
		free(key[i]);
	free(key);
	free(num);
	free(line);
	return fold;
}

static int cross_validate(const struct rows *r, const struct raw *f, int k, const char *groups, double c,
			  const char *out)
{
	double (*prob)[CAT_COUNT] = xcalloc(r->n, sizeof(*prob));
	char *skip = xcalloc(r->n, 1);
	int *fold_no = fold_of(r, groups, k);
	FILE *fo;
	int rc = fold_no ? 0 : 1;

	for (int fold = 0; fold < k && rc == 0; fold++) {
		struct model *m;
		struct feature_node **x;
		float *idf;
		for (size_t i = 0; i < r->n; i++)
			skip[i] = fold_no[i] == fold;
		idf = make_idf(r, f, skip);
		x = vectors(r, f, idf);
		free(idf);
		if (!(m = fit(r, x, skip, c))) {
			free_vectors(x, r->n);
			rc = 1;
			break;
		}
		for (size_t i = 0; i < r->n; i++) {
			double est[CAT_COUNT];
			if (!skip[i])
				continue;
			predict_probability(m, x[i], est);
			for (int j = 0; j < CAT_COUNT; j++)
				prob[i][m->label[j]] = est[j];
		}
		free_and_destroy_model(&m);
		free_vectors(x, r->n);
	}
	if (rc == 0 && (fo = fopen(out, "w"))) {
		for (size_t i = 0; i < r->n; i++) {
			fprintf(fo, "%s", category_name(r->y[i]));
			for (int j = 0; j < CAT_COUNT; j++)
				fprintf(fo, "\t%.6f", prob[i][j]);
			fputc('\n', fo);
		}
		rc = fclose(fo) != 0;
	} else if (rc == 0) {
		rc = 1;
	}
	if (rc)
		fprintf(stderr, "ttlearn: cross-validation into %s failed\n", out);
	free(prob);
	free(skip);
	free(fold_no);
	return rc;
}

int main(int argc, char **argv)
{
	struct rows r = {0};
	struct raw f;
	double c = 32.0;
	const char *groups = NULL;
	int cv = 0, i = 1, rc;

	for (; i + 2 < argc; i += 2) {
		if (!strcmp(argv[i], "-c"))
			c = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-w"))
			inquiry_weight = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--cv"))
			cv = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--groups"))
			groups = argv[i + 1];
		else
			break;
	}
	if (argc - i != 2 || c <= 0 || inquiry_weight <= 0 || cv < 0 || cv == 1) {
		fprintf(stderr, "usage: ttlearn [-c C] [-w INQUIRY_WEIGHT] [--cv K [--groups G]] TRAIN MODEL\n");
		return 2;
	}
	set_print_string_function(quiet);
	if (read_rows(argv[i], &r))
		return 1;
	featurize(&r, &f);
	if (cv) {
		rc = cross_validate(&r, &f, cv, groups, c, argv[i + 1]);
	} else {
		float *idf = make_idf(&r, &f, NULL);
		struct feature_node **x = vectors(&r, &f, idf);
		struct model *m = fit(&r, x, NULL, c);
		rc = m ? write_model(m, idf, argv[i + 1]) : 1;
		if (m)
			free_and_destroy_model(&m);
		free_vectors(x, r.n);
		free(idf);
	}
	for (size_t k = 0; k < r.n; k++) {
		free(f.idx[k]);
		free(f.val[k]);
		free(r.text[k]);
	}
	free(f.idx);
	free(f.val);
	free(f.n);
	free(r.y);
	free(r.text);
	return rc;
}
