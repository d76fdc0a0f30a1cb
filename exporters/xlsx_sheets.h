/* xlsx_sheets.h: the sheets of the workbook, each written strictly row by row
 * (so that constant_memory mode works) through the grid of xlsx_grid.h:
 * Summary (xlsx_summary.c), Campaigns, Ad groups, Ads, Daily and Comments
 * (xlsx_sheets.c). Called by xlsx.c only, in that order. */
#ifndef TT_XLSX_SHEETS_H
#define TT_XLSX_SHEETS_H

#include "exporters/xlsx_grid.h"

int sheet_summary(struct xlsx *x, struct err *e);
int sheet_entities(struct xlsx *x, enum level l, struct err *e);
int sheet_daily(struct xlsx *x, struct err *e);
int sheet_comments(struct xlsx *x, struct err *e);

#endif
