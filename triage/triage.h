/* triage.h: comment triage on the business's own TikTok videos (the acting
 * half; classify.h decides categories). Reads videos and comments through the
 * Accounts API (/business/), decides one action per new top-level comment,
 * acts when asked (--apply), records every decision in the report and writes
 * the action log <outdir>/actions_SINCE_UNTIL.jsonl.
 *
 * Stateless "never reply twice": every run decides from what TikTok says now
 * (hidden? a reply from the store already?), and only then writes. A write
 * whose outcome is unknown is checked against TikTok before any retry.
 *
 * Ownership: triage_run() allocates nothing the caller frees; what it records
 * lives in the report. */
#ifndef TT_TRIAGE_H
#define TT_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "etl/config.h"
#include "core/err.h"
#include "core/record.h"

/* Run comment triage for the TikTok account in c; record decisions into r
 * (report_add_action) and write the action log atomically. r->span is set by
 * the caller. Returns 0, EXIT_USAGE (no token / business id / rules),
 * EXIT_AUTH (token refused), EXIT_API (nothing could be read), EXIT_PARTIAL
 * (some read or action failed; the log is written), EXIT_OUTPUT. */
int triage_run(struct report *r, const struct config *c, time_t now, struct err *e);

/* Pacing and limits that config.h does not carry (yet). The Accounts API
 * allows about 40 requests a minute per endpoint and account. */
struct triage_opts {
	double read_qps;   /* GETs started per second (default 0.6) */
	double write_qps;  /* POSTs started per second (default 0.5) */
	int read_parallel; /* GETs at once (default 4) */
	int max_videos;    /* newest videos looked at, 0 = all (default 0) */
	int write_tries;   /* attempts of one write, verification between (default 3) */
};
void triage_opts_default(struct triage_opts *o);
/* triage_run() with explicit opts (tests, and config keys to come). */
int triage_run_opts(struct report *r, const struct config *c, const struct triage_opts *o,
		    time_t now, struct err *e);

/* ---- the decision, a pure function (tests call it directly) ---- */

struct triage_in {
	bool owner;             /* written by the store itself */
	bool hidden;            /* status HIDDEN */
	bool store_replied;     /* a reply by the store exists (inline or reply/list) */
	bool commenter_replied; /* this run already replies to the same commenter */
	enum category cat;
};

struct triage_limits {
	bool apply;
	bool hide_offtopic;
	int max_replies, max_hides;
};

/* Replies and hides decided so far in this run (planned ones included, so a
 * dry run shows exactly what --apply would do). */
struct triage_tally {
	int replies, hides;
};

struct triage_decision {
	enum action act;
	const char *result; /* static; NULL when write is true (filled after the write) */
	bool write;         /* an API write must be made (apply mode, reply or hide) */
};

/* The order of the checks is the contract: own comment, already hidden,
 * already replied, category, then caps and one reply per commenter. A
 * complaint is flagged, never hidden. t counts a reply or hide decided. */
struct triage_decision triage_decide(const struct triage_in *in, const struct triage_limits *lim,
				     struct triage_tally *t);

/* Must reply/list be read before deciding? When the comment may still get
 * an action and its "replies" count is more than what came inline (at most 3)
 * without a reply from the store among them. */
bool triage_must_read_replies(bool owner, bool hidden, bool inline_store_reply, long replies,
			      size_t inline_replies);

#endif
