#include "etl/comments.h"

#include <stdio.h>

#include "core/atomic.h"
#include "core/log.h"
#include "etl/account.h"
#include "exporters/actionlog.h"

struct policy comments_policy(const struct config *c)
{
	struct policy p = {
		.reply_min = c->reply_min,
		.hide_min = c->hide_min,
		.hide_lead_max = c->hide_lead_max,
		.complaint_flag = c->complaint_flag,
		.rule_lead_max = c->rule_lead_max,
		.hide_offtopic = true, /* the rules' hide_offtopic replaces it */
	};
	return p;
}

/* o's strings point into c and a. */
static void comments_opts(const struct config *c, struct account *a, struct triage_opts *o)
{
	*o = (struct triage_opts){
		.apply = c->apply,
		.comment_days = c->comment_days,
		.max_replies = c->max_replies,
		.max_hides = c->max_hides,
		.endpoint_qpm = c->endpoint_qpm,
		.verify_window_ms = c->verify_window_ms,
		.read_parallel = c->read_parallel,
		.max_videos = c->max_videos,
		.write_tries = c->write_tries,
		.max_tries = c->max_tries,
		.timeout_ms = c->timeout_ms,
		.retry_base_ms = c->retry_base_ms,
		.retry_max_ms = c->retry_max_ms,
		.api_base = c->api_base,
		.account_token = account_token(a),
		.business_id = c->business_id,
		.refresh = account_can_refresh(a) ? account_refresh : NULL,
		.refresh_ctx = a,
		.rules = c->rules,
		.replies = c->replies,
		.model = c->model,
		.pol = comments_policy(c),
		.outdir = c->outdir,
	};
}

/* Append this run's decisions to <outdir>/actions_SINCE_UNTIL.jsonl. */
static int write_log(const struct report *r, const char *outdir, struct err *e)
{
	char path[4200];
	int rc = atomic_mkdirs(outdir, e);

	if (rc)
		return rc;
	report_path(r, outdir, "actions", NULL, "jsonl", path, sizeof(path));
	if ((rc = actionlog_append(r, path, e)))
		return rc;
	log_info("appended %zu line(s) to the action log %s", r->triage.nacts, path);
	return 0;
}

int comments_run(struct report *r, const struct config *c, time_t now, struct err *e)
{
	struct triage_opts o;
	struct account a;
	int rc;

	account_init(&a, c, r, now);
	comments_opts(c, &a, &o);
	rc = triage_run(r, &o, now, e);
	account_release(&a);
	if (rc && rc != EXIT_PARTIAL)
		return rc;
	if (r->triage.nacts) {
		struct err we = { 0 };
		int wrc = write_log(r, c->outdir, &we);
		if (wrc) {
			*e = we;
			return wrc;
		}
	}
	return rc;
}
