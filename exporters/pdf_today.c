/* pdf_today.c: `ttreport today`'s PDF, ttreport_today_DATE_HH.pdf: one phone
 * page per advertiser (360 x 640 pt, as pdf.c): the header with the last
 * reported hour (provisional), the alerts (new ones first), spend,
 * conversions and CPA so far against yesterday at the same hour and the 7
 * days, an hour-by-hour chart (hours not reported yet are left empty, never
 * drawn as zero), and the daily budgets' pace. Labels: exporters/today_text.c,
 * in the run's language; Arabic pages come out mirrored by the primitives
 * (pdf_draw.h): text from the right, the tiles swapped, the hours of the
 * chart and the budget bars running from the right. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/hours.h"
#include "exporters/pdf_draw.h"
#include "exporters/today.h"
#include "exporters/today_text.h"

#define ALERTS_SHOWN 5
#define PACE_SHOWN 3

struct today_pdf {
	struct pdf p;
	const struct adv_alerts *al;
};

/* A small section heading (the page has no room for pdf_title's). */
static void section(struct pdf *p, const char *s, double keep)
{
	pdf_need(p, 22 + keep);
	p->y -= 6;
	pdf_para(p, MARGIN, 12.5, 16, INK, CONTENT_W, 1, pdf_dir(p), s);
	p->y -= 2;
}

/* A label (logical text, the page's direction) on one line shortened to
 * width w; returns the width drawn. */
static double label1(struct pdf *p, double x, double y, double size, struct rgb c, double w,
		     const char *s)
{
	struct shape_lines l;

	pdf_wrap(p, s, pdf_dir(p), size, w, 1, &l);
	pdf_put(p, x, y, size, c, AL_LEFT, l.line[0]);
	return pdf_text_w(p, l.line[0], size);
}

static void header(struct pdf *p, const struct advertiser *a)
{
	char line[300], day[48], made[80];
	struct tm tm;
	time_t t = p->r->made;
	enum shape_dir dir = pdf_dir(p);

	pdf_new_page(p);
	pdf_para(p, MARGIN, 19, 23, INK, CONTENT_W, 2, SHAPE_AUTO, a->name && *a->name ? a->name : a->id);
	l10n_date(a->today, day, sizeof(day)); /* "2026-11-20", "20 nov. 2026", "20 نونبر 2026" */
	if (a->last_hour >= 0) {
		snprintf(line, sizeof(line), today_label(TL_UNTIL), today_label(TL_TITLE), day, a->last_hour + 1);
		pdf_para(p, MARGIN, 12, 16, INK, CONTENT_W, 1, dir, line);
		snprintf(line, sizeof(line), today_label(TL_PROVISIONAL), a->last_hour, a->last_hour + 1);
		pdf_para(p, MARGIN, 9.5, 13, WARN, CONTENT_W, 1, dir, line);
	} else {
		snprintf(line, sizeof(line), today_label(TL_NOTHING_YET), day);
		pdf_para(p, MARGIN, 12, 16, INK, CONTENT_W, 2, dir, line);
	}
	snprintf(line, sizeof(line), today_label(TL_VS), a->timezone ? a->timezone : "?",
		 a->currency ? a->currency : "?");
	pdf_para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 2, dir, line);
	/* the day as the language writes it (an ISO date breaks apart in an Arabic line) */
	gmtime_r(&t, &tm);
	l10n_date((int)(t / 86400), made, sizeof(made));
	strftime(made + strlen(made), sizeof(made) - strlen(made), " %H:%M UTC", &tm);
	snprintf(line, sizeof(line), today_label(TL_MADE), a->id, made);
	pdf_para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 2, dir, line);
	p->y -= 3;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, RULE);
}

static void alert_line(struct pdf *p, struct rgb c, const char *tag, const char *text)
{
	struct shape_lines l;
	char line[600];

	snprintf(line, sizeof(line), "%s%s%s", tag, *tag ? " \xc2\xb7 " : "", text);
	pdf_wrap(p, line, pdf_dir(p), 10, CONTENT_W - 16, 3, &l);
	pdf_need(p, 13.0 * l.n + 4);
	pdf_dot(p, MARGIN + 4, p->y - 7, 3.4, c);
	for (int i = 0; i < l.n; i++) {
		pdf_put(p, pdf_line_x(p, &l, i, MARGIN + 16, 10), p->y - 10.5, 10, INK, AL_LEFT, l.line[i]);
		p->y -= 13;
	}
	p->y -= 3;
}

