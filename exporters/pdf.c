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
 * Errors: libharu calls error_handler for each error and later calls overwrite
 * HPDF_GetError(), so the handler keeps only the first code; it is what the
 * user sees (EXIT_OUTPUT). The file is saved under a temporary name and renamed
 * only when complete.
 *
 * Reproducible: CreationDate is the report's `made` time, no ModDate, so the
 * same report gives the same bytes (libharu 2.3.0 writes a document ID only
 * for encrypted files; none is written here). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "exporters/exporter.h"
#include "exporters/kpi.h"
#include "exporters/shape.h"
#include "core/share.h"

#define PAGE_W 360.0
#define PAGE_H 640.0
#define MARGIN 18.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define TOP (PAGE_H - MARGIN)
#define BOTTOM 38.0 /* the footer lives below */

#define LIST_N 10        /* entries in a best / worst list */
#define CALLOUTS_SHOWN 4 /* callouts on page 1, then "N more" lines */
#define PER_KIND 2       /* campaign callouts of one kind before "N more" */
#define COMPLAINTS_MAX 200

struct rgb {
	double r, g, b;
};

static const struct rgb INK = { 0.12, 0.13, 0.16 }, GRAY = { 0.42, 0.44, 0.48 },
			RULE = { 0.84, 0.85, 0.87 }, TILE = { 0.955, 0.96, 0.97 },
			GOOD = { 0.09, 0.52, 0.26 }, BAD = { 0.80, 0.14, 0.14 },
			WARN = { 0.86, 0.53, 0.04 }, BAR = { 0.22, 0.42, 0.70 },
			BAR_PROV = { 0.64, 0.74, 0.88 }, BAND = { 1.0, 0.955, 0.84 },
			LINE = { 0.93, 0.45, 0.10 };

enum align { AL_LEFT, AL_RIGHT, AL_CENTER };

struct pdf {
	HPDF_Doc doc;
	HPDF_Font font;
	struct shape_font *shape;
	const struct report *r;
	const struct export_opts *o;
	HPDF_Page page;
	HPDF_Page *pages;
	size_t npages, cap_pages;
	double y;       /* top of the next block on the current page */
	double wsize;   /* font size used by the width callback */
	HPDF_STATUS err, err_detail; /* the first libharu error */
	bool oom;
};

static void error_handler(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	struct pdf *p = ctx;

	if (!p->err) {
		p->err = code;
		p->err_detail = detail;
	}
}

/* ---- drawing primitives ---- */

static bool failed(const struct pdf *p)
{
	return p->err || p->oom;
}

static void new_page(struct pdf *p)
{
	if (failed(p))
		return;
	if (p->npages == p->cap_pages) {
		size_t cap = p->cap_pages ? 2 * p->cap_pages : 16;
		HPDF_Page *np = realloc(p->pages, cap * sizeof(*np));
		if (!np) {
			p->oom = true;
			return;
		}
		p->pages = np;
		p->cap_pages = cap;
	}
	p->page = HPDF_AddPage(p->doc);
	if (!p->page)
		return;
	HPDF_Page_SetWidth(p->page, PAGE_W);
	HPDF_Page_SetHeight(p->page, PAGE_H);
	p->pages[p->npages++] = p->page;
	p->y = TOP;
}

/* Start a new page unless h more points fit above the footer. true when it did. */
static bool need(struct pdf *p, double h)
{
	if (p->page && p->y - h >= BOTTOM)
		return false;
	new_page(p);
	return true;
}

static double text_w(struct pdf *p, const char *visual, double size)
{
	HPDF_TextWidth tw;

	if (failed(p) || !*visual)
		return 0;
	tw = HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)visual, (HPDF_UINT)strlen(visual));
	return tw.width * size / 1000.0;
}

static double width_cb(void *ctx, const char *visual)
{
	struct pdf *p = ctx;
	return text_w(p, visual, p->wsize);
}

static void fill_rgb(struct pdf *p, struct rgb c)
{
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

static void stroke_rgb(struct pdf *p, struct rgb c)
{
	HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* Draw visual (already shaped) text with its baseline at y. */
static void put(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		const char *visual)
{
	if (failed(p) || !*visual)
		return;
	if (al != AL_LEFT) {
		double w = text_w(p, visual, size);
		x -= al == AL_RIGHT ? w : w / 2;
	}
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, (HPDF_REAL)size);
	fill_rgb(p, c);
	HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)y, visual);
	HPDF_Page_EndText(p->page);
}

