/* triage_int.h: state shared by triage.c (auth, reading, deciding, the log)
 * and triage_act.c (the writes). Private to those two files.
 *
 * Ownership: struct triage owns its videos and comment records (and every
 * string in them); triage.c frees them at the end of the run. */
#ifndef TT_TRIAGE_INT_H
#define TT_TRIAGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "triage/classify.h"
#include "etl/config.h"
#include "core/err.h"
#include "core/http.h"
#include "core/record.h"
#include "triage/triage.h"

struct tvideo {
	char *id;
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
	/* reply/list, when replies > what came inline */
	bool replies_failed;
	char replies_error[160];
	/* the decision and its outcome */
	enum action act;
	const char *result;
	bool write;
	char error[200];
};

struct triage {
	struct report *r;
	const struct config *c;
	const struct triage_opts *o;
	time_t now, since;      /* comments created in [since, now] */
	char token[512];        /* the account token: never logged */
	char bid[128];          /* business_id (open_id) */
	struct rules *rules;
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

/* Make every write decided (crec.write) and fill result/error. 0, or -1 when
 * curl itself failed. */
int triage_act(struct triage *t);

/* GET paths and URL of reply/list/ for comment c at cursor. Malloc'd. */
char *triage_reply_list_url(const struct triage *t, const struct crec *c, long long cursor);

#endif
