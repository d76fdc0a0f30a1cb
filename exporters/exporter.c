/* exporter.c: the list of exporters, looked up by name (the top of exporters/:
 * it uses every exporter, and none of them uses it). */
#include "exporters/exporter.h"

#include <string.h>

const struct exporter *exporter_find(const char *name)
{
	static const struct exporter *const all[] = { &exporter_xlsx, &exporter_pdf, &exporter_csv, &exporter_manifest };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}