/* Wrap logical text into at most maxlines lines of width w. */
static int wrap(struct pdf *p, const char *s, enum shape_dir dir, double size, double w,
		int maxlines, struct shape_lines *out)
{
	p->wsize = size;
	return shape_wrap(p->shape, s, dir, w, maxlines, width_cb, p, out);
}

/* Logical text on one line, shortened with "…" to fit width w. */
static void text1(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		  double w, const char *s)
{
	struct shape_lines l;

	wrap(p, s, SHAPE_AUTO, size, w, 1, &l);
	put(p, x, y, size, c, al, l.line[0]);
}

/* x of line i of a wrapped block starting at x: a right-to-left paragraph
 * keeps its lines' right edges together (ragged on the left, as it reads). */
static double line_x(struct pdf *p, const struct shape_lines *l, int i, double x, double size)
{
	double wmax = 0;

	if (!l->rtl || l->n < 2)
		return x;
	for (int k = 0; k < l->n; k++) {
		double w = text_w(p, l->line[k], size);
		if (w > wmax)
			wmax = w;
	}
	return x + wmax - text_w(p, l->line[i], size);
}

/* Logical text wrapped from the cursor down (first baseline size below p->y);
 * moves the cursor past it. */
static void para(struct pdf *p, double x, double size, double lead, struct rgb c, double w,
		 int maxlines, enum shape_dir dir, const char *s)
{
	struct shape_lines l;

	wrap(p, s, dir, size, w, maxlines, &l);
	for (int i = 0; i < l.n; i++) {
		need(p, lead);
		put(p, line_x(p, &l, i, x, size), p->y - size, size, c, AL_LEFT, l.line[i]);
		p->y -= lead;
	}
}

static void rect(struct pdf *p, double x, double y, double w, double h, struct rgb c)
{
	if (failed(p))
		return;
	fill_rgb(p, c);
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

static void hline(struct pdf *p, double x0, double x1, double y, double width, struct rgb c)
{
	if (failed(p))
		return;
	stroke_rgb(p, c);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

static void dot(struct pdf *p, double x, double y, double rad, struct rgb c)
{
	if (failed(p))
		return;
	fill_rgb(p, c);
	HPDF_Page_Circle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)rad);
	HPDF_Page_Fill(p->page);
}

/* A section title: a little space, then 15 pt text; on a new page unless
 * `keep` more points of what follows fit under it. */
static void title(struct pdf *p, const char *s, double keep)
{
	need(p, 42 + keep);
	if (p->y < TOP)
		p->y -= 10;
	para(p, MARGIN, 15, 20, INK, CONTENT_W, 2, SHAPE_AUTO, s);
	p->y -= 4;
}

/* ---- numbers for people ---- */

/* "1 234,56 MAD", "1,09 %", "3,10", "1 234"; "-" when missing. */
static char *fmt_metric(const struct advertiser *a, enum metric m, mval v, char *buf, size_t n)
{
	char num[48];
	const char *unit = "";

	metric_format(m, v, a->decimals, true, num, sizeof(num));
	if (v != MV_MISSING) {
		if (metric_defs[m].type == MT_MONEY)
			unit = a->currency;
		else if (m == M_CTR || m == M_CVR)
			unit = "%";
	}
	snprintf(buf, n, "%s%s%s", num, *unit ? " " : "", unit);
	return buf;
}

static char *fmt_day(int day, char *buf) /* "19/11" */
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 8, "%02d/%02d", d % 100, m % 100);
	return buf;
}

static const struct entity *account(const struct advertiser *a, long *idx)
{
	const struct entity *e = a->id ? adv_find(a, LVL_ADVERTISER, a->id) : NULL;

	if (!e && a->nents[LVL_ADVERTISER] > 0)
		e = &a->ents[LVL_ADVERTISER][0];
	*idx = e ? (long)(e - a->ents[LVL_ADVERTISER]) : -1;
	return e;
}

/* ---- page 1: header ---- */

