/* fonts.c: which font draws each character (fonts.h). */
#include "exporters/fonts.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "exporters/fonts_pua.h"

const char *const fonts_fallback_files[] = {
	"Symbola-fallback.ttf",       /* fonts-symbola: emoji, dingbats, symbols, math letters */
	"DroidSansFallback-flat.ttf", /* fonts-droid-fallback: Chinese, Japanese, Korean */
	"Unifont-upper.ttf",          /* fonts-unifont: emoji newer than Symbola's Unicode 9 */
};
const int fonts_fallback_n = (int)(sizeof(fonts_fallback_files) / sizeof(fonts_fallback_files[0]));

int fontset_load(struct fontset *fs, const char *const *paths, int n, struct err *e)
{
	memset(fs, 0, sizeof(*fs));
	if (n < 1 || n > FONTS_MAX)
		return errf(e, EXIT_OUTPUT, "fonts: %d fonts given, 1 to %d expected", n, FONTS_MAX);
	for (int i = 0; i < n; i++) {
		if (shape_font_load(paths[i], &fs->cov[i], e)) {
			fontset_release(fs);
			return e->code;
		}
		fs->n = i + 1;
	}
	return 0;
}

void fontset_release(struct fontset *fs)
{
	for (int i = 0; i < fs->n; i++)
		shape_font_free(fs->cov[i]);
	memset(fs, 0, sizeof(*fs));
}

int fontset_pick(const struct fontset *fs, uint32_t cp)
{
	uint32_t pua;

	if (fonts_invisible(cp))
		return 0;
	if (cp > 0xFFFF) {
		if (!(pua = fonts_pua(cp)))
			return -1;
		for (int i = 1; i < fs->n; i++) /* only the fallbacks keep astral glyphs there */
			if (shape_font_has(fs->cov[i], pua))
				return i;
		return -1;
	}
	if (cp >= 0xE000 && cp <= 0xF8FF) /* a PUA character of the text itself */
		return fs->n > 0 && shape_font_has(fs->cov[0], cp) ? 0 : -1;
	for (int i = 0; i < fs->n; i++)
		if (shape_font_has(fs->cov[i], cp))
			return i;
	return -1;
}

/* Next code point of s at *i; malformed bytes give U+FFFD, one byte at a time. */
static uint32_t next_cp(const unsigned char *s, size_t *i)
{
	uint32_t c = s[*i];
	int need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
	size_t k;

	(*i)++;
	if (need < 0)
		return 0xFFFD;
	c &= need == 0 ? 0x7F : need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07;
	for (k = 0; k < (size_t)need; k++) {
		if ((s[*i] & 0xC0) != 0x80)
			return 0xFFFD;
		c = c << 6 | (s[(*i)++] & 0x3F);
	}
	return c;
}

static void note_missing(struct fontset *fs, uint32_t cp)
{
	fs->nmissing_total++;
	for (int i = 0; i < fs->nmissing; i++)
		if (fs->missing[i] == cp)
			return;
	if (fs->nmissing < FONTS_MISSING_MAX)
		fs->missing[fs->nmissing++] = cp;
}

int fontset_scan(struct fontset *fs, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int n = 0;

	while (s && u[i]) {
		uint32_t c = next_cp(u, &i);
		if (c < 0x20 || (c >= 0x7F && c < 0xA0) || fontset_pick(fs, c) >= 0)
			continue;
		note_missing(fs, c);
		n++;
	}
	return n;
}

char *fontset_missing_text(const struct fontset *fs, char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < fs->nmissing && o + 1 < n; i++) {
		char ch[5] = "";
		uint32_t c = fs->missing[i];
		/* show the character itself unless it is invisible or malformed */
		if (c != 0xFFFD && !fonts_invisible(c))
			ch[utf8_put(c, ch)] = '\0';
		o += (size_t)snprintf(buf + o, n - o, "%sU+%04X%s%s", i ? ", " : "", (unsigned)c,
				      *ch ? " " : "", ch);
	}
	if (fs->nmissing == FONTS_MISSING_MAX && o + 1 < n)
		snprintf(buf + o, n - o, ", ...");
	return buf;
}

/* Append n bytes to the runs' buffer at *o (bounded); false when full. */
static bool add(struct font_runs *out, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 >= sizeof(out->buf))
		return false;
	memcpy(out->buf + *o, s, n);
	*o += n;
	return true;
}

struct cut {
	int font;
	size_t from, to; /* bytes of s in this run */
	bool astral;
};

/* Split s into at most FONTS_RUNS_MAX spans of one font each. */
static int cut_runs(const struct fontset *fs, const char *s, struct cut *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int n = 0;

	while (u[i]) {
		size_t at = i;
		uint32_t cp = next_cp(u, &i);
		int f = fontset_pick(fs, cp);
		if (f < 0 || fonts_invisible(cp))
			f = n ? c[n - 1].font : 0;
		if (n == 0 || (c[n - 1].font != f && n < FONTS_RUNS_MAX)) {
			c[n] = (struct cut){ f, at, at, false };
			n++;
		}
		c[n - 1].to = i;
		c[n - 1].astral |= cp > 0xFFFF;
	}
	return n;
}

int fontset_runs(const struct fontset *fs, const char *s, struct font_runs *out)
{
	struct cut c[FONTS_RUNS_MAX];
	int n = cut_runs(fs, s ? s : "", c);
	size_t o = 0;

	out->n = 0;
	for (int k = 0; k < n; k++) {
		struct font_run *r = &out->r[out->n];
		const unsigned char *u = (const unsigned char *)s;
		size_t start = o, i = c[k].from;
		bool ok = true;

		r->font = c[k].font;
		r->actual = NULL;
		while (ok && i < c[k].to) {
			char enc[4];
			uint32_t cp = next_cp(u, &i), pua = cp > 0xFFFF ? fonts_pua(cp) : 0;
			if (fonts_invisible(cp))
				continue;
			ok = add(out, &o, enc, utf8_put(pua ? pua : cp, enc));
		}
		out->buf[o++] = '\0';
		r->text = out->buf + start;
		if (c[k].astral && o + (c[k].to - c[k].from) + 1 < sizeof(out->buf)) {
			r->actual = out->buf + o;
			add(out, &o, s + c[k].from, c[k].to - c[k].from);
			out->buf[o++] = '\0';
		}
		out->n++;
		if (!ok)
			break;
	}
	return out->n;
}
