/* shape.c: logical UTF-8 -> visual UTF-8 for one PDF line (see shape.h).
 *
 * libharu draws the code points it is given from left to right, one glyph each,
 * with no shaping of its own. So, per line: decode, drop invisible format
 * characters, run FriBidi (bidi levels, Arabic joining, presentation-form shaping
 * with lam-alef ligatures, mirroring, reordering), drop the U+FEFF fillers the
 * ligatures leave, and replace what the font cannot draw.
 *
 * Glyph coverage comes from the font's own format 4 cmap, read once: it is the
 * table libharu maps Unicode to glyphs with, so "covered" means exactly "drawn",
 * for whatever font --font names (a fixed range list would be wrong for any font
 * but one). Characters above U+FFFF (emoji) are replaced unless a fallback font
 * chained to the main one (shape_font_chain) keeps them in its Private Use Area
 * (fonts_pua.h): libharu's UTF-8 path and the format 4 table only reach the BMP. */
#include "exporters/shape.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "core/utf8.h"
#include "exporters/fonts_pua.h"

struct shape_font {
	uint8_t bmp[0x10000 / 8]; /* bit set: the cmap maps this code point to a glyph */
	uint32_t subst;           /* SHAPE_SUBST_CP, or '?' when the font lacks it */
	const struct shape_font *next; /* the next fallback font, or NULL */
};

/* ---- font coverage ---- */

static uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p) { return be16(p) << 16 | be16(p + 2); }

static void cover(struct shape_font *f, uint32_t cp)
{
	f->bmp[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

bool shape_font_has(const struct shape_font *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return false;
	if (!f)
		return true;
	return f->bmp[cp >> 3] & (1u << (cp & 7));
}

void shape_font_chain(struct shape_font *f, const struct shape_font *next)
{
	f->next = next;
}

/* f or a fallback after it draws cp; a fallback draws an astral character
 * through its PUA slot (fonts_pua.h), the first font never. */
static bool covers(const struct shape_font *f, uint32_t cp)
{
	if (!f || shape_font_has(f, cp))
		return shape_font_has(f, cp);
	for (const struct shape_font *g = f->next; g; g = g->next) {
		uint32_t c = cp > 0xFFFF ? fonts_pua(cp) : cp;
		if (c && shape_font_has(g, c))
			return true;
	}
	return false;
}

/* Mark the code points of a format 4 subtable at t (size len). 0, or -1 if malformed. */
static int read_format4(struct shape_font *f, const uint8_t *t, size_t len)
{
	size_t segs, ends, starts, deltas, ranges;

	if (len < 14 || be16(t) != 4)
		return -1;
	segs = be16(t + 6) / 2;
	ends = 14;
	starts = ends + 2 * segs + 2;
	deltas = starts + 2 * segs;
	ranges = deltas + 2 * segs;
	if (ranges + 2 * segs > len)
		return -1;
	for (size_t i = 0; i < segs; i++) {
		uint32_t end = be16(t + ends + 2 * i), start = be16(t + starts + 2 * i);
		uint32_t delta = be16(t + deltas + 2 * i), roff = be16(t + ranges + 2 * i);

		for (uint32_t c = start; c <= end && c < 0xFFFF; c++) {
			uint32_t g;
			if (roff == 0) {
				g = (c + delta) & 0xFFFF;
			} else {
				size_t at = ranges + 2 * i + roff + 2 * (c - start);
				if (at + 2 > len)
					break;
				g = be16(t + at);
				if (g)
					g = (g + delta) & 0xFFFF;
			}
			if (g)
				cover(f, c);
		}
	}
	return 0;
}

static int read_cmap(struct shape_font *f, const uint8_t *d, size_t n)
{
	size_t cmap = 0, clen = 0, best = 0;
	int best_rank = 0;

	if (n < 12)
		return -1;
	for (size_t i = 0, nt = be16(d + 4); i < nt && 12 + 16 * (i + 1) <= n; i++) {
		const uint8_t *rec = d + 12 + 16 * i;
		if (memcmp(rec, "cmap", 4) == 0) {
			cmap = be32(rec + 8);
			clen = be32(rec + 12);
		}
	}
	if (!cmap || cmap > n || clen > n - cmap || clen < 4)
		return -1;
	for (size_t i = 0, nt = be16(d + cmap + 2); i < nt && 4 + 8 * (i + 1) <= clen; i++) {
		const uint8_t *rec = d + cmap + 4 + 8 * i;
		uint32_t plat = be16(rec), enc = be16(rec + 2), off = be32(rec + 4);
		int rank = plat == 3 && enc == 1 ? 2 : plat == 0 ? 1 : 0;

		if (off + 2 <= clen && be16(d + cmap + off) == 4 && rank > best_rank) {
			best_rank = rank;
			best = off;
		}
	}
	if (!best_rank)
		return -1;
	return read_format4(f, d + cmap + best, clen - best);
}

int shape_font_load(const char *path, struct shape_font **out, struct err *e)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	struct shape_font *f = NULL;
	long size;
	int rc = 0;

	*out = NULL;
	if (!fp)
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 12 || size > 64L << 20 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return errf(e, EXIT_OUTPUT, "%s: not a font file", path);
	}
	data = malloc((size_t)size);
	f = calloc(1, sizeof(*f));
	if (!data || !f)
		rc = errf(e, EXIT_OUTPUT, "%s: out of memory", path);
	else if (fread(data, 1, (size_t)size, fp) != (size_t)size)
		rc = errf(e, EXIT_OUTPUT, "%s: read failed", path);
	else if (read_cmap(f, data, (size_t)size) != 0)
		rc = errf(e, EXIT_OUTPUT, "%s: no usable unicode cmap (format 4)", path);
	fclose(fp);
	free(data);
	if (rc) {
		free(f);
		return rc;
	}
	f->subst = shape_font_has(f, SHAPE_SUBST_CP) ? SHAPE_SUBST_CP : '?';
	*out = f;
	return 0;
}