static void draw_header(struct pdf *p, const struct advertiser *a)
{
	char s[11], u[11], ps[11], pu[11], line[200], made[40];
	struct tm tm;
	time_t t = p->r->made;

	new_page(p);
	para(p, MARGIN, 21, 26, INK, CONTENT_W, 2, SHAPE_AUTO,
	     a->name && *a->name ? a->name : a->id);
	p->y -= 2;
	snprintf(line, sizeof(line), "%s \xe2\x86\x92 %s  (%d day%s)", date_format(a->win.since, s),
		 date_format(a->win.until, u), window_days(a->win), window_days(a->win) == 1 ? "" : "s");
	para(p, MARGIN, 12.5, 17, INK, CONTENT_W, 1, SHAPE_LTR, line);
	snprintf(line, sizeof(line), "vs %s \xe2\x86\x92 %s \xc2\xb7 %s \xc2\xb7 %s",
		 date_format(a->prev.since, ps), date_format(a->prev.until, pu),
		 a->timezone ? a->timezone : "?", a->currency ? a->currency : "?");
	para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, SHAPE_LTR, line);
	gmtime_r(&t, &tm);
	strftime(made, sizeof(made), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(line, sizeof(line), "account %s \xc2\xb7 made %s", a->id, made);
	para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, SHAPE_LTR, line);
	p->y -= 4;
	hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, RULE);
	p->y -= 4;
}

/* ---- callouts ---- */

static void callout_line(struct pdf *p, int severity, const char *text)
{
	struct shape_lines l;
	struct rgb c = severity >= 2 ? BAD : severity == 1 ? WARN : GRAY;

	wrap(p, text, SHAPE_LTR, 11, CONTENT_W - 16, 5, &l);
	need(p, 15.0 * l.n + 4);
	dot(p, MARGIN + 4, p->y - 7.5, 3.6, c);
	for (int i = 0; i < l.n; i++) {
		put(p, MARGIN + 16, p->y - 11, 11, INK, AL_LEFT, l.line[i]);
		p->y -= 15;
	}
	p->y -= 5;
}

static const char *more_text(enum callout_kind k)
{
	switch (k) {
	case CO_SPEND_NO_CONV:
		return "spent with no conversions";
	case CO_OVER_BUDGET:
		return "went over their daily budget";
	default:
		return "need a look";
	}
}

static void draw_callouts(struct pdf *p, const struct advertiser *a)
{
	struct callout co[64];
	int n = callouts_for(a, kpi_min_spend(a, p->o->min_spend), co, 64), per_kind[CO_PARTIAL + 1] = { 0 },
	    hidden[CO_PARTIAL + 1] = { 0 }, shown = 0, worst[CO_PARTIAL + 1] = { 0 };
	char line[160];

	title(p, "What to look at", 40);
	if (n == 0) {
		need(p, 20);
		dot(p, MARGIN + 4, p->y - 7.5, 3.6, GOOD);
		put(p, MARGIN + 16, p->y - 11, 11, INK, AL_LEFT, "Nothing unusual in these days.");
		p->y -= 20;
		return;
	}
	for (int i = 0; i < n; i++) {
		enum callout_kind k = co[i].kind;
		if (per_kind[k] >= PER_KIND || shown >= CALLOUTS_SHOWN) {
			hidden[k]++;
			if (co[i].severity > worst[k])
				worst[k] = co[i].severity;
			continue;
		}
		per_kind[k]++;
		shown++;
		callout_line(p, co[i].severity, co[i].text);
	}
	for (int k = 0; k <= CO_PARTIAL; k++) {
		if (!hidden[k])
			continue;
		snprintf(line, sizeof(line), "%d more campaign%s %s.", hidden[k],
			 hidden[k] == 1 ? "" : "s", more_text((enum callout_kind)k));
		callout_line(p, worst[k], line);
	}
}

/* ---- KPI tiles ---- */

static void draw_tile(struct pdf *p, const struct advertiser *a, const struct kpi *k, double x,
		      double y, double w, double h)
{
	char val[64], chg[40], lab[64];
	struct rgb c = k->good > 0 ? GOOD : k->good < 0 ? BAD : GRAY;
	double size = 16;
	char t[40];
	bool zero; /* a change that rounds to "0 %" is shown grey, without an arrow */

	kpi_change_text(k, t, sizeof(t));
	zero = strcmp(t, "0 %") == 0;
	if (zero)
		c = GRAY;

	rect(p, x, y, w, h, TILE);
	if (k->has_change)
		rect(p, x, y, 3, h, c);
	snprintf(lab, sizeof(lab), "%s", metric_defs[k->m].label);
	if (k->m == M_CTR)
		snprintf(lab, sizeof(lab), "CTR");
	put(p, x + 9, y + h - 14, 9.5, GRAY, AL_LEFT, lab);
	if (k->has_change) {
		snprintf(chg, sizeof(chg), "%s%s", zero ? "" : k->change_pct > 0 ? "\xe2\x96\xb2 " : "\xe2\x96\xbc ", t);
		put(p, x + w - 7, y + h - 14, 9.5, c, AL_RIGHT, chg);
	}
	fmt_metric(a, k->m, k->cur, val, sizeof(val));
	while (size > 9 && text_w(p, val, size) > w - 16)
		size -= 0.5;
	put(p, x + 9, y + 10, size, INK, AL_LEFT, val);
}

