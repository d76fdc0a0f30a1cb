/* model_linear.c: see model.h. Prediction goes through liblinear's own
 * predict_probability() on a struct model rebuilt from our file. */
#include "triage/model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linear.h>

#include "core/arena.h"
#include "triage/skeleton.h"

#define CMODEL_MAX_BYTES (256 << 20)

struct cmodel {
	struct model lm;             /* liblinear's view: w, labels, bias */
	int cat_of[CAT_COUNT];       /* class index -> enum category */
	float *idf;                  /* 2^bits inverse document frequencies */
	unsigned bits;
	size_t file_size;
};

uint32_t cmodel_fnv(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

/* ---- features ---- */

struct fset {
	int *v;
	double *w;
	size_t n, cap;
	unsigned mask;
};

static void fs_add(struct fset *f, char kind, const char *s, size_t n, double weight)
{
	uint32_t h = cmodel_fnv(2166136261u, &kind, 1);
	h = cmodel_fnv(h, s, n);
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->v = xrealloc(f->v, f->cap * sizeof(*f->v));
		f->w = xrealloc(f->w, f->cap * sizeof(*f->w));
	}
	f->v[f->n] = (int)(h & f->mask) + 1;
	f->w[f->n++] = weight;
}

static size_t cp_len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Character lo..hi-grams (code points) of "<word>", hashed under kind. */
static void char_grams(struct fset *f, const char *w, size_t wn, char kind, size_t lo, size_t hi, double wt)
{
	char buf[512];
	size_t start[512], np = 0, bn = wn + 2;

	if (bn > sizeof(buf))
		bn = sizeof(buf), wn = bn - 2;
	buf[0] = '<';
	memcpy(buf + 1, w, wn);
	buf[bn - 1] = '>';
	for (size_t i = 0; i < bn; i += cp_len((unsigned char)buf[i]))
		start[np++] = i;
	for (size_t i = 0; i < np; i++)
		for (size_t n = lo; n <= hi && i + n <= np; n++) {
			size_t end = i + n < np ? start[i + n] : bn;
			fs_add(f, kind, buf + start[i], end - start[i], wt);
		}
}

struct fw {
	int v;
	double w;
};

static int cmp_fw(const void *a, const void *b)
{
	const struct fw *x = a, *y = b;
	if (x->v != y->v)
		return (x->v > y->v) - (x->v < y->v);
	return (x->w < y->w) - (x->w > y->w); /* largest weight first */
}

/* Sort by index; a repeated index keeps its largest weight. */
static size_t fs_unique(struct fset *f)
{
	struct fw *t = xmalloc((f->n + 1) * sizeof(*t));
	size_t out = 0;

	for (size_t i = 0; i < f->n; i++)
		t[i] = (struct fw){f->v[i], f->w[i]};
	qsort(t, f->n, sizeof(*t), cmp_fw);
	for (size_t i = 0; i < f->n; i++) {
		if (out > 0 && f->v[out - 1] == t[i].v)
			continue;
		f->v[out] = t[i].v;
		f->w[out++] = t[i].w;
	}
	free(t);
	return out;
}

size_t cmodel_features(const char *mtext, unsigned bits, int **idx, double **val)
{
	struct fset f = {NULL, NULL, 0, 0, (1u << bits) - 1};
	const char *p = mtext, *prev = NULL;
	size_t prevn = 0, n_out;

	while (*p) {
		char sk[128];
		size_t n, skn;
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		/* markers (_phone_, _url_, ...) have no skeleton */
		skn = *p == '_' ? 0 : skeleton_of(p, n, sk, sizeof(sk));
		char_grams(&f, p, n, 'c', 1, CMODEL_CHAR_MAX, CMODEL_CHAR_WEIGHT);
		fs_add(&f, 'w', p, n, CMODEL_WORD_WEIGHT);
		if (skn) {
			fs_add(&f, 's', sk, skn, CMODEL_SKEL_WEIGHT);
			char_grams(&f, sk, skn, 'k', 2, CMODEL_SKEL_CHAR_MAX, CMODEL_SKEL_CHAR_WEIGHT);
		}
		if (prev) {
			char pair[512];
			size_t pn = prevn + 1 + n < sizeof(pair) ? prevn + 1 + n : sizeof(pair) - 1;
			snprintf(pair, sizeof(pair), "%.*s %.*s", (int)prevn, prev, (int)n, p);
			fs_add(&f, 'b', pair, pn, CMODEL_WORD_WEIGHT);
		}
		prev = p;
		prevn = n;
		p += n;
	}
	n_out = fs_unique(&f);
	*idx = f.v;
	*val = f.w;
	return n_out;
}

void cmodel_weigh(const float *idf, const int *idx, double *val, size_t n)
{
	double sum = 0.0;

	for (size_t i = 0; i < n; i++) {
		val[i] *= idf[idx[i] - 1];
		sum += val[i] * val[i];
	}
	sum = sum > 0.0 ? 1.0 / sqrt(sum) : 0.0;
	for (size_t i = 0; i < n; i++)
		val[i] *= sum;
}

/* ---- prediction ---- */

