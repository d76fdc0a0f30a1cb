/* xlsx_sheets.c: the sheets of the workbook, each written strictly row by row
 * (so that constant_memory mode works): Summary, Campaigns, Ad groups, Ads,
 * Daily, Comments. Columns of metrics come from the catalog (metric_defs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/actionlog.h"
#include "exporters/kpi.h"
#include "exporters/xlsx_int.h"

static const char *const singular[LVL_COUNT] = { "Advertiser", "Campaign", "Ad group", "Ad" };
static const char *const id_head[LVL_COUNT] = { "Advertiser ID", "Campaign ID", "Ad group ID", "Ad ID" };
static const char *const table_name[LVL_COUNT] = { "AdvertiserTable", "CampaignTable", "AdGroupTable", "AdTable" };

static lxw_worksheet *add_sheet(struct xlsx *x, const char *name, struct err *e)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	if (!ws)
		errf(e, EXIT_OUTPUT, "sheet %s: cannot create it (temporary file?)", name);
	return ws;
}

static void put(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, row, col, s, f);
}

static const char *span_text(struct window w, char *buf, size_t n)
{
	char a[11], b[11];

	if (w.since == w.until)
		snprintf(buf, n, "%s", date_format(w.since, a));
	else
		snprintf(buf, n, "%s – %s", date_format(w.since, a), date_format(w.until, b));
	return buf;
}

/* ---- Summary ---- */

static lxw_row_t summary_charts(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t at,
				lxw_row_t d0, lxw_row_t d1)
{
	const struct advertiser *a = &x->r->advs[ai];
	char name[64];
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
	snprintf(name, sizeof(name), "Daily spend (%s)", a->currency ? a->currency : "");
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
	chart_series_set_name(s, "Conversions");
	chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
	line.color = 0xED7D31;
	line.width = 2.25;
	chart_series_set_line(s, &line);
	chart_title_set_name(c, "Daily conversions");
	chart_title_set_name_font(c, &tf);
	chart_axis_set_min(c->y_axis, 0);
	chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
	chart_axis_set_num_format(c->x_axis, "mm-dd");
	chart_axis_set_num_format(c->y_axis, "#,##0");
	worksheet_insert_chart_opt(ws, at, 12, c, &co);
	return at;
}

static lxw_row_t summary_advertiser(struct xlsx *x, lxw_worksheet *ws, size_t ai, lxw_row_t row)
{
	const struct advertiser *a = &x->r->advs[ai];
	struct kpi k[KPI_MAX];
	struct callout co[16];
	char buf[512], w1[32], w2[32];
	bool rtl;
	int nk = kpi_list(a, k, KPI_MAX);
	int nco = callouts_for(a, kpi_min_spend(a, x->o->min_spend), co, 16);
	lxw_row_t chart_row, d0, d1;
	const struct day_row *rows = a->rows[LVL_ADVERTISER];
	size_t nrows = a->nrows[LVL_ADVERTISER];

	text_width(a->name, &rtl);
	put(ws, row, 0, a->name && *a->name ? a->name : a->id, rtl ? x->adv_title_rtl : x->adv_title);
	worksheet_set_row(ws, row++, 20, NULL);
	snprintf(buf, sizeof(buf), "Advertiser ID %s · %s · %s", a->id, a->currency ? a->currency : "?",
		 a->timezone ? a->timezone : "?");
	put(ws, row++, 0, buf, x->subtitle);
	snprintf(buf, sizeof(buf), "Window %s, compared with %s", span_text(a->win, w1, sizeof(w1)),
		 span_text(a->prev, w2, sizeof(w2)));
	put(ws, row++, 0, buf, x->subtitle);

	chart_row = row;
	put(ws, row, 0, "Metric", x->head_left);
	put(ws, row, 1, "This period", x->head);
	put(ws, row, 2, "Previous period", x->head);
	put(ws, row, 3, "Change", x->head);
	row++;
	for (int i = 0; i < nk; i++) {
		int extra;
		lxw_format *f = metric_format_of(x, k[i].m, ai, &extra);

		put(ws, row, 0, metric_defs[k[i].m].label, x->kpi_label);
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
	/* keep the charts beside the KPI block, then the notes below both */
	if (row < chart_row + 13)
		row = chart_row + 13;

	if (a->provisional_from <= a->win.until) {
		struct window p = { a->provisional_from > a->win.since ? a->provisional_from : a->win.since,
				    a->win.until };
		snprintf(buf, sizeof(buf), "Provisional: %s may still be restated by TikTok.",
			 span_text(p, w1, sizeof(w1)));
		put(ws, row++, 0, buf, x->note);
	}
	if (a->recon.checks == 0)
		snprintf(buf, sizeof(buf), "Reconciliation: not checked (no lower-level data).");
	else if (a->recon.mismatches == 0)
		snprintf(buf, sizeof(buf), "Reconciliation: ads, ad groups, campaigns and account add up (%d checks).",
			 a->recon.checks);
	else
		snprintf(buf, sizeof(buf), "Reconciliation: %d of %d checks do not add up: %s",
			 a->recon.mismatches, a->recon.checks, a->recon.detail);
	put(ws, row++, 0, buf, a->recon.mismatches ? x->warning : x->note);
	if (a->failed) {
		snprintf(buf, sizeof(buf), "Incomplete: %s", a->error[0] ? a->error : "some data could not be fetched");
		put(ws, row++, 0, buf, x->alert);
	}
	for (int i = 0; i < nco; i++)
		put(ws, row++, 0, co[i].text, co[i].severity >= 2 ? x->alert : co[i].severity == 1 ? x->warning : NULL);

	/* the daily advertiser totals the charts draw */
	row++;
	put(ws, row, 0, "Date", x->head_left);
	snprintf(buf, sizeof(buf), "Spend (%s)", a->currency ? a->currency : "");
	put(ws, row, 1, buf, x->head);
	put(ws, row, 2, "Conversions", x->head);
	put(ws, row, 3, "", x->head);
	row++;
	d0 = row;
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
			put(ws, row, 3, "provisional", x->note);
		row++;
	}
	d1 = row - 1;
	summary_charts(x, ws, ai, chart_row, d0, d1);
	return row + 1;
}

