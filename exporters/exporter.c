#include "exporters/exporter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const struct exporter *exporter_find(const char *name)
{
	static const struct exporter *const all[] = { &exporter_xlsx, &exporter_pdf, &exporter_csv };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}

void export_path(const struct report *r, const char *outdir, const char *prefix,
		 const char *suffix, const char *ext, char *out, size_t n)
{
	char s[11], u[11];

	snprintf(out, n, "%s/%s_%s_%s%s%s.%s", outdir, prefix, date_format(r->span.since, s),
		 date_format(r->span.until, u), suffix ? "_" : "", suffix ? suffix : "", ext);
}

void export_tmp_path(const char *final, char *tmp, size_t n)
{
	const char *slash = strrchr(final, '/');
	int dirlen = slash ? (int)(slash - final + 1) : 0;

	snprintf(tmp, n, "%.*s.%s.tmp%ld", dirlen, final, final + dirlen, (long)getpid());
}

int export_commit(const char *tmp, const char *final, struct err *e)
{
	int fd = open(tmp, O_RDONLY);

	if (fd < 0 || fsync(fd) != 0) {
		int saved = errno;
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return errf(e, EXIT_OUTPUT, "%s: %s", final, strerror(saved));
	}
	close(fd);
	if (rename(tmp, final) != 0) {
		int saved = errno;
		unlink(tmp);
		return errf(e, EXIT_OUTPUT, "%s: %s", final, strerror(saved));
	}
	return 0;
}

void export_abort(const char *tmp)
{
	unlink(tmp);
}

int export_mkdir(const char *path, struct err *e)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return errf(e, EXIT_OUTPUT, "%s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST)
		return errf(e, EXIT_OUTPUT, "%s: %s", buf, strerror(errno));
	return 0;
}
