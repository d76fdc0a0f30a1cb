/* xlsx_sheets.c: the sheets of entities and rows: Campaigns, Ad groups, Ads
 * (one row per entity), Daily (every level, entity x day) and Comments (the
 * triage counts and the action log). Each is written strictly row by row (so
 * that constant_memory mode works) through the grid of xlsx_grid.c; columns of
 * metrics come from the catalog (metric_defs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/actionlog.h"
#include "exporters/l10n.h"
#include "exporters/words.h"
#include "exporters/xlsx_sheets.h"

static void put(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, row, col, s, f);
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

/* The columns of an entity sheet (-1: not on this level's sheet). */
struct ecols {
	int adv, cur, camp, adg, own, status, del, budget, mode;
	int metric[M_COUNT];
};

static void entity_columns(struct xgrid *g, enum level l, struct ecols *c)
{
	c->camp = c->adg = c->budget = c->mode = -1;
	c->adv = grid_col(g, _("Advertiser ID"));
	grid_col(g, _("Advertiser"));
	c->cur = grid_col(g, _("Currency"));
	if (l > LVL_CAMPAIGN) {
		c->camp = grid_col(g, _("Campaign ID"));
		grid_col(g, _("Campaign"));
	}
	if (l > LVL_ADGROUP) {
		c->adg = grid_col(g, _("Ad group ID"));
		grid_col(g, _("Ad group"));
	}
	c->own = grid_col(g, _(level_defs[l].id_head));
	grid_col(g, _(level_defs[l].singular));
	c->status = grid_col(g, _("Status"));
	c->del = grid_col(g, _("Deleted"));
	if (l < LVL_AD) {
		c->budget = grid_col(g, _("Budget"));
		c->mode = grid_col(g, _("Budget mode"));
	}
	for (int m = 0; m < M_COUNT; m++)
		c->metric[m] = grid_col(g, _(metric_defs[m].label));
	grid_header(g);
}

/* The rows of advertiser ai's entities of level l. */
static int entity_rows(struct xgrid *g, const struct ecols *c, enum level l, size_t ai, struct err *e)
{
	struct xlsx *x = g->x;
	const struct advertiser *a = &x->r->advs[ai];
	struct parents p;
	int aw, rc;
	bool artl;

	if ((rc = parents_load(&p, a, e)))
		return rc;
	aw = text_width(a->name, &artl);
	for (size_t k = 0; k < a->nents[l]; k++) {
		const struct entity *en = &a->ents[l][k];
		char word[64];
		int extra;

		grid_id(g, c->adv, a->id);
		grid_text(g, c->adv + 1, a->name, aw, artl);
		grid_text(g, c->cur, a->currency, -1, 0);
		if (c->camp >= 0)
			put_entity(g, c->camp, a, &p, LVL_CAMPAIGN, p.inf[l][k].camp);
		if (c->adg >= 0)
			put_entity(g, c->adg, a, &p, LVL_ADGROUP, p.inf[l][k].adg);
		put_entity(g, c->own, a, &p, l, (uint32_t)k);
		if (en->status) /* enumerations as words: "Active", not CAMPAIGN_STATUS_ENABLE */
			grid_text(g, c->status, words_status(en->status, word, sizeof(word)), -1, 0);
		if (en->deleted)
			grid_text(g, c->del, _("yes"), -1, 0);
		if (c->budget >= 0 && en->budget != MV_MISSING) {
			/* the format sets extra: call it before extra is read */
			lxw_format *bf = metric_format_of(x, M_SPEND, ai, &extra);
			grid_num(g, c->budget, metric_value(M_SPEND, en->budget, a->decimals), bf, extra);
		}
		if (c->mode >= 0 && en->budget_mode)
			grid_text(g, c->mode, words_budget_mode(en->budget_mode, word, sizeof(word)), -1, 0);
		for (int m = 0; m < M_COUNT; m++)
			grid_metric(g, c->metric[m], (enum metric)m,
				    mrow_get(&en->cur, (enum metric)m, a->decimals), ai);
		grid_next(g);
	}
	parents_free(&p);
	return 0;
}

/* Rows [r0, r1] of one advertiser (one currency): colour scales within it. */
struct blk {
	lxw_row_t r0, r1;
};

static void scale_blocks(struct xgrid *g, const int *c_metric, const struct blk *blk, size_t n)
{
	for (size_t b = 0; b < n; b++) {
		grid_scale(g, c_metric[M_ROAS], blk[b].r0, blk[b].r1, false);
		grid_scale(g, c_metric[M_CPA], blk[b].r0, blk[b].r1, true);
	}
}