static void draw_tiles(struct pdf *p, const struct advertiser *a)
{
	struct kpi k[KPI_MAX];
	int n = kpi_list(a, k, KPI_MAX);
	const double gap = 6, w = (CONTENT_W - gap) / 2, h = 42;
	char t[80];

	snprintf(t, sizeof(t), "Key figures, change vs the %d days before", window_days(a->prev));
	title(p, t, 100);
	for (int i = 0; i < n; i += 2) {
		need(p, h + gap);
		if (i + 1 == n) /* an odd last tile takes the whole row */
			draw_tile(p, a, &k[i], MARGIN, p->y - h, CONTENT_W, h);
		for (int j = i; j < i + 2 && j < n && i + 1 < n; j++)
			draw_tile(p, a, &k[j], MARGIN + (j - i) * (w + gap), p->y - h, w, h);
		p->y -= h + gap;
	}
}

/* ---- daily chart ---- */

static void chart_legend(struct pdf *p, double y, const struct advertiser *a, bool prov)
{
	char lab[40];
	double x = MARGIN;

	rect(p, x, y - 1, 9, 9, BAR);
	snprintf(lab, sizeof(lab), "spend (%s)", a->currency ? a->currency : "");
	put(p, x + 13, y, 9.5, GRAY, AL_LEFT, lab);
	x += 13 + text_w(p, lab, 9.5) + 14;
	hline(p, x, x + 14, y + 3.5, 2, LINE);
	dot(p, x + 7, y + 3.5, 2.6, LINE);
	put(p, x + 18, y, 9.5, GRAY, AL_LEFT, "conversions");
	x += 18 + text_w(p, "conversions", 9.5) + 14;
	if (prov) {
		rect(p, x, y - 1, 9, 9, BAND);
		rect(p, x + 2.5, y - 1, 4, 9, BAR_PROV);
		put(p, x + 13, y, 9.5, GRAY, AL_LEFT, "provisional");
		/* TikTok may still restate these days */
	}
}

