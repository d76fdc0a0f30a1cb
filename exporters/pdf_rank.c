/* pdf_rank.c: the PDF's best / worst lists of one advertiser's campaigns or
 * ads, ranked by cost per conversion: a name line (wrapped) and a line of
 * numbers per entry, the header repeated on each new page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/kpi.h"
#include "exporters/pdf_parts.h"

#define LIST_N 10 /* entries in a best / worst list */

/* ---- best / worst tables ---- */

struct ranked {
	const struct entity *e;
	mval spend, conv, cpa, roas;
};

/* Lowest cost per conversion first; no conversions last, the biggest spender
 * last of all; ties by id, so the order never depends on input order. */
static int rank_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;

	if ((a->conv > 0) != (b->conv > 0))
		return a->conv > 0 ? -1 : 1;
	if (a->conv > 0 && a->cpa != b->cpa)
		return a->cpa < b->cpa ? -1 : 1;
	if (a->conv == 0 && a->spend != b->spend)
		return a->spend < b->spend ? -1 : 1;
	if (a->conv != b->conv)
		return a->conv > b->conv ? -1 : 1;
	return strcmp(a->e->id, b->e->id);
}

/* Entities of level l that spent at least min_spend and have conversion data,
 * ranked; *nmissing counts those left out for lack of conversion data. */
static struct ranked *rank_level(const struct advertiser *a, enum level l, long min_spend,
				 size_t *n, size_t *nmissing)
{
	struct ranked *v = malloc((a->nents[l] + 1) * sizeof(*v));

	*n = *nmissing = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < a->nents[l]; i++) {
		const struct entity *e = &a->ents[l][i];
		struct ranked *r = &v[*n];
		r->e = e;
		r->spend = e->cur.s[S_SPEND];
		r->conv = e->cur.s[S_CONVERSION];
		if (r->spend == MV_MISSING || r->spend <= 0 || r->spend < min_spend)
			continue;
		if (r->conv == MV_MISSING) {
			(*nmissing)++;
			continue;
		}
		r->cpa = mrow_get(&e->cur, M_CPA, a->decimals);
		r->roas = mrow_get(&e->cur, M_ROAS, a->decimals);
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), rank_cmp);
	return v;
}

struct table {
	const struct advertiser *a;
	enum level l;
	const char *title, *short_title; /* the second on the pages that continue it */
	double col_x[4]; /* right edges of the number columns */
};

static void table_head(struct pdf *p, const struct table *t, bool cont)
{
	/* TRANSLATORS: table column head: conversions (short) */
	const char *heads[4] = { C_("table head", "Spend"), C_("table head", "Conv."),
				 C_("table head", "CPA"), C_("table head", "ROAS") };
	char ttl[300], h[100];

	/* "Campaigns by cost per conversion" continues as "Campaigns (continued)" */
	if (cont)
		snprintf(ttl, sizeof(ttl), _("%s (continued)"), t->short_title);
	pdf_title(p, cont ? ttl : t->title, 16 + 60);
	pdf_need(p, 16);
	for (int i = 0; i < 4; i++) {
		snprintf(h, sizeof(h), "%s%s%s", heads[i], i == 0 || i == 2 ? " " : "",
			 i == 0 || i == 2 ? l10n_currency(t->a->currency) : "");
		pdf_label(p, t->col_x[i], p->y - 10, 9, GRAY, AL_RIGHT, h);
	}
	p->y -= 14;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
}