void shape_font_free(struct shape_font *f)
{
	free(f);
}

/* ---- UTF-8 ---- */

/* Decode one character at s[*i] (len bytes in all); malformed input is U+FFFD. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i, need;
	uint32_t c = p[0], min;

	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 2, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 3, c &= 0x07, min = 0x10000;
	else {
		*i += 1;
		return 0xFFFD;
	}
	if (left <= need) {
		*i = len;
		return 0xFFFD;
	}
	for (size_t k = 1; k <= need; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*i += k;
			return 0xFFFD;
		}
		c = c << 6 | (p[k] & 0x3F);
	}
	*i += need + 1;
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	return c;
}

/* Invisible format characters: zero-width (non-)joiners and spaces, bidi marks
 * and embeddings, variation selectors, BOM, emoji skin tones and tags. They
 * would otherwise become replacement boxes next to the character they modify. */
static bool invisible(uint32_t c)
{
	return fonts_invisible(c); /* one list, shared with fonts.c */
}

/* Decode len bytes into at most SHAPE_MAX_CHARS code points, dropping invisible
 * characters and turning control characters into spaces. */
static FriBidiStrIndex decode(const char *s, size_t len, FriBidiChar *u)
{
	FriBidiStrIndex n = 0;

	for (size_t i = 0; i < len && n < SHAPE_MAX_CHARS;) {
		uint32_t c = utf8_next(s, len, &i);
		if (invisible(c))
			continue;
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			c = ' ';
		u[n++] = c;
	}
	return n;
}

/* ---- shaping ---- */

static FriBidiParType par_type(const FriBidiCharType *types, FriBidiStrIndex n, enum shape_dir dir)
{
	if (dir == SHAPE_LTR)
		return FRIBIDI_PAR_LTR;
	if (dir == SHAPE_RTL)
		return FRIBIDI_PAR_RTL;
	return fribidi_get_par_direction(types, n) == FRIBIDI_PAR_RTL ? FRIBIDI_PAR_RTL
								       : FRIBIDI_PAR_LTR;
}

