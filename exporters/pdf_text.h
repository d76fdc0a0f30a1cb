/* pdf_text.h: text in the PDF with the main font and its fallbacks: each line
 * of visual UTF-8 is drawn as runs of one font each (fonts.h); a run of astral
 * characters (drawn through their Private Use Area slots) is wrapped in a
 * marked-content span with /ActualText, so copying or pdftotext gives the real
 * emoji. Every font is embedded by libharu as a subset of the glyphs used.
 *
 * Ownership: struct pdf_fonts lives with the document; pdf_fonts_load() fills
 * it, pdf_fonts_release() frees the coverage tables (libharu owns the fonts). */
#ifndef TT_PDF_TEXT_H
#define TT_PDF_TEXT_H

#include <hpdf.h>
#include <stdbool.h>

#include "core/err.h"
#include "exporters/fonts.h"

struct pdf_fonts {
	struct fontset set;        /* coverage, font 0 the main one */
	HPDF_Font font[FONTS_MAX]; /* the libharu fonts, same order */
	char name[FONTS_MAX][64];  /* their PostScript names, for messages */
	int warned;                /* missing characters already reported */
};

/* Load the main font (path) and the fallbacks shipped beside it (share_path;
 * a missing fallback file is logged and skipped). The coverage chain of
 * set.cov[0] then answers for all of them (shape_font_chain). */
int pdf_fonts_load(struct pdf_fonts *pf, HPDF_Doc doc, const char *path, struct err *e);
void pdf_fonts_release(struct pdf_fonts *pf);

/* The shaping coverage: what any of the fonts can draw. */
const struct shape_font *pdf_fonts_coverage(const struct pdf_fonts *pf);

/* Width of visual text at size (points). */
double pdf_fonts_width(const struct pdf_fonts *pf, const char *visual, double size);

/* Draw visual text with its baseline at (x, y), left aligned; the page's text
 * state (colour) is the caller's. */
void pdf_fonts_draw(const struct pdf_fonts *pf, HPDF_Page page, double x, double y, double size,
		    const char *visual);

/* Log one warning listing the characters no font has, when there are new ones. */
void pdf_fonts_warn(struct pdf_fonts *pf, const char *file);

#endif
