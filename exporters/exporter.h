/* exporter.h: one small struct per output format. An exporter reads a const
 * report and writes its file(s) into o->outdir, each whole or not at all
 * (export_open() gives a temporary path, export_commit() renames it into place). */
#ifndef TT_EXPORTER_H
#define TT_EXPORTER_H

#include <stddef.h>

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

extern const struct exporter exporter_csv, exporter_xlsx, exporter_pdf;
const struct exporter *exporter_find(const char *name);

/* "<outdir>/<prefix>_SINCE_UNTIL[_suffix].<ext>" for the report's span. */
void export_path(const struct report *r, const char *outdir, const char *prefix,
		 const char *suffix, const char *ext, char *out, size_t n);
/* The temporary name a file is written under before export_commit(). */
void export_tmp_path(const char *final, char *tmp, size_t n);
/* fsync tmp, rename it to final; on failure remove tmp. EXIT_OUTPUT on error. */
int export_commit(const char *tmp, const char *final, struct err *e);
/* mkdir -p path (0755). EXIT_OUTPUT naming the folder on failure. */
int export_mkdir(const char *path, struct err *e);

/* Remove a temporary file after a failed write (ignores errors). */
void export_abort(const char *tmp);

#endif