enum shape_dir shape_direction(const char *s, size_t len)
{
	FriBidiChar u[SHAPE_MAX_CHARS];
	FriBidiCharType types[SHAPE_MAX_CHARS];
	FriBidiStrIndex n = decode(s, len, u);

	fribidi_get_bidi_types(u, n, types);
	return par_type(types, n, SHAPE_AUTO) == FRIBIDI_PAR_RTL ? SHAPE_RTL : SHAPE_LTR;
}

/* "3 356,69": a space between two digits groups thousands. As a plain space
 * (a neutral) the bidi algorithm would let "3" and "356,69" trade places in a
 * right-to-left line; typed as a common separator (what U+202F, the narrow
 * no-break space, is) it joins the number, and the space glyph stays. */
static void keep_numbers_whole(const FriBidiChar *u, FriBidiStrIndex n, FriBidiCharType *types)
{
	for (FriBidiStrIndex i = 1; i + 1 < n; i++)
		if (u[i] == ' ' && u[i - 1] >= '0' && u[i - 1] <= '9' && u[i + 1] >= '0' && u[i + 1] <= '9')
			types[i] = FRIBIDI_TYPE_CS;
}

int shape_line(const struct shape_font *f, const char *s, size_t len, enum shape_dir dir,
	       char *out, size_t n)
{
	FriBidiChar u[SHAPE_MAX_CHARS], orig[SHAPE_MAX_CHARS];
	FriBidiCharType types[SHAPE_MAX_CHARS];
	FriBidiBracketType brackets[SHAPE_MAX_CHARS];
	FriBidiLevel levels[SHAPE_MAX_CHARS];
	FriBidiArabicProp joins[SHAPE_MAX_CHARS];
	FriBidiStrIndex map[SHAPE_MAX_CHARS];
	FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;
	FriBidiStrIndex nc = decode(s, len, u);
	FriBidiParType pdir;
	uint32_t subst = f ? f->subst : SHAPE_SUBST_CP;
	size_t o = 0;
	int replaced = 0;

	if (n == 0)
		return 0;
	memcpy(orig, u, sizeof(u[0]) * (size_t)nc);
	for (FriBidiStrIndex i = 0; i < nc; i++)
		map[i] = i;
	fribidi_get_bidi_types(u, nc, types);
	keep_numbers_whole(u, nc, types);
	fribidi_get_bracket_types(u, nc, types, brackets);
	pdir = par_type(types, nc, dir);
	/* On failure (out of memory inside FriBidi) the line stays logical. */
	if (nc > 0 && fribidi_get_par_embedding_levels_ex(types, brackets, nc, &pdir, levels)) {
		fribidi_get_joining_types(u, nc, joins);
		fribidi_join_arabic(types, nc, levels, joins);
		fribidi_shape(flags, levels, nc, joins, u);
		if (!fribidi_reorder_line(flags, types, nc, 0, pdir, levels, u, map)) {
			memcpy(u, orig, sizeof(u[0]) * (size_t)nc);
			for (FriBidiStrIndex i = 0; i < nc; i++)
				map[i] = i;
		}
	}
	for (FriBidiStrIndex i = 0; i < nc; i++) {
		uint32_t c = u[i];
		char enc[4];
		size_t k;

		if (c == FRIBIDI_CHAR_FILL) /* the second half of a lam-alef ligature */
			continue;
		if (!covers(f, c)) {
			uint32_t base = orig[map[i]];
			/* a presentation form the font lacks: its nominal letter still reads */
			if (base != c && covers(f, base) && base != FRIBIDI_CHAR_FILL) {
				c = base;
			} else {
				c = subst;
				replaced++;
			}
		}
		k = utf8_put(c, enc);
		if (o + k >= n)
			break;
		memcpy(out + o, enc, k);
		o += k;
	}
	out[o] = '\0';
	return replaced;
}

/* ---- wrapping ---- */

