#include "etl/comments.h"

#include <stdio.h>

#include "core/atomic.h"
#include "core/log.h"
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

void comments_opts(const struct config *c, struct triage_opts *o)
{
	*o = (struct triage_opts){
		.apply = c->apply,
		.comment_days = c->comment_days,
		.max_replies = c->max_replies,
		.max_hides = c->max_hides,
		.read_qps = c->read_qps,
		.write_qps = c->write_qps,
		.read_parallel = c->read_parallel,
		.max_videos = c->max_videos,
		.write_tries = c->write_tries,
		.max_tries = c->max_tries,
		.timeout_ms = c->timeout_ms,
		.retry_base_ms = c->retry_base_ms,
		.retry_max_ms = c->retry_max_ms,
		.api_base = c->api_base,
		.account_token = c->account_token,
		.business_id = c->business_id,
		.refresh_token = c->refresh_token,
		.app_id = c->app_id,
		.app_secret = c->app_secret,
		.rules = c->rules,
		.replies = c->replies,
		.model = c->model,
		.pol = comments_policy(c),
		.outdir = c->outdir,
	};
}

static int write_log(const struct report *r, const char *outdir, struct err *e)
{
	char path[4200];
	int rc = atomic_mkdirs(outdir, e);

	if (rc)
		return rc;
	report_path(r, outdir, "actions", NULL, "jsonl", path, sizeof(path));
	if ((rc = actionlog_write(r, path, e)))
		return rc;
	log_info("wrote the action log %s", path);
	return 0;
}

int comments_run(struct report *r, const struct triage_opts *o, time_t now, struct err *e)
{
	int rc;

	/* an applying run locks a file in the output folder */
	if (o->apply && (rc = atomic_mkdirs(o->outdir, e)))
		return rc;
	rc = triage_run(r, o, now, e);
	if (rc && rc != EXIT_PARTIAL)
		return rc;
	{
		struct err we = { 0 };
		int wrc = write_log(r, o->outdir, &we);
		if (wrc) {
			*e = we;
			return wrc;
		}
	}
	return rc;
}
