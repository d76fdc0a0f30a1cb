/* Unit tests for exporters/l10n.c: the language from --lang and the locale
 * variables, and gettext translating with no generated locale (the process
 * starts in "C", as under cron; this machine has only C, C.utf8 and POSIX).
 * Needs the catalogs built by make (build/locale). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libgen.h>
#include <locale.h>
#include <stdio.h>

#include "exporters/l10n.h"

static char localedir[4200];

static void clear_env(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void parse_names(void **st)
{
	(void)st;
	assert_int_equal(l10n_parse("fr"), LANG_FR);
	assert_int_equal(l10n_parse("fr_MA.UTF-8"), LANG_FR);
	assert_int_equal(l10n_parse("ar_MA"), LANG_AR);
	assert_int_equal(l10n_parse("ar"), LANG_AR);
	assert_int_equal(l10n_parse("en_US.UTF-8"), LANG_EN);
	assert_int_equal(l10n_parse("C.UTF-8"), LANG_EN);
	assert_int_equal(l10n_parse("C"), LANG_EN);
	assert_int_equal(l10n_parse("de_DE"), -1);
	assert_int_equal(l10n_parse("french"), -1);
	assert_int_equal(l10n_parse(""), -1);
	assert_int_equal(l10n_parse(NULL), -1);
}

static void language_from_the_environment(void **st)
{
	(void)st;
	clear_env();
	assert_int_equal(l10n_from_env(), LANG_EN);
	setenv("LANG", "fr_MA.UTF-8", 1);
	assert_int_equal(l10n_from_env(), LANG_FR);
	setenv("LC_MESSAGES", "ar_MA.UTF-8", 1);
	assert_int_equal(l10n_from_env(), LANG_AR); /* LC_MESSAGES before LANG */
	setenv("LC_ALL", "C", 1);
	assert_int_equal(l10n_from_env(), LANG_EN); /* LC_ALL before both */
	setenv("LANGUAGE", "de:ar:fr", 1);
	assert_int_equal(l10n_from_env(), LANG_AR); /* the first of ours in the list */
	setenv("LANGUAGE", "de", 1);
	assert_int_equal(l10n_from_env(), LANG_EN); /* LC_ALL=C then decides */
	clear_env();
}

/* The process locale is "C" and no fr/ar locale is generated: still French. */
static void gettext_without_generated_locales(void **st)
{
	struct err e = { 0 };
	char d[64];

	(void)st;
	clear_env();
	setenv("LC_ALL", "C", 1);
	setlocale(LC_ALL, "");
	if (setlocale(LC_ALL, "fr_FR.UTF-8") || setlocale(LC_ALL, "ar_MA.UTF-8"))
		fprintf(stderr, "test_l10n: note: this machine has a generated fr/ar locale\n");
	setlocale(LC_ALL, "C");
	assert_int_equal(l10n_init(LANG_FR, NULL, &e), 0); /* finds build/locale */
	assert_string_equal(_("Spend"), "Dépenses");
	assert_string_equal(ngettext("%zu comment decided.", "%zu comments decided.", 2),
			    "%zu commentaires traités.");
	assert_string_equal(l10n_day(days_from_civil(2026, 11, 17), false, d, sizeof(d)), "17 nov.");
	assert_false(l10n_rtl());
	/* numbers keep the C decimal point (the config parser relies on it) */
	assert_true(strtod("1.5", NULL) == 1.5);
	snprintf(d, sizeof(d), "%.1f", 2.5);
	assert_string_equal(d, "2.5");

	assert_int_equal(l10n_init(LANG_AR, localedir, &e), 0);
	assert_string_equal(_("Spend"), "المصاريف");
	assert_string_equal(l10n_day(days_from_civil(2026, 11, 17), false, d, sizeof(d)), "17 نونبر");
	assert_true(l10n_rtl());
	/* Arabic has six plural forms: 2 and 11 take different ones */
	assert_string_equal(ngettext("%lld day ago", "%lld days ago", 5), "منذ %lld أيام");
	assert_string_equal(ngettext("%lld day ago", "%lld days ago", 11), "منذ %lld يوما");

	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
	assert_string_equal(_("Spend"), "Spend");
	assert_string_equal(l10n_day(days_from_civil(2026, 11, 17), true, d, sizeof(d)), "17 Nov 2026");
	clear_env();
}