static void draw_chart(struct pdf *p, const struct advertiser *a)
{
	const double h = 150, axis_l = 8, axis_r = 8;
	int ndays = window_days(a->win);
	long acc;
	mval *spend, *conv, max_s = 0, max_c = 0;
	double x0 = MARGIN + axis_l, x1 = PAGE_W - MARGIN - axis_r, y0, slot, ph;
	bool prov = false;
	char b[64], d[8];
	int every;

	if (ndays <= 0 || !account(a, &acc))
		return;
	spend = calloc((size_t)ndays, sizeof(*spend));
	conv = calloc((size_t)ndays, sizeof(*conv));
	if (!spend || !conv) {
		free(spend);
		free(conv);
		p->oom = true;
		return;
	}
	for (int i = 0; i < ndays; i++)
		spend[i] = conv[i] = MV_MISSING;
	for (size_t i = 0; i < a->nrows[LVL_ADVERTISER]; i++) {
		const struct day_row *row = &a->rows[LVL_ADVERTISER][i];
		if ((long)row->ent != acc || !window_has(a->win, row->day))
			continue;
		spend[row->day - a->win.since] = row->v.s[S_SPEND];
		conv[row->day - a->win.since] = row->v.s[S_CONVERSION];
	}
	for (int i = 0; i < ndays; i++) {
		if (spend[i] != MV_MISSING && spend[i] > max_s)
			max_s = spend[i];
		if (conv[i] != MV_MISSING && conv[i] > max_c)
			max_c = conv[i];
	}

	title(p, "Day by day", h + 34);
	need(p, h + 34);
	y0 = p->y - h + 16; /* plot bottom; day labels and legend below it */
	ph = h - 34;        /* plot height: the largest day reaches the top line */
	slot = (x1 - x0) / ndays;
	for (int i = 0; i < ndays; i++) /* provisional band first, bars over it */
		if (a->win.since + i >= a->provisional_from) {
			prov = true;
			rect(p, x0 + i * slot, y0, slot, ph + 4, BAND);
		}
	/* the scale: the top line is the largest day of each series */
	put(p, x0, y0 + ph + 6, 9, BAR, AL_LEFT, fmt_metric(a, M_SPEND, max_s, b, sizeof(b)));
	snprintf(b, sizeof(b), "%lld conversion%s", (long long)max_c, max_c == 1 ? "" : "s");
	if (max_c > 0)
		put(p, x1, y0 + ph + 6, 9, LINE, AL_RIGHT, b);
	hline(p, x0, x1, y0 + ph, 0.4, GRAY);
	hline(p, x0, x1, y0, 0.8, GRAY);
	for (int i = 0; i < ndays; i++) {
		double bw = slot * 0.62, bx = x0 + i * slot + (slot - bw) / 2;
		if (spend[i] != MV_MISSING && max_s > 0)
			rect(p, bx, y0, bw, ph * (double)spend[i] / (double)max_s,
			     a->win.since + i >= a->provisional_from ? BAR_PROV : BAR);
	}
	if (max_c > 0 && !failed(p)) {
		bool pen = false;
		stroke_rgb(p, LINE);
		HPDF_Page_SetLineWidth(p->page, 2);
		HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
		for (int i = 0; i < ndays; i++) {
			double cx = x0 + (i + 0.5) * slot, cy;
			if (conv[i] == MV_MISSING) {
				pen = false;
				continue;
			}
			cy = y0 + ph * (double)conv[i] / (double)max_c;
			if (pen)
				HPDF_Page_LineTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
			else
				HPDF_Page_MoveTo(p->page, (HPDF_REAL)cx, (HPDF_REAL)cy);
			pen = true;
		}
		HPDF_Page_Stroke(p->page);
		for (int i = 0; i < ndays && ndays <= 45; i++)
			if (conv[i] != MV_MISSING)
				dot(p, x0 + (i + 0.5) * slot, y0 + ph * (double)conv[i] / (double)max_c,
				    2.8, LINE);
	}
	every = ndays <= 8 ? 1 : (ndays + 6) / 7;
	for (int i = 0; i < ndays; i += every)
		put(p, x0 + (i + 0.5) * slot, y0 - 12, 9, GRAY, AL_CENTER, fmt_day(a->win.since + i, d));
	chart_legend(p, y0 - 29, a, prov);
	p->y -= h + 34;
	free(spend);
	free(conv);
}

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
	const char *title;
	double col_x[4]; /* right edges of the number columns */
};

static void table_head(struct pdf *p, const struct table *t, bool cont)
{
	static const char *const heads[4] = { "Spend", "Conv.", "CPA", "ROAS" };
	char ttl[160], h[40];
	const char *by = strstr(t->title, " by ");

	/* "Campaigns by cost per conversion" continues as "Campaigns (continued)" */
	snprintf(ttl, sizeof(ttl), "%.*s%s", cont && by ? (int)(by - t->title) : (int)strlen(t->title),
		 t->title, cont ? " (continued)" : "");
	title(p, ttl, 16 + 60);
	need(p, 16);
	for (int i = 0; i < 4; i++) {
		snprintf(h, sizeof(h), "%s%s%s", heads[i], i == 0 || i == 2 ? " " : "",
			 i == 0 || i == 2 ? t->a->currency : "");
		put(p, t->col_x[i], p->y - 10, 9, GRAY, AL_RIGHT, h);
	}
	p->y -= 14;
	hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
}