int sheet_entities(struct xlsx *x, enum level l, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_add_sheet(x, level_label(l), e);
	struct xgrid g;
	struct ecols c;
	struct blk *blk;
	int rc = 0;

	if (!ws)
		return e->code;
	grid_init(&g, x, ws, 0);
	entity_columns(&g, l, &c);
	if (!(blk = calloc(r->nadv ? r->nadv : 1, sizeof(*blk))))
		return errf(e, EXIT_OUTPUT, "out of memory");
	for (size_t ai = 0; ai < r->nadv && !rc; ai++) {
		blk[ai].r0 = g.row;
		rc = entity_rows(&g, &c, l, ai, e);
		blk[ai].r1 = g.row - 1;
	}
	grid_finish(&g, level_defs[l].table, c.own + 2);
	xlsx_print_setup(x, ws, 0);
	if (!rc)
		scale_blocks(&g, c.metric, blk, r->nadv);
	free(blk);
	return rc;
}

/* ---- Daily: every level, entity x day ---- */

struct dcols {
	int level, adv, cur, day, prov, ent[LVL_COUNT];
	int metric[M_COUNT];
};

static void daily_columns(struct xgrid *g, struct dcols *c)
{
	c->level = grid_col(g, _("Level"));
	c->adv = grid_col(g, _("Advertiser ID"));
	grid_col(g, _("Advertiser"));
	c->cur = grid_col(g, _("Currency"));
	c->day = grid_col(g, _("Date"));
	c->prov = grid_col(g, _("Provisional"));
	c->ent[LVL_ADVERTISER] = -1;
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		c->ent[l] = grid_col(g, _(level_defs[l].id_head));
		grid_col(g, _(level_defs[l].singular));
	}
	for (int m = 0; m < M_COUNT; m++)
		c->metric[m] = grid_col(g, _(metric_defs[m].label));
	grid_header(g);
}

/* What every daily row of one advertiser repeats. */
struct dadv {
	const struct advertiser *a;
	size_t ai;
	int aw, cw;
	bool artl;
	struct parents p;
};

static void daily_row(struct xgrid *g, const struct dcols *c, const struct dadv *d, enum level l,
		      const struct day_row *row)
{
	const struct advertiser *a = d->a;
	const struct parents *p = &d->p;
	const struct einfo *inf = &p->inf[l][row->ent];
	/* TRANSLATORS: the level of a row (English: as the API names it) */
	static const char *const words[LVL_COUNT] = { N_("advertiser"), N_("campaign"), N_("adgroup"), N_("ad") };
	const char *lname = _(words[l]);

	grid_text(g, c->level, lname, -1, 0);
	grid_id(g, c->adv, a->id);
	grid_text(g, c->adv + 1, a->name, d->aw, d->artl);
	grid_text(g, c->cur, a->currency, d->cw, 0);
	grid_day(g, c->day, row->day);
	if (row->day >= a->provisional_from)
		grid_text(g, c->prov, _("yes"), -1, 0);
	if (l == LVL_CAMPAIGN)
		put_entity(g, c->ent[LVL_CAMPAIGN], a, p, LVL_CAMPAIGN, row->ent);
	else if (l > LVL_CAMPAIGN)
		put_entity(g, c->ent[LVL_CAMPAIGN], a, p, LVL_CAMPAIGN, inf->camp);
	if (l == LVL_ADGROUP)
		put_entity(g, c->ent[LVL_ADGROUP], a, p, LVL_ADGROUP, row->ent);
	else if (l == LVL_AD)
		put_entity(g, c->ent[LVL_ADGROUP], a, p, LVL_ADGROUP, inf->adg);
	if (l == LVL_AD)
		put_entity(g, c->ent[LVL_AD], a, p, LVL_AD, row->ent);
	for (int m = 0; m < M_COUNT; m++)
		grid_metric(g, c->metric[m], (enum metric)m, mrow_get(&row->v, (enum metric)m, a->decimals),
			    d->ai);
	grid_next(g);
}

int sheet_daily(struct xlsx *x, struct err *e)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = xlsx_add_sheet(x, "Daily", e);
	struct xgrid g;
	struct dcols c;
	struct blk *blk;
	int rc = 0;

	if (!ws)
		return e->code;
	grid_init(&g, x, ws, 0);
	daily_columns(&g, &c);
	if (!(blk = calloc(r->nadv * LVL_COUNT + 1, sizeof(*blk))))
		return errf(e, EXIT_OUTPUT, "out of memory");
	for (size_t ai = 0; ai < r->nadv && !rc; ai++) {
		struct dadv d = { &r->advs[ai], ai, 0, text_width(r->advs[ai].currency, NULL), false, { { 0 } } };

		if ((rc = parents_load(&d.p, d.a, e)))
			break;
		d.aw = text_width(d.a->name, &d.artl);
		for (int l = 0; l < LVL_COUNT; l++) {
			blk[ai * LVL_COUNT + (size_t)l].r0 = g.row;
			for (size_t k = 0; k < d.a->nrows[l]; k++)
				daily_row(&g, &c, &d, (enum level)l, &d.a->rows[l][k]);
			blk[ai * LVL_COUNT + (size_t)l].r1 = g.row - 1;
		}
		parents_free(&d.p);
	}
	grid_finish(&g, "DailyTable", c.day + 1);
	xlsx_print_setup(x, ws, 0);
	if (!rc)
		scale_blocks(&g, c.metric, blk, r->nadv * LVL_COUNT);
	free(blk);
	return rc;
}

