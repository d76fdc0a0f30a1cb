/* config_table.c: the rows of config.def as one array, their lookups, the
 * defaults and the release of what they store. */
#include "etl/config_int.h"

#include <stdlib.h>
#include <string.h>

#define STORE_OF(field)                                                                        \
	_Generic(((struct config *)0)->field, int: ST_INT, long: ST_LONG, unsigned: ST_UNSIGNED, \
		 bool: ST_BOOL, double: ST_DOUBLE, char *: ST_STR, struct strlist: ST_LIST)

#define SETTING(key, opt, sh, arg, env, type, lo, hi, choices, dflt, field, help) \
	{ key, opt, sh, arg, env, type, lo, hi, choices, dflt, offsetof(struct config, field), STORE_OF(field), help, NULL },
#define FLAG(opt, sh, key, value, help) \
	{ key, opt, sh, NULL, NULL, T_FLAG, 0, 0, NULL, NULL, 0, ST_NONE, help, value },
#define OPTION(opt, sh, arg, type, help) \
	{ NULL, opt, sh, arg, NULL, type, 0, 0, NULL, NULL, 0, ST_NONE, help, NULL },

const struct setting config_settings[] = {
#include "etl/config.def"
};

#undef SETTING
#undef FLAG
#undef OPTION

const size_t config_nsettings = sizeof(config_settings) / sizeof(config_settings[0]);

_Static_assert(sizeof(config_settings) / sizeof(config_settings[0]) <= sizeof(((struct cli_seen *)0)->row),
	       "struct cli_seen is too small for the settings table");

const struct setting *setting_by_key(const char *key)
{
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].type != T_FLAG && config_settings[i].key &&
		    strcmp(config_settings[i].key, key) == 0)
			return &config_settings[i];
	return NULL;
}

const struct setting *setting_by_env(const char *name)
{
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].env && strcmp(config_settings[i].env, name) == 0)
			return &config_settings[i];
	return NULL;
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		const char *why;
		if (s->dflt && setting_apply(c, s, s->dflt, &why))
			abort(); /* a row's default does not parse: config.def is wrong */
	}
}

void config_release(struct config *c)
{
	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		if (s->store == ST_STR)
			config_set_str((char **)((char *)c + s->off), NULL);
		else if (s->store == ST_LIST)
			strlist_clear((struct strlist *)((char *)c + s->off));
	}
	config_set_str(&c->config_path, NULL);
}
