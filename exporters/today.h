/* today.h: the outputs of `ttreport today`: ttreport_today_DATE_HH.pdf (one
 * page per advertiser, exporters/pdf_today.c) and, with --format csv,
 * ttreport_today_DATE_LEVEL.csv (a row per entity and hour, exporters/csv.c).
 * DATE and HH: the run's clock (report.made) in the local time of the machine,
 * the clock its cron line is written in. Each file appears whole or not at all. */
#ifndef TT_TODAY_H
#define TT_TODAY_H

#include <stddef.h>

#include "core/alerts.h"
#include "exporters/exporter.h"

/* "<outdir>/ttreport_today_DATE_<what>.<ext>"; what NULL: the hour "HH". */
void today_path(const struct report *r, const char *outdir, const char *what, const char *ext,
		char *out, size_t n);
/* "DATE HH:MM" of the run, for titles. */
char *today_stamp(const struct report *r, char *buf, size_t n);

/* al[i]: the alerts of r->advs[i]. */
int today_pdf_write(const struct report *r, const struct adv_alerts *al, const struct export_opts *o,
		    struct err *e);
int today_csv_write(const struct report *r, const struct export_opts *o, struct err *e);

#endif
