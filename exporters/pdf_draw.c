/* pdf_draw.c: the drawing primitives of the PDF over libharu: pages and the
 * cursor, text (shaped by shape.c, wrapped, shortened), boxes, lines, dots,
 * section titles, and numbers written for people. Every primitive does nothing
 * once the document has failed (the first libharu error is kept). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/pdf_draw.h"

void pdf_error_handler(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	struct pdf *p = ctx;

	if (!p->err) {
		p->err = code;
		p->err_detail = detail;
	}
}

bool pdf_failed(const struct pdf *p)
{
	return p->err || p->oom;
}

void pdf_new_page(struct pdf *p)
{
	if (pdf_failed(p))
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
bool pdf_need(struct pdf *p, double h)
{
	if (p->page && p->y - h >= BOTTOM)
		return false;
	pdf_new_page(p);
	return true;
}

double pdf_text_w(struct pdf *p, const char *visual, double size)
{
	if (pdf_failed(p) || !*visual)
		return 0;
	return pdf_fonts_width(&p->fonts, visual, size);
}

/* x on the page: mirrored on a right-to-left page. */
static double mx(const struct pdf *p, double x)
{
	return p->rtl ? PAGE_W - x : x;
}

enum shape_dir pdf_dir(const struct pdf *p)
{
	return p->rtl ? SHAPE_RTL : SHAPE_LTR;
}

static double width_cb(void *ctx, const char *visual)
{
	struct pdf *p = ctx;
	return pdf_text_w(p, visual, p->wsize);
}

