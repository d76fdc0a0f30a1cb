/* model.h: the learned comment model (a linear classifier trained with
 * liblinear: L2-regularized logistic regression over hashed character and
 * word n-grams of the model text, triage/modeltext.h, and of the consonant
 * skeletons of its words, triage/skeleton.h, shared by both scripts of
 * Darija).
 *
 * The model file (build/comments.model, installed next to the rules) is
 * written by tools/ttlearn.c at build time:
 *   "TTCM" | u32 version (2) | u32 hash bits | u32 classes (6) | f64 bias |
 *   u32 category of each class (liblinear's order) |
 *   f32 idf [2^bits] (log((N + 1) / (df + 1) + 1) over the N training rows) |
 *   f32 weights [(2^bits + 1) x classes] (feature-major, the bias row last) |
 *   u32 FNV-1a of every byte before it.
 * All numbers little-endian. The file is read whole and checked (size,
 * checksum, categories) before use.
 *
 * Ownership: cmodel_load() allocates a struct cmodel that cmodel_free()
 * frees; cmodel_predict() allocates nothing the caller frees. */
#ifndef TT_MODEL_H
#define TT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/record.h"

#define CMODEL_BITS 18      /* 2^18 hashed features */
#define CMODEL_VERSION 3u     /* 3: the skeleton features */
#define CMODEL_CHAR_WEIGHT 1.0
#define CMODEL_WORD_WEIGHT 2.0
#define CMODEL_CHAR_MAX 5     /* character n-grams of 1..CMODEL_CHAR_MAX code points */
#define CMODEL_SKEL_WEIGHT 2.0       /* the token's consonant skeleton (skeleton.h) */
#define CMODEL_SKEL_CHAR_WEIGHT 1.0  /* and its 2..CMODEL_SKEL_CHAR_MAX-grams */
#define CMODEL_SKEL_CHAR_MAX 4
#define CMODEL_IDF_AT (24 + 4 * CAT_COUNT)
#define CMODEL_WEIGHTS_AT(bits) (CMODEL_IDF_AT + ((size_t)1 << (bits)) * 4)

struct cmodel;

/* EXIT_USAGE with e naming the file and what is wrong; *out untouched. */
int cmodel_load(const char *path, struct cmodel **out, struct err *e);
void cmodel_free(struct cmodel *m);

/* Probabilities of each category (indexed by enum category, summing to 1)
 * for a model text (model_text() of the comment). */
void cmodel_predict(const struct cmodel *m, const char *mtext, double prob[CAT_COUNT]);

size_t cmodel_file_size(const struct cmodel *m);

/* The features of a model text: sorted, distinct indexes in 1..2^bits
 * (character 1-5-grams of each token in "<token>" with weight
 * CMODEL_CHAR_WEIGHT, token unigrams and bigrams with CMODEL_WORD_WEIGHT,
 * the token's consonant skeleton with CMODEL_SKEL_WEIGHT and its character
 * 2-4-grams with CMODEL_SKEL_CHAR_WEIGHT, all hashed), *val their raw weights. *idx and *val are malloc'd; returns how
 * many. Shared with the trainer so that training and prediction agree. */
size_t cmodel_features(const char *mtext, unsigned bits, int **idx, double **val);

/* Multiply each weight by the idf of its feature and L2-normalize. */
void cmodel_weigh(const float *idf, const int *idx, double *val, size_t n);

/* FNV-1a 32 over n bytes, continuing from h (start with 2166136261u). */
uint32_t cmodel_fnv(uint32_t h, const void *p, size_t n);

#endif
