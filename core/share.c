#include "core/share.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TT_SHARE_DIR
#define TT_SHARE_DIR "/usr/local/share/ttreport"
#endif

static int try(const char *dir, const char *sub, const char *name, char *out, size_t n)
{
	if (!dir || !*dir)
		return -1;
	snprintf(out, n, "%s%s/%s", dir, sub, name);
	return access(out, R_OK) == 0 ? 0 : -1;
}

int share_path(const char *name, char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (try(getenv("TTREPORT_SHARE"), "", name, out, n) == 0)
		return 0;
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		if (try(exe, "", name, out, n) == 0 || try(exe, "/../schemas", name, out, n) == 0 ||
		    try(exe, "/../../schemas", name, out, n) == 0 ||
		    try(exe, "/../share/ttreport", name, out, n) == 0)
			return 0;
	}
	return try(TT_SHARE_DIR, "", name, out, n);
}
