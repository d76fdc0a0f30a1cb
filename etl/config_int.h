/* config_int.h: the settings table (rows from config.def) and the parts of the
 * config loader that share it; private to etl/config*.c and the tests.
 *
 * Ownership: rows are static; strings stored through them belong to the config
 * and are freed by config_release(). */
#ifndef TT_CONFIG_INT_H
#define TT_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "etl/config.h"

enum setting_type {
	T_INT,     /* whole number in lo..hi */
	T_SECONDS, /* whole seconds in lo..hi, stored in milliseconds */
	T_RATE,    /* requests per second, above 0 and at most hi */
	T_DECIMAL, /* a decimal number from lo to hi (digits, at most one '.'); a number
		      or its text (a char * field: an amount parsed per currency later) */
	T_STR,     /* text */
	T_PATH,    /* a file or folder */
	T_URL,     /* a URL (checked once all sources are read) */
	T_SECRET,  /* text never echoed, never in the config file or argv */
	T_LIST,    /* comma list; its option is repeatable and replaces the list */
	T_DATE,    /* YYYY-MM-DD, a day number; sets have_range */
	T_ENUM,    /* one of choices */
	T_SET,     /* a comma list of choices, OR-ed */
	T_FLAG,    /* an option setting another row's key to a fixed value */
	T_CONFIG,  /* -c FILE: read before everything else */
	T_HELP,
	T_VERSION,
};

/* How the field is stored, from its C type. */
enum setting_store { ST_NONE, ST_INT, ST_LONG, ST_UNSIGNED, ST_BOOL, ST_DOUBLE, ST_STR, ST_LIST };

struct setting {
	const char *key;     /* "section.key", NULL: none */
	const char *opt;     /* long option without "--", NULL: none */
	char short_opt;      /* 0: none */
	const char *arg;     /* the option's value name, NULL: a flag */
	const char *env;     /* environment and credentials-file name, NULL: none */
	enum setting_type type;
	long lo, hi;
	const char *choices; /* "name=value,..." */
	const char *dflt;    /* NULL: none */
	size_t off;
	enum setting_store store;
	const char *help;
	const char *value;   /* T_FLAG: the value it sets key to */
};

extern const struct setting config_settings[];
extern const size_t config_nsettings;

/* Lookups by config key, environment (credentials-file) name, long option. */
const struct setting *setting_by_key(const char *key);
const struct setting *setting_by_env(const char *name);

/* Parse val by s's type into c. 0, or -1 with *why set (a static text). */
int setting_apply(struct config *c, const struct setting *s, const char *val, const char **why);
/* The "expected ..." text for s's values (T_ENUM, T_SET), into buf. */
const char *setting_expect(const struct setting *s, char *buf, size_t n);

/* The default of every row (config_table.c). */
void config_defaults(struct config *c);

/* String and list fields (config_value.c). */
void config_set_str(char **dst, const char *v);
void strlist_clear(struct strlist *l);
void strlist_add(struct strlist *l, const char *v);

/* The sources, in rising precedence (config_file.c, config_argv.c). */
int config_read_file(struct config *c, const char *path, struct err *e);
int config_read_credentials(struct config *c, struct err *e);
int config_read_env(struct config *c, struct err *e);

/* What the command line set, for the rules between settings. */
struct cli_seen {
	bool row[128]; /* by index in config_settings */
	int first;     /* argv index of the first option (after the command) */
};
const char *config_find_config_arg(int argc, char **argv);
int config_read_command(struct config *c, int argc, char **argv, struct cli_seen *seen, struct err *e);
int config_read_argv(struct config *c, int argc, char **argv, struct cli_seen *seen, struct err *e);

#endif
