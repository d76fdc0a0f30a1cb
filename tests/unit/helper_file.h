/* helper_file.h: read a whole fixture file for a test (fails the test when
 * the file cannot be read). The caller frees the NUL-terminated result. */
#ifndef TT_HELPER_FILE_H
#define TT_HELPER_FILE_H

#include <stddef.h>

char *slurp(const char *path, size_t *len);

#endif