int sheet_summary(struct xlsx *x, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, "Summary", e);
	char buf[256], w[32];
	struct tm tm;
	lxw_row_t row = 0;

	if (!ws)
		return e->code;
	put(ws, row, 0, "TikTok Ads report", x->title);
	worksheet_set_row(ws, row++, 24, NULL);
	gmtime_r(&r->made, &tm);
	snprintf(buf, sizeof(buf), "%s · %zu advertiser%s · made %04d-%02d-%02d %02d:%02d UTC by ttreport",
		 span_text(r->span, w, sizeof(w)), r->nadv, r->nadv == 1 ? "" : "s", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	put(ws, row++, 0, buf, x->subtitle);
	put(ws, row++, 0, "Each advertiser in its own currency; amounts are never added across currencies.", x->note);
	row++;
	for (size_t i = 0; i < r->nadv; i++)
		row = summary_advertiser(x, ws, i, row);
	if (r->nwarn) {
		put(ws, row++, 0, "Warnings", x->adv_title);
		for (size_t i = 0; i < r->nwarn; i++)
			put(ws, row++, 0, r->warnings[i], x->warning);
	}
	if (r->nadv == 0)
		put(ws, row++, 0, "No advertiser in this report.", x->note);

	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 2, 17, NULL);
	worksheet_set_column(ws, 3, 3, 10, NULL);
	worksheet_set_column(ws, 4, 4, 2, NULL);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	worksheet_print_area(ws, 0, 0, row ? row - 1 : 0, 18);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_activate(ws);
	return 0;
}

/* ---- per-entity facts, computed once (not once per daily row) ---- */

struct einfo {
	int16_t width;
	bool rtl;
	uint32_t camp, adg; /* parent indexes, UINT32_MAX when none */
};

static struct einfo *entity_info(const struct advertiser *a, enum level l)
{
	struct einfo *inf = calloc(a->nents[l] ? a->nents[l] : 1, sizeof(*inf));

	if (!inf)
		return NULL;
	for (size_t k = 0; k < a->nents[l]; k++) {
		const struct entity *en = &a->ents[l][k];
		const struct entity *p;
		inf[k].width = (int16_t)text_width(en->name, &inf[k].rtl);
		inf[k].camp = inf[k].adg = UINT32_MAX;
		if (l > LVL_CAMPAIGN && en->campaign_id && (p = adv_find(a, LVL_CAMPAIGN, en->campaign_id)))
			inf[k].camp = (uint32_t)(p - a->ents[LVL_CAMPAIGN]);
		if (l > LVL_ADGROUP && en->adgroup_id && (p = adv_find(a, LVL_ADGROUP, en->adgroup_id)))
			inf[k].adg = (uint32_t)(p - a->ents[LVL_ADGROUP]);
	}
	return inf;
}

