/* Unit test: the documentation agrees with the settings table (etl/config.def).
 * docs/ttreport.1 (its OPTIONS, CONFIGURATION and ENVIRONMENT sections),
 * ttreport.conf.example (every key, with the table's default uncommented) and
 * --help (config_help()) each name every option, key and environment variable
 * of the table, and name none that the table does not have. */
#include <ctype.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "etl/config_int.h"

/* Variables the man page documents that are no settings: the process reads them
 * (core/dates.c run_now, core/share.c share_path), not the config. */
static const char *const not_settings[] = { "TTREPORT_NOW", "TTREPORT_SHARE", NULL };

/* The file at rel from the repository root: the working folder (make runs the
 * tests there), else a parent of the test binary's folder. */
static char *slurp(const char *rel)
{
	char path[PATH_MAX + 64], exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	FILE *fp = fopen(rel, "r");
	char *buf;
	long len;

	exe[n > 0 ? n : 0] = '\0';
	for (char *slash; !fp && (slash = strrchr(exe, '/'));) {
		*slash = '\0';
		snprintf(path, sizeof(path), "%s/%s", exe, rel);
		fp = fopen(path, "r");
	}
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

/* roff to text: "\-" is "-", font changes (\fB \fI \fR \fP) go. In place. */
static char *unroff(char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		if (r[0] == '\\' && r[1] == '-')
			*w++ = '-', r += 2;
		else if (r[0] == '\\' && r[1] == 'f' && r[2])
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* The man page's section NAME (".SH NAME" to the next ".SH"), a new string. */
static char *man_section(const char *man, const char *name)
{
	char head[64];
	const char *a, *b;

	snprintf(head, sizeof(head), "\n.SH %s\n", name);
	a = strstr(man, head);
	assert_non_null(a);
	a += strlen(head);
	b = strstr(a, "\n.SH ");
	return strndup(a, b ? (size_t)(b - a) : strlen(a));
}

static bool word_char(char ch) { return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.'; }

/* Does text hold word with no word character either side? */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
		if ((p == text || !word_char(p[-1]) || (word[0] == '-' && p[-1] != '-')) && !word_char(p[n]) &&
		    !(p[n] == '.' && word_char(p[n + 1])))
			return true;
	return false;
}

enum tok { TOK_OPTION, TOK_KEY, TOK_ENV };

/* The next token of a kind at or after p: "--opt", "section.key", "TIKTOK_X".
 * Its start in *at and length in *len; false at the end. */
static bool next_token(const char *p, enum tok kind, const char **at, size_t *len)
{
	static const char *const sections[] = { "report.", "api.", "triage.", "mail.", "log.", NULL };

	for (; *p; p++) {
		size_t n = 0;
		if (kind == TOK_OPTION && p[0] == '-' && p[1] == '-' && islower((unsigned char)p[2]) &&
		    (p == at[1] || !word_char(p[-1]))) {
			for (n = 2; islower((unsigned char)p[n]) || p[n] == '-'; n++)
				;
		} else if (kind == TOK_ENV && (!strncmp(p, "TIKTOK_", 7) || !strncmp(p, "TTREPORT_", 9)) &&
			   (p == at[1] || !word_char(p[-1]))) {
			for (n = 0; isupper((unsigned char)p[n]) || p[n] == '_'; n++)
				;
		} else if (kind == TOK_KEY && (p == at[1] || !word_char(p[-1]))) {
			for (int i = 0; sections[i] && !n; i++) {
				size_t s = strlen(sections[i]);
				if (strncmp(p, sections[i], s) || !islower((unsigned char)p[s]))
					continue;
				for (n = s; islower((unsigned char)p[n]) || p[n] == '_'; n++)
					;
				if (p[n] == '.' && word_char(p[n + 1])) /* a host name: api.tiktok.com */
					n = 0;
			}
		}
		if (n) {
			*at = p;
			*len = n;
			return true;
		}
	}
	return false;
}

static bool in_table(enum tok kind, const char *tok, size_t n)
{
	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		const char *name = kind == TOK_OPTION ? s->opt : kind == TOK_KEY ? s->key : s->env;
		size_t skip = kind == TOK_OPTION ? 2 : 0;
		if (name && strlen(name) == n - skip && strncmp(tok + skip, name, n - skip) == 0)
			return true;
	}
	for (int i = 0; kind == TOK_ENV && not_settings[i]; i++)
		if (strlen(not_settings[i]) == n && strncmp(tok, not_settings[i], n) == 0)
			return true;
	return false;
}

/* Every token of kind in text is in the table; 0 or the number of strangers. */
static int strangers(const char *what, const char *text, enum tok kind)
{
	const char *at[2] = { NULL, text };
	size_t n;
	int bad = 0;

	for (const char *p = text; next_token(p, kind, &at[0], &n); p = at[0] + n)
		if (!in_table(kind, at[0], n)) {
			fprintf(stderr, "%s names '%.*s', which is not in etl/config.def\n", what, (int)n, at[0]);
			bad++;
		}
	return bad;
}

/* Every row's option (and short option), key and environment name is in text. */
static int missing(const char *what, const char *opts, const char *keys, const char *envs)
{
	int bad = 0;
	char w[96];

	for (size_t i = 0; i < config_nsettings; i++) {
		const struct setting *s = &config_settings[i];
		if (opts && s->opt && !has_word(opts, (snprintf(w, sizeof(w), "--%s", s->opt), w)))
			fprintf(stderr, "%s lacks option %s\n", what, w), bad++;
		if (opts && s->short_opt && !has_word(opts, (snprintf(w, sizeof(w), "-%c", s->short_opt), w)))
			fprintf(stderr, "%s lacks option %s\n", what, w), bad++;
		if (keys && s->key && s->type != T_FLAG && !has_word(keys, s->key))
			fprintf(stderr, "%s lacks key %s\n", what, s->key), bad++;
		if (envs && s->env && !has_word(envs, s->env))
			fprintf(stderr, "%s lacks environment variable %s\n", what, s->env), bad++;
	}
	return bad;
}

static void man_page_matches_table(void **st)
{
	char *man = unroff(slurp("docs/ttreport.1"));
	char *syn = man_section(man, "SYNOPSIS"), *opts = man_section(man, "OPTIONS");
	char *conf = man_section(man, "CONFIGURATION"), *env = man_section(man, "ENVIRONMENT");
	int bad = 0;
	(void)st;

	bad += missing("docs/ttreport.1", opts, conf, env);
	bad += strangers("docs/ttreport.1 SYNOPSIS", syn, TOK_OPTION);
	bad += strangers("docs/ttreport.1 OPTIONS", opts, TOK_OPTION);
	bad += strangers("docs/ttreport.1", man, TOK_KEY);
	bad += strangers("docs/ttreport.1", man, TOK_ENV);
	assert_int_equal(bad, 0);
	free(syn);
	free(opts);
	free(conf);
	free(env);
	free(man);
}

/* One "key = value" line of the example, commented out or not; the row it
 * names is marked in seen (NULL: none). 0, or 1 when the line is wrong. */
static int example_line(const char *section, const char *line, bool commented, bool *seen)
{
	char key[128], name[64], val[256];
	const struct setting *s;

	if (sscanf(line, "%63[a-z_] = %255[^\n]", name, val) != 2)
		return 0;
	snprintf(key, sizeof(key), "%s.%s", section, name);
	if (!(s = setting_by_key(key)))
		return fprintf(stderr, "ttreport.conf.example: %s is not in etl/config.def\n", key), 1;
	if (seen)
		seen[s - config_settings] = true;
	if (!s->dflt && !commented)
		return fprintf(stderr, "ttreport.conf.example: %s has no default: comment it out\n", key), 1;
	if (s->dflt && commented)
		return fprintf(stderr, "ttreport.conf.example: %s has a default: give it uncommented\n", key), 1;
	if (s->dflt && strcmp(s->dflt, val))
		return fprintf(stderr, "ttreport.conf.example: %s = %s, the table's default is %s\n", key,
			       val, s->dflt), 1;
	return 0;
}

static void example_matches_table(void **st)
{
	char *ex = slurp("ttreport.conf.example"), *save = NULL, section[64] = "";
	char *copy = strdup(ex);
	bool seen[sizeof(((struct cli_seen *)0)->row)] = { false };
	int bad = 0;
	(void)st;

	bad += missing("ttreport.conf.example", NULL, NULL, ex);
	bad += strangers("ttreport.conf.example", ex, TOK_KEY);
	bad += strangers("ttreport.conf.example", ex, TOK_ENV);
	bad += strangers("ttreport.conf.example", ex, TOK_OPTION);
	for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (sscanf(l, "[%63[a-z]]", section) == 1)
			continue;
		bad += l[0] == ';' && l[1] == ' ' ? example_line(section, l + 2, true, seen)
						   : example_line(section, l, false, seen);
	}
	for (size_t i = 0; i < config_nsettings; i++)
		if (config_settings[i].key && config_settings[i].type != T_FLAG && !seen[i])
			bad++, fprintf(stderr, "ttreport.conf.example lacks key %s\n", config_settings[i].key);
	assert_int_equal(bad, 0);
	free(copy);
	free(ex);
}

