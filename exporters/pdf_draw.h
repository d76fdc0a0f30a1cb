/* pdf_draw.h: private to the PDF exporter: the page geometry, the colours,
 * struct pdf (one document being drawn, on the stack of pdf_write(); it owns
 * the libharu document, the shaping font and the page list) and the drawing
 * primitives of pdf_draw.c that the page files (pdf.c, pdf_chart.c,
 * pdf_rank.c) draw with; pdf_parts.h names what pdf.c uses of the other
 * two. Text arguments named `visual` are already shaped; the others are
 * logical text that the primitive shapes. */
#ifndef TT_PDF_DRAW_H
#define TT_PDF_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "exporters/exporter.h"
#include "exporters/l10n.h"
#include "exporters/pdf_text.h"
#include "exporters/shape.h"

#define PAGE_W 360.0
#define PAGE_H 640.0
#define MARGIN 18.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define TOP (PAGE_H - MARGIN)
#define BOTTOM 38.0 /* the footer lives below */

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

/* Right-to-left pages (Arabic): the primitives mirror every x they get
 * (x -> PAGE_W - x, left and right alignment swapped), so the page files lay
 * out left to right once and Arabic pages come out mirrored: text right-
 * aligned, tiles and table columns swapped, the chart's days from the right. */
struct pdf {
	HPDF_Doc doc;
	struct pdf_fonts fonts; /* the main font and its fallbacks, per run of text */
	bool rtl;               /* mirror the page (l10n_rtl()) */
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

/* libharu's error callback (ctx: the struct pdf): keeps the first error. */
void pdf_error_handler(HPDF_STATUS code, HPDF_STATUS detail, void *ctx);
/* The document failed (a libharu error, or out of memory). */
bool pdf_failed(const struct pdf *p);
void pdf_new_page(struct pdf *p);
/* Start a new page unless h more points fit above the footer. true when it did. */
bool pdf_need(struct pdf *p, double h);
double pdf_text_w(struct pdf *p, const char *visual, double size);
void pdf_fill(struct pdf *p, struct rgb c);
void pdf_stroke(struct pdf *p, struct rgb c);
/* Draw visual text with its baseline at y. */
void pdf_put(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
	     const char *visual);
/* Wrap logical text into at most maxlines lines of width w. */
int pdf_wrap(struct pdf *p, const char *s, enum shape_dir dir, double size, double w,
	     int maxlines, struct shape_lines *out);
/* Logical text on one line, shortened with "…" to fit width w. */
void pdf_text1(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
	       double w, const char *s);
/* A label (logical text, the page's direction) on one line; returns its width. */
double pdf_label(struct pdf *p, double x, double y, double size, struct rgb c, enum align al,
		 const char *s);
/* x of line i of a wrapped block starting at x (right-to-left: right edges together). */
double pdf_line_x(struct pdf *p, const struct shape_lines *l, int i, double x, double size);
/* Logical text wrapped from the cursor down; moves the cursor past it. */
void pdf_para(struct pdf *p, double x, double size, double lead, struct rgb c, double w,
	      int maxlines, enum shape_dir dir, const char *s);
void pdf_rect(struct pdf *p, double x, double y, double w, double h, struct rgb c);
/* A tappable link to url over the box (x, y, w, h) of the current page. */
void pdf_link(struct pdf *p, double x, double y, double w, double h, const char *url);
/* The paragraph direction of the labels: right to left on Arabic pages. */
enum shape_dir pdf_dir(const struct pdf *p);
void pdf_hline(struct pdf *p, double x0, double x1, double y, double width, struct rgb c);
void pdf_dot(struct pdf *p, double x, double y, double rad, struct rgb c);
/* A section title, on a new page unless `keep` more points fit under it. */
void pdf_title(struct pdf *p, const char *s, double keep);
/* A callout: a dot coloured by severity (2 alert, 1 warning) and the text. */
void pdf_callout_line(struct pdf *p, int severity, enum shape_dir dir, const char *text);
/* A small grey note under the cursor. */
void pdf_note(struct pdf *p, const char *s);
/* "1 234,56 MAD", "1,09 %", "3,10", "1 234"; "-" when missing. */
char *pdf_fmt_metric(const struct advertiser *a, enum metric m, mval v, char *buf, size_t n);
/* A day in the report's language: "2026-11-17", "17 nov. 2026", "17 نونبر 2026". */
char *pdf_fmt_date(int day, char *buf, size_t n);
/* "19/11" into buf[8]. */
char *pdf_fmt_day(int day, char *buf);

/* The document (pdf_doc.c): open with the font and info (p->r and p->o set),
 * "n / N" footers with `left` on every page, save atomically to path, free. */
int pdf_doc_open(struct pdf *p, const char *title, const char *subject, struct err *e);
void pdf_doc_footers(struct pdf *p, const char *left);
int pdf_doc_save(struct pdf *p, const char *path, struct err *e);
void pdf_doc_release(struct pdf *p);

#endif
