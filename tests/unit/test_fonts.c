/* Unit tests for exporters/fonts.c: every character of every name the
 * simulator serves (the string literals of the .c files of tests/sim: French, Arabic,
 * emoji, Japanese) is drawn by one of the fonts the PDF embeds; runs per font;
 * astral characters through their PUA slot with the real text kept; a
 * character no font has is listed once. Needs the fonts built by make. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dirent.h>
#include <libgen.h>
#include <stdio.h>

#include "exporters/fonts.h"

static char build_dir[4096];
static struct fontset fs;

static int setup(void **st)
{
	char paths[FONTS_MAX][4300];
	const char *p[FONTS_MAX];
	struct err e = { 0 };

	(void)st;
	snprintf(paths[0], sizeof(paths[0]), "%s/DejaVuSans-flat.ttf", build_dir);
	p[0] = paths[0];
	for (int i = 0; i < fonts_fallback_n; i++) {
		snprintf(paths[i + 1], sizeof(paths[i + 1]), "%s/%s", build_dir, fonts_fallback_files[i]);
		p[i + 1] = paths[i + 1];
	}
	if (fontset_load(&fs, p, 1 + fonts_fallback_n, &e)) {
		fprintf(stderr, "test_fonts: %s (run make first)\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	fontset_release(&fs);
	return 0;
}

/* Every non-ASCII character inside the string literals of a C file. */
static int scan_literals(const char *path, int *checked)
{
	FILE *f = fopen(path, "rb");
	static char text[1 << 20];
	size_t n;
	int missing = 0;

	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		char lit[2048];
		size_t k = 0;
		if (text[i] != '"' || (i && text[i - 1] == '\''))
			continue;
		for (i++; i < n && text[i] != '"' && k + 1 < sizeof(lit); i++) {
			if (text[i] == '\\')
				lit[k++] = text[i++]; /* keep escapes out of the way */
			lit[k++] = text[i];
		}
		lit[k] = '\0';
		int before = (int)fs.nmissing_total;
		if (fontset_scan(&fs, lit) > 0)
			fprintf(stderr, "no font for a character of \"%s\" (%s)\n", lit, path);
		missing += (int)fs.nmissing_total - before;
		for (const unsigned char *u = (const unsigned char *)lit; *u; u++)
			*checked += (*u & 0xC0) != 0x80 && *u >= 0x80;
	}
	return missing;
}

/* Every string literal of every ttsim source (every .c file of tests/sim): names,
 * captions, comments, whatever file they move to. */
static void every_sim_name_character_has_a_font(void **st)
{
	const char *srcdir = getenv("TT_SRCDIR") ? getenv("TT_SRCDIR") : ".";
	char dir[4200], path[4500], list[512];
	int checked = 0, missing = 0, files = 0;
	struct dirent *de;
	DIR *d;

	(void)st;
	snprintf(dir, sizeof(dir), "%s/tests/sim", srcdir);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		missing += scan_literals(path, &checked);
		files++;
	}
	closedir(d);
	assert_true(files >= 2);
	fprintf(stderr, "test_fonts: %d non-ASCII characters checked, %d without a font%s%s\n", checked,
		missing, missing ? ": " : "", missing ? fontset_missing_text(&fs, list, sizeof(list)) : "");
	assert_true(checked > 500); /* Arabic, emoji, Japanese: the corpus was read */
	assert_int_equal(missing, 0);
}

static void the_names_of_the_issue(void **st)
{
	(void)st;
	assert_int_equal(fontset_pick(&fs, 'K'), 0);
	assert_int_equal(fontset_pick(&fs, 0x0645), 0);  /* Arabic meem: DejaVu */
	assert_int_equal(fontset_pick(&fs, 0x1F334), 1); /* 🌴: Symbola through the PUA */
	assert_int_equal(fontset_pick(&fs, 0x1F69A), 1); /* 🚚 */
	assert_int_equal(fontset_pick(&fs, 0x9650), 2);  /* 限: Droid Sans Fallback */
	assert_int_equal(fontset_pick(&fs, 0x30BB), 2);  /* セ */
	assert_int_equal(fontset_pick(&fs, 0x1F9F5), 3); /* 🧵 (Unicode 11): Unifont */
	assert_int_equal(fontset_pick(&fs, 0x10FFFD), -1);
}

static void runs_split_per_font_and_keep_the_real_text(void **st)
{
	struct font_runs r;

	(void)st;
	assert_int_equal(fontset_runs(&fs, "Kiritimati Gear \xf0\x9f\x8c\xb4", &r), 2);
	assert_int_equal(r.r[0].font, 0);
	assert_string_equal(r.r[0].text, "Kiritimati Gear ");
	assert_null(r.r[0].actual);
	assert_int_equal(r.r[1].font, 1);
	assert_string_equal(r.r[1].text, "\xee\x8c\xb4"); /* U+E334 */
	assert_string_equal(r.r[1].actual, "\xf0\x9f\x8c\xb4");
	assert_int_equal(fontset_runs(&fs, "\xe9\x99\x90\xe5\xae\x9a\xe3\x82\xbb\xe3\x83\xbc\xe3\x83\xab", &r), 1);
	assert_int_equal(r.r[0].font, 2);
	/* ❤️: the variation selector is dropped, the heart stays in one run */
	assert_int_equal(fontset_runs(&fs, "Love it \xe2\x9d\xa4\xef\xb8\x8f", &r), 1);
	assert_string_equal(r.r[0].text, "Love it \xe2\x9d\xa4");
	assert_int_equal(fontset_runs(&fs, "", &r), 0);
}

static void a_character_no_font_has_is_listed_once(void **st)
{
	struct fontset one = fs;
	char list[256];

	(void)st;
	one.nmissing = 0;
	one.nmissing_total = 0;
	assert_int_equal(fontset_scan(&one, "a\xf4\x8f\xbf\xbd b \xf4\x8f\xbf\xbd"), 2);
	assert_int_equal(one.nmissing, 1);
	assert_int_equal(one.nmissing_total, 2);
	assert_string_equal(fontset_missing_text(&one, list, sizeof(list)), "U+10FFFD \xf4\x8f\xbf\xbd");
	assert_int_equal(fontset_scan(&one, "Salma \xe2\x9c\xa8 \xe2\x80\x8d\x01"), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_sim_name_character_has_a_font),
		cmocka_unit_test(the_names_of_the_issue),
		cmocka_unit_test(runs_split_per_font_and_keep_the_real_text),
		cmocka_unit_test(a_character_no_font_has_is_listed_once),
	};
	char self[4096];

	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(build_dir, sizeof(build_dir), "%s/..", dirname(self));
	return cmocka_run_group_tests(tests, setup, teardown);
}
