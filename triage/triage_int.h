/* triage_int.h: the state of one triage run and the steps of its chain,
 * private to triage/: triage.c (the driver) calls read.c, decide.c and
 * act.c; act.c uses read.c's URLs, read.c uses decide.c's classification.
 * Nothing calls back up the chain.
 *
 * Ownership: struct triage owns its videos and comment records (and every
 * string in them); triage.c frees them at the end of the run. */
#ifndef TT_TRIAGE_INT_H
#define TT_TRIAGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "triage/classify.h"
#include "triage/judge.h"
#include "core/err.h"
#include "core/http.h"
#include "core/record.h"
#include "triage/triage.h"

struct tvideo {
	char *id;
	char *caption, *share_url; /* from the video list, NULL when absent */
	bool failed;        /* its comments could not all be read */
	bool read_any;      /* at least one comment page was read */
};

/* One top-level comment inside the window. No text is kept: it is classified
 * as soon as its page arrives. user_key never leaves memory. */
struct crec {
	size_t vi;              /* index into triage.videos */
	char *id, *user_key;
	time_t create_time;
	bool owner, hidden, store_replied;
	long replies;
	size_t inline_replies;
	struct verdict v;
	bool uncertain;         /* the policy left it alone */
	/* reply/list, when replies > what came inline */
	bool replies_failed;
	char replies_error[160];
	/* the decision and its outcome */
	enum action act;
	enum act_result result;
	bool write;
	char error[200];
};

struct triage {
	struct report *r;
	const struct triage_opts *o;
	time_t now, since;      /* comments created in [since, now] */
	char token[512];        /* the account token: never logged */
	char bid[128];          /* business_id (open_id) */
	struct rules *rules;
	struct cmodel *model;   /* NULL: rules only */
	struct judge judge;     /* rules + model + policy */
	struct http *h;
	const char *video_path; /* business/video/list/, or the plural fallback */
	bool video_fell_back, videos_failed;
	char videos_error[200];
	struct tvideo *videos;
	size_t nvid, capvid;
	struct crec *cs;
	size_t nc, capc;
	size_t bad_times;       /* comments without a readable create_time */
	bool auth_failed;
	struct err auth_err;
	int read_failures;
	int write_failures;
	bool writes_refused;    /* a write met an auth/scope error: no more writes */
	char refused[200];
	int lock_fd;            /* <outdir>/.triage.lock while applying, else 0 */
};

/* ---- read.c ---- */

/* Videos, then every video's comments, pages in parallel. 0, or -1 when
 * curl itself failed. */
int triage_read_comments(struct triage *t);
/* Oldest first; drop the same comment seen twice (pages that shifted). */
void triage_sort_dedupe(struct triage *t);
/* reply/list of every comment that may get an action and has replies
 * beyond the inline ones (decide.c says which). */
void triage_read_reply_lists(struct triage *t);
void triage_crec_free(struct crec *c);
/* URL of reply/list/ for comment c at cursor, and of comment/list/ for
 * comment_ids=[c]. Malloc'd. */
char *triage_reply_list_url(const struct triage *t, const struct crec *c, long long cursor);
char *triage_comment_url(const struct triage *t, const struct crec *c);

/* ---- decide.c ---- */

/* Classify the text of a new comment into c->v (the text is not kept). */
void triage_classify(const struct triage *t, const char *text, struct crec *c);
/* May this comment get an action (its category asks for one)? */
bool triage_would_act(const struct triage *t, const struct crec *c);
/* One decision per comment, oldest first: caps, one reply per commenter. */
void triage_decide_all(struct triage *t);

/* ---- act.c ---- */

/* Make every write decided (crec.write) and fill result/error. */
void triage_act(struct triage *t);

#endif
