/* config_argv.c: the command word and the command line's options, both long
 * and short ones made from the settings table (getopt_long). */
#include "etl/config_int.h"

#include "core/arena.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *cmd;
	enum command c;
} commands[] = {
	{ "run", CMD_RUN },	      { "report", CMD_REPORT }, { "comments", CMD_COMMENTS },
	{ "today", CMD_TODAY },       { "classify", CMD_CLASSIFY }, { "auth", CMD_AUTH },     { "api", CMD_API },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char *getopt_tables(const struct option **longs);
static size_t row_of(int opt);

/* The config file named by -c, found before anything else is applied: the
 * command line read as getopt will read it (on a copy, so the real parse
 * starts afresh), so "-qc FILE" and "-qcFILE" name FILE as "-c FILE" does. */
const char *config_find_config_arg(int argc, char **argv)
{
	const struct option *longs;
	const char *shorts = getopt_tables(&longs), *found = NULL;
	char **av = xcalloc((size_t)argc + 1, sizeof(*av));
	int opt;

	memcpy(av, argv, (size_t)argc * sizeof(*av));
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, av, shorts, longs, NULL)) != -1) {
		size_t i = row_of(opt);
		if (opt != '?' && opt != ':' && i < config_nsettings && config_settings[i].type == T_CONFIG)
			found = optarg;
	}
	optind = 0; /* forget this parse (getopt keeps pointers into av) */
	free(av);
	return found;
}

/* The command: the first argument when it is a word. */
int config_read_command(struct config *c, int argc, char **argv, struct cli_seen *seen, struct err *e)
{
	size_t i;

	memset(seen, 0, sizeof(*seen));
	seen->first = 1;
	if (argc <= 1 || argv[1][0] == '-')
		return 0;
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].cmd) == 0)
			break;
	if (i == NCOMMANDS)
		return errf(e, EXIT_USAGE, "unknown command '%s'", argv[1]);
	c->cmd = commands[i].c;
	seen->first = 2;
	return 0;
}

/* getopt's tables from the rows: long option i returns 256 + i. */
static const char *getopt_tables(const struct option **longs)
{
	static struct option lo[sizeof(((struct cli_seen *)0)->row) + 1];
	static char shorts[64];
	size_t n = 0, k = 0;

	shorts[k++] = ':';
	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		if (s->opt) {
			lo[n].name = s->opt;
			lo[n].has_arg = s->arg ? required_argument : no_argument;
			lo[n].flag = NULL;
			lo[n++].val = 256 + (int)i;
		}
		if (s->short_opt && k + 3 < sizeof(shorts)) {
			shorts[k++] = s->short_opt;
			if (s->arg)
				shorts[k++] = ':';
		}
	}
	memset(&lo[n], 0, sizeof(lo[n]));
	shorts[k] = '\0';
	*longs = lo;
	return shorts;
}

static size_t row_of(int opt)
{
	if (opt >= 256)
		return (size_t)(opt - 256);
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].short_opt == opt)
			return i;
	return config_nsettings;
}

/* One option of row i; its value in arg. */
static int apply_option(struct config *c, size_t i, const char *arg, struct cli_seen *seen, struct err *e)
{
	const struct setting *s = &config_settings[i];
	const char *why;

	switch (s->type) {
	case T_CONFIG:
		return 0;
	case T_FLAG: {
		const struct setting *to = setting_by_key(s->key);
		seen->row[to - config_settings] = true;
		return setting_apply(c, to, s->value, &why) ? errf(e, EXIT_USAGE, "--%s: %s", s->opt, why) : 0;
	}
	case T_LIST: /* the command line's list replaces the file's and the environment's */
		if (!seen->row[i])
			strlist_clear((struct strlist *)((char *)c + s->off));
		seen->row[i] = true;
		strlist_add((struct strlist *)((char *)c + s->off), arg);
		return 0;
	default:
		seen->row[i] = true;
		if (setting_apply(c, s, arg, &why))
			return errf(e, EXIT_USAGE, "--%s %s: %s", s->opt, arg, why);
		return 0;
	}
}

/* What follows the options: arguments for auth and api only. */
static int check_args(const struct config *c, int first, struct err *e)
{
	if (!c->nargs || c->cmd == CMD_AUTH || c->cmd == CMD_API)
		return 0;
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (first == 1 && strcmp(c->args[0], commands[i].cmd) == 0)
			return errf(e, EXIT_USAGE, "unexpected argument '%s': the command goes first", c->args[0]);
	return errf(e, EXIT_USAGE, "unexpected argument '%s'", c->args[0]);
}

int config_read_argv(struct config *c, int argc, char **argv, struct cli_seen *seen, struct err *e)
{
	const struct option *longs;
	const char *shorts = getopt_tables(&longs);
	/* optind = 0 makes glibc forget everything of an earlier parse (a half-read
	 * "-qx" cluster points into the old argv); av[0] stands for the program. */
	char **av = argv + seen->first - 1;
	int ac = argc - seen->first + 1, opt, rc;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(ac, av, shorts, longs, NULL)) != -1) {
		size_t i = row_of(opt);
		if (opt == ':')
			return optopt && optopt < 256 ? errf(e, EXIT_USAGE, "-%c needs a value", optopt)
						      : errf(e, EXIT_USAGE, "%s needs a value", av[optind - 1]);
		if (opt == '?' || i == config_nsettings)
			return optopt && optopt < 256 ? errf(e, EXIT_USAGE, "unknown option '-%c'", optopt)
						      : errf(e, EXIT_USAGE, "unknown option '%s'", av[optind - 1]);
		if (config_settings[i].type == T_HELP || config_settings[i].type == T_VERSION) {
			c->cmd = config_settings[i].type == T_HELP ? CMD_HELP : CMD_VERSION;
			return 0;
		}
		if ((rc = apply_option(c, i, optarg, seen, e)))
			return rc;
	}
	c->args = av + optind;
	c->nargs = ac - optind;
	return check_args(c, seen->first, e);
}
