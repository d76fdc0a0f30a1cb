/* shape.h: text shaping for the PDF. A line of logical UTF-8 (as stored) goes in;
 * the visual UTF-8 that libharu draws left to right comes out: Arabic joined into
 * presentation forms (lam-alef ligatures included), mixed Arabic / Latin / digits
 * put in visual order by the Unicode bidi algorithm (GNU FriBidi), and every
 * character the font cannot draw replaced by a visible SHAPE_SUBST, never a blank.
 *
 * Ownership: shape_font_load() allocates a struct shape_font, shape_font_free()
 * frees it. Everything else writes into caller-owned buffers and allocates nothing.
 * Wrapping and shortening work on the logical text; each line is shaped on its own. */
#ifndef TT_SHAPE_H
#define TT_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* What a character the font cannot draw becomes: U+25A1 WHITE SQUARE. */
#define SHAPE_SUBST_CP 0x25A1u
#define SHAPE_SUBST "\xe2\x96\xa1"

/* Longest line handled, in characters (longer input is cut). */
#define SHAPE_MAX_CHARS 1024

/* Glyph coverage of a TrueType font: the Basic Multilingual Plane part of its
 * Windows Unicode cmap (format 4), the same table libharu maps text with. */
struct shape_font;

int shape_font_load(const char *path, struct shape_font **out, struct err *e);
void shape_font_free(struct shape_font *f);
/* f's own cmap has cp (BMP only). */
bool shape_font_has(const struct shape_font *f, uint32_t cp);
/* Make next the fallback of f: shaping then keeps every character f or a font
 * of its chain draws (astral ones through their PUA slot, fonts_pua.h) and
 * replaces only the others. f does not own next. */
void shape_font_chain(struct shape_font *f, const struct shape_font *next);

enum shape_dir { SHAPE_AUTO, SHAPE_LTR, SHAPE_RTL };

/* Direction of a paragraph: its first strong character (rule P2); LTR when none. */
enum shape_dir shape_direction(const char *s, size_t len);

/* Shape len bytes of s as one line of a paragraph of direction dir (SHAPE_AUTO:
 * from the line itself). Writes NUL-terminated visual UTF-8 to out (cut at a
 * character boundary when n is short). With f NULL every BMP character counts as
 * drawable. Returns how many characters were replaced by SHAPE_SUBST. */
int shape_line(const struct shape_font *f, const char *s, size_t len, enum shape_dir dir,
	       char *out, size_t n);

/* Width of a visual string, in whatever unit the caller lays out in. */
typedef double (*shape_width_fn)(void *ctx, const char *visual);

#define SHAPE_MAX_LINES 8
#define SHAPE_LINE_BYTES 512

struct shape_lines {
	int n;          /* lines written */
	bool shortened; /* the text did not fit and ends with "…" */
	bool rtl;       /* the paragraph is right to left: align lines to the right */
	char line[SHAPE_MAX_LINES][SHAPE_LINE_BYTES]; /* visual UTF-8 */
};

/* Break logical text s into at most maxlines lines no wider than width: at
 * spaces, or between characters for a word longer than a line. When text is
 * left over, the last line is shortened and ends with "…" (logically: in an
 * Arabic line it shows on the left). Every line is shaped in paragraph
 * direction dir (SHAPE_AUTO: that of the whole text, so a wrapped Arabic name
 * stays right-to-left on every line; an English sentence quoting an Arabic name
 * passes SHAPE_LTR). Returns the number of lines (at least 1). */
int shape_wrap(const struct shape_font *f, const char *s, enum shape_dir dir, double width,
	       int maxlines, shape_width_fn w, void *ctx, struct shape_lines *out);

#endif
