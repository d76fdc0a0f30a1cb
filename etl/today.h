/* today.h: the steps of `ttreport today` (etl/main.c runs them top to
 * bottom): extract today's hours, judge the alerts, render the page and the
 * CSVs, mail them when an alert fired (or always with --mail-always). */
#ifndef TT_ETL_TODAY_H
#define TT_ETL_TODAY_H

#include <time.h>

#include "core/alerts.h"
#include "core/err.h"
#include "core/record.h"
#include "etl/config.h"

/* Nothing to call when the config asks for none of the today outputs. */
int today_check(const struct config *c, struct err *e);
/* 1. Hourly rows of yesterday and today, the 7 days before, the inventory.
 * 0; -1 when some advertiser failed (partial); else the exit code. */
int today_extract(struct report *r, const struct config *c, time_t now, struct err *e);
/* 2. The alerts of every advertiser into al[0..r->nadv): how many fired, -1 (e set). */
long today_alerts(const struct report *r, const struct config *c, struct adv_alerts *al,
		  struct err *e);
/* 3. ttreport_today_DATE_HH.pdf and, with csv, ttreport_today_DATE_LEVEL.csv. */
int today_render(const struct report *r, const struct adv_alerts *al, const struct config *c,
		 struct err *e);
/* 4. The mail: the alerts in the subject, the PDF (else the CSVs) attached. */
int today_mail(const struct report *r, const struct adv_alerts *al, const struct config *c,
	       struct err *e);

#endif
