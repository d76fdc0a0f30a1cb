/* today.c: the steps of `ttreport today`, each a call into the layer that
 * does the work (etl/extract.c, core/alerts.c, exporters/pdf_today.c and
 * csv.c, exporters/today_text.c with etl/mail.c). */
#include "etl/today.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/share.h"
#include "etl/extract.h"
#include "etl/mail.h"
#include "exporters/today.h"
#include "exporters/today_text.h"

int today_check(const struct config *c, struct err *e)
{
	if (!(c->formats & (FMT_PDF | FMT_CSV)))
		return errf(e, EXIT_USAGE, "today writes pdf and csv: --format has neither");
	return 0;
}

int today_extract(struct report *r, const struct config *c, time_t now, struct err *e)
{
	struct extract_stats xs;
	int rc, partial = 0;

	if ((rc = extract_today(r, c, now, &xs, e)))
		return rc;
	log_info("fetched %ld pages in %ld requests for %zu advertiser(s)", xs.pages, xs.requests, r->nadv);
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		partial |= a->failed;
		if (!a->failed && a->last_hour < 0)
			log_info("advertiser %s: no hour of today is reported yet", a->id);
	}
	return partial ? -1 : 0;
}

long today_alerts(const struct report *r, const struct config *c, struct adv_alerts *al,
		  struct err *e)
{
	struct alert_opts o = { c->alert_spend, c->alert_cpa_factor, c->alert_budget_pace,
				c->alert_tracking, c->alert_interval, r->made };
	long fired = alerts_eval_report(r, &o, al, e);
	char line[400];

	for (size_t i = 0; fired > 0 && i < r->nadv; i++)
		for (long k = 0; k < al[i].n && k < ALERTS_MAX; k++)
			if (al[i].v[k].fired)
				log_info("alert: %s", today_alert_log(&r->advs[i], &al[i].v[k], line, sizeof(line)));
	return fired;
}

int today_render(const struct report *r, const struct adv_alerts *al, const struct config *c,
		 struct err *e)
{
	char font[4096];
	struct export_opts o = { c->outdir, c->font, c->min_spend };

	if (!o.font && share_path("DejaVuSans-flat.ttf", font, sizeof(font)) == 0)
		o.font = font;
	if (atomic_mkdirs(c->outdir, e))
		return e->code;
	if ((c->formats & FMT_PDF) && today_pdf_write(r, al, &o, e))
		return err_wrap(e, "pdf output");
	if ((c->formats & FMT_CSV) && today_csv_write(r, &o, e))
		return err_wrap(e, "csv output");
	log_info("wrote today's outputs in %s", c->outdir);
	return 0;
}

int today_mail(const struct report *r, const struct adv_alerts *al, const struct config *c,
	       struct err *e)
{
	char paths[3][4096];
	const char *files[3];
	size_t n = 0;
	char *subject, *body;
	int rc;

	if (!c->mail_to.n)
		return 0;
	if (c->formats & FMT_PDF)
		today_path(r, c->outdir, NULL, "pdf", paths[n++], sizeof(paths[0]));
	else
		for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++)
			today_path(r, c->outdir, level_name((enum level)l), "csv", paths[n++], sizeof(paths[0]));
	for (size_t i = 0; i < n; i++)
		files[i] = paths[i];
	subject = today_mail_subject(r, al);
	body = today_mail_body(r, al, files, n);
	rc = mail_send_text(c, r, subject, body, files, n, e);
	free(subject);
	free(body);
	return rc;
}
