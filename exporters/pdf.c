/* pdf.c: being written (issue: the pdf output); until then it reports that. */
#include "exporter.h"

static int pdf_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	(void)r;
	(void)o;
	return errf(e, EXIT_OUTPUT, "the pdf output is not available in this build");
}

const struct exporter exporter_pdf = { "pdf", pdf_write };
