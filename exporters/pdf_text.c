/* pdf_text.c: text runs per font, with /ActualText for astral ones (pdf_text.h). */
#include "exporters/pdf_text.h"

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/share.h"

static int load_one(struct pdf_fonts *pf, HPDF_Doc doc, int i, const char *path, struct err *e)
{
	const char *name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);

	if (name)
		pf->font[i] = HPDF_GetFont(doc, name, "UTF-8");
	if (!pf->font[i])
		return errf(e, EXIT_OUTPUT, "pdf: %s: libharu error 0x%04X loading the font", path,
			    (unsigned)HPDF_GetError(doc));
	snprintf(pf->name[i], sizeof(pf->name[i]), "%s", name);
	return 0;
}

/* A fallback font file: beside the main font (a build tree, --font's folder),
 * else where the shipped files are (share_path). */
static int find_fallback(const char *main_path, const char *name, char *out, size_t n)
{
	const char *slash = strrchr(main_path, '/');

	if (slash) {
		snprintf(out, n, "%.*s/%s", (int)(slash - main_path), main_path, name);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return share_path(name, out, n);
}

int pdf_fonts_load(struct pdf_fonts *pf, HPDF_Doc doc, const char *path, struct err *e)
{
	char found[FONTS_MAX][4096];
	const char *paths[FONTS_MAX];
	int n = 0;

	memset(pf, 0, sizeof(*pf));
	paths[n++] = path;
	for (int i = 0; i < fonts_fallback_n && n < FONTS_MAX; i++) {
		if (find_fallback(path, fonts_fallback_files[i], found[n], sizeof(found[n])) != 0) {
			log_warn("pdf: fallback font %s not found (make builds it): its characters "
				 "will show as a box", fonts_fallback_files[i]);
			continue;
		}
		paths[n] = found[n];
		n++;
	}
	if (fontset_load(&pf->set, paths, n, e))
		return err_wrap(e, "pdf: font");
	for (int i = 0; i < n; i++)
		if (load_one(pf, doc, i, paths[i], e))
			return e->code;
	for (int i = 0; i + 1 < n; i++)
		shape_font_chain(pf->set.cov[i], pf->set.cov[i + 1]);
	return 0;
}

void pdf_fonts_release(struct pdf_fonts *pf)
{
	fontset_release(&pf->set);
}

const struct shape_font *pdf_fonts_coverage(const struct pdf_fonts *pf)
{
	return pf->set.cov[0];
}

double pdf_fonts_width(const struct pdf_fonts *pf, const char *visual, double size)
{
	struct font_runs r;
	double w = 0;

	if (!visual || !*visual)
		return 0;
	fontset_runs(&pf->set, visual, &r);
	for (int i = 0; i < r.n; i++) {
		HPDF_TextWidth tw = HPDF_Font_TextWidth(pf->font[r.r[i].font], (const HPDF_BYTE *)r.r[i].text,
						       (HPDF_UINT)strlen(r.r[i].text));
		w += tw.width * size / 1000.0;
	}
	return w;
}

/* "<FEFF...>": UTF-16BE of UTF-8 s, surrogate pairs above U+FFFF. */
static void utf16_hex(const char *s, char *out, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = (size_t)snprintf(out, n, "<FEFF");

	while (*u && o + 12 < n) {
		uint32_t c = *u++;
		int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		c &= more == 3 ? 0x07 : more == 2 ? 0x0F : more == 1 ? 0x1F : 0x7F;
		for (; more > 0 && (*u & 0xC0) == 0x80; more--)
			c = c << 6 | (*u++ & 0x3F);
		if (c > 0xFFFF) {
			c -= 0x10000;
			o += (size_t)snprintf(out + o, n - o, "%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
		} else {
			o += (size_t)snprintf(out + o, n - o, "%04X", c);
		}
	}
	snprintf(out + o, n - o, ">");
}

void pdf_fonts_draw(const struct pdf_fonts *pf, HPDF_Page page, double x, double y, double size,
		    const char *visual)
{
	struct font_runs r;
	HPDF_Stream st = ((HPDF_PageAttr)page->attr)->stream;

	fontset_runs(&pf->set, visual, &r);
	for (int i = 0; i < r.n; i++) {
		HPDF_Font f = pf->font[r.r[i].font];
		char act[4 * FONTS_RUN_BYTES + 16];

		if (r.r[i].actual) { /* marked content, outside BT/ET */
			utf16_hex(r.r[i].actual, act, sizeof(act));
			HPDF_Stream_WriteStr(st, "/Span<</ActualText");
			HPDF_Stream_WriteStr(st, act);
			HPDF_Stream_WriteStr(st, ">>BDC\n");
		}
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, f, (HPDF_REAL)size);
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, r.r[i].text);
		HPDF_Page_EndText(page);
		if (r.r[i].actual)
			HPDF_Stream_WriteStr(st, "EMC\n");
		x += HPDF_Font_TextWidth(f, (const HPDF_BYTE *)r.r[i].text, (HPDF_UINT)strlen(r.r[i].text)).width *
		     size / 1000.0;
	}
}

void pdf_fonts_warn(struct pdf_fonts *pf, const char *file)
{
	char list[600];

	if (pf->set.nmissing <= pf->warned)
		return;
	log_warn("%s: no shipped font draws %s; shown as \xe2\x96\xa1", file,
		 fontset_missing_text(&pf->set, list, sizeof(list)));
	pf->warned = pf->set.nmissing;
}
