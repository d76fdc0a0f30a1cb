/* pdf.c: the summary the store owner reads on a phone each morning.
 *
 * Page size: 360 x 640 pt, a 9:16 portrait page. A phone shows a page fitted to
 * its width; at ~360 CSS px wide, 1 pt here is about 1 px there, so 11-12 pt body
 * text reads like a phone app's text with no zooming or sideways panning. An A4
 * page shrunk to that width would put 11 pt text at ~6 px. One column only:
 * tables give each entry a name line (the full width, wrapped) and a line of
 * numbers under it, instead of many narrow columns.
 *
 * Structure, per advertiser (currencies are never added across advertisers):
 * header, callouts, KPI tiles, daily chart; then best / worst campaigns and ads.
 * After them a comments page when triage ran, and the report's warnings.
 * Page numbers "n / N" are written once all pages exist.
 *
 * Text: libharu draws the code points it gets left to right with the embedded
 * TTF (UTF-8 encoding, no shaping): every string goes through shape.c, which
 * joins and reorders Arabic and replaces what the font lacks. Wrapping and
 * shortening happen on the logical text, and each line is shaped on its own.
 *
 * Drawing primitives are in pdf_draw.c, the chart in pdf_chart.c, the ranked
 * lists in pdf_rank.c; this file draws the pages and writes the document.
 *
 * Errors: libharu calls pdf_error_handler for each error and later calls overwrite
 * HPDF_GetError(), so the handler keeps only the first code; it is what the
 * user sees (EXIT_OUTPUT). The file is saved under a temporary name and renamed
 * only when complete.
 *
 * Reproducible: CreationDate is the report's `made` time, no ModDate, so the
 * same report gives the same bytes (libharu 2.3.0 writes a document ID only
 * for encrypted files; none is written here). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exporters/kpi.h"
#include "exporters/pdf_parts.h"

#define CALLOUTS_SHOWN 4 /* callouts on page 1, then "N more" lines */
#define PER_KIND 2       /* campaign callouts of one kind before "N more" */

/* ---- page 1: header ---- */

static void draw_header(struct pdf *p, const struct advertiser *a)
{
	char s[40], u[40], ps[40], pu[40], line[300], made[80];
	struct tm tm;
	time_t t = p->r->made;
	int nd = window_days(a->win);

	pdf_new_page(p);
	pdf_para(p, MARGIN, 21, 26, INK, CONTENT_W, 2, SHAPE_AUTO,
	     a->name && *a->name ? a->name : a->id);
	p->y -= 2;
	/* TRANSLATORS: the report's window: first day, last day, number of days */
	snprintf(line, sizeof(line), ngettext("%s \xe2\x86\x92 %s  (%d day)", "%s \xe2\x86\x92 %s  (%d days)",
					      (unsigned long)nd),
		 pdf_fmt_date(a->win.since, s, sizeof(s)), pdf_fmt_date(a->win.until, u, sizeof(u)), nd);
	pdf_para(p, MARGIN, 12.5, 17, INK, CONTENT_W, 1, pdf_dir(p), line);
	/* TRANSLATORS: previous window (first, last day), timezone, currency */
	snprintf(line, sizeof(line), _("vs %s \xe2\x86\x92 %s \xc2\xb7 %s \xc2\xb7 %s"),
		 pdf_fmt_date(a->prev.since, ps, sizeof(ps)), pdf_fmt_date(a->prev.until, pu, sizeof(pu)),
		 a->timezone ? a->timezone : "?", a->currency ? a->currency : "?");
	pdf_para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, pdf_dir(p), line);
	gmtime_r(&t, &tm);
	/* "17 نونبر 2026 06:00 UTC": an ISO date would break apart in an Arabic line */
	l10n_date((int)(t / 86400), made, sizeof(made));
	strftime(made + strlen(made), sizeof(made) - strlen(made), " %H:%M UTC", &tm);
	snprintf(line, sizeof(line), _("account %s \xc2\xb7 made %s"), a->id, made);
	pdf_para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, pdf_dir(p), line);
	p->y -= 4;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, RULE);
	p->y -= 4;
}

/* ---- callouts ---- */

/* "N more campaigns ..." for the callouts of kind k left out. */
static void more_text(enum callout_kind k, int n, char *buf, size_t size)
{
	switch (k) {
	case CO_SPEND_NO_CONV:
		snprintf(buf, size, ngettext("%d more campaign spent with no conversions.",
					     "%d more campaigns spent with no conversions.", (unsigned long)n), n);
		break;
	case CO_OVER_BUDGET:
		snprintf(buf, size, ngettext("%d more campaign went over their daily budget.",
					     "%d more campaigns went over their daily budget.", (unsigned long)n), n);
		break;
	default:
		snprintf(buf, size, ngettext("%d more campaign need a look.", "%d more campaigns need a look.",
					     (unsigned long)n), n);
	}
}

/* Only campaign callouts fold into "N more campaigns ..."; what is said of
 * the whole account (CPA, CTR, levels that do not add up, missing data) is
 * always shown. */
static bool per_campaign(enum callout_kind k)
{
	return k == CO_SPEND_NO_CONV || k == CO_OVER_BUDGET;
}