struct parents {
	struct einfo *inf[LVL_COUNT];
};

static int parents_load(struct parents *p, const struct advertiser *a, struct err *e)
{
	memset(p, 0, sizeof(*p));
	for (int l = 0; l < LVL_COUNT; l++)
		if (!(p->inf[l] = entity_info(a, (enum level)l)))
			return errf(e, EXIT_OUTPUT, "out of memory");
	return 0;
}

static void parents_free(struct parents *p)
{
	for (int l = 0; l < LVL_COUNT; l++)
		free(p->inf[l]);
}

/* Text of entity k at level l (an id and a name column), from the cache. */
static void put_entity(struct xgrid *g, int idcol, const struct advertiser *a, const struct parents *p,
		       enum level l, uint32_t k)
{
	const struct entity *en;

	if (k == UINT32_MAX || k >= a->nents[l])
		return;
	en = &a->ents[l][k];
	grid_id(g, idcol, en->id);
	grid_text(g, idcol + 1, en->name, p->inf[l][k].width, p->inf[l][k].rtl);
}

/* ---- Campaigns, Ad groups, Ads ---- */

int sheet_entities(struct xlsx *x, enum level l, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, level_label(l), e);
	struct xgrid g;
	int c_adv, c_cur, c_camp = -1, c_adg = -1, c_own, c_status, c_del, c_budget = -1, c_mode = -1;
	int c_metric[M_COUNT];
	int rc = 0;

	if (!ws)
		return e->code;
	grid_init(&g, x, ws, 0);
	c_adv = grid_col(&g, "Advertiser ID");
	grid_col(&g, "Advertiser");
	c_cur = grid_col(&g, "Currency");
	if (l > LVL_CAMPAIGN) {
		c_camp = grid_col(&g, "Campaign ID");
		grid_col(&g, "Campaign");
	}
	if (l > LVL_ADGROUP) {
		c_adg = grid_col(&g, "Ad group ID");
		grid_col(&g, "Ad group");
	}
	c_own = grid_col(&g, id_head[l]);
	grid_col(&g, singular[l]);
	c_status = grid_col(&g, "Status");
	c_del = grid_col(&g, "Deleted");
	if (l < LVL_AD) {
		c_budget = grid_col(&g, "Budget");
		c_mode = grid_col(&g, "Budget mode");
	}
	for (int m = 0; m < M_COUNT; m++)
		c_metric[m] = grid_col(&g, metric_defs[m].label);
	grid_header(&g);

	struct {
		lxw_row_t r0, r1;
	} *blk = calloc(r->nadv ? r->nadv : 1, sizeof(*blk));
	if (!blk)
		return errf(e, EXIT_OUTPUT, "out of memory");
	for (size_t ai = 0; ai < r->nadv && !rc; ai++) {
		const struct advertiser *a = &r->advs[ai];
		struct parents p;
		int aw;
		bool artl;

		if ((rc = parents_load(&p, a, e)))
			break;
		aw = text_width(a->name, &artl);
		blk[ai].r0 = g.row;
		for (size_t k = 0; k < a->nents[l]; k++) {
			const struct entity *en = &a->ents[l][k];
			int extra;

			grid_id(&g, c_adv, a->id);
			grid_text(&g, c_adv + 1, a->name, aw, artl);
			grid_text(&g, c_cur, a->currency, -1, 0);
			if (c_camp >= 0)
				put_entity(&g, c_camp, a, &p, LVL_CAMPAIGN, p.inf[l][k].camp);
			if (c_adg >= 0)
				put_entity(&g, c_adg, a, &p, LVL_ADGROUP, p.inf[l][k].adg);
			put_entity(&g, c_own, a, &p, l, (uint32_t)k);
			grid_text(&g, c_status, en->status, -1, 0);
			if (en->deleted)
				grid_text(&g, c_del, "yes", 3, 0);
			if (c_budget >= 0 && en->budget != MV_MISSING) {
				/* the format sets extra: call it before extra is read */
				lxw_format *bf = metric_format_of(x, M_SPEND, ai, &extra);
				grid_num(&g, c_budget, metric_value(M_SPEND, en->budget, a->decimals),
					 bf, extra);
			}
			if (c_mode >= 0)
				grid_text(&g, c_mode, en->budget_mode, -1, 0);
			for (int m = 0; m < M_COUNT; m++)
				grid_metric(&g, c_metric[m], (enum metric)m,
					    mrow_get(&en->cur, (enum metric)m, a->decimals), ai);
			grid_next(&g);
		}
		blk[ai].r1 = g.row - 1;
		parents_free(&p);
	}
	grid_finish(&g, table_name[l], c_own + 2);
	/* colour scales within one advertiser (one currency) at a time */
	for (size_t ai = 0; ai < r->nadv && !rc; ai++) {
		grid_scale(&g, c_metric[M_ROAS], blk[ai].r0, blk[ai].r1, false);
		grid_scale(&g, c_metric[M_CPA], blk[ai].r0, blk[ai].r1, true);
	}
	free(blk);
	return rc;
}

