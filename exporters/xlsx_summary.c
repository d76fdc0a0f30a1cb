/* xlsx_summary.c: the Summary sheet: per advertiser its KPIs against the
 * previous period, notes and callouts, the daily totals and two charts of them;
 * then the report's warnings. Written row by row through xlsx_grid. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exporters/kpi.h"
#include "exporters/l10n.h"
#include "exporters/xlsx_sheets.h"

static void put(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, row, col, s, f);
}

static const char *span_text(struct window w, char *buf, size_t n)
{
	char a[40], b[40];

	if (w.since == w.until)
		snprintf(buf, n, "%s", l10n_date(w.since, a, sizeof(a)));
	else
		snprintf(buf, n, "%s – %s", l10n_date(w.since, a, sizeof(a)), l10n_date(w.until, b, sizeof(b)));
	return buf;
}

static lxw_row_t summary_charts(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t at,
				lxw_row_t d0, lxw_row_t d1)
{
	const struct advertiser *a = &x->r->advs[ai];
	char name[200];
	lxw_chart_options co = { 0 };
	lxw_chart *c;
	lxw_chart_series *s;
	lxw_chart_line line = { 0 };
	lxw_chart_font tf = { 0 };

	if (d1 < d0)
		return at;
	co.x_offset = 4;
	co.y_offset = 4;
	co.x_scale = 0.95;
	co.y_scale = 0.9;
	co.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
	tf.size = 11;
	tf.bold = LXW_TRUE;
	tf.color = 0x1F3864;

	/* libxlsxwriter 1.1.4 cannot combine chart types on a secondary axis
	 * (chart_combine came later): a column chart and a line chart, side by side */
	c = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
	s = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(s, "Summary", d0, 0, d1, 0);
	chart_series_set_values(s, "Summary", d0, 1, d1, 1);
	snprintf(name, sizeof(name), _("Daily spend (%s)"), a->currency ? a->currency : "");
	chart_series_set_name(s, name);
	chart_title_set_name(c, name);
	chart_title_set_name_font(c, &tf);
	chart_axis_set_min(c->y_axis, 0);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_format(c->x_axis, "mm-dd");
	chart_axis_set_num_format(c->y_axis, "#,##0");
	worksheet_insert_chart_opt(ws, at, 5, c, &co);

	c = workbook_add_chart(x->wb, LXW_CHART_LINE);
	s = chart_add_series(c, NULL, NULL);
	chart_series_set_categories(s, "Summary", d0, 0, d1, 0);
	chart_series_set_values(s, "Summary", d0, 2, d1, 2);
	chart_series_set_name(s, _("Conversions"));
	chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
	line.color = 0xED7D31;
	line.width = 2.25;
	chart_series_set_line(s, &line);
	chart_title_set_name(c, _("Daily conversions"));
	chart_title_set_name_font(c, &tf);
	chart_axis_set_min(c->y_axis, 0);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_format(c->x_axis, "mm-dd");
	chart_axis_set_num_format(c->y_axis, "#,##0");
	worksheet_insert_chart_opt(ws, at, 12, c, &co);
	return at;
}

/* The KPI block: this period, the previous one and the change; returns the row after it. */
static lxw_row_t summary_kpis(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t row)
{
	const struct advertiser *a = &x->r->advs[ai];
	struct kpi k[KPI_MAX];
	int nk = kpi_list(a, k, KPI_MAX);

	put(ws, row, 0, _("Metric"), x->head_left);
	put(ws, row, 1, _("This period"), x->head);
	put(ws, row, 2, _("Previous period"), x->head);
	put(ws, row, 3, _("Change"), x->head);
	row++;
	for (int i = 0; i < nk; i++) {
		int extra;
		lxw_format *f = metric_format_of(x, k[i].m, ai, &extra);

		put(ws, row, 0, _(metric_defs[k[i].m].label), x->kpi_label);
		if (k[i].cur != MV_MISSING)
			worksheet_write_number(ws, row, 1, metric_value(k[i].m, k[i].cur, a->decimals), f);
		if (k[i].prev != MV_MISSING)
			worksheet_write_number(ws, row, 2, metric_value(k[i].m, k[i].prev, a->decimals), f);
		if (k[i].has_change && k[i].change_pct == k[i].change_pct &&
		    k[i].change_pct < 1e12 && k[i].change_pct > -1e12)
			worksheet_write_number(ws, row, 3, k[i].change_pct / 100,
					       k[i].good > 0 ? x->chg_good : k[i].good < 0 ? x->chg_bad : x->chg_none);
		row++;
	}
	return row;
}

/* Provisional days, reconciliation, failure and callouts; returns the row after them. */
static lxw_row_t summary_notes(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t row)
{
	const struct advertiser *a = &x->r->advs[ai];
	struct callout co[16];
	char buf[512], w1[100];
	int nco = callouts_for(a, kpi_min_spend(a, x->o->min_spend), co, 16);

	if (a->provisional_from <= a->win.until) {
		struct window p = { a->provisional_from > a->win.since ? a->provisional_from : a->win.since,
				    a->win.until };
		snprintf(buf, sizeof(buf), _("Provisional: %s may still be restated by TikTok."),
			 span_text(p, w1, sizeof(w1)));
		put(ws, row++, 0, buf, x->note);
	}
	if (a->recon.checks == 0)
		snprintf(buf, sizeof(buf), "%s", _("Reconciliation: not checked (no lower-level data)."));
	else if (a->recon.mismatches == 0)
		snprintf(buf, sizeof(buf), _("Reconciliation: ads, ad groups, campaigns and account add up (%d checks)."),
			 a->recon.checks);
	else
		snprintf(buf, sizeof(buf), _("Reconciliation: %d of %d checks do not add up: %s"),
			 a->recon.mismatches, a->recon.checks, a->recon.detail);
	put(ws, row++, 0, buf, a->recon.mismatches ? x->warning : x->note);
	if (a->failed) {
		snprintf(buf, sizeof(buf), _("Incomplete: %s"), a->error[0] ? a->error : _("some data could not be fetched"));
		put(ws, row++, 0, buf, x->alert);
	}
	for (int i = 0; i < nco; i++)
		put(ws, row++, 0, co[i].text, co[i].severity >= 2 ? x->alert : co[i].severity == 1 ? x->warning : NULL);
	return row;
}

