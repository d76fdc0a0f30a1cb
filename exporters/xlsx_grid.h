/* xlsx_grid.h: private to the XLSX exporter: the workbook's formats and the
 * grid every sheet writes through (xlsx_grid.c, the bottom of the exporter).
 * The libxlsxwriter workbook owns every sheet, format and chart; struct xlsx
 * only points into it and lives on the stack of xlsx_write(). Nothing here
 * outlives one workbook. */
#ifndef TT_XLSX_GRID_H
#define TT_XLSX_GRID_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "exporters/exporter.h"

#define XG_MAXCOL 64

struct xlsx {
	lxw_workbook *wb;
	const struct report *r;
	const struct export_opts *o;
	bool big;                      /* constant_memory mode */
	lxw_format *title, *subtitle, *adv_title, *adv_title_rtl, *head, *head_left;
	lxw_format *id, *rtl, *date, *count, *ratio[7], *note, *alert, *warning;
	lxw_format *chg_good, *chg_bad, *chg_none, *kpi_label;
	lxw_format **money;            /* per advertiser, its currency and decimals */
	int *money_extra;              /* display width the money format adds */
	char footer[300];              /* printed pages: the report's title, "Page n of N" */
};

/* A block of rows under one header row: a table (or, in constant_memory mode,
 * a header row with an autofilter), with column widths computed from content. */
struct xcol {
	const char *head;
	int width;     /* widest text seen, in display cells */
	double maxabs; /* largest number seen */
	int extra;     /* widest decimals/suffix of a number format seen */
	bool neg;
};

struct xgrid {
	struct xlsx *x;
	lxw_worksheet *ws;
	lxw_row_t top, row; /* header row; row being written */
	int ncol;
	struct xcol c[XG_MAXCOL];
};

void grid_init(struct xgrid *g, struct xlsx *x, lxw_worksheet *ws, lxw_row_t top);
int grid_col(struct xgrid *g, const char *head);
/* Call once the columns are declared: writes the header row when there is no table. */
void grid_header(struct xgrid *g);
/* Text; width < 0 measures it (display cells), rtl < 0 detects it. */
void grid_text(struct xgrid *g, int col, const char *s, int width, int rtl);
void grid_id(struct xgrid *g, int col, const char *s);
void grid_num(struct xgrid *g, int col, double v, lxw_format *f, int extra);
void grid_day(struct xgrid *g, int col, int day);
/* One catalog metric of advertiser ai; MV_MISSING writes nothing. */
void grid_metric(struct xgrid *g, int col, enum metric m, mval v, size_t ai);
void grid_next(struct xgrid *g);
/* Table (or autofilter), widths, and panes frozen below the header and right
 * of freeze_cols columns (none when freeze_cols < 0). Returns the last data row. */
lxw_row_t grid_finish(struct xgrid *g, const char *table, int freeze_cols);
/* Red-to-green colour scale on rows [r0, r1] of a column (reverse: low is good). */
void grid_scale(struct xgrid *g, int col, lxw_row_t r0, lxw_row_t r1, bool reverse);

/* Display width (East Asian wide and emoji count 2) and whether the first
 * strong character is right-to-left. */
int text_width(const char *s, bool *rtl);
double metric_value(enum metric m, mval v, int decimals);
lxw_format *metric_format_of(struct xlsx *x, enum metric m, size_t ai, int *extra);

/* The workbook's formats (x->wb set); -1 when out of memory. */
int xlsx_formats(struct xlsx *x);
/* A new sheet; NULL with EXIT_OUTPUT in e when libxlsxwriter refuses. */
lxw_worksheet *xlsx_add_sheet(struct xlsx *x, const char *name, struct err *e);
/* The footer of every printed page: title on the left, "Page n of N" on the right. */
void xlsx_set_footer(struct xlsx *x, const char *title);
/* Print a sheet well: A4 landscape, one page wide (as tall as it takes), the
 * footer, and the header row repeated on every page (none when header_row < 0).
 * Arabic workbooks show their sheets right to left. */
void xlsx_print_setup(struct xlsx *x, lxw_worksheet *ws, long header_row);

#endif
