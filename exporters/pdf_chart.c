/* pdf_chart.c: the PDF's daily chart of one advertiser: spend as bars,
 * conversions as a line, each scaled to its largest day, provisional days on a
 * band, day labels and a legend under it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/pdf_parts.h"

static const struct entity *account(const struct advertiser *a, long *idx)
{
	const struct entity *e = a->id ? adv_find(a, LVL_ADVERTISER, a->id) : NULL;

	if (!e && a->nents[LVL_ADVERTISER] > 0)
		e = &a->ents[LVL_ADVERTISER][0];
	*idx = e ? (long)(e - a->ents[LVL_ADVERTISER]) : -1;
	return e;
}

static void chart_legend(struct pdf *p, double y, const struct advertiser *a, bool prov)
{
	char lab[100];
	double x = MARGIN;

	pdf_rect(p, x, y - 1, 9, 9, BAR);
	/* TRANSLATORS: chart legend: the bars */
	snprintf(lab, sizeof(lab), _("spend (%s)"), l10n_currency(a->currency));
	x += 13 + pdf_label(p, x + 13, y, 9.5, GRAY, AL_LEFT, lab) + 14;
	pdf_hline(p, x, x + 14, y + 3.5, 2, LINE);
	pdf_dot(p, x + 7, y + 3.5, 2.6, LINE);
	/* TRANSLATORS: chart legend: the line */
	x += 18 + pdf_label(p, x + 18, y, 9.5, GRAY, AL_LEFT, _("conversions")) + 14;
	if (prov) {
		pdf_rect(p, x, y - 1, 9, 9, BAND);
		pdf_rect(p, x + 2.5, y - 1, 4, 9, BAR_PROV);
		/* TRANSLATORS: chart legend / a day TikTok may still restate */
		pdf_label(p, x + 13, y, 9.5, GRAY, AL_LEFT, _("provisional"));
	}
}

/* The advertiser's daily spend and conversions over its window (MV_MISSING on
 * days without a row) and the largest day of each. */
struct series {
	int ndays;
	mval *spend, *conv, max_s, max_c;
};

/* false when there is nothing to draw, or out of memory (p->oom). */
static bool series_load(struct pdf *p, const struct advertiser *a, struct series *s)
{
	long acc;

	memset(s, 0, sizeof(*s));
	s->ndays = window_days(a->win);
	if (s->ndays <= 0 || !account(a, &acc))
		return false;
	s->spend = calloc((size_t)s->ndays, sizeof(*s->spend));
	s->conv = calloc((size_t)s->ndays, sizeof(*s->conv));
	if (!s->spend || !s->conv) {
		free(s->spend);
		free(s->conv);
		p->oom = true;
		return false;
	}
	for (int i = 0; i < s->ndays; i++)
		s->spend[i] = s->conv[i] = MV_MISSING;
	for (size_t i = 0; i < a->nrows[LVL_ADVERTISER]; i++) {
		const struct day_row *row = &a->rows[LVL_ADVERTISER][i];
		if ((long)row->ent != acc || !window_has(a->win, row->day))
			continue;
		s->spend[row->day - a->win.since] = row->v.s[S_SPEND];
		s->conv[row->day - a->win.since] = row->v.s[S_CONVERSION];
	}
	for (int i = 0; i < s->ndays; i++) {
		if (s->spend[i] != MV_MISSING && s->spend[i] > s->max_s)
			s->max_s = s->spend[i];
		if (s->conv[i] != MV_MISSING && s->conv[i] > s->max_c)
			s->max_c = s->conv[i];
	}
	return true;
}

/* The plot area: x0..x1 wide, bottom y0, height ph, one slot per day. */
struct plot {
	double x0, x1, y0, slot, ph;
};