static void help_matches_table(void **st)
{
	char *help = config_help();
	int bad = 0;
	(void)st;

	bad += missing("ttreport --help", help, help, help);
	bad += strangers("ttreport --help", help, TOK_OPTION);
	bad += strangers("ttreport --help", help, TOK_KEY);
	bad += strangers("ttreport --help", help, TOK_ENV);
	assert_int_equal(bad, 0);
	free(help);
}

/* The checks can fail: a text without the table's names, or with a stranger. */
static void checks_can_fail(void **st)
{
	(void)st;
	assert_true(missing("nothing", "", "", "") > 30);
	assert_int_equal(strangers("x", "use --lookback or --look-back, report.lookbak", TOK_OPTION), 1);
	assert_int_equal(strangers("x", "report.lookbak at api.tiktok.com", TOK_KEY), 1);
	assert_int_equal(strangers("x", "TIKTOK_ACESS_TOKEN", TOK_ENV), 1);
	assert_int_equal(example_line("api", "timeout = 30", false, NULL), 1);
	assert_int_equal(example_line("api", "timeout = 60", false, NULL), 0);
	assert_int_equal(example_line("api", "timeout = 60", true, NULL), 1);
	assert_int_equal(example_line("api", "app_id = 1", false, NULL), 1);
	assert_int_equal(example_line("api", "timeot = 60", false, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(man_page_matches_table),
		cmocka_unit_test(example_matches_table),
		cmocka_unit_test(help_matches_table),
		cmocka_unit_test(checks_can_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
