/* l10n.h: the language of the labels (PDF, mail, workbook) and its number and
 * date forms. Labels are GNU gettext messages of the "ttreport" domain:
 * _("...") translates, N_("...") only marks a string for xgettext.
 *
 * No generated locale is needed: glibc gettext ignores LANGUAGE when the
 * locale is "C", which it is under cron and in tests; l10n_init() sets the
 * process locale to C.UTF-8 (built into glibc, present on every Debian) and
 * LANGUAGE to the chosen language, then binds the domain to the catalogs'
 * folder. Process-wide state: call it once, from main, before any output. */
#ifndef TT_L10N_H
#define TT_L10N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/dates.h"
#include "core/err.h"

#define _(s) gettext(s)
#define N_(s) (s)
/* A message in a context ("table head"), for a word that needs another
 * translation there (glibc has no pgettext()). */
#define C_(ctx, s) l10n_pgettext(ctx "\004" s, s)
const char *l10n_pgettext(const char *key, const char *msgid);
/* A message in a context, or a singular and plural pair, in a table:
 * only marks them for xgettext (keywords NC_:1c,2 and NP_:1,2). An NC_ entry
 * is "ctx\004msgid": l10n_ctx_gettext() translates it; NP_ fills two fields. */
#define NC_(ctx, s) ctx "\004" s
#define NP_(s, p) s, p
const char *l10n_ctx_gettext(const char *key);
/* A currency as the language writes it: "MAD" in English and French, "درهم" in Arabic. */
const char *l10n_currency(const char *iso);

enum lang { LANG_EN, LANG_FR, LANG_AR, LANG_COUNT };

/* "fr", "fr_MA.UTF-8", "ar_MA", "en_US", "C" (English); -1 when not one of ours. */
int l10n_parse(const char *s);
/* The language the environment asks for: the first of LANGUAGE (each entry
 * of its list), LC_ALL, LC_MESSAGES, LANG that names one of ours; else English. */
enum lang l10n_from_env(void);

/* Use language l for every label from now on. localedir NULL: look for the
 * catalogs beside the executable (a build tree), then in the installed tree.
 * English needs no catalog. EXIT_USAGE when a catalog is missing. */
int l10n_init(enum lang l, const char *localedir, struct err *e);

enum lang l10n_lang(void);
const char *l10n_code(enum lang l);  /* "en", "fr", "ar" */
bool l10n_rtl(void);                 /* Arabic: pages read right to left */

/* A day for people: en "17 Nov", fr "17 nov.", ar "17 نونبر" (Moroccan month
 * names, Western digits); with_year appends the year. */
char *l10n_day(int day, bool with_year, char *buf, size_t n);
/* A day in a sentence or a header: ISO "2026-11-17" in English (as ever),
 * "17 nov. 2026", "17 نونبر 2026" in the others. */
char *l10n_date(int day, char *buf, size_t n);
/* A window: "17–19 Nov", "30 oct.–2 nov.", "17 نونبر–19 نونبر"; with_year at the end. */
char *l10n_window(struct window w, bool with_year, char *buf, size_t n);
/* Right-to-left labels (Arabic): "3 356,69" gets narrow no-break spaces
 * (U+202F) between its digit groups, so a mail reader's bidi algorithm keeps
 * a number whole (a plain space lets "3" and "356,69" trade places in an
 * Arabic line). Takes s (malloc'd) and returns it or its replacement; other
 * languages: s unchanged. */
char *l10n_numbers_whole(char *s);
/* How long ago, from seconds: "3 h ago" / "il y a 3 h" / "منذ 3 ساعات". */
char *l10n_ago(long long seconds, char *buf, size_t n);

#endif
