/* pdf_doc.c: one PDF document's life: open it with the font and its info
 * (title, dates), number the pages, save it atomically, free it. Used by the
 * summary (pdf.c) and the today page (pdf_today.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/share.h"
#include "exporters/l10n.h"
#include "exporters/pdf_draw.h"

static void set_info(struct pdf *p, const char *title, const char *subject)
{
	struct tm tm;
	time_t t = p->r->made;
	HPDF_Date d = { 0 };

	/* libharu writes info strings through the current encoder: UTF-8 text
	 * becomes UTF-16 with a BOM (as PDF wants) instead of raw bytes read as
	 * PDFDocEncoding. English stays plain ASCII, byte for byte as before. */
	if (l10n_lang() != LANG_EN)
		HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, "ttreport");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "ttreport");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, subject);
	gmtime_r(&t, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
}

int pdf_doc_open(struct pdf *p, const char *title, const char *subject, struct err *e)
{
	char path[4096];
	const char *font = p->o->font;

	if (!font) {
		if (share_path("DejaVuSans-flat.ttf", path, sizeof(path)) != 0)
			return errf(e, EXIT_OUTPUT, "pdf: font DejaVuSans-flat.ttf not found "
				    "(TTREPORT_SHARE, or build it with make)");
		font = path;
	}
	p->rtl = l10n_rtl();
	if (!(p->doc = HPDF_New(pdf_error_handler, p)))
		return errf(e, EXIT_OUTPUT, "pdf: libharu could not start (out of memory)");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	if (pdf_fonts_load(&p->fonts, p->doc, font, e))
		return e->code;
	if (p->err)
		return errf(e, EXIT_OUTPUT, "pdf: %s: libharu error 0x%04X loading the font", font,
			    (unsigned)p->err);
	set_info(p, title, subject);
	return 0;
}

void pdf_doc_footers(struct pdf *p, const char *left)
{
	char num[32];
	struct shape_lines l;

	pdf_wrap(p, left, pdf_dir(p), 8.5, CONTENT_W - 60, 1, &l);
	for (size_t i = 0; i < p->npages && !pdf_failed(p); i++) {
		p->page = p->pages[i];
		pdf_hline(p, MARGIN, PAGE_W - MARGIN, 28, 0.4, RULE);
		pdf_put(p, MARGIN, 15, 8.5, GRAY, AL_LEFT, l.line[0]);
		snprintf(num, sizeof(num), "%zu / %zu", i + 1, p->npages);
		pdf_put(p, PAGE_W - MARGIN, 15, 9.5, GRAY, AL_RIGHT, num);
	}
}

int pdf_doc_save(struct pdf *p, const char *path, struct err *e)
{
	struct atomic_file af = { .fd = -1 };
	int rc;

	if (p->oom)
		return errf(e, EXIT_OUTPUT, "%s: out of memory", path);
	/* libharu writes the temporary file by name */
	if (!p->err && (rc = atomic_open(&af, path, EXPORT_MODE, e)))
		return rc;
	if (!p->err && HPDF_SaveToFile(p->doc, af.tmp) != HPDF_OK && !p->err)
		p->err = HPDF_FILE_IO_ERROR;
	if (p->err) {
		int saved = errno;
		atomic_abort(&af);
		if (p->err == HPDF_FILE_OPEN_ERROR || p->err == HPDF_FILE_IO_ERROR)
			return errf(e, EXIT_OUTPUT, "%s: cannot write (libharu error 0x%04X: %s)", path,
				    (unsigned)p->err, strerror(saved));
		return errf(e, EXIT_OUTPUT, "%s: libharu error 0x%04X (detail %u)", path,
			    (unsigned)p->err, (unsigned)p->err_detail);
	}
	if (!(rc = atomic_commit(&af, e)))
		pdf_fonts_warn(&p->fonts, path); /* once, for a file that exists */
	atomic_abort(&af);
	return rc;
}

void pdf_doc_release(struct pdf *p)
{
	if (p->doc)
		HPDF_Free(p->doc);
	pdf_fonts_release(&p->fonts);
	free(p->pages);
	p->doc = NULL;
	p->pages = NULL;
}