static void alerts(struct pdf *p, const struct advertiser *a, const struct adv_alerts *al)
{
	char text[480], more[64];
	long shown = al->n < ALERTS_SHOWN ? al->n : ALERTS_SHOWN;

	section(p, today_label(TL_ALERTS), 20);
	if (al->n == 0) {
		alert_line(p, GOOD, "", today_label(TL_NO_ALERT));
		return;
	}
	for (long i = 0; i < shown && i < ALERTS_MAX; i++)
		alert_line(p, al->v[i].fired ? BAD : WARN,
			   today_label(al->v[i].fired ? TL_NEW : TL_STILL),
			   today_alert_text(a, &al->v[i], text, sizeof(text)));
	if (al->n > shown) {
		snprintf(more, sizeof(more), "+%ld", al->n - shown);
		alert_line(p, GRAY, "", more);
	}
}

static void tile(struct pdf *p, double x, double w, const char *label, const char *value, const char *ref)
{
	const double h = 44;
	double size = 15;
	struct shape_lines v;

	pdf_rect(p, x, p->y - h, w, h, TILE);
	label1(p, x + 7, p->y - 13, 8.5, GRAY, w - 12, label);
	/* the value shaped once ("661,59 درهم"), its size down until it fits */
	pdf_wrap(p, value, pdf_dir(p), size, PAGE_W, 1, &v);
	while (size > 9 && pdf_text_w(p, v.line[0], size) > w - 12)
		size -= 0.5;
	pdf_put(p, x + 7, p->y - 30, size, INK, AL_LEFT, v.line[0]);
	label1(p, x + 7, p->y - 40.5, 7.5, GRAY, w - 10, ref);
}

/* Three tiles in a row: spend and conversions so far against yesterday at
 * the same hour, the cost per conversion against the 7 days. */
static void figures(struct pdf *p, const struct advertiser *a)
{
	const double gap = 5, w = (CONTENT_W - 2 * gap) / 3;
	struct today_figures f;
	char v[48], r[48], ref[128];

	today_figures(a, &f);
	pdf_need(p, 44 + gap + 8);
	p->y -= 8;
	snprintf(ref, sizeof(ref), today_label(TL_YESTERDAY), today_money(a, f.spend_y, r, sizeof(r)));
	tile(p, MARGIN, w, today_label(TL_SPEND), today_money(a, f.spend, v, sizeof(v)), ref);
	snprintf(ref, sizeof(ref), today_label(TL_YESTERDAY), today_count(f.conv_y, r, sizeof(r)));
	today_count(f.conv, v, sizeof(v));
	tile(p, MARGIN + w + gap, w, today_label(TL_CONV), v, ref);
	snprintf(ref, sizeof(ref), today_label(TL_CPA7), today_money(a, f.cpa7, r, sizeof(r)));
	tile(p, MARGIN + 2 * (w + gap), w, today_label(TL_CPA), today_money(a, f.cpa, v, sizeof(v)), ref);
	p->y -= 44 + gap;
}

/* ---- the hourly chart ---- */

struct plot {
	double x0, y0, slot, ph;
	mval max;
};

/* Yesterday's spend per hour: a line over the bars. */
static void yesterday_line(struct pdf *p, const struct plot *pl, const struct hseries *y)
{
	if (pl->max <= 0 || pdf_failed(p))
		return;
	pdf_stroke(p, LINE);
	HPDF_Page_SetLineWidth(p->page, 1.6);
	HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
	for (int h = 0; h < 24; h++) {
		double cx = pl->x0 + (h + 0.5) * pl->slot;
		if (p->rtl) /* drawn here, not by a primitive: mirror as they do */
			cx = PAGE_W - cx;
		double cy = pl->y0 + pl->ph * (double)mrow_or0(&y->v[h], S_SPEND) / (double)pl->max;
		if (h)
			HPDF_Page_LineTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
		else
			HPDF_Page_MoveTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
	}
	HPDF_Page_Stroke(p->page);
}

