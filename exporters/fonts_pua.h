/* fonts_pua.h: where the fallback fonts keep characters above U+FFFF.
 *
 * libharu 2.3.0 maps text through a font's BMP cmap only, so the build
 * (scripts/fallback_font.py, same table) moves emoji and mathematical letters
 * into the Private Use Area of the fallback font: U+1F000..U+1FAFF at
 * U+E000.., U+1D400..U+1D7FF at U+EB00... The PDF draws the PUA character and
 * marks it with /ActualText holding the real one, so copied text stays right.
 * Header only: shape.c and fonts.c both read it, neither calls the other for it. */
#ifndef TT_FONTS_PUA_H
#define TT_FONTS_PUA_H

#include <stdint.h>

/* The PUA slot of astral character cp, or 0 when it has none. */
static inline uint32_t fonts_pua(uint32_t cp)
{
	if (cp >= 0x1F000 && cp < 0x1FB00)
		return 0xE000 + (cp - 0x1F000);
	if (cp >= 0x1D400 && cp < 0x1D800)
		return 0xEB00 + (cp - 0x1D400);
	return 0;
}

/* Characters that draw nothing and need no font: zero-width (non-)joiners and
 * spaces, bidi marks and embeddings, variation selectors, BOM, emoji skin
 * tones and tags (shape.c drops them before drawing). */
static inline int fonts_invisible(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2069) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
	       (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0000 && c <= 0xE0FFF);
}

#endif