static void table_row(struct pdf *p, struct table *t, int rank, const struct ranked *r)
{
	const struct advertiser *a = t->a;
	const struct entity *e = r->e;
	const struct entity *camp = t->l == LVL_AD && e->campaign_id ?
					    adv_find(a, LVL_CAMPAIGN, e->campaign_id) : NULL;
	struct shape_lines name;
	char num[24], b[64];
	double h, nx = MARGIN + 22, tagw = e->deleted ? text_w(p, "deleted", 9) + 8 : 0;
	mval vals[4] = { r->spend, r->conv, r->cpa, r->roas };
	enum metric ms[4] = { M_SPEND, M_CONVERSION, M_CPA, M_ROAS };

	wrap(p, e->name && *e->name ? e->name : e->id, SHAPE_AUTO, 11.5, PAGE_W - MARGIN - nx - tagw,
	     2, &name);
	h = 6 + 15.0 * name.n + (camp ? 13 : 0) + 17;
	if (need(p, h))
		table_head(p, t, true);
	snprintf(num, sizeof(num), "%d", rank);
	put(p, MARGIN, p->y - 6 - 11, 10, GRAY, AL_LEFT, num);
	if (e->deleted)
		put(p, PAGE_W - MARGIN, p->y - 6 - 10.5, 9, BAD, AL_RIGHT, "deleted");
	p->y -= 6;
	for (int i = 0; i < name.n; i++) {
		put(p, line_x(p, &name, i, nx, 11.5), p->y - 11.5, 11.5, e->deleted ? GRAY : INK, AL_LEFT,
		    name.line[i]);
		p->y -= 15;
	}
	if (camp) {
		text1(p, nx, p->y - 9.5, 9, GRAY, AL_LEFT, PAGE_W - MARGIN - nx,
		      camp->name && *camp->name ? camp->name : camp->id);
		p->y -= 13;
	}
	for (int i = 0; i < 4; i++) {
		metric_format(ms[i], vals[i], a->decimals, true, b, sizeof(b));
		put(p, t->col_x[i], p->y - 11, 10.5, INK, AL_RIGHT, b);
	}
	p->y -= 17;
	hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.4, RULE);
}

static void table_list(struct pdf *p, const struct advertiser *a, enum level l, const char *ttl,
		       const struct ranked *v, size_t from, size_t count, bool reverse)
{
	struct table t = { a, l, ttl, { 0 } };

	for (int i = 0; i < 4; i++)
		t.col_x[i] = MARGIN + 22 + (PAGE_W - 2 * MARGIN - 22) * (i + 1) / 4.0;
	table_head(p, &t, false);
	for (size_t i = 0; i < count; i++) {
		size_t k = reverse ? from + count - 1 - i : from + i;
		table_row(p, &t, (int)(k + 1), &v[k]);
	}
}

static void note(struct pdf *p, const char *s)
{
	p->y -= 4;
	para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 3, SHAPE_LTR, s);
}

static void draw_rankings(struct pdf *p, const struct advertiser *a, enum level l)
{
	const char *what = l == LVL_CAMPAIGN ? "campaigns" : "ads";
	size_t n, nmissing;
	struct ranked *v = rank_level(a, l, kpi_min_spend(a, p->o->min_spend), &n, &nmissing);
	char ttl[120], b[64], line[300];

	if (!v) {
		p->oom = true;
		return;
	}
	if (n == 0) {
		snprintf(ttl, sizeof(ttl), "%c%s", what[0] - 32, what + 1);
		title(p, ttl, 20);
		note(p, "Nothing spent enough to rank.");
	} else if (n <= 2 * LIST_N) {
		snprintf(ttl, sizeof(ttl), "%c%s by cost per conversion", what[0] - 32, what + 1);
		table_list(p, a, l, ttl, v, 0, n, false);
	} else {
		snprintf(ttl, sizeof(ttl), "Best %d %s", LIST_N, what);
		table_list(p, a, l, ttl, v, 0, LIST_N, false);
		snprintf(ttl, sizeof(ttl), "Worst %d %s", LIST_N, what);
		table_list(p, a, l, ttl, v, n - LIST_N, LIST_N, true);
	}
	snprintf(line, sizeof(line), "Ranked by cost per conversion (no conversions last). %zu %s ranked",
		 n, what);
	if (p->o->min_spend > 0)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), ", spend at least %s",
			 fmt_metric(a, M_SPEND, kpi_min_spend(a, p->o->min_spend), b, sizeof(b)));
	if (nmissing)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 "; %zu without conversion data left out", nmissing);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), ".");
	note(p, line);
	free(v);
}

static void draw_advertiser(struct pdf *p, const struct advertiser *a)
{
	draw_header(p, a);
	draw_callouts(p, a);
	draw_tiles(p, a);
	draw_chart(p, a);
	draw_rankings(p, a, LVL_CAMPAIGN);
	draw_rankings(p, a, LVL_AD);
}

/* ---- comments ---- */