static void chart_legend(struct pdf *p, double y, const struct advertiser *a)
{
	char lab[64];
	double x = MARGIN, end = PAGE_W - MARGIN;

	/* in reading order (mirrored on Arabic pages), each label cut to the room left */
	snprintf(lab, sizeof(lab), today_label(TL_LEG_TODAY), a->currency ? l10n_currency(a->currency) : "");
	pdf_rect(p, x, y - 1, 8, 8, BAR);
	x += 11 + label1(p, x + 11, y, 8.5, GRAY, end - x - 11, lab) + 10;
	pdf_rect(p, x, y - 1, 8, 8, BAR_PROV);
	x += 11 + label1(p, x + 11, y, 8.5, GRAY, end - x - 11, today_label(TL_LEG_PROV)) + 10;
	pdf_hline(p, x, x + 12, y + 3, 1.6, LINE);
	x += 15 + label1(p, x + 15, y, 8.5, GRAY, end - x - 15, today_label(TL_LEG_YESTERDAY)) + 10;
	pdf_rect(p, x, y - 1, 8, 8, BAND);
	label1(p, x + 11, y, 8.5, GRAY, end - x - 11, today_label(TL_LEG_MISSING));
}

static void chart(struct pdf *p, const struct advertiser *a)
{
	const double h = 128;
	struct hseries t, y;
	struct plot pl = { MARGIN + 4, 0, (CONTENT_W - 8) / 24, h - 44, 0 };
	char b[48], hh[8];

	if (!a->nents[LVL_ADVERTISER])
		return;
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today, &t);
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today - 1, &y);
	for (int i = 0; i < 24; i++) {
		if (mrow_or0(&y.v[i], S_SPEND) > pl.max)
			pl.max = mrow_or0(&y.v[i], S_SPEND);
		if (i <= a->last_hour && mrow_or0(&t.v[i], S_SPEND) > pl.max)
			pl.max = mrow_or0(&t.v[i], S_SPEND);
	}
	section(p, today_label(TL_HOURLY), h);
	pl.y0 = p->y - h + 28;
	/* hours not reported yet: a band, no bar (missing, not zero) */
	if (a->last_hour < 23)
		pdf_rect(p, pl.x0 + (a->last_hour + 1) * pl.slot, pl.y0, (23 - a->last_hour) * pl.slot,
			 pl.ph + 4, BAND);
	label1(p, pl.x0, pl.y0 + pl.ph + 6, 8.5, BAR, CONTENT_W, today_money(a, pl.max, b, sizeof(b)));
	pdf_hline(p, pl.x0, pl.x0 + 24 * pl.slot, pl.y0 + pl.ph, 0.4, GRAY);
	pdf_hline(p, pl.x0, pl.x0 + 24 * pl.slot, pl.y0, 0.8, GRAY);
	for (int i = 0; i <= a->last_hour && pl.max > 0; i++) {
		double bw = pl.slot * 0.66;
		pdf_rect(p, pl.x0 + i * pl.slot + (pl.slot - bw) / 2, pl.y0, bw,
			 pl.ph * (double)mrow_or0(&t.v[i], S_SPEND) / (double)pl.max,
			 i == a->last_hour ? BAR_PROV : BAR);
	}
	yesterday_line(p, &pl, &y);
	for (int i = 0; i < 24; i += 3) {
		snprintf(hh, sizeof(hh), "%02d", i);
		pdf_put(p, pl.x0 + (i + 0.5) * pl.slot, pl.y0 - 10, 8, GRAY, AL_CENTER, hh);
	}
	chart_legend(p, pl.y0 - 23, a);
	p->y -= h;
}

/* ---- daily budgets ---- */

static bool daily_budget(const struct entity *e)
{
	return !e->deleted && e->budget != MV_MISSING && e->budget > 0 && e->budget_mode &&
	       strcmp(e->budget_mode, "BUDGET_MODE_DAY") == 0 &&
	       !(e->status && (strstr(e->status, "DISABLE") || strstr(e->status, "DELETE")));
}