/* ---- Comments ---- */

/* Category x action counts under a header at row 3; returns the grid's widths. */
static void comment_counts(struct xlsx *x, lxw_worksheet *ws, struct xgrid *g)
{
	const struct triage_summary *t = &x->r->triage;
	int c_act[ACT_COUNT], c_total;

	grid_init(g, x, ws, 3);
	grid_col(g, _("Category"));
	for (int a = 0; a < ACT_COUNT; a++)
		c_act[a] = grid_col(g, _(action_name((enum action)a)));
	c_total = grid_col(g, _("Total"));
	grid_header(g);
	for (int c = 0; c < CAT_COUNT; c++) {
		size_t tot = 0;
		grid_text(g, 0, _(category_name((enum category)c)), -1, 0);
		for (int a = 0; a < ACT_COUNT; a++) {
			grid_num(g, c_act[a], (double)t->counts[c][a], x->count, 0);
			tot += t->counts[c][a];
		}
		grid_num(g, c_total, (double)tot, x->count, 0);
		grid_next(g);
	}
	grid_finish(g, "CommentCounts", -1);
}

/* The action log, one row per decision, from row top; columns as wide as the
 * wider of this block and the counts above (keep). */
static void comment_log(struct xlsx *x, lxw_worksheet *ws, lxw_row_t top, const struct xgrid *keep)
{
	const struct triage_summary *t = &x->r->triage;
	static const char *const heads[] = { N_("Time (UTC)"), N_("Account ID"), N_("Video ID"), N_("Comment ID"),
					     N_("Category"), N_("Rule"), N_("Language"), N_("Action"), N_("Mode"),
					     N_("Result"), N_("Error") };
	lxw_format *when = workbook_add_format(x->wb);
	struct xgrid g;

	format_set_num_format(when, "yyyy-mm-dd hh:mm:ss");
	format_set_align(when, LXW_ALIGN_LEFT);
	grid_init(&g, x, ws, top);
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		grid_col(&g, _(heads[i]));
	grid_header(&g);
	for (size_t i = 0; i < t->nacts; i++) {
		const struct action_rec *a = &t->acts[i];
		grid_num(&g, 0, (double)a->time / 86400.0 + 25569, when, 0);
		if (g.c[0].width < 19)
			g.c[0].width = 19;
		grid_id(&g, 1, a->owner_id);
		grid_id(&g, 2, a->video_id);
		grid_id(&g, 3, a->comment_id);
		grid_text(&g, 4, category_name(a->cat), -1, 0);
		grid_text(&g, 5, a->rule, -1, 0);
		grid_text(&g, 6, a->lang, -1, 0);
		grid_text(&g, 7, action_name(a->act), -1, 0);
		/* TRANSLATORS: mode of a decision: really done / only planned */
		grid_text(&g, 8, a->apply ? _("apply") : _("dry-run"), -1, 0);
		grid_text(&g, 9, actionlog_result(a->result), -1, 0);
		grid_text(&g, 10, a->error, -1, 0);
		grid_next(&g);
	}
	/* both blocks share columns: the wider of the two */
	for (int c = 0; c < keep->ncol && c < g.ncol; c++) {
		if (keep->c[c].width > g.c[c].width)
			g.c[c].width = keep->c[c].width;
	}
	grid_finish(&g, "ActionLog", -1);
	xlsx_print_setup(x, ws, (long)top);
}

int sheet_comments(struct xlsx *x, struct err *e)
{
	const struct triage_summary *t = &x->r->triage;
	lxw_worksheet *ws = xlsx_add_sheet(x, "Comments", e);
	struct xgrid counts;
	char buf[300];
	size_t planned = 0, applied = 0;

	if (!ws)
		return e->code;
	put(ws, 0, 0, _("Comment triage"), x->title);
	worksheet_set_row(ws, 0, 24, NULL);
	if (!t->ran) {
		put(ws, 2, 0, _("Comment triage did not run in this job (report only, or no TikTok account configured)."),
		    x->note);
		worksheet_set_column(ws, 0, 0, 20, NULL);
		xlsx_print_setup(x, ws, -1);
		return 0;
	}
	for (size_t i = 0; i < t->nacts; i++) {
		if (t->acts[i].apply)
			applied++;
		else
			planned++;
	}
	snprintf(buf, sizeof(buf), ngettext("%zu decision: %zu applied, %zu dry-run",
					    "%zu decisions: %zu applied, %zu dry-run", (unsigned long)t->nacts),
		 t->nacts, applied, planned);
	put(ws, 1, 0, buf, x->subtitle);
	snprintf(buf, sizeof(buf), ngettext("%zu left alone as uncertain (not sure enough to reply, hide or flag)",
					    "%zu left alone as uncertain (not sure enough to reply, hide or flag)",
					    (unsigned long)triage_uncertain(t)),
		 triage_uncertain(t));
	put(ws, 2, 0, buf, x->note);
	comment_counts(x, ws, &counts);
	comment_log(x, ws, counts.row + 1, &counts);
	return 0;
}