static void draw_callouts(struct pdf *p, const struct advertiser *a)
{
	struct callout co[64];
	int n = callouts_for(a, kpi_min_spend(a, p->o->min_spend), co, 64), per_kind[CO_PARTIAL + 1] = { 0 },
	    hidden[CO_PARTIAL + 1] = { 0 }, shown = 0, worst[CO_PARTIAL + 1] = { 0 };
	char line[300];

	pdf_title(p, _("What to look at"), 40);
	if (n == 0) {
		pdf_need(p, 20);
		pdf_dot(p, MARGIN + 4, p->y - 7.5, 3.6, GOOD);
		pdf_para(p, MARGIN + 16, 11, 20, INK, CONTENT_W - 16, 2, pdf_dir(p),
			 _("Nothing unusual in these days."));
		return;
	}
	for (int i = 0; i < n; i++) {
		enum callout_kind k = co[i].kind;
		if (per_campaign(k) && (per_kind[k] >= PER_KIND || shown >= CALLOUTS_SHOWN)) {
			hidden[k]++;
			if (co[i].severity > worst[k])
				worst[k] = co[i].severity;
			continue;
		}
		per_kind[k]++;
		shown++;
		pdf_callout_line(p, co[i].severity, pdf_dir(p), co[i].text);
	}
	for (int k = 0; k <= CO_PARTIAL; k++) {
		if (!hidden[k])
			continue;
		more_text((enum callout_kind)k, hidden[k], line, sizeof(line));
		pdf_callout_line(p, worst[k], pdf_dir(p), line);
	}
}

/* ---- KPI tiles ---- */

static void draw_tile(struct pdf *p, const struct advertiser *a, const struct kpi *k, double x,
		      double y, double w, double h)
{
	char val[64], chg[40], lab[100];
	struct shape_lines l;
	struct rgb c = k->good > 0 ? GOOD : k->good < 0 ? BAD : GRAY;
	double size = 16;
	char t[40];
	bool zero; /* a change that rounds to "0 %" is shown grey, without an arrow */

	kpi_change_text(k, t, sizeof(t));
	zero = strcmp(t, "0 %") == 0;
	if (zero)
		c = GRAY;

	pdf_rect(p, x, y, w, h, TILE);
	if (k->has_change)
		pdf_rect(p, x, y, 3, h, c);
	/* TRANSLATORS: the KPI tile's short label for the click-through rate */
	snprintf(lab, sizeof(lab), "%s", k->m == M_CTR ? _("CTR") : _(metric_defs[k->m].label));
	pdf_text1(p, x + 9, y + h - 14, 9.5, GRAY, AL_LEFT, w - 70, lab);
	if (k->has_change) {
		snprintf(chg, sizeof(chg), "%s%s", zero ? "" : k->change_pct > 0 ? "\xe2\x96\xb2 " : "\xe2\x96\xbc ", t);
		pdf_put(p, x + w - 7, y + h - 14, 9.5, c, AL_RIGHT, chg);
	}
	pdf_fmt_metric(a, k->m, k->cur, val, sizeof(val));
	pdf_wrap(p, val, SHAPE_AUTO, size, PAGE_W, 1, &l); /* "3 356,69 درهم" reads right to left */
	while (size > 9 && pdf_text_w(p, l.line[0], size) > w - 16)
		size -= 0.5;
	pdf_put(p, x + 9, y + 10, size, INK, AL_LEFT, l.line[0]);
}

static void draw_tiles(struct pdf *p, const struct advertiser *a)
{
	struct kpi k[KPI_MAX];
	int n = kpi_list(a, k, KPI_MAX);
	const double gap = 6, w = (CONTENT_W - gap) / 2, h = 42;
	char t[200];
	int nd = window_days(a->prev);

	snprintf(t, sizeof(t), ngettext("Key figures, change vs the %d day before",
					"Key figures, change vs the %d days before", (unsigned long)nd), nd);
	pdf_title(p, t, 100);
	for (int i = 0; i < n; i += 2) {
		pdf_need(p, h + gap);
		if (i + 1 == n) /* an odd last tile takes the whole row */
			draw_tile(p, a, &k[i], MARGIN, p->y - h, CONTENT_W, h);
		for (int j = i; j < i + 2 && j < n && i + 1 < n; j++)
			draw_tile(p, a, &k[j], MARGIN + (j - i) * (w + gap), p->y - h, w, h);
		p->y -= h + gap;
	}
}

static void draw_advertiser(struct pdf *p, const struct advertiser *a)
{
	draw_header(p, a);
	draw_callouts(p, a);
	draw_tiles(p, a);
	pdf_draw_chart(p, a);
	pdf_draw_rankings(p, a, LVL_CAMPAIGN);
	pdf_draw_rankings(p, a, LVL_AD);
}

/* ---- page numbers, document ---- */

static int pdf_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	struct pdf p = { 0 };
	char path[4096], s[40], u[40], title[300], left[200];
	int rc = 0;

	p.r = r;
	p.o = o;
	report_path(r, o->outdir, "ttreport", NULL, "pdf", path, sizeof(path));
	pdf_fmt_date(r->span.since, s, sizeof(s));
	pdf_fmt_date(r->span.until, u, sizeof(u));
	snprintf(title, sizeof(title), _("TikTok ads summary %s to %s"), s, u);
	if ((rc = pdf_doc_open(&p, title, _("TikTok ads: spend, results and comments"), e)))
		goto out;
	for (size_t i = 0; i < r->nadv; i++)
		draw_advertiser(&p, &r->advs[i]);
	if (r->nadv == 0) {
		pdf_new_page(&p);
		pdf_title(&p, _("No advertiser in this report"), 0);
	}
	if (r->triage.ran)
		pdf_draw_comments(&p);
	if (r->nwarn || r->nnotes)
		pdf_draw_warnings(&p);
	/* TRANSLATORS: page footer: the report's first and last day */
	snprintf(left, sizeof(left), _("ttreport \xc2\xb7 %s \xe2\x86\x92 %s"), s, u);
	pdf_doc_footers(&p, left);
	rc = pdf_doc_save(&p, path, e);
out:
	pdf_doc_release(&p);
	return rc;
}

const struct exporter exporter_pdf = { "pdf", pdf_write };
