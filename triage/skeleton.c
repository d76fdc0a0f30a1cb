/* skeleton.c: see skeleton.h. */
#include "triage/skeleton.h"

#include <stdint.h>

#include <utf8proc.h>

/* Arabic letters U+0621..U+064A, then the Darija extras; 0 = dropped. */
static char arabic(uint32_t cp)
{
	static const char map[] = {
		/* 0621 ء */ 0,   /* آ */ 0,   /* أ */ 0,   /* ؤ */ 0,   /* إ */ 0,   /* ئ */ 0,
		/* 0627 ا */ 0,   /* ب */ 'b', /* ة */ 'h', /* ت */ 't', /* ث */ 't', /* ج */ 'j',
		/* 062D ح */ 'h', /* خ */ 'x', /* د */ 'd', /* ذ */ 'd', /* ر */ 'r', /* ز */ 'z',
		/* 0633 س */ 's', /* ش */ 'c', /* ص */ 's', /* ض */ 'd', /* ط */ 't', /* ظ */ 'd',
		/* 0639 ع */ '3', /* غ */ 'g', /* 063B-063F */ 0, 0, 0, 0, 0,
		/* 0640 ـ */ 0,   /* ف */ 'f', /* ق */ 'q', /* ك */ 'k', /* ل */ 'l', /* م */ 'm',
		/* 0646 ن */ 'n', /* ه */ 'h', /* و */ 0,   /* ى */ 0,   /* ي */ 0,
	};
	if (cp >= 0x0621 && cp <= 0x064A)
		return map[cp - 0x0621];
	switch (cp) {
	case 0x06A4: /* ڤ */
		return 'v';
	case 0x06A9: /* ک */
		return 'k';
	case 0x06AD: case 0x06AF: /* ڭ گ */
		return 'g';
	case 0x067E: /* پ */
		return 'b';
	default:
		return 0;
	}
}

/* One Latin letter or Darija digit at s[i] (ASCII): its consonant, and how
 * many bytes it took (digraphs). */
static char latin(const char *s, size_t n, size_t i, size_t *took)
{
	char c = s[i], d = i + 1 < n ? s[i + 1] : '\0';

	*took = 1;
	if (d == 'h' && (c == 'c' || c == 's' || c == 'k' || c == 'g')) {
		*took = 2;
		return c == 'k' ? 'x' : c == 'g' ? 'g' : 'c';
	}
	switch (c) {
	case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'w': case '2':
		return 0;
	case '7':
		return 'h';
	case '9':
		return 'q';
	case '5':
		return 'x';
	case '8':
		return 'g';
	case '3':
		return '3';
	case 'c':
		return 'k';
	case 'p':
		return 'b';
	default:
		return c >= 'b' && c <= 'z' ? c : 0;
	}
}

size_t skeleton_of(const char *w, size_t wn, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	int letters = 0;

	if (cap == 0)
		return 0;
	while (i < wn) {
		unsigned char b = (unsigned char)w[i];
		size_t took = 1;
		char k = 0;
		if (b < 0x80) {
			k = latin(w, wn, i, &took);
			letters += (b >= 'a' && b <= 'z');
		} else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t got = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(wn - i), &cp);
			took = got > 0 ? (size_t)got : 1;
			if (got > 0 && ((k = arabic((uint32_t)cp)) != 0 || (cp >= 0x0621 && cp <= 0x064A)))
				letters++;
		}
		i += took;
		if (k && o + 1 < cap && (o == 0 || out[o - 1] != k))
			out[o++] = k;
	}
	if (!letters)
		o = 0;
	out[o] = '\0';
	return o;
}
