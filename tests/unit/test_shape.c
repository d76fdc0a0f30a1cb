/* Unit tests for exporters/shape.c: Arabic joining and lam-alef ligatures,
 * visual order of mixed lines, digits, emoji and uncovered characters, and
 * wrapping on logical text. Expected strings are written as code points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libgen.h>
#include <stdio.h>

#include "exporters/shape.h"

static char font_path[4200];
static struct shape_font *font;

/* visual UTF-8 of s, shaped against the real font */
static const char *vis(const char *s)
{
	static char out[1024];
	shape_line(font, s, strlen(s), SHAPE_AUTO, out, sizeof(out));
	return out;
}

/* Code points of UTF-8 s into cp[]; returns how many. */
static int cps(const char *s, uint32_t *cp, int cap)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;

	while (*p && n < cap) {
		uint32_t c = *p;
		int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (k > 1)
			c &= 0x3Fu >> (k - 1);
		for (int j = 1; j < k; j++)
			c = c << 6 | (p[j] & 0x3F);
		cp[n++] = c;
		p += k;
	}
	return n;
}

static void assert_cps(const char *s, const uint32_t *want, int nwant)
{
	uint32_t got[256];
	int n = cps(s, got, 256);

	if (n != nwant) {
		for (int i = 0; i < n; i++)
			print_message(" %04X", got[i]);
		print_message("\n");
	}
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static bool has_cp(const char *s, uint32_t c)
{
	uint32_t got[256];
	int n = cps(s, got, 256);
	for (int i = 0; i < n; i++)
		if (got[i] == c)
			return true;
	return false;
}

static int setup(void **st)
{
	struct err e;
	(void)st;
	return shape_font_load(font_path, &font, &e);
}

static int teardown(void **st)
{
	(void)st;
	shape_font_free(font);
	return 0;
}

static void font_coverage(void **st)
{
	struct shape_font *f;
	struct err e = { 0 };
	(void)st;
	assert_true(shape_font_has(font, 'A'));
	assert_true(shape_font_has(font, 0x0634));  /* sheen */
	assert_true(shape_font_has(font, 0xFEB7));  /* sheen, initial form */
	assert_true(shape_font_has(font, 0xFEFB));  /* lam-alef ligature */
	assert_true(shape_font_has(font, SHAPE_SUBST_CP));
	assert_false(shape_font_has(font, 0x6771)); /* 東: no CJK in DejaVu Sans */
	assert_false(shape_font_has(font, 0x1F525)); /* emoji: beyond the BMP */
	assert_int_equal(shape_font_load("/nonexistent.ttf", &f, &e), EXIT_OUTPUT);
	assert_int_equal(shape_font_load("/etc/hostname", &f, &e), EXIT_OUTPUT);
}

/* شحال: sheen initial, hah medial, alef final, lam isolated (alef does not join
 * to its left), drawn right to left. */
static void arabic_joins(void **st)
{
	static const uint32_t want[] = { 0xFEDD, 0xFE8E, 0xFEA4, 0xFEB7 };
	(void)st;
	assert_cps(vis("شحال"), want, 4);
}

/* سلام: lam + alef become one ligature (final form after seen); FriBidi leaves
 * a U+FEFF filler in its place, which must not reach the PDF. */
static void lam_alef_ligature(void **st)
{
	static const uint32_t salam[] = { 0xFEE1, 0xFEFC, 0xFEB3 };
	static const uint32_t la[] = { 0xFEFB };
	(void)st;
	assert_cps(vis("سلام"), salam, 3);
	assert_cps(vis("لا"), la, 1);
	assert_false(has_cp(vis("سلام لا إلى"), 0xFEFF));
}

/* Digits keep their order inside Arabic; the RTL paragraph puts them left. */
static void digits_in_arabic(void **st)
{
	const char *v = vis("عبايات جديدة 2026");
	(void)st;
	assert_memory_equal(v, "2026 ", 5);
	assert_non_null(strstr(vis("تخفيضات 2026 رمضان"), "2026"));
	assert_null(strstr(vis("تخفيضات 2026 رمضان"), "6202"));
}

/* One line, Latin first: an LTR paragraph; the Arabic word and the number
 * after it form one right-to-left run, so the number shows before the word. */
static void mixed_line_order(void **st)
{
	/* رمضان -> reh, meem, dad, alef, noon shaped and reversed */
	static const uint32_t want[] = { 'P', 'r', 'o', 'm', 'o', ' ', '2', '0', '2', '6', ' ',
					 0xFEE5, 0xFE8E, 0xFEC0, 0xFEE3, 0xFEAD,
					 ' ', 's', 'a', 'l', 'e' };
	static const uint32_t rtl[] = { 'X', 'Y', 'Z', ' ', 0xFEE5, 0xFE8E, 0xFEC0, 0xFEE3, 0xFEAD };
	(void)st;
	assert_cps(vis("Promo رمضان 2026 sale"), want, 21);
	/* Arabic first: an RTL paragraph, the Latin word goes to the left */
	assert_cps(vis("رمضان XYZ"), rtl, 9);
	/* forced LTR: a sentence quoting an Arabic name keeps English order */
	{
		char out[256];
		const char *s = "\"رمضان\" spent 10 MAD";
		shape_line(font, s, strlen(s), SHAPE_LTR, out, sizeof(out));
		assert_memory_equal(out, "\"", 1);
		assert_non_null(strstr(out, "\" spent 10 MAD"));
	}
	assert_int_equal(shape_direction("رمضان XYZ", strlen("رمضان XYZ")), SHAPE_RTL);
	assert_int_equal(shape_direction("2026 Promo رمضان", strlen("2026 Promo رمضان")), SHAPE_LTR);
	assert_int_equal(shape_direction("2026", 4), SHAPE_LTR);
}

static void emoji_replaced(void **st)
{
	static const uint32_t want[] = { 0x25A1, ' ', 'F', 'l', 'a', 's', 'h', ' ', 0x25A1 };
	char out[64];
	(void)st;
	assert_cps(vis("🔥 Flash 🔥"), want, 9);
	/* a variation selector or ZWJ sequence does not add boxes of its own */
	assert_string_equal(vis("a\xe2\x9d\xa4\xef\xb8\x8f" "b"), "a\xe2\x9d\xa4" "b"); /* ❤️ -> ❤ */
	assert_string_equal(vis("👍🏽"), SHAPE_SUBST);
	assert_int_equal(shape_line(font, "ok 😍", strlen("ok 😍"), SHAPE_AUTO, out, sizeof(out)), 1);
}

static void uncovered_replaced(void **st)
{
	char out[64];
	(void)st;
	assert_int_equal(shape_line(font, "東京セール", strlen("東京セール"), SHAPE_AUTO, out, sizeof(out)), 5);
	assert_string_equal(out, SHAPE_SUBST SHAPE_SUBST SHAPE_SUBST SHAPE_SUBST SHAPE_SUBST);
	assert_string_equal(vis("Sale 東京"), "Sale " SHAPE_SUBST SHAPE_SUBST);
	/* malformed UTF-8 and control characters are visible too, never dropped */
	assert_string_equal(vis("a\xff" "b"), "a\xef\xbf\xbd" "b"); /* U+FFFD is in DejaVu */
	assert_string_equal(vis("a\tb"), "a b");
	/* without a font: only the BMP limit applies */
	assert_int_equal(shape_line(NULL, "東😍", strlen("東😍"), SHAPE_AUTO, out, sizeof(out)), 1);
}

static void short_buffer(void **st)
{
	char out[6];
	(void)st;
	shape_line(font, "شحال", strlen("شحال"), SHAPE_AUTO, out, sizeof(out));
	assert_int_equal(strlen(out), 3); /* one 3-byte character, never half of one */
}

/* width = characters (a fixed-pitch stand-in for the font) */
static double count_width(void *ctx, const char *v)
{
	uint32_t cp[1024];
	(void)ctx;
	return cps(v, cp, 1024);
}

static void wraps_logical_text(void **st)
{
	struct shape_lines l;
	(void)st;
	assert_int_equal(shape_wrap(font, "one two three four", SHAPE_AUTO, 10, 3, count_width, NULL, &l), 2);
	assert_string_equal(l.line[0], "one two");
	assert_string_equal(l.line[1], "three four");
	assert_false(l.shortened);

	assert_int_equal(shape_wrap(font, "one two three four", SHAPE_AUTO, 9, 1, count_width, NULL, &l), 1);
	assert_string_equal(l.line[0], "one two\xe2\x80\xa6");
	assert_true(l.shortened);

	/* a word longer than a line breaks between characters */
	shape_wrap(font, "abcdefghij", SHAPE_AUTO, 4, 3, count_width, NULL, &l);
	assert_string_equal(l.line[0], "abcd");
	assert_string_equal(l.line[1], "efgh");
	assert_string_equal(l.line[2], "ij");

	/* Arabic wraps on its logical words: the first line holds the first word
	 * (rightmost when read), each line shaped on its own (final forms at the cut) */
	shape_wrap(font, "عبايات جديدة سوداء", SHAPE_AUTO, 12, 3, count_width, NULL, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.line[0], vis("عبايات جديدة"));
	assert_string_equal(l.line[1], vis("سوداء"));

	/* shortened Arabic: the ellipsis is at the logical end, the left */
	shape_wrap(font, "عبايات جديدة سوداء", SHAPE_AUTO, 8, 1, count_width, NULL, &l);
	assert_true(l.shortened);
	assert_memory_equal(l.line[0], "\xe2\x80\xa6", 3);

	/* a line of digits after an Arabic first line keeps the RTL paragraph */
	shape_wrap(font, "عبايات 2026", SHAPE_AUTO, 7, 2, count_width, NULL, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.line[1], "2026");

	/* a number's digit groups stay on one line ("1 940,00", not "1" / "940,00") */
	shape_wrap(font, "budget of 1 940,00 MAD", SHAPE_AUTO, 12, 2, count_width, NULL, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.line[0], "budget of");
	assert_string_equal(l.line[1], "1 940,00 MAD");

	assert_int_equal(shape_wrap(font, "", SHAPE_AUTO, 10, 2, count_width, NULL, &l), 1);
	assert_string_equal(l.line[0], "");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(font_coverage),     cmocka_unit_test(arabic_joins),
		cmocka_unit_test(lam_alef_ligature), cmocka_unit_test(digits_in_arabic),
		cmocka_unit_test(mixed_line_order),  cmocka_unit_test(emoji_replaced),
		cmocka_unit_test(uncovered_replaced), cmocka_unit_test(short_buffer),
		cmocka_unit_test(wraps_logical_text),
	};
	char self[4096];

	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(font_path, sizeof(font_path), "%s/../DejaVuSans-flat.ttf", dirname(self));
	if (getenv("TTREPORT_FONT"))
		snprintf(font_path, sizeof(font_path), "%s", getenv("TTREPORT_FONT"));
	return cmocka_run_group_tests(tests, setup, teardown);
}
