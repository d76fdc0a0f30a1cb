/* libFuzzer target: PDF text shaping (exporters/shape.h) of arbitrary UTF-8:
 * paragraph direction, one shaped line in every direction, with and without
 * the font's coverage (FUZZ_FONT, default build/DejaVuSans-flat.ttf when it
 * exists), into short and long buffers; and wrapping into up to 8 lines. The
 * first byte picks the wrap width. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/shape.h"

static struct shape_font *font;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("FUZZ_FONT") ? getenv("FUZZ_FONT") : "build/DejaVuSans-flat.ttf";
	struct err e = { 0 };

	(void)argc;
	(void)argv;
	if (shape_font_load(p, &font, &e))
		font = NULL;
	return 0;
}

/* one unit per code point: enough to drive the wrapping */
static double width(void *ctx, const char *visual)
{
	double w = 0;

	(void)ctx;
	for (const unsigned char *s = (const unsigned char *)visual; *s; s++)
		w += (*s & 0xc0) != 0x80;
	return w;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[SHAPE_MAX_CHARS * 4 * 3 + 16];
	static struct shape_lines lines;
	char small[7];
	char *s;
	double w;

	if (size < 1)
		return 0;
	w = (double)(data[0] % 40) + 0.5;
	data++, size--;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	shape_direction(s, size);
	for (int d = SHAPE_AUTO; d <= SHAPE_RTL; d++) {
		shape_line(NULL, s, size, (enum shape_dir)d, out, sizeof(out));
		shape_line(font, s, size, (enum shape_dir)d, out, sizeof(out));
		shape_line(font, s, size, (enum shape_dir)d, small, sizeof(small));
	}
	shape_wrap(font, s, SHAPE_AUTO, w, 1 + (int)(size % SHAPE_MAX_LINES), width, NULL, &lines);
	shape_wrap(NULL, s, SHAPE_LTR, w, SHAPE_MAX_LINES, width, NULL, &lines);
	free(s);
	return 0;
}
