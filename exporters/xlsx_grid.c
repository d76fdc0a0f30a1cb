/* xlsx_grid.c: the bottom of the XLSX exporter: the workbook's formats, text
 * width and direction, metric values and formats, and the grid (a block of rows
 * under a header, as a table or an autofilter, with widths from the content)
 * that every sheet writes through. It calls nothing of the sheets above it. */
#include <fribidi.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "exporters/l10n.h"
#include "exporters/xlsx_grid.h"

int text_width(const char *s, bool *rtl)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	bool dir_known = false;
	int w = 0;

	if (rtl)
		*rtl = false;
	if (!s)
		return 0;
	while (*p && w < 200) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			p++;
			w++;
			continue;
		}
		p += n;
		w += utf8proc_charwidth(cp);
		if (!dir_known) {
			FriBidiCharType t = fribidi_get_bidi_type((FriBidiChar)cp);
			if (FRIBIDI_IS_STRONG(t)) {
				dir_known = true;
				if (rtl)
					*rtl = FRIBIDI_IS_RTL(t);
			}
		}
	}
	return w;
}

static const double pow10_tab[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 1e7, 1e8, 1e9 };

double metric_value(enum metric m, mval v, int decimals)
{
	switch (metric_defs[m].type) {
	case MT_MONEY:
		/* rounded once to the currency's minor unit, as every output shows it */
		return (double)money_display(v, decimals) /
		       pow10_tab[decimals < 0 ? 0 : decimals > MONEY_SCALE ? MONEY_SCALE : decimals];
	case MT_RATIO:
		return (double)v / RATIO_SCALE;
	default:
		return (double)v;
	}
}

lxw_format *metric_format_of(struct xlsx *x, enum metric m, size_t ai, int *extra)
{
	int d = metric_defs[m].decimals;

	switch (metric_defs[m].type) {
	case MT_MONEY:
		*extra = x->money_extra[ai];
		return x->money[ai];
	case MT_RATIO:
		d = d < 0 ? 0 : d > 6 ? 6 : d;
		*extra = d ? d + 1 : 0;
		return x->ratio[d];
	default:
		*extra = 0;
		return x->count;
	}
}

/* ---- the grid ---- */

void grid_init(struct xgrid *g, struct xlsx *x, lxw_worksheet *ws, lxw_row_t top)
{
	memset(g, 0, sizeof(*g));
	g->x = x;
	g->ws = ws;
	g->top = top;
	g->row = top + 1;
}

int grid_col(struct xgrid *g, const char *head)
{
	if (g->ncol >= XG_MAXCOL)
		return XG_MAXCOL - 1; /* the catalog would need a bigger XG_MAXCOL */
	g->c[g->ncol].head = head;
	g->c[g->ncol].width = text_width(head, NULL) + 3; /* + the filter button */
	return g->ncol++;
}

static void write_header(struct xgrid *g)
{
	for (int c = 0; c < g->ncol; c++)
		worksheet_write_string(g->ws, g->top, (lxw_col_t)c, g->c[c].head, g->x->head_left);
}

void grid_header(struct xgrid *g)
{
	if (g->x->big)
		write_header(g);
}

void grid_text(struct xgrid *g, int col, const char *s, int width, int rtl)
{
	bool r = false;

	if (!s || !*s)
		return;
	if (width < 0 || rtl < 0) {
		width = text_width(s, &r);
		rtl = r;
	}
	if (width > g->c[col].width)
		g->c[col].width = width;
	worksheet_write_string(g->ws, g->row, (lxw_col_t)col, s, rtl ? g->x->rtl : NULL);
}

void grid_id(struct xgrid *g, int col, const char *s)
{
	int w;

	if (!s || !*s)
		return;
	w = (int)strlen(s);
	if (w > g->c[col].width)
		g->c[col].width = w;
	worksheet_write_string(g->ws, g->row, (lxw_col_t)col, s, g->x->id);
}

void grid_num(struct xgrid *g, int col, double v, lxw_format *f, int extra)
{
	struct xcol *c = &g->c[col];
	double a = fabs(v);

	if (!isfinite(v))
		return;
	if (a > c->maxabs)
		c->maxabs = a;
	if (extra > c->extra)
		c->extra = extra;
	if (v < 0)
		c->neg = true;
	worksheet_write_number(g->ws, g->row, (lxw_col_t)col, v, f);
}

