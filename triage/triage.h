/* triage.h: comment triage on the business's own TikTok videos. Reads
 * videos and comments through the Accounts API (/business/), decides one
 * action per new top-level comment, acts when asked (apply), and records
 * every decision in the report (report_add_action); the caller writes the
 * action log from it. The run is a chain: triage.c drives read.c (videos,
 * comment pages, reply lists), decide.c (classification, policy, caps) and
 * act.c (the writes, verified).
 *
 * Stateless "never reply twice": every run decides from what TikTok says now
 * (hidden? a reply from the store already?), and only then writes. A write
 * whose outcome is unknown is checked against TikTok before any retry.
 *
 * Ownership: triage_run() allocates nothing the caller frees; what it records
 * lives in the report. The strings of triage_opts belong to the caller. */
#ifndef TT_TRIAGE_H
#define TT_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/record.h"
#include "triage/policy.h"

/* Everything triage reads, filled by the program (etl/): triage has no
 * defaults of its own. The Accounts API allows about 40 requests a minute
 * per endpoint and account. */
struct triage_opts {
	bool apply;                /* act, else a dry run */
	int comment_days;          /* comments created in the last days */
	int max_replies, max_hides;/* caps per run */
	double read_qps;           /* GETs started per second */
	double write_qps;          /* POSTs started per second */
	int read_parallel;         /* GETs at once */
	int max_videos;            /* newest videos looked at, 0 = all */
	int write_tries;           /* attempts of one write, verification between */
	int max_tries;             /* attempts of one read */
	long timeout_ms, retry_base_ms, retry_max_ms;
	const char *api_base;
	const char *account_token, *business_id; /* NULL: refreshed from refresh_token */
	const char *refresh_token, *app_id, *app_secret;
	const char *rules, *replies; /* paths; NULL: the shipped ones */
	const char *model;         /* the comment model; NULL: the shipped one (none: rules only) */
	struct policy pol;         /* thresholds (hide_offtopic comes from the rules) */
	const char *outdir;        /* an applying run locks <outdir>/.triage.lock (exists) */
};

/* Run comment triage; record decisions into r (report_add_action). r->span
 * is set by the caller. Returns 0, EXIT_USAGE (no token / business id /
 * rules), EXIT_AUTH (token refused), EXIT_API (nothing could be read),
 * EXIT_PARTIAL (some read or action failed; the decisions are recorded),
 * EXIT_OUTPUT (the lock). */
int triage_run(struct report *r, const struct triage_opts *o, time_t now, struct err *e);

/* ---- the decision, a pure function (tests call it directly) ---- */

struct triage_in {
	bool owner;             /* written by the store itself */
	bool hidden;            /* status HIDDEN */
	bool store_replied;     /* a reply by the store exists (inline or reply/list) */
	bool commenter_replied; /* this run already replies to the same commenter */
	bool uncertain;         /* the policy left it alone (policy.h POL_UNCERTAIN) */
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
	enum act_result result; /* RES_ERROR while write is true (until the write answers) */
	bool write;         /* an API write must be made (apply mode, reply or hide) */
};

/* The order of the checks is the contract: own comment, already hidden,
 * already replied, uncertain (skipped:uncertain), category, then caps and
 * one reply per commenter. A complaint is flagged, never hidden. t counts a reply or hide decided. */
struct triage_decision triage_decide(const struct triage_in *in, const struct triage_limits *lim,
				     struct triage_tally *t);

/* Must reply/list be read before deciding? When the comment may still get
 * an action and its "replies" count is more than what came inline (at most 3)
 * without a reply from the store among them. */
bool triage_must_read_replies(bool owner, bool hidden, bool inline_store_reply, long replies,
			      size_t inline_replies);

#endif