/* ---- Daily: every level, entity x day ---- */

int sheet_daily(struct xlsx *x, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, "Daily", e);
	struct xgrid g;
	int c_level, c_adv, c_cur, c_day, c_prov, c_ent[LVL_COUNT], c_metric[M_COUNT];
	int rc = 0;
	struct blk {
		lxw_row_t r0, r1;
	} *blk;

	if (!ws)
		return e->code;
	grid_init(&g, x, ws, 0);
	c_level = grid_col(&g, "Level");
	c_adv = grid_col(&g, "Advertiser ID");
	grid_col(&g, "Advertiser");
	c_cur = grid_col(&g, "Currency");
	c_day = grid_col(&g, "Date");
	c_prov = grid_col(&g, "Provisional");
	c_ent[LVL_ADVERTISER] = -1;
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		c_ent[l] = grid_col(&g, id_head[l]);
		grid_col(&g, singular[l]);
	}
	for (int m = 0; m < M_COUNT; m++)
		c_metric[m] = grid_col(&g, metric_defs[m].label);
	grid_header(&g);

	if (!(blk = calloc(r->nadv * LVL_COUNT + 1, sizeof(*blk))))
		return errf(e, EXIT_OUTPUT, "out of memory");
	for (size_t ai = 0; ai < r->nadv && !rc; ai++) {
		const struct advertiser *a = &r->advs[ai];
		int aw, cw = text_width(a->currency, NULL);
		bool artl;
		struct parents p;

		if ((rc = parents_load(&p, a, e)))
			break;
		aw = text_width(a->name, &artl);
		for (int l = 0; l < LVL_COUNT; l++) {
			const char *lname = level_name((enum level)l);
			int lw = (int)strlen(lname);

			blk[ai * LVL_COUNT + (size_t)l].r0 = g.row;
			for (size_t k = 0; k < a->nrows[l]; k++) {
				const struct day_row *row = &a->rows[l][k];
				const struct einfo *inf = &p.inf[l][row->ent];

				grid_text(&g, c_level, lname, lw, 0);
				grid_id(&g, c_adv, a->id);
				grid_text(&g, c_adv + 1, a->name, aw, artl);
				grid_text(&g, c_cur, a->currency, cw, 0);
				grid_day(&g, c_day, row->day);
				if (row->day >= a->provisional_from)
					grid_text(&g, c_prov, "yes", 3, 0);
				if (l == LVL_CAMPAIGN)
					put_entity(&g, c_ent[LVL_CAMPAIGN], a, &p, LVL_CAMPAIGN, row->ent);
				else if (l > LVL_CAMPAIGN)
					put_entity(&g, c_ent[LVL_CAMPAIGN], a, &p, LVL_CAMPAIGN, inf->camp);
				if (l == LVL_ADGROUP)
					put_entity(&g, c_ent[LVL_ADGROUP], a, &p, LVL_ADGROUP, row->ent);
				else if (l == LVL_AD)
					put_entity(&g, c_ent[LVL_ADGROUP], a, &p, LVL_ADGROUP, inf->adg);
				if (l == LVL_AD)
					put_entity(&g, c_ent[LVL_AD], a, &p, LVL_AD, row->ent);
				for (int m = 0; m < M_COUNT; m++)
					grid_metric(&g, c_metric[m], (enum metric)m,
						    mrow_get(&row->v, (enum metric)m, a->decimals), ai);
				grid_next(&g);
			}
			blk[ai * LVL_COUNT + (size_t)l].r1 = g.row - 1;
		}
		parents_free(&p);
	}
	grid_finish(&g, "DailyTable", c_day + 1);
	for (size_t b = 0; b < r->nadv * LVL_COUNT && !rc; b++) {
		grid_scale(&g, c_metric[M_ROAS], blk[b].r0, blk[b].r1, false);
		grid_scale(&g, c_metric[M_CPA], blk[b].r0, blk[b].r1, true);
	}
	free(blk);
	return rc;
}

