/* comments.h: the comment stage as the program runs it: triage's options
 * filled from the config (every field: triage has no defaults of its own),
 * the triage run, and the action log written from its decisions. */
#ifndef TT_COMMENTS_H
#define TT_COMMENTS_H

#include <time.h>

#include "core/err.h"
#include "core/record.h"
#include "etl/config.h"
#include "triage/triage.h"

/* The decision policy's thresholds from the config (triage.reply_min, ...). */
struct policy comments_policy(const struct config *c);

/* o's strings point into c. */
void comments_opts(const struct config *c, struct triage_opts *o);

/* triage_run() with o, then <outdir>/actions_SINCE_UNTIL.jsonl written from
 * r's decisions (when triage got to decide). Returns triage_run's code, or
 * EXIT_OUTPUT when the log (or the folder) cannot be written. */
int comments_run(struct report *r, const struct triage_opts *o, time_t now, struct err *e);

#endif