/* name, a bar of the budget (spent filled, a tick at the projection), the figures */
static void pace_row(struct pdf *p, const struct advertiser *a, enum level l, uint32_t i)
{
	const struct entity *e = &a->ents[l][i];
	char s[48], b[48], m[48], line[300];
	mval spent, mid;
	double w, f;

	if (!alert_projection(a, l, i, &spent, &mid))
		spent = 0, mid = MV_MISSING;
	pdf_need(p, 36);
	pdf_text1(p, MARGIN, p->y - 10, 10, INK, AL_LEFT, CONTENT_W, e->name && *e->name ? e->name : e->id);
	pdf_rect(p, MARGIN, p->y - 19, CONTENT_W, 5, RULE);
	f = (double)spent / (double)e->budget;
	w = CONTENT_W * (f > 1 ? 1 : f);
	pdf_rect(p, MARGIN, p->y - 19, w, 5, f >= 1 ? BAD : BAR);
	if (mid != MV_MISSING) {
		f = (double)mid / (double)e->budget;
		pdf_rect(p, MARGIN + CONTENT_W * (f > 1 ? 1 : f) - 1, p->y - 21, 2, 9, LINE);
	}
	snprintf(line, sizeof(line), today_label(TL_PACE_LINE), today_money(a, spent, s, sizeof(s)),
		 today_money(a, e->budget, b, sizeof(b)), today_money(a, mid, m, sizeof(m)));
	label1(p, MARGIN, p->y - 30, 8.5, GRAY, CONTENT_W, line);
	p->y -= 36;
}

/* Has entity (l, i) a budget_pace alert? */
static bool pace_alert(const struct adv_alerts *al, enum level l, size_t i)
{
	for (long k = 0; k < al->n && k < ALERTS_MAX; k++)
		if ((al->v[k].rule == AL_BUDGET_FAST || al->v[k].rule == AL_BUDGET_SLOW) &&
		    al->v[k].level == l && al->v[k].ent == i)
			return true;
	return false;
}

/* The daily budgets, those with an alert first. */
static void pace(struct pdf *p, const struct advertiser *a, const struct adv_alerts *al)
{
	size_t shown = 0, more = 0;
	char line[160];

	section(p, today_label(TL_PACE), 36);
	for (int pass = 0; pass < 2; pass++) {
		for (int l = LVL_CAMPAIGN; l <= LVL_ADGROUP; l++) {
			for (size_t i = 0; i < a->nents[l]; i++) {
				if (!daily_budget(&a->ents[l][i]) || pace_alert(al, (enum level)l, i) != (pass == 0))
					continue;
				/* the page's room decides (one page per advertiser), at most PACE_SHOWN */
				if (shown < PACE_SHOWN && p->y - 36 - 14 >= BOTTOM) {
					pace_row(p, a, (enum level)l, (uint32_t)i);
					shown++;
				} else {
					more++;
				}
			}
		}
	}
	if (!shown && !more)
		pdf_note(p, today_label(TL_PACE_NONE));
	if (more) {
		snprintf(line, sizeof(line), today_plural(TL_PACE_MORE, (unsigned long)more), more);
		pdf_note(p, line);
	}
}

/* ---- the document ---- */

int today_pdf_write(const struct report *r, const struct adv_alerts *al, const struct export_opts *o,
		    struct err *e)
{
	struct pdf p = { 0 };
	char path[4096], stamp[80], title[200], left[200];
	int rc;

	p.r = r;
	p.o = o;
	today_path(r, o->outdir, NULL, "pdf", path, sizeof(path));
	today_stamp(r, stamp, sizeof(stamp));
	snprintf(title, sizeof(title), today_label(TL_DOC_TITLE), stamp);
	if ((rc = pdf_doc_open(&p, title, title, e)))
		goto out;
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		header(&p, a);
		alerts(&p, a, &al[i]);
		figures(&p, a);
		chart(&p, a);
		pace(&p, a, &al[i]);
	}
	if (!r->nadv) {
		pdf_new_page(&p);
		pdf_title(&p, today_label(TL_NO_ADVERTISER), 0);
	}
	if (r->nwarn) {
		section(&p, today_label(TL_WARNINGS), 20);
		for (size_t i = 0; i < r->nwarn; i++)
			alert_line(&p, WARN, "", r->warnings[i]);
	}
	snprintf(left, sizeof(left), today_label(TL_FOOTER), stamp);
	pdf_doc_footers(&p, left);
	rc = pdf_doc_save(&p, path, e);
out:
	pdf_doc_release(&p);
	return rc;
}