/* The daily advertiser totals the charts draw, from row on: data rows are
 * [*d0, *d1]; returns the row after them. */
static lxw_row_t summary_days(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t row,
			      lxw_row_t *d0, lxw_row_t *d1)
{
	const struct advertiser *a = &x->r->advs[ai];
	const struct day_row *rows = a->rows[LVL_ADVERTISER];
	size_t nrows = a->nrows[LVL_ADVERTISER];
	char buf[200];

	put(ws, row, 0, _("Date"), x->head_left);
	snprintf(buf, sizeof(buf), _("Spend (%s)"), a->currency ? a->currency : "");
	put(ws, row, 1, buf, x->head);
	put(ws, row, 2, _("Conversions"), x->head);
	put(ws, row, 3, "", x->head);
	row++;
	*d0 = row;
	for (size_t i = 0; i < nrows; i++) {
		mval sp = mrow_get(&rows[i].v, M_SPEND, a->decimals);
		mval cv = mrow_get(&rows[i].v, M_CONVERSION, a->decimals);
		int extra;

		if (rows[i].ent != 0)
			continue; /* one advertiser entity; anything else is not a total */
		worksheet_write_number(ws, row, 0, rows[i].day + 25569, x->date);
		if (sp != MV_MISSING)
			worksheet_write_number(ws, row, 1, metric_value(M_SPEND, sp, a->decimals),
					       metric_format_of(x, M_SPEND, ai, &extra));
		if (cv != MV_MISSING)
			worksheet_write_number(ws, row, 2, (double)cv, x->count);
		if (rows[i].day >= a->provisional_from)
			put(ws, row, 3, _("provisional"), x->note);
		row++;
	}
	*d1 = row - 1;
	return row;
}

static lxw_row_t summary_advertiser(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t row)
{
	const struct advertiser *a = &x->r->advs[ai];
	char buf[512], w1[100], w2[100];
	bool rtl;
	lxw_row_t chart_row, d0, d1;

	text_width(a->name, &rtl);
	put(ws, row, 0, a->name && *a->name ? a->name : a->id, rtl ? x->adv_title_rtl : x->adv_title);
	worksheet_set_row(ws, row++, 20, NULL);
	/* TRANSLATORS: advertiser id, currency, timezone */
	snprintf(buf, sizeof(buf), _("Advertiser ID %s · %s · %s"), a->id, a->currency ? a->currency : "?",
		 a->timezone ? a->timezone : "?");
	put(ws, row++, 0, buf, x->subtitle);
	snprintf(buf, sizeof(buf), _("Window %s, compared with %s"), span_text(a->win, w1, sizeof(w1)),
		 span_text(a->prev, w2, sizeof(w2)));
	put(ws, row++, 0, buf, x->subtitle);

	chart_row = row;
	row = summary_kpis(x, ws, ai, row);
	/* keep the charts beside the KPI block, then the notes below both */
	if (row < chart_row + 13)
		row = chart_row + 13;
	row = summary_notes(x, ws, ai, row);
	row = summary_days(x, ws, ai, row + 1, &d0, &d1);
	summary_charts(x, ws, ai, chart_row, d0, d1);
	return row + 1;
}

int sheet_summary(struct xlsx *x, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_add_sheet(x, "Summary", e);
	char buf[512], w[100], made[40];
	struct tm tm;
	lxw_row_t row = 0;

	if (!ws)
		return e->code;
	put(ws, row, 0, _("TikTok Ads report"), x->title);
	worksheet_set_row(ws, row++, 24, NULL);
	gmtime_r(&r->made, &tm);
	strftime(made, sizeof(made), "%Y-%m-%d %H:%M", &tm);
	/* TRANSLATORS: window, number of advertisers, date and time */
	snprintf(buf, sizeof(buf), ngettext("%s · %zu advertiser · made %s UTC by ttreport",
					    "%s · %zu advertisers · made %s UTC by ttreport", (unsigned long)r->nadv),
		 span_text(r->span, w, sizeof(w)), r->nadv, made);
	put(ws, row++, 0, buf, x->subtitle);
	put(ws, row++, 0, _("Each advertiser in its own currency; amounts are never added across currencies."), x->note);
	row++;
	for (size_t i = 0; i < r->nadv; i++)
		row = summary_advertiser(x, ws, i, row);
	if (r->nwarn) {
		put(ws, row++, 0, _("Warnings"), x->adv_title);
		for (size_t i = 0; i < r->nwarn; i++)
			put(ws, row++, 0, r->warnings[i], x->warning);
	}
	if (r->nadv == 0)
		put(ws, row++, 0, _("No advertiser in this report."), x->note);

	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 2, 17, NULL);
	worksheet_set_column(ws, 3, 3, 10, NULL);
	worksheet_set_column(ws, 4, 4, 2, NULL);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	xlsx_print_setup(x, ws, -1);
	worksheet_print_area(ws, 0, 0, row ? row - 1 : 0, 18);
	worksheet_activate(ws);
	return 0;
}

