/* xlsx.c: the workbook ttreport_SINCE_UNTIL.xlsx: chooses the mode, opens the
 * workbook and lets each sheet write itself (xlsx_summary.c, xlsx_sheets.c,
 * over the grid and formats of xlsx_grid.c). Written under a temporary name and
 * renamed into place (core/atomic); byte-identical for the same records (the
 * document's creation time is report->made, and libxlsxwriter stamps zip
 * entries with a fixed 1980 date). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/xlsx.h"
#include "exporters/l10n.h"
#include "exporters/xlsx_sheets.h"

/* ~1M cells in normal mode is ~100 MB of libxlsxwriter cell structs and the
 * shared-string table (measured: tests/bench/xlsx.sh); above that, stream. */
long xlsx_table_cells_max = 1000000;

/* ---- the workbook ---- */

static long count_cells(const struct report *r)
{
	long cells = 0;

	for (size_t i = 0; i < r->nadv; i++)
		for (int l = 0; l < LVL_COUNT; l++) {
			cells += (long)r->advs[i].nrows[l] * (12 + M_COUNT);
			if (l > LVL_ADVERTISER)
				cells += (long)r->advs[i].nents[l] * (15 + M_COUNT);
		}
	return cells + (long)r->triage.nacts * 11;
}

static int xlsx_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	char path[4096], since[40], until[40], title[200];
	struct atomic_file af;
	lxw_workbook_options opts = { 0 };
	lxw_doc_properties props = { 0 };
	struct xlsx x = { 0 };
	long cells = count_cells(r);
	int rc = 0;
	lxw_error lerr;

	report_path(r, o->outdir, "ttreport", NULL, "xlsx", path, sizeof(path));
	/* fail early and quietly (libxlsxwriter would print its own message); the
	 * library writes the temporary file by name when the workbook closes */
	if (atomic_open(&af, path, EXPORT_MODE, e))
		return e->code;

	x.r = r;
	x.o = o;
	x.big = cells > xlsx_table_cells_max;
	opts.constant_memory = x.big ? LXW_TRUE : LXW_FALSE;
	opts.tmpdir = (char *)o->outdir; /* big temporary parts on the output disk, not a tmpfs */
	opts.use_zip64 = cells > 40000000L ? LXW_TRUE : LXW_FALSE;
	if (!(x.wb = workbook_new_opt(af.tmp, &opts))) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: cannot start the workbook", path);
	}
	snprintf(title, sizeof(title), _("TikTok Ads report %s to %s"), l10n_date(r->span.since, since, sizeof(since)),
		 l10n_date(r->span.until, until, sizeof(until)));
	xlsx_set_footer(&x, title);
	props.title = title;
	props.author = "ttreport";
	props.created = r->made; /* not the clock: the same records give the same bytes */
	workbook_set_properties(x.wb, &props);
	if (xlsx_formats(&x) != 0)
		rc = errf(e, EXIT_OUTPUT, "%s: out of memory", path);

	if (!rc)
		rc = sheet_summary(&x, e);
	for (int l = LVL_CAMPAIGN; !rc && l < LVL_COUNT; l++)
		rc = sheet_entities(&x, (enum level)l, e);
	if (!rc)
		rc = sheet_daily(&x, e);
	if (!rc)
		rc = sheet_comments(&x, e);

	lerr = workbook_close(x.wb); /* frees everything, even after an error */
	free(x.money);
	free(x.money_extra);
	if (rc) {
		atomic_abort(&af);
		return err_wrap(e, "%s", path);
	}
	if (lerr != LXW_NO_ERROR) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: %s", path, lxw_strerror(lerr));
	}
	return atomic_commit(&af, e);
}

const struct exporter exporter_xlsx = { "xlsx", xlsx_write };
