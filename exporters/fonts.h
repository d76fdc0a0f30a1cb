/* fonts.h: the fonts of the PDF, the main one and its fallbacks, and which of
 * them draws each character. A line of visual UTF-8 (shape.c's output) is cut
 * into runs, one per font; an astral character becomes the Private Use Area
 * character its fallback font keeps it at (fonts_pua.h), and the run carries
 * the real text for /ActualText. A character no font has is counted once in
 * fs->missing so that the run can warn once, listing them.
 *
 * Ownership: fontset_load() fills a caller-owned struct fontset and allocates
 * its coverage tables; fontset_release() frees them. Runs are written into a
 * caller-owned struct font_runs; nothing else allocates. */
#ifndef TT_FONTS_H
#define TT_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "exporters/shape.h"

#define FONTS_MAX 4          /* the main font and up to three fallbacks */
#define FONTS_MISSING_MAX 32 /* distinct characters listed in the warning */
#define FONTS_RUNS_MAX 32    /* runs in one line; the rest joins the last run */
#define FONTS_RUN_BYTES (2 * SHAPE_LINE_BYTES)

/* The fallback font files, in the order they are tried after the main font:
 * made at build time by scripts/fallback_font.py, shipped beside it. */
extern const char *const fonts_fallback_files[];
extern const int fonts_fallback_n;

struct fontset {
	int n;
	struct shape_font *cov[FONTS_MAX]; /* BMP coverage of each font (PUA included) */
	uint32_t missing[FONTS_MISSING_MAX];
	int nmissing;                     /* distinct characters no font has (capped) */
	long nmissing_total;              /* every occurrence, for the count */
};

/* Load the coverage of n font files (paths[0] the main font). */
int fontset_load(struct fontset *fs, const char *const *paths, int n, struct err *e);
void fontset_release(struct fontset *fs);

/* The font that draws code point cp (astral: through its PUA slot); -1 if none.
 * Invisible characters (fonts_invisible) need none and give 0. */
int fontset_pick(const struct fontset *fs, uint32_t cp);

/* Note every character of logical UTF-8 s that no font has (controls and
 * invisible characters aside). Returns how many characters of s are missing. */
int fontset_scan(struct fontset *fs, const char *s);

/* "U+1F9FF ⧿, U+10FFFD" style list of the missing characters, for one warning. */
char *fontset_missing_text(const struct fontset *fs, char *buf, size_t n);

struct font_run {
	int font;           /* index into the set */
	const char *text;   /* what to draw with that font (NUL-terminated) */
	const char *actual; /* the characters text stands for, or NULL when the same */
};

struct font_runs {
	int n;
	struct font_run r[FONTS_RUNS_MAX];
	char buf[2 * FONTS_RUN_BYTES];
};

/* Cut visual UTF-8 s into runs of one font each. A character no font has is
 * drawn by font 0 (shape.c already made it SHAPE_SUBST). Returns out->n. */
int fontset_runs(const struct fontset *fs, const char *s, struct font_runs *out);

#endif