struct wrap {
	const struct shape_font *f;
	const char *s;
	enum shape_dir dir;
	double width;
	shape_width_fn w;
	void *ctx;
	char buf[SHAPE_LINE_BYTES];
};

/* Shape s[p, q) (plus "…" when ell) into buf; trailing spaces dropped. */
static void wrap_shape(struct wrap *wr, size_t p, size_t q, bool ell, char *buf)
{
	char tmp[SHAPE_LINE_BYTES];
	size_t len;

	while (q > p && wr->s[q - 1] == ' ')
		q--;
	len = q - p;
	if (len > sizeof(tmp) - 4)
		len = sizeof(tmp) - 4;
	while (len > 0 && ((unsigned char)wr->s[p + len] & 0xC0) == 0x80 && p + len < q)
		len--; /* do not cut a character in two */
	memcpy(tmp, wr->s + p, len);
	if (ell) {
		memcpy(tmp + len, "\xe2\x80\xa6", 3);
		len += 3;
	}
	shape_line(wr->f, tmp, len, wr->dir, buf, SHAPE_LINE_BYTES);
}

static bool wrap_fits(struct wrap *wr, size_t p, size_t q, bool ell)
{
	wrap_shape(wr, p, q, ell, wr->buf);
	return wr->w(wr->ctx, wr->buf) <= wr->width;
}

/* The space at s[i] joins the digit groups of a number ("1 940,00"): no
 * line break there, as no bidi reordering (keep_numbers_whole). */
static bool digit_groups(const char *s, size_t i)
{
	return i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
}

static size_t next_char(const char *s, size_t i)
{
	i++;
	while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* The longest prefix s[p, q) cut between characters that fits (with "…" when
 * ell); at least one character when nothing fits and ell is false. */
static size_t wrap_chars(struct wrap *wr, size_t p, size_t len, bool ell)
{
	size_t best = ell ? p : next_char(wr->s, p);

	for (size_t q = next_char(wr->s, p); q <= len; q = next_char(wr->s, q)) {
		if (!wrap_fits(wr, p, q, ell))
			break;
		best = q;
		if (q == len)
			break;
	}
	return best;
}

int shape_wrap(const struct shape_font *f, const char *s, enum shape_dir dir, double width,
	       int maxlines, shape_width_fn w, void *ctx, struct shape_lines *out)
{
	struct wrap wr = { f, s ? s : "", SHAPE_LTR, width, w, ctx, { 0 } };
	size_t len = strlen(wr.s), p = 0;

	if (maxlines < 1)
		maxlines = 1;
	if (maxlines > SHAPE_MAX_LINES)
		maxlines = SHAPE_MAX_LINES;
	wr.dir = dir == SHAPE_AUTO ? shape_direction(wr.s, len) : dir;
	out->rtl = wr.dir == SHAPE_RTL;
	out->n = 0;
	out->shortened = false;
	while (out->n < maxlines) {
		char *line = out->line[out->n];
		size_t q, best = 0;

		while (p < len && wr.s[p] == ' ')
			p++;
		if (p >= len)
			break;
		if (wrap_fits(&wr, p, len, false)) {
			memcpy(line, wr.buf, sizeof(wr.buf));
			out->n++;
			break;
		}
		if (out->n == maxlines - 1) { /* the last line: shorten */
			q = wrap_chars(&wr, p, len, true);
			wrap_shape(&wr, p, q, true, line);
			out->n++;
			out->shortened = true;
			break;
		}
		for (q = p + 1; q < len; q++)
			if (wr.s[q] == ' ' && wr.s[q - 1] != ' ' && !digit_groups(wr.s, q)) {
				if (!wrap_fits(&wr, p, q, false))
					break;
				best = q;
			}
		if (!best)
			best = wrap_chars(&wr, p, len, false);
		wrap_shape(&wr, p, best, false, line);
		out->n++;
		p = best;
	}
	if (out->n == 0)
		out->line[out->n++][0] = '\0';
	return out->n;
}