static void table_row(struct pdf *p, struct table *t, int rank, const struct ranked *r)
{
	const struct advertiser *a = t->a;
	const struct entity *e = r->e;
	const struct entity *camp = t->l == LVL_AD && e->campaign_id ?
					    adv_find(a, LVL_CAMPAIGN, e->campaign_id) : NULL;
	struct shape_lines name;
	char num[24], b[64];
	double h, nx = MARGIN + 22, tagw = 0;
	mval vals[4] = { r->spend, r->conv, r->cpa, r->roas };
	enum metric ms[4] = { M_SPEND, M_CONVERSION, M_CPA, M_ROAS };

	if (e->deleted) { /* TRANSLATORS: tag beside a deleted campaign or ad */
		struct shape_lines tag;
		pdf_wrap(p, _("deleted"), pdf_dir(p), 9, PAGE_W, 1, &tag);
		tagw = pdf_text_w(p, tag.line[0], 9) + 8;
	}
	pdf_wrap(p, e->name && *e->name ? e->name : e->id, SHAPE_AUTO, 11.5, PAGE_W - MARGIN - nx - tagw,
	     2, &name);
	h = 6 + 15.0 * name.n + (camp ? 13 : 0) + 17;
	if (pdf_need(p, h))
		table_head(p, t, true);
	snprintf(num, sizeof(num), "%d", rank);
	pdf_put(p, MARGIN, p->y - 6 - 11, 10, GRAY, AL_LEFT, num);
	if (e->deleted)
		pdf_label(p, PAGE_W - MARGIN, p->y - 6 - 10.5, 9, BAD, AL_RIGHT, _("deleted"));
	p->y -= 6;
	for (int i = 0; i < name.n; i++) {
		pdf_put(p, pdf_line_x(p, &name, i, nx, 11.5), p->y - 11.5, 11.5, e->deleted ? GRAY : INK, AL_LEFT,
		    name.line[i]);
		p->y -= 15;
	}
	if (camp) {
		pdf_text1(p, nx, p->y - 9.5, 9, GRAY, AL_LEFT, PAGE_W - MARGIN - nx,
		      camp->name && *camp->name ? camp->name : camp->id);
		p->y -= 13;
	}
	for (int i = 0; i < 4; i++) {
		metric_format(ms[i], vals[i], a->decimals, true, b, sizeof(b));
		pdf_put(p, t->col_x[i], p->y - 11, 10.5, INK, AL_RIGHT, b);
	}
	p->y -= 17;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.4, RULE);
}

static void table_list(struct pdf *p, const struct advertiser *a, enum level l, const char *ttl,
		       const char *short_ttl, const struct ranked *v, size_t from, size_t count, bool reverse)
{
	struct table t = { a, l, ttl, short_ttl, { 0 } };

	for (int i = 0; i < 4; i++)
		t.col_x[i] = MARGIN + 22 + (PAGE_W - 2 * MARGIN - 22) * (i + 1) / 4.0;
	table_head(p, &t, false);
	for (size_t i = 0; i < count; i++) {
		size_t k = reverse ? from + count - 1 - i : from + i;
		table_row(p, &t, (int)(k + 1), &v[k]);
	}
}

/* The note under a ranking: how it was ranked and what was left out. */
static void rank_note(struct pdf *p, const struct advertiser *a, enum level l, size_t n, size_t nmissing)
{
	char b[64], line[600];

	if (l == LVL_CAMPAIGN)
		snprintf(line, sizeof(line), ngettext("Ranked by cost per conversion (no conversions last). %zu campaign ranked",
						      "Ranked by cost per conversion (no conversions last). %zu campaigns ranked",
						      (unsigned long)n), n);
	else
		snprintf(line, sizeof(line), ngettext("Ranked by cost per conversion (no conversions last). %zu ad ranked",
						      "Ranked by cost per conversion (no conversions last). %zu ads ranked",
						      (unsigned long)n), n);
	if (p->o->min_spend > 0)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), _(", spend at least %s"),
			 pdf_fmt_metric(a, M_SPEND, kpi_min_spend(a, p->o->min_spend), b, sizeof(b)));
	if (nmissing)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 ngettext("; %zu without conversion data left out", "; %zu without conversion data left out",
				  (unsigned long)nmissing), nmissing);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), ".");
	pdf_note(p, line);
}

void pdf_draw_rankings(struct pdf *p, const struct advertiser *a, enum level l)
{
	bool camp = l == LVL_CAMPAIGN;
	const char *what = camp ? _("Campaigns") : _("Ads");
	size_t n, nmissing;
	struct ranked *v = rank_level(a, l, kpi_min_spend(a, p->o->min_spend), &n, &nmissing);
	char ttl[200];
	unsigned long k = LIST_N;

	if (!v) {
		p->oom = true;
		return;
	}
	if (n == 0) {
		pdf_title(p, what, 20);
		pdf_note(p, _("Nothing spent enough to rank."));
	} else if (n <= 2 * LIST_N) {
		table_list(p, a, l, camp ? _("Campaigns by cost per conversion") : _("Ads by cost per conversion"),
			   what, v, 0, n, false);
	} else {
		snprintf(ttl, sizeof(ttl), camp ? ngettext("Best %d campaign", "Best %d campaigns", k) :
						  ngettext("Best %d ad", "Best %d ads", k), LIST_N);
		table_list(p, a, l, ttl, ttl, v, 0, LIST_N, false);
		snprintf(ttl, sizeof(ttl), camp ? ngettext("Worst %d campaign", "Worst %d campaigns", k) :
						  ngettext("Worst %d ad", "Worst %d ads", k), LIST_N);
		table_list(p, a, l, ttl, ttl, v, n - LIST_N, LIST_N, true);
	}
	rank_note(p, a, l, n, nmissing);
	free(v);
}
