/* config_help.c: the usage synopsis and --help, whose option and settings
 * lists are made from the settings table. */
#include "etl/config_int.h"

#include <stdio.h>
#include <string.h>

#include <stdlib.h>

static const char usage[] =
	"usage: ttreport [run | report | comments] [-c FILE] [--lookback N]\n"
	"                [--since YYYY-MM-DD --until YYYY-MM-DD] [--advertiser ID]...\n"
	"                [-o DIR] [--format xlsx,pdf,csv] [--dry-run | --apply]\n"
	"                [--mail-to ADDR]... [--api-base URL] [-q | -v]\n"
	"       ttreport today [-c FILE] [--advertiser ID]... [-o DIR] [--format pdf,csv]\n"
	"                [--mail-to ADDR]... [--mail-always] [--api-base URL] [-q | -v]\n"
	"       ttreport classify [--rules FILE]\n"
	"       ttreport auth exchange-code CODE | auth account-code CODE | auth refresh\n"
	"       ttreport api GET|POST PATH [NAME=VALUE... | JSON]\n"
	"       ttreport --help | --version\n";

const char *config_usage(void) { return usage; }

/* "  -o, --out DIR" */
static void option_line(FILE *b, const struct setting *s)
{
	char head[64];
	int n;

	if (s->short_opt)
		n = snprintf(head, sizeof(head), "  -%c, --%s%s%s", s->short_opt, s->opt, s->arg ? " " : "",
			     s->arg ? s->arg : "");
	else
		n = snprintf(head, sizeof(head), "      --%s%s%s", s->opt, s->arg ? " " : "", s->arg ? s->arg : "");
	fprintf(b, "%s%*s %s", head, n < 24 ? 24 - n : 0, "", s->help);
	if (s->key && s->type != T_FLAG)
		fprintf(b, " [%s]", s->key);
	fprintf(b, "\n");
}

/* "  report.lookback        1..365, default 3" */
static void setting_line(FILE *b, const struct setting *s)
{
	int n = (int)strlen(s->key ? s->key : s->env) + 2;

	fprintf(b, "  %s%*s", s->key ? s->key : s->env, n < 26 ? 26 - n : 1, "");
	if (s->type == T_INT || s->type == T_SECONDS)
		fprintf(b, "%ld..%ld; ", s->lo, s->hi);
	else if (s->type == T_RATE)
		fprintf(b, "above 0, at most %ld; ", s->hi);
	else if (s->type == T_DECIMAL)
		fprintf(b, "%ld..%ld; ", s->lo, s->hi);
	else if (s->type == T_ENUM || s->type == T_SET) {
		char buf[160];
		fprintf(b, "%s; ", setting_expect(s, buf, sizeof(buf)) + strlen("expected "));
	}
	fprintf(b, "%s", s->help);
	if (s->dflt)
		fprintf(b, " (default %s)", s->dflt);
	if (s->key && s->env)
		fprintf(b, " [%s]", s->env);
	fprintf(b, "\n");
}

char *config_help(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *b = open_memstream(&text, &len);

	if (!b)
		abort(); /* out of memory */
	fprintf(b, "%s\noptions (the command line beats the environment, which beats the file):\n", usage);
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].opt)
			option_line(b, &config_settings[i]);
	fprintf(b, "\nconfig file keys ([section] key = value) [environment]:\n");
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].key && config_settings[i].type != T_FLAG)
			setting_line(b, &config_settings[i]);
	fprintf(b, "\nsecrets (the environment or the api.credentials file only):\n");
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].type == T_SECRET)
			setting_line(b, &config_settings[i]);
	fclose(b);
	return text;
}