static void windows_and_ages(void **st)
{
	struct err e = { 0 };
	char b[80];
	int nov18 = days_from_civil(2026, 11, 18);

	(void)st;
	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
	assert_string_equal(l10n_window((struct window){ nov18, nov18 + 2 }, false, b, sizeof(b)),
			    "18\xe2\x80\x93" "20 Nov");
	assert_string_equal(l10n_window((struct window){ nov18 - 19, nov18 - 16 }, true, b, sizeof(b)),
			    "30 Oct\xe2\x80\x93" "2 Nov 2026");
	assert_string_equal(l10n_window((struct window){ nov18 + 43, nov18 + 45 }, false, b, sizeof(b)),
			    "31 Dec 2026\xe2\x80\x93" "2 Jan 2027");
	assert_string_equal(l10n_ago(30, b, sizeof(b)), "1 minute ago");
	assert_string_equal(l10n_ago(3 * 3600 + 5, b, sizeof(b)), "3 hours ago");
	assert_string_equal(l10n_ago(5 * 86400, b, sizeof(b)), "5 days ago");
	assert_int_equal(l10n_init(LANG_FR, localedir, &e), 0);
	assert_string_equal(l10n_window((struct window){ nov18 - 19, nov18 - 16 }, false, b, sizeof(b)),
			    "30 oct.\xe2\x80\x93" "2 nov.");
	assert_string_equal(l10n_ago(3 * 3600, b, sizeof(b)), "il y a 3 h");
	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
}

/* A word in a context (NC_ in a table) takes that context's translation;
 * Arabic numbers keep their digit groups together (U+202F), others as they are. */
static void contexts_and_whole_numbers(void **st)
{
	static const char *const key = NC_("alert", "Campaign");
	struct err e = { 0 };
	char *s;

	(void)st;
	clear_env();
	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
	assert_string_equal(l10n_ctx_gettext(key), "Campaign");
	assert_string_equal(l10n_ctx_gettext("Spend"), "Spend"); /* no context: gettext */
	s = l10n_numbers_whole(strdup("1 940,00 MAD, 3 356,69 MAD"));
	assert_string_equal(s, "1 940,00 MAD, 3 356,69 MAD");
	free(s);
	assert_int_equal(l10n_init(LANG_AR, localedir, &e), 0);
	assert_string_equal(l10n_ctx_gettext(key), "الحملة");
	s = l10n_numbers_whole(strdup("صرف 1 940,00 درهم من 3 356,69"));
	assert_string_equal(s, "صرف 1\xe2\x80\xaf" "940,00 درهم من 3\xe2\x80\xaf" "356,69");
	free(s);
	assert_int_equal(l10n_init(LANG_FR, localedir, &e), 0);
	assert_string_equal(l10n_ctx_gettext(key), "Campagne");
	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
	clear_env();
}

static void a_missing_catalog_is_a_usage_error(void **st)
{
	struct err e = { 0 };

	(void)st;
	assert_int_equal(l10n_init(LANG_FR, "/nonexistent", &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "fr"));
	assert_int_equal(l10n_init(LANG_EN, "/nonexistent", &e), 0); /* English needs none */
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_names),
		cmocka_unit_test(language_from_the_environment),
		cmocka_unit_test(gettext_without_generated_locales),
		cmocka_unit_test(windows_and_ages),
		cmocka_unit_test(contexts_and_whole_numbers),
		cmocka_unit_test(a_missing_catalog_is_a_usage_error),
	};
	char self[4096];

	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(localedir, sizeof(localedir), "%s/../locale", dirname(self));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