void grid_day(struct xgrid *g, int col, int day)
{
	if (g->c[col].width < 10)
		g->c[col].width = 10;
	/* Excel's serial day: 1970-01-01 is 25569 */
	worksheet_write_number(g->ws, g->row, (lxw_col_t)col, (double)day + 25569, g->x->date);
}

void grid_metric(struct xgrid *g, int col, enum metric m, mval v, size_t ai)
{
	int extra;
	lxw_format *f;

	if (v == MV_MISSING)
		return;
	f = metric_format_of(g->x, m, ai, &extra);
	grid_num(g, col, metric_value(m, v, g->x->r->advs[ai].decimals), f, extra);
}

void grid_next(struct xgrid *g)
{
	g->row++;
}

static int col_width(const struct xcol *c)
{
	int w = c->width;

	if (c->maxabs > 0 || c->extra > 0) {
		int digits = c->maxabs >= 1 ? (int)floor(log10(c->maxabs)) + 1 : 1;
		int nw = digits + (digits - 1) / 3 + c->extra + (c->neg ? 1 : 0);
		if (nw > w)
			w = nw;
	}
	w += 1;
	return w < 6 ? 6 : w > 50 ? 50 : w;
}

lxw_row_t grid_finish(struct xgrid *g, const char *table, int freeze_cols)
{
	lxw_row_t last = g->row - 1;

	if (!g->x->big && last > g->top && table) {
		lxw_table_column cols[XG_MAXCOL], *pcols[XG_MAXCOL + 1];
		lxw_table_options t = { 0 };

		for (int c = 0; c < g->ncol; c++) {
			memset(&cols[c], 0, sizeof(cols[c]));
			cols[c].header = (char *)g->c[c].head;
			pcols[c] = &cols[c];
		}
		pcols[g->ncol] = NULL;
		t.name = (char *)table;
		t.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
		t.style_type_number = 2;
		t.columns = pcols;
		worksheet_add_table(g->ws, g->top, 0, last, (lxw_col_t)(g->ncol - 1), &t);
	} else {
		if (!g->x->big)
			write_header(g);
		worksheet_autofilter(g->ws, g->top, 0, last, (lxw_col_t)(g->ncol - 1));
	}
	if (freeze_cols >= 0)
		worksheet_freeze_panes(g->ws, g->top + 1, (lxw_col_t)freeze_cols);
	for (int c = 0; c < g->ncol; c++)
		worksheet_set_column(g->ws, (lxw_col_t)c, (lxw_col_t)c, col_width(&g->c[c]), NULL);
	return last;
}

void grid_scale(struct xgrid *g, int col, lxw_row_t r0, lxw_row_t r1, bool reverse)
{
	lxw_conditional_format cf = { 0 };
	lxw_color_t lo = 0xF8696B, hi = 0x63BE7B;

	if (r1 < r0)
		return;
	cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
	cf.min_color = reverse ? hi : lo;
	cf.mid_color = 0xFFEB84;
	cf.max_color = reverse ? lo : hi;
	worksheet_conditional_format_range(g->ws, r0, (lxw_col_t)col, r1, (lxw_col_t)col, &cf);
}

/* ---- formats ---- */

static lxw_format *fmt(lxw_workbook *wb, const char *num, bool bold, double size, lxw_color_t color)
{
	lxw_format *f = workbook_add_format(wb);

	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (size > 0)
		format_set_font_size(f, size);
	if (color)
		format_set_font_color(f, color);
	return f;
}