static void draw_counts(struct pdf *p, const struct triage_summary *t)
{
	const double cw = (CONTENT_W - 78) / (ACT_COUNT + 1);
	char b[24];
	size_t col[ACT_COUNT + 1] = { 0 };

	need(p, 20 * (CAT_COUNT + 2));
	for (int c = 0; c <= ACT_COUNT; c++)
		put(p, MARGIN + 78 + cw * (c + 1), p->y - 10, 9, GRAY, AL_RIGHT,
		    c < ACT_COUNT ? action_name((enum action)c) : "total");
	p->y -= 14;
	hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
	for (int r = 0; r <= CAT_COUNT; r++) {
		size_t sum = 0;
		put(p, MARGIN, p->y - 14, 10.5, r < CAT_COUNT ? INK : GRAY, AL_LEFT,
		    r < CAT_COUNT ? category_name((enum category)r) : "total");
		for (int c = 0; c <= ACT_COUNT; c++) {
			size_t v = r < CAT_COUNT ? (c < ACT_COUNT ? t->counts[r][c] : sum) : col[c];
			if (r < CAT_COUNT && c < ACT_COUNT) {
				sum += v;
				col[c] += v;
				col[ACT_COUNT] += v;
			}
			snprintf(b, sizeof(b), "%zu", v);
			put(p, MARGIN + 78 + cw * (c + 1), p->y - 14, 10.5, v ? INK : RULE, AL_RIGHT, b);
		}
		p->y -= 19;
		hline(p, MARGIN, PAGE_W - MARGIN, p->y, r == CAT_COUNT - 1 ? 0.8 : 0.4,
		      r == CAT_COUNT - 1 ? GRAY : RULE);
	}
}

/* A complaint flagged for a human (not one skipped as already handled). */
static bool waiting(const struct action_rec *ac)
{
	return ac->cat == CAT_COMPLAINT && ac->act == ACT_FLAG;
}

static void complaints_head(struct pdf *p, bool cont)
{
	title(p, cont ? "Complaints waiting for you (continued)" : "Complaints waiting for you", 16 + 19);
	need(p, 16);
	put(p, MARGIN, p->y - 10, 9, GRAY, AL_LEFT, "video id");
	put(p, MARGIN + CONTENT_W / 2, p->y - 10, 9, GRAY, AL_LEFT, "comment id");
	p->y -= 14;
	hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
}

static void draw_comments(struct pdf *p)
{
	const struct triage_summary *t = &p->r->triage;
	size_t ncompl = 0, nerr = 0, shown = 0;
	bool apply = false;
	char line[160];

	new_page(p);
	title(p, "Comments on your videos", 0);
	for (size_t i = 0; i < t->nacts; i++) {
		apply |= t->acts[i].apply;
		nerr += t->acts[i].result == RES_ERROR;
		ncompl += waiting(&t->acts[i]);
	}
	snprintf(line, sizeof(line), "%zu comment%s decided. %s", t->nacts, t->nacts == 1 ? "" : "s",
		 apply ? "Replies were sent and comments hidden." :
			 "Dry run: nothing was sent or hidden.");
	para(p, MARGIN, 10.5, 14, GRAY, CONTENT_W, 3, SHAPE_LTR, line);
	if (nerr) {
		snprintf(line, sizeof(line), "%zu action%s failed: see the action log.", nerr,
			 nerr == 1 ? "" : "s");
		para(p, MARGIN, 10.5, 14, BAD, CONTENT_W, 2, SHAPE_LTR, line);
	}
	p->y -= 6;
	draw_counts(p, t);
	complaints_head(p, false);
	if (!ncompl) {
		note(p, "No complaints.");
		return;
	}
	for (size_t i = 0; i < t->nacts && shown < COMPLAINTS_MAX; i++) {
		const struct action_rec *ac = &t->acts[i];
		if (!waiting(ac))
			continue;
		if (need(p, 19))
			complaints_head(p, true);
		text1(p, MARGIN, p->y - 13, 10, INK, AL_LEFT, CONTENT_W / 2 - 6,
		      ac->video_id ? ac->video_id : "-");
		text1(p, MARGIN + CONTENT_W / 2, p->y - 13, 10, INK, AL_LEFT, CONTENT_W / 2,
		      ac->comment_id ? ac->comment_id : "-");
		p->y -= 19;
		hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.4, RULE);
		shown++;
	}
	if (shown < ncompl) {
		snprintf(line, sizeof(line), "%zu more in the action log.", ncompl - shown);
		note(p, line);
	}
}

static void draw_warnings(struct pdf *p)
{
	title(p, "Warnings", 40);
	for (size_t i = 0; i < p->r->nwarn; i++)
		callout_line(p, 1, p->r->warnings[i]);
}