/* ---- Comments ---- */

int sheet_comments(struct xlsx *x, struct err *e)
{
	const struct triage_summary *t = &x->r->triage;
	lxw_worksheet *ws = add_sheet(x, "Comments", e);
	lxw_format *when;
	struct xgrid g;
	char buf[128];
	int c_act[ACT_COUNT], c_total, c_time;
	size_t planned = 0, applied = 0;

	if (!ws)
		return e->code;
	put(ws, 0, 0, "Comment triage", x->title);
	worksheet_set_row(ws, 0, 24, NULL);
	if (!t->ran) {
		put(ws, 2, 0, "Comment triage did not run in this job (report only, or no TikTok account configured).",
		    x->note);
		worksheet_set_column(ws, 0, 0, 20, NULL);
		return 0;
	}
	for (size_t i = 0; i < t->nacts; i++) {
		if (t->acts[i].apply)
			applied++;
		else
			planned++;
	}
	snprintf(buf, sizeof(buf), "%zu decision%s: %zu applied, %zu dry-run", t->nacts, t->nacts == 1 ? "" : "s",
		 applied, planned);
	put(ws, 1, 0, buf, x->subtitle);

	grid_init(&g, x, ws, 3);
	grid_col(&g, "Category");
	for (int a = 0; a < ACT_COUNT; a++)
		c_act[a] = grid_col(&g, action_name((enum action)a));
	c_total = grid_col(&g, "Total");
	grid_header(&g);
	for (int c = 0; c < CAT_COUNT; c++) {
		size_t tot = 0;
		grid_text(&g, 0, category_name((enum category)c), -1, 0);
		for (int a = 0; a < ACT_COUNT; a++) {
			grid_num(&g, c_act[a], (double)t->counts[c][a], x->count, 0);
			tot += t->counts[c][a];
		}
		grid_num(&g, c_total, (double)tot, x->count, 0);
		grid_next(&g);
	}
	grid_finish(&g, "CommentCounts", -1);
	struct xcol keep[XG_MAXCOL];
	int nkeep = g.ncol;
	memcpy(keep, g.c, sizeof(keep));

	when = workbook_add_format(x->wb);
	format_set_num_format(when, "yyyy-mm-dd hh:mm:ss");
	format_set_align(when, LXW_ALIGN_LEFT);
	grid_init(&g, x, ws, g.row + 1);
	c_time = grid_col(&g, "Time (UTC)");
	grid_col(&g, "Account ID");
	grid_col(&g, "Video ID");
	grid_col(&g, "Comment ID");
	grid_col(&g, "Category");
	grid_col(&g, "Rule");
	grid_col(&g, "Language");
	grid_col(&g, "Action");
	grid_col(&g, "Mode");
	grid_col(&g, "Result");
	grid_col(&g, "Error");
	grid_header(&g);
	for (size_t i = 0; i < t->nacts; i++) {
		const struct action_rec *a = &t->acts[i];
		grid_num(&g, c_time, (double)a->time / 86400.0 + 25569, when, 0);
		if (g.c[c_time].width < 19)
			g.c[c_time].width = 19;
		grid_id(&g, 1, a->owner_id);
		grid_id(&g, 2, a->video_id);
		grid_id(&g, 3, a->comment_id);
		grid_text(&g, 4, category_name(a->cat), -1, 0);
		grid_text(&g, 5, a->rule, -1, 0);
		grid_text(&g, 6, a->lang, -1, 0);
		grid_text(&g, 7, action_name(a->act), -1, 0);
		grid_text(&g, 8, a->apply ? "apply" : "dry-run", -1, 0);
		grid_text(&g, 9, actionlog_result(a->result), -1, 0);
		grid_text(&g, 10, a->error, -1, 0);
		grid_next(&g);
	}
	/* both blocks share columns: the wider of the two */
	for (int c = 0; c < nkeep && c < g.ncol; c++) {
		if (keep[c].width > g.c[c].width)
			g.c[c].width = keep[c].width;
	}
	grid_finish(&g, "ActionLog", -1);
	return 0;
}