static void make_formats(struct xlsx *x)
{
	lxw_workbook *wb = x->wb;
	static const char *const ratio_fmt[7] = { "0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000" };
	const char *chg = "+0.0%;-0.0%;0.0%";

	x->title = fmt(wb, NULL, true, 16, 0x1F3864);
	x->subtitle = fmt(wb, NULL, false, 0, 0x595959);
	x->adv_title = fmt(wb, NULL, true, 13, 0x1F3864);
	x->adv_title_rtl = fmt(wb, NULL, true, 13, 0x1F3864);
	format_set_reading_order(x->adv_title_rtl, 2);
	x->head = fmt(wb, NULL, true, 0, 0);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	format_set_align(x->head, LXW_ALIGN_RIGHT);
	x->head_left = fmt(wb, NULL, true, 0, 0);
	format_set_bg_color(x->head_left, 0xDDEBF7);
	format_set_bottom(x->head_left, LXW_BORDER_THIN);
	x->id = fmt(wb, "@", false, 0, 0);
	x->rtl = fmt(wb, NULL, false, 0, 0);
	format_set_reading_order(x->rtl, 2);
	x->date = fmt(wb, "yyyy-mm-dd", false, 0, 0);
	format_set_align(x->date, LXW_ALIGN_LEFT);
	x->count = fmt(wb, "#,##0", false, 0, 0);
	for (int d = 0; d < 7; d++)
		x->ratio[d] = fmt(wb, ratio_fmt[d], false, 0, 0);
	x->note = fmt(wb, NULL, false, 0, 0x595959);
	format_set_italic(x->note);
	x->alert = fmt(wb, NULL, true, 0, 0xC00000);
	x->warning = fmt(wb, NULL, false, 0, 0xC65911);
	x->chg_good = fmt(wb, chg, false, 0, 0x007A33);
	x->chg_bad = fmt(wb, chg, false, 0, 0xC00000);
	x->chg_none = fmt(wb, chg, false, 0, 0x595959);
	x->kpi_label = fmt(wb, NULL, false, 0, 0);
	format_set_indent(x->kpi_label, 1);
}

/* One money format per currency and decimals, e.g. #,##0.00 "MAD". */
static int money_formats(struct xlsx *x)
{
	const struct report *r = x->r;

	x->money = calloc(r->nadv ? r->nadv : 1, sizeof(*x->money));
	x->money_extra = calloc(r->nadv ? r->nadv : 1, sizeof(*x->money_extra));
	if (!x->money || !x->money_extra)
		return -1;
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		char code[8] = "", num[64];
		int d = a->decimals < 0 ? 0 : a->decimals > 6 ? 6 : a->decimals, n = 0;

		for (const char *p = a->currency ? a->currency : ""; *p && n < 7; p++)
			if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
				code[n++] = *p;
		code[n] = 0;
		for (size_t j = 0; j < i; j++)
			if (r->advs[j].decimals == a->decimals && r->advs[j].currency && a->currency &&
			    strcmp(r->advs[j].currency, a->currency) == 0) {
				x->money[i] = x->money[j];
				x->money_extra[i] = x->money_extra[j];
			}
		if (x->money[i])
			continue;
		snprintf(num, sizeof(num), "#,##0%s%.*s%s%s%s", d ? "." : "", d, "000000",
			 n ? " \"" : "", code, n ? "\"" : "");
		x->money[i] = fmt(x->wb, num, false, 0, 0);
		x->money_extra[i] = (d ? d + 1 : 0) + (n ? n + 1 : 0);
	}
	return 0;
}

int xlsx_formats(struct xlsx *x)
{
	make_formats(x);
	return money_formats(x);
}

void xlsx_set_footer(struct xlsx *x, const char *title)
{
	size_t o = (size_t)snprintf(x->footer, sizeof(x->footer), "&L");

	for (const char *s = title; *s && o + 3 < 200; s++) { /* '&' starts a code: double it */
		if (*s == '&')
			x->footer[o++] = '&';
		x->footer[o++] = *s;
	}
	/* TRANSLATORS: printed page footer; &P and &N are the page number and count, keep them */
	snprintf(x->footer + o, sizeof(x->footer) - o, "&R%s", _("Page &P of &N"));
}

void xlsx_print_setup(struct xlsx *x, lxw_worksheet *ws, long header_row)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
	worksheet_fit_to_pages(ws, 1, 0);
	if (x->footer[0])
		worksheet_set_footer(ws, x->footer);
	if (header_row >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)header_row, (lxw_row_t)header_row);
	if (l10n_rtl())
		worksheet_right_to_left(ws);
}

lxw_worksheet *xlsx_add_sheet(struct xlsx *x, const char *name, struct err *e)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	if (!ws)
		errf(e, EXIT_OUTPUT, "sheet %s: cannot create it (temporary file?)", name);
	return ws;
}
