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
	HPDF_TextWidth tw;

	if (pdf_failed(p) || !*visual)
		return 0;
	tw = HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)visual, (HPDF_UINT)strlen(visual));
	return tw.width * size / 1000.0;
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
	if (al != AL_LEFT) {
		double w = pdf_text_w(p, visual, size);
		x -= al == AL_RIGHT ? w : w / 2;
	}
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, (HPDF_REAL)size);
	pdf_fill(p, c);
	HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)y, visual);
	HPDF_Page_EndText(p->page);
}

/* Wrap logical text into at most maxlines lines of width w. */
int pdf_wrap(struct pdf *p, const char *s, enum shape_dir dir, double size, double w,
		int maxlines, struct shape_lines *out)
{
	p->wsize = size;
	return shape_wrap(p->shape, s, dir, w, maxlines, width_cb, p, out);
}

/* Logical text on one line, shortened with "…" to fit width w. */
void pdf_text1(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		  double w, const char *s)
{
	struct shape_lines l;

	pdf_wrap(p, s, SHAPE_AUTO, size, w, 1, &l);
	pdf_put(p, x, y, size, c, al, l.line[0]);
}

/* x of line i of a wrapped block starting at x: a right-to-left paragraph
 * keeps its lines' right edges together (ragged on the left, as it reads). */
double pdf_line_x(struct pdf *p, const struct shape_lines *l, int i, double x, double size)
{
	double wmax = 0;

	if (!l->rtl || l->n < 2)
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
	HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

void pdf_hline(struct pdf *p, double x0, double x1, double y, double width, struct rgb c)
{
	if (pdf_failed(p))
		return;
	pdf_stroke(p, c);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

void pdf_dot(struct pdf *p, double x, double y, double rad, struct rgb c)
{
	if (pdf_failed(p))
		return;
	pdf_fill(p, c);
	HPDF_Page_Circle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)rad);
	HPDF_Page_Fill(p->page);
}

/* A section title: a little space, then 15 pt text; on a new page unless
 * `keep` more points of what follows fit under it. */
void pdf_title(struct pdf *p, const char *s, double keep)
{
	pdf_need(p, 42 + keep);
	if (p->y < TOP)
		p->y -= 10;
	pdf_para(p, MARGIN, 15, 20, INK, CONTENT_W, 2, SHAPE_AUTO, s);
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
			unit = a->currency ? a->currency : ""; /* none when advertiser/info/ failed */
		else if (m == M_CTR || m == M_CVR)
			unit = "%";
	}
	snprintf(buf, n, "%s%s%s", num, *unit ? " " : "", unit);
	return buf;
}

char *pdf_fmt_day(int day, char *buf) /* "19/11" */
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 8, "%02d/%02d", d % 100, m % 100);
	return buf;
}

void pdf_note(struct pdf *p, const char *s)
{
	p->y -= 4;
	pdf_para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 3, SHAPE_LTR, s);
}
