/* exporter.h: one small struct per output format, and the list of them. An
 * exporter reads a const report and writes its file(s) into o->outdir, each
 * whole or not at all (core/atomic.h), named by report_path() (core/record.h). */
#ifndef TT_EXPORTER_H
#define TT_EXPORTER_H

#include <stddef.h>

#include "core/atomic.h"
#include "core/err.h"
#include "core/record.h"

struct export_opts {
	const char *outdir;     /* existing folder */
	const char *font;       /* TTF for the PDF (flattened DejaVu Sans) */
	long min_spend;         /* top/bottom lists and callouts: minimum spend, whole currency units */
};

struct exporter {
	const char *name; /* "xlsx", "pdf", "csv" */
	int (*write)(const struct report *r, const struct export_opts *o, struct err *e);
};

/* Output files are readable as plain files are (the umask applies). */
#define EXPORT_MODE 0666

extern const struct exporter exporter_csv, exporter_xlsx, exporter_pdf, exporter_manifest;
/* The exporter called name ("xlsx", ...), or NULL. */
const struct exporter *exporter_find(const char *name);

#endif
