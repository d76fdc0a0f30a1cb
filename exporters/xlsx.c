/* xlsx.c: being written (issue: the xlsx output); until then it reports that. */
#include "exporter.h"

static int xlsx_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	(void)r;
	(void)o;
	return errf(e, EXIT_OUTPUT, "the xlsx output is not available in this build");
}

const struct exporter exporter_xlsx = { "xlsx", xlsx_write };