void cmodel_predict(const struct cmodel *m, const char *mtext, double prob[CAT_COUNT])
{
	int *idx = NULL;
	double *val = NULL;
	size_t n = cmodel_features(mtext, m->bits, &idx, &val);
	struct feature_node *x = xmalloc((n + 2) * sizeof(*x));
	double est[CAT_COUNT] = {0};

	cmodel_weigh(m->idf, idx, val, n);
	for (size_t i = 0; i < n; i++)
		x[i] = (struct feature_node){idx[i], val[i]};
	x[n] = (struct feature_node){m->lm.nr_feature + 1, m->lm.bias};
	x[n + 1] = (struct feature_node){-1, 0.0};
	predict_probability(&m->lm, x, est);
	for (int c = 0; c < CAT_COUNT; c++)
		prob[m->cat_of[c]] = est[c];
	free(x);
	free(idx);
	free(val);
}

size_t cmodel_file_size(const struct cmodel *m)
{
	return m->file_size;
}

void cmodel_free(struct cmodel *m)
{
	if (!m)
		return;
	free(m->lm.w);
	free(m->lm.label);
	free(m->idf);
	free(m);
}

/* ---- loading ---- */

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int read_all(const char *path, unsigned char **buf, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	struct stat st;

	if (!f)
		return errf(e, EXIT_USAGE, "%s: cannot open the comment model: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > CMODEL_MAX_BYTES) {
		fclose(f);
		return errf(e, EXIT_USAGE, "%s: not a comment model (not a regular file, or over %d MB)", path,
			    CMODEL_MAX_BYTES >> 20);
	}
	*buf = xmalloc((size_t)st.st_size + 1);
	*len = fread(*buf, 1, (size_t)st.st_size, f);
	fclose(f);
	if (*len != (size_t)st.st_size) {
		free(*buf);
		return errf(e, EXIT_USAGE, "%s: short read of the comment model", path);
	}
	return 0;
}

/* Check the header and fill m. */
static int parse_header(struct cmodel *m, const unsigned char *b, size_t len, const char *path, struct err *e)
{
	uint64_t bias_bits = 0;
	size_t need;
	int seen = 0;

	if (len < 28 || memcmp(b, "TTCM", 4) != 0)
		return errf(e, EXIT_USAGE, "%s: not a comment model (no TTCM header)", path);
	if (le32(b + 4) != CMODEL_VERSION)
		return errf(e, EXIT_USAGE, "%s: model version %u, this ttreport reads %u", path, le32(b + 4),
		            CMODEL_VERSION);
	m->bits = le32(b + 8);
	if (m->bits < 10 || m->bits > 24 || le32(b + 12) != CAT_COUNT)
		return errf(e, EXIT_USAGE, "%s: hash bits %u or classes %u out of range", path, m->bits, le32(b + 12));
	need = CMODEL_WEIGHTS_AT(m->bits) + (((size_t)1 << m->bits) + 1) * CAT_COUNT * 4 + 4;
	if (len != need)
		return errf(e, EXIT_USAGE, "%s: %zu bytes, expected %zu (truncated or not a model)", path, len, need);
	if (cmodel_fnv(2166136261u, b, len - 4) != le32(b + len - 4))
		return errf(e, EXIT_USAGE, "%s: checksum mismatch (corrupt model)", path);
	bias_bits = (uint64_t)le32(b + 16) | (uint64_t)le32(b + 20) << 32;
	memcpy(&m->lm.bias, &bias_bits, sizeof(m->lm.bias));
	for (int c = 0; c < CAT_COUNT; c++) {
		uint32_t cat = le32(b + 24 + 4 * c);
		if (cat >= CAT_COUNT || (seen & (1 << cat)))
			return errf(e, EXIT_USAGE, "%s: class %d has category %u (out of range or twice)", path, c, cat);
		seen |= 1 << cat;
		m->cat_of[c] = (int)cat;
	}
	return 0;
}

int cmodel_load(const char *path, struct cmodel **out, struct err *e)
{
	struct cmodel *m = xcalloc(1, sizeof(*m));
	unsigned char *b = NULL;
	size_t len = 0, nw;
	const unsigned char *w;
	int rc = read_all(path, &b, &len, e);

	if (rc == 0)
		rc = parse_header(m, b, len, path, e);
	if (rc) {
		free(b);
		free(m);
		return rc;
	}
	m->file_size = len;
	m->lm.param.solver_type = L2R_LR;
	m->lm.nr_class = CAT_COUNT;
	m->lm.nr_feature = 1 << m->bits;
	m->lm.label = xmalloc(CAT_COUNT * sizeof(int));
	for (int c = 0; c < CAT_COUNT; c++)
		m->lm.label[c] = c;
	nw = ((size_t)m->lm.nr_feature + 1) * CAT_COUNT;
	m->lm.w = xmalloc(nw * sizeof(double));
	m->idf = xmalloc(((size_t)1 << m->bits) * sizeof(float));
	for (size_t i = 0; i < (size_t)1 << m->bits; i++) {
		uint32_t u = le32(b + CMODEL_IDF_AT + 4 * i);
		memcpy(&m->idf[i], &u, sizeof(u));
	}
	w = b + CMODEL_WEIGHTS_AT(m->bits);
	for (size_t i = 0; i < nw; i++) {
		uint32_t u = le32(w + 4 * i);
		float fv;
		memcpy(&fv, &u, sizeof(fv));
		m->lm.w[i] = fv;
	}
	free(b);
	*out = m;
	return 0;
}
