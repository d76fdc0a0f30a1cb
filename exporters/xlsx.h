/* xlsx.h: the XLSX exporter's one knob (the exporter itself is exporter_xlsx,
 * exporters/exporter.h). */
#ifndef TT_XLSX_H
#define TT_XLSX_H

#include "exporters/exporter.h"

/* Workbooks with more cells than this are written in libxlsxwriter's
 * constant_memory mode (rows streamed to disk; autofilters instead of Excel
 * tables, which that mode cannot write). Tests may lower it. */
extern long xlsx_table_cells_max;

#endif