/* ---- page numbers, document ---- */

static void draw_footers(struct pdf *p)
{
	char s[11], u[11], left[80], num[32];

	snprintf(left, sizeof(left), "ttreport \xc2\xb7 %s \xe2\x86\x92 %s", date_format(p->r->span.since, s),
		 date_format(p->r->span.until, u));
	for (size_t i = 0; i < p->npages && !failed(p); i++) {
		p->page = p->pages[i];
		hline(p, MARGIN, PAGE_W - MARGIN, 28, 0.4, RULE);
		put(p, MARGIN, 15, 8.5, GRAY, AL_LEFT, left);
		snprintf(num, sizeof(num), "%zu / %zu", i + 1, p->npages);
		put(p, PAGE_W - MARGIN, 15, 9.5, GRAY, AL_RIGHT, num);
	}
}

static void set_info(struct pdf *p)
{
	char s[11], u[11], ttl[120];
	struct tm tm;
	time_t t = p->r->made;
	HPDF_Date d = { 0 };

	snprintf(ttl, sizeof(ttl), "TikTok ads summary %s to %s", date_format(p->r->span.since, s),
		 date_format(p->r->span.until, u));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, ttl);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, "ttreport");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "ttreport");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, "TikTok ads: spend, results and comments");
	gmtime_r(&t, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
}

static int open_doc(struct pdf *p, struct err *e)
{
	char path[4096];
	const char *font = p->o->font;
	const char *name;

	if (!font) {
		if (share_path("DejaVuSans-flat.ttf", path, sizeof(path)) != 0)
			return errf(e, EXIT_OUTPUT, "pdf: font DejaVuSans-flat.ttf not found "
				    "(TTREPORT_SHARE, or build it with make)");
		font = path;
	}
	if (shape_font_load(font, &p->shape, e))
		return err_wrap(e, "pdf: font");
	if (!(p->doc = HPDF_New(error_handler, p)))
		return errf(e, EXIT_OUTPUT, "pdf: libharu could not start (out of memory)");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	name = HPDF_LoadTTFontFromFile(p->doc, font, HPDF_TRUE);
	if (name)
		p->font = HPDF_GetFont(p->doc, name, "UTF-8");
	if (!p->font && !p->err)
		p->err = HPDF_INVALID_FONTDEF_DATA;
	if (p->err)
		return errf(e, EXIT_OUTPUT, "pdf: %s: libharu error 0x%04X loading the font", font,
			    (unsigned)p->err);
	set_info(p);
	return 0;
}

static int pdf_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	struct pdf p = { 0 };
	char path[4096], tmp[4200];
	int rc = 0;

	p.r = r;
	p.o = o;
	export_path(r, o->outdir, "ttreport", NULL, "pdf", path, sizeof(path));
	export_tmp_path(path, tmp, sizeof(tmp));
	if ((rc = open_doc(&p, e)))
		goto out;
	for (size_t i = 0; i < r->nadv; i++)
		draw_advertiser(&p, &r->advs[i]);
	if (r->nadv == 0) {
		new_page(&p);
		title(&p, "No advertiser in this report", 0);
	}
	if (r->triage.ran)
		draw_comments(&p);
	if (r->nwarn)
		draw_warnings(&p);
	draw_footers(&p);
	if (p.oom) {
		rc = errf(e, EXIT_OUTPUT, "%s: out of memory", path);
		goto out;
	}
	if (!p.err && HPDF_SaveToFile(p.doc, tmp) != HPDF_OK && !p.err)
		p.err = HPDF_FILE_IO_ERROR;
	if (p.err) {
		int saved = errno;
		export_abort(tmp);
		if (p.err == HPDF_FILE_OPEN_ERROR || p.err == HPDF_FILE_IO_ERROR)
			rc = errf(e, EXIT_OUTPUT, "%s: cannot write (libharu error 0x%04X: %s)", path,
				  (unsigned)p.err, strerror(saved));
		else
			rc = errf(e, EXIT_OUTPUT, "%s: libharu error 0x%04X (detail %u)", path,
				  (unsigned)p.err, (unsigned)p.err_detail);
		goto out;
	}
	rc = export_commit(tmp, path, e);
out:
	if (p.doc)
		HPDF_Free(p.doc);
	shape_font_free(p.shape);
	free(p.pages);
	return rc;
}

const struct exporter exporter_pdf = { "pdf", pdf_write };