void pdf_fill(struct pdf *p, struct rgb c)
{
	HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

void pdf_stroke(struct pdf *p, struct rgb c)
{
	HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
}

/* Draw visual (already shaped) text with its baseline at y. */
void pdf_put(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		const char *visual)
{
	if (pdf_failed(p) || !*visual)
		return;
	x = mx(p, x);
	if (p->rtl && al != AL_CENTER)
		al = al == AL_LEFT ? AL_RIGHT : AL_LEFT;
	if (al != AL_LEFT) {
		double w = pdf_text_w(p, visual, size);
		x -= al == AL_RIGHT ? w : w / 2;
	}
	pdf_fill(p, c);
	pdf_fonts_draw(&p->fonts, p->page, x, y, size, visual);
}

/* Wrap logical text into at most maxlines lines of width w. */
int pdf_wrap(struct pdf *p, const char *s, enum shape_dir dir, double size, double w,
		int maxlines, struct shape_lines *out)
{
	p->wsize = size;
	fontset_scan(&p->fonts.set, s); /* what no font draws, for one warning */
	return shape_wrap(pdf_fonts_coverage(&p->fonts), s, dir, w, maxlines, width_cb, p, out);
}

/* Logical text on one line, shortened with "…" to fit width w. */
void pdf_text1(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		  double w, const char *s)
{
	struct shape_lines l;

	pdf_wrap(p, s, SHAPE_AUTO, size, w, 1, &l);
	pdf_put(p, x, y, size, c, al, l.line[0]);
}

double pdf_label(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		 const char *s)
{
	struct shape_lines l;

	pdf_wrap(p, s, pdf_dir(p), size, PAGE_W, 1, &l);
	pdf_put(p, x, y, size, c, al, l.line[0]);
	return pdf_text_w(p, l.line[0], size);
}

/* x of line i of a wrapped block starting at x: a paragraph against the
 * page's direction (right-to-left text on a left-to-right page, or the other
 * way) keeps its lines' far edges together, ragged where it starts reading. */
double pdf_line_x(struct pdf *p, const struct shape_lines *l, int i, double x, double size)
{
	double wmax = 0;

	if (l->rtl == p->rtl || l->n < 2)
		return x;
	for (int k = 0; k < l->n; k++) {
		double w = pdf_text_w(p, l->line[k], size);
		if (w > wmax)
			wmax = w;
	}
	return x + wmax - pdf_text_w(p, l->line[i], size);
}

/* Logical text wrapped from the cursor down (first baseline size below p->y);
 * moves the cursor past it. */
void pdf_para(struct pdf *p, double x, double size, double lead, struct rgb c, double w,
		 int maxlines, enum shape_dir dir, const char *s)
{
	struct shape_lines l;

	pdf_wrap(p, s, dir, size, w, maxlines, &l);
	for (int i = 0; i < l.n; i++) {
		pdf_need(p, lead);
		pdf_put(p, pdf_line_x(p, &l, i, x, size), p->y - size, size, c, AL_LEFT, l.line[i]);
		p->y -= lead;
	}
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h, struct rgb c)
{
	if (pdf_failed(p))
		return;
	pdf_fill(p, c);
	if (p->rtl)
		x = PAGE_W - x - w;
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

void pdf_link(struct pdf *p, double x, double y, double w, double h, const char *url)
{
	HPDF_Rect r;
	HPDF_Annotation an;

	if (pdf_failed(p) || !url || !*url)
		return;
	if (p->rtl)
		x = PAGE_W - x - w;
	r.left = (HPDF_REAL)x;
	r.bottom = (HPDF_REAL)y;
	r.right = (HPDF_REAL)(x + w);
	r.top = (HPDF_REAL)(y + h);
	if ((an = HPDF_Page_CreateURILinkAnnot(p->page, r, url)))
		HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0); /* no frame: the text is blue */
}

void pdf_hline(struct pdf *p, double x0, double x1, double y, double width, struct rgb c)
{
	if (pdf_failed(p))
		return;
	pdf_stroke(p, c);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)mx(p, x0), (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)mx(p, x1), (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

void pdf_dot(struct pdf *p, double x, double y, double rad, struct rgb c)
{
	if (pdf_failed(p))
		return;
	pdf_fill(p, c);
	HPDF_Page_Circle(p->page, (HPDF_REAL)mx(p, x), (HPDF_REAL)y, (HPDF_REAL)rad);
	HPDF_Page_Fill(p->page);
}

/* A section title: a little space, then 15 pt text; on a new page unless
 * `keep` more points of what follows fit under it. */
void pdf_title(struct pdf *p, const char *s, double keep)
{
	pdf_need(p, 42 + keep);
	if (p->y < TOP)
		p->y -= 10;
	pdf_para(p, MARGIN, 15, 20, INK, CONTENT_W, 2, pdf_dir(p), s);
	p->y -= 4;
}

/* ---- numbers for people ---- */

/* "1 234,56 MAD", "1,09 %", "3,10", "1 234"; "-" when missing. */
char *pdf_fmt_metric(const struct advertiser *a, enum metric m, mval v, char *buf, size_t n)
{
	char num[48];
	const char *unit = "";

	metric_format(m, v, a->decimals, true, num, sizeof(num));
	if (v != MV_MISSING) {
		if (metric_defs[m].type == MT_MONEY)
			unit = l10n_currency(a->currency); /* "" when advertiser/info/ failed */
		else if (m == M_CTR || m == M_CVR)
			unit = "%";
	}
	snprintf(buf, n, "%s%s%s", num, *unit ? " " : "", unit);
	return buf;
}

char *pdf_fmt_date(int day, char *buf, size_t n)
{
	return l10n_date(day, buf, n);
}

char *pdf_fmt_day(int day, char *buf) /* "19/11" */
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 8, "%02d/%02d", d % 100, m % 100);
	return buf;
}

/* A dot coloured by severity and the text beside it, wrapped. */
void pdf_callout_line(struct pdf *p, int severity, enum shape_dir dir, const char *text)
{
	struct shape_lines l;
	struct rgb c = severity >= 2 ? BAD : severity == 1 ? WARN : GRAY;

	pdf_wrap(p, text, dir, 11, CONTENT_W - 16, 5, &l);
	pdf_need(p, 15.0 * l.n + 4);
	pdf_dot(p, MARGIN + 4, p->y - 7.5, 3.6, c);
	for (int i = 0; i < l.n; i++) {
		pdf_put(p, pdf_line_x(p, &l, i, MARGIN + 16, 11), p->y - 11, 11, INK, AL_LEFT, l.line[i]);
		p->y -= 15;
	}
	p->y -= 5;
}

void pdf_note(struct pdf *p, const char *s)
{
	p->y -= 4;
	pdf_para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 3, pdf_dir(p), s);
}
