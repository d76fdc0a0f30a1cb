/* config_file.c: the config file (INI "[section] key = value", by the rows'
 * keys), the 0600 credentials file and the environment (both by the rows'
 * environment names). Errors name the file, the line and the key; a secret's
 * value is never echoed. */
#include "etl/config_int.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* inih here is built without line numbers: count them with our own reader. */
struct line_reader {
	FILE *fp;
	int line;
};

static char *read_line(char *str, int num, void *stream)
{
	struct line_reader *r = stream;
	char *s = fgets(str, num, r->fp);
	if (s)
		r->line++;
	return s;
}

/* One parse of the config or the credentials file. */
struct file_ctx {
	struct line_reader rd;
	struct config *c;
	const char *path;
	struct err *e;
	bool failed;
};

static bool looks_secret(const char *name)
{
	return strstr(name, "token") || strstr(name, "secret") || strstr(name, "password");
}

static int on_ini(void *ud, const char *section, const char *name, const char *value)
{
	struct file_ctx *f = ud;
	int line = f->rd.line;
	char key[128];
	const struct setting *s;
	const char *why = NULL;

	if (f->failed)
		return 0;
	f->failed = true;
	if (!*section)
		return errf(f->e, EXIT_USAGE, "%s:%d: %s: key outside any [section]", f->path, line, name), 0;
	snprintf(key, sizeof(key), "%s.%s", section, name);
	if (!(s = setting_by_key(key)))
		/* an unknown key may be a misplaced secret: never echo its value */
		return errf(f->e, EXIT_USAGE, "%s:%d: %s: unknown key%s", f->path, line, key,
			    looks_secret(name) ? " (secrets go in the environment or the api.credentials file)"
					       : ""), 0;
	if (setting_apply(f->c, s, value, &why)) {
		if (s->type == T_SECRET)
			return errf(f->e, EXIT_USAGE, "%s:%d: %s: %s", f->path, line, key, why), 0;
		return errf(f->e, EXIT_USAGE, "%s:%d: %s: %s (value '%s')", f->path, line, key, why, value), 0;
	}
	f->failed = false;
	return 1;
}

int config_read_file(struct config *c, const char *path, struct err *e)
{
	struct file_ctx f = { { NULL, 0 }, c, path, e, false };
	FILE *fp = fopen(path, "r");
	int rc;

	if (!fp)
		return errf(e, EXIT_USAGE, "%s: %s", path, strerror(errno));
	f.rd.fp = fp;
	rc = ini_parse_stream(read_line, &f.rd, on_ini, &f);
	fclose(fp);
	if (f.failed)
		return EXIT_USAGE;
	if (rc > 0)
		return errf(e, EXIT_USAGE, "%s:%d: not a 'key = value' line or [section]", path, rc);
	if (rc < 0)
		return errf(e, EXIT_USAGE, "%s: cannot read", path);
	config_set_str(&c->config_path, path);
	return 0;
}

static int on_cred(void *ud, const char *section, const char *name, const char *value)
{
	struct file_ctx *f = ud;
	const struct setting *s = setting_by_env(name);
	const char *why;

	if (f->failed)
		return 0;
	if (*section || !s) {
		/* never echo the value: it may be a secret */
		errf(f->e, EXIT_USAGE, "%s:%d: unknown key '%s'", f->path, f->rd.line, name);
		f->failed = true;
		return 0;
	}
	if (setting_apply(f->c, s, value, &why)) {
		errf(f->e, EXIT_USAGE, "%s:%d: %s: %s", f->path, f->rd.line, name, why);
		f->failed = true;
		return 0;
	}
	return 1;
}

/* The credentials file must be a regular file only its owner may read. */
static int check_private(FILE *fp, const char *path, struct err *e)
{
	struct stat st;

	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
		return errf(e, EXIT_USAGE, "%s: credentials file is not a regular file", path);
	if (st.st_mode & 077)
		return errf(e, EXIT_USAGE,
			    "%s: credentials file is open to group or others (mode %03o); chmod 600 it", path,
			    (unsigned)(st.st_mode & 0777));
	return 0;
}

int config_read_credentials(struct config *c, struct err *e)
{
	struct file_ctx f = { { NULL, 0 }, c, c->credentials, e, false };
	FILE *fp;
	int rc;

	if (!(fp = fopen(c->credentials, "r"))) {
		/* `auth` creates the file it names */
		if (errno == ENOENT && c->cmd == CMD_AUTH)
			return 0;
		return errf(e, EXIT_USAGE, "%s: %s", c->credentials, strerror(errno));
	}
	if ((rc = check_private(fp, c->credentials, e))) {
		fclose(fp);
		return rc;
	}
	f.rd.fp = fp;
	rc = ini_parse_stream(read_line, &f.rd, on_cred, &f);
	fclose(fp);
	if (f.failed)
		return EXIT_USAGE;
	if (rc != 0)
		return errf(e, EXIT_USAGE, "%s:%d: not a 'NAME = value' line", c->credentials, rc);
	return 0;
}

/* Every row with an environment name; an empty variable counts as unset. */
int config_read_env(struct config *c, struct err *e)
{
	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		const char *v = s->env ? getenv(s->env) : NULL, *why;
		if (!v || !*v)
			continue;
		if (setting_apply(c, s, v, &why))
			return s->type == T_SECRET ? errf(e, EXIT_USAGE, "%s: %s", s->env, why)
						   : errf(e, EXIT_USAGE, "%s: %s (value '%s')", s->env, why, v);
	}
	return 0;
}