/* Conversions: a line through the days that have a value, dots on short windows. */
static void conv_line(struct pdf *p, const struct plot *pl, const struct series *s)
{
	bool pen = false;

	if (s->max_c <= 0 || pdf_failed(p))
		return;
	pdf_stroke(p, LINE);
	HPDF_Page_SetLineWidth(p->page, 2);
	HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
	for (int i = 0; i < s->ndays; i++) {
		double cx = pl->x0 + (i + 0.5) * pl->slot, cy;
		if (p->rtl) /* the primitives mirror; this path is drawn directly */
			cx = PAGE_W - cx;
		if (s->conv[i] == MV_MISSING) {
			pen = false;
			continue;
		}
		cy = pl->y0 + pl->ph * (double)s->conv[i] / (double)s->max_c;
		if (pen)
			HPDF_Page_LineTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
		else
			HPDF_Page_MoveTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
		pen = true;
	}
	HPDF_Page_Stroke(p->page);
	for (int i = 0; i < s->ndays && s->ndays <= 45; i++)
		if (s->conv[i] != MV_MISSING)
			pdf_dot(p, pl->x0 + (i + 0.5) * pl->slot,
				pl->y0 + pl->ph * (double)s->conv[i] / (double)s->max_c, 2.8, LINE);
}

void pdf_draw_chart(struct pdf *p, const struct advertiser *a)
{
	const double h = 150, axis_l = 8, axis_r = 8;
	struct series s;
	struct plot pl = { MARGIN + axis_l, PAGE_W - MARGIN - axis_r, 0, 0, 0 };
	bool prov = false;
	char b[64], d[8];
	int every, ndays;

	if (!series_load(p, a, &s))
		return;
	ndays = s.ndays;
	pdf_title(p, _("Day by day"), h + 34);
	pdf_need(p, h + 34);
	pl.y0 = p->y - h + 16; /* plot bottom; day labels and legend below it */
	pl.ph = h - 34;        /* plot height: the largest day reaches the top line */
	pl.slot = (pl.x1 - pl.x0) / ndays;
	for (int i = 0; i < ndays; i++) /* provisional band first, bars over it */
		if (a->win.since + i >= a->provisional_from) {
			prov = true;
			pdf_rect(p, pl.x0 + i * pl.slot, pl.y0, pl.slot, pl.ph + 4, BAND);
		}
	/* the scale: the top line is the largest day of each series */
	pdf_text1(p, pl.x0, pl.y0 + pl.ph + 6, 9, BAR, AL_LEFT, PAGE_W, pdf_fmt_metric(a, M_SPEND, s.max_s, b, sizeof(b)));
	/* TRANSLATORS: the chart's scale: the top line is this many conversions */
	snprintf(b, sizeof(b), ngettext("%lld conversion", "%lld conversions", (unsigned long)s.max_c),
		 (long long)s.max_c);
	if (s.max_c > 0)
		pdf_label(p, pl.x1, pl.y0 + pl.ph + 6, 9, LINE, AL_RIGHT, b);
	pdf_hline(p, pl.x0, pl.x1, pl.y0 + pl.ph, 0.4, GRAY);
	pdf_hline(p, pl.x0, pl.x1, pl.y0, 0.8, GRAY);
	for (int i = 0; i < ndays; i++) {
		double bw = pl.slot * 0.62, bx = pl.x0 + i * pl.slot + (pl.slot - bw) / 2;
		if (s.spend[i] != MV_MISSING && s.max_s > 0)
			pdf_rect(p, bx, pl.y0, bw, pl.ph * (double)s.spend[i] / (double)s.max_s,
				 a->win.since + i >= a->provisional_from ? BAR_PROV : BAR);
	}
	conv_line(p, &pl, &s);
	every = ndays <= 8 ? 1 : (ndays + 6) / 7;
	for (int i = 0; i < ndays; i += every)
		pdf_put(p, pl.x0 + (i + 0.5) * pl.slot, pl.y0 - 12, 9, GRAY, AL_CENTER,
			pdf_fmt_day(a->win.since + i, d));
	chart_legend(p, pl.y0 - 29, a, prov);
	p->y -= h + 34;
	free(s.spend);
	free(s.conv);
}
