/* comments.h: the comment stage as the program runs it: the TikTok account
 * (etl/account.h: token, refresh, credentials file), triage's options filled
 * from the config (every field: triage has no defaults of its own), the
 * triage run, and this run's decisions appended to the action log. */
#ifndef TT_COMMENTS_H
#define TT_COMMENTS_H

#include <time.h>

#include "core/err.h"
#include "core/record.h"
#include "etl/config.h"
#include "triage/triage.h"

/* The decision policy's thresholds from the config (triage.reply_min, ...). */
struct policy comments_policy(const struct config *c);

/* triage_run() for the account of c, then this run's lines appended to
 * <outdir>/actions_SINCE_UNTIL.jsonl (when triage got to decide). Returns
 * triage_run's code, or EXIT_OUTPUT when the log cannot be written. */
int comments_run(struct report *r, const struct config *c, time_t now, struct err *e);

#endif
