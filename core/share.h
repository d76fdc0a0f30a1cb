/* share.h: finds the files ttreport ships (rules, reply templates, the PDF font). */
#ifndef TT_SHARE_H
#define TT_SHARE_H

#include <stddef.h>

/* Look for `name` in, in order: $TTREPORT_SHARE, the executable's folder, its
 * ../schemas (a source checkout), its ../share/ttreport (an installed tree), and
 * the compiled-in PREFIX/share/ttreport. 0 and the path in out when found, -1 if not. */
int share_path(const char *name, char *out, size_t n);

#endif
