/* l10n.c: the language of the labels, without generated locales (l10n.h). */
#include "exporters/l10n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/strbuf.h"

#ifndef TT_LOCALE_DIR
#define TT_LOCALE_DIR "/usr/local/share/locale"
#endif

#define DOMAIN "ttreport"

static enum lang current = LANG_EN;
static const char *const codes[LANG_COUNT] = { "en", "fr", "ar" };

int l10n_parse(const char *s)
{
	if (!s || !*s)
		return -1;
	if (!strcmp(s, "C") || !strcmp(s, "POSIX") || !strncmp(s, "C.", 2))
		return LANG_EN;
	for (int l = 0; l < LANG_COUNT; l++) {
		size_t k = strlen(codes[l]);
		/* "fr", "fr_MA", "fr_FR.UTF-8", "ar_MA@latn" */
		if (!strncmp(s, codes[l], k) && (!s[k] || strchr("_.@", s[k])))
			return l;
	}
	return -1;
}

/* The first entry of a LANGUAGE list ("ar:fr:en") that is one of ours. */
static int from_list(const char *list)
{
	char one[64];

	while (list && *list) {
		size_t k = strcspn(list, ":");
		int l;
		snprintf(one, sizeof(one), "%.*s", (int)(k < sizeof(one) ? k : sizeof(one) - 1), list);
		if ((l = l10n_parse(one)) >= 0)
			return l;
		list += k + (list[k] == ':');
	}
	return -1;
}

enum lang l10n_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	int l = from_list(getenv("LANGUAGE"));

	for (size_t i = 0; l < 0 && i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) /* the first variable set decides, as setlocale() would */
			return (l = l10n_parse(v)) >= 0 ? (enum lang)l : LANG_EN;
	}
	return l >= 0 ? (enum lang)l : LANG_EN;
}

static bool has_catalog(const char *dir, enum lang l)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, codes[l]);
	return access(path, R_OK) == 0;
}

/* The catalogs' folder: $TTREPORT_LOCALEDIR, beside the executable (build/
 * locale, or build/tests/../locale), PREFIX/share/locale of an installed tree. */
static int find_dir(enum lang l, char *out, size_t n)
{
	static const char *const rel[] = { "/locale", "/../locale", "/../share/locale" };
	const char *env = getenv("TTREPORT_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (env && *env && has_catalog(env, l))
		return snprintf(out, n, "%s", env), 0;
	if (len > 0) {
		char *slash;
		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			snprintf(out, n, "%s%s", exe, rel[i]);
			if (has_catalog(out, l))
				return 0;
		}
	}
	snprintf(out, n, "%s", TT_LOCALE_DIR);
	return has_catalog(out, l) ? 0 : -1;
}

int l10n_init(enum lang l, const char *localedir, struct err *e)
{
	char dir[PATH_MAX];

	if ((int)l < 0 || l >= LANG_COUNT)
		return errf(e, EXIT_USAGE, "language %d: not en, fr or ar", (int)l);
	current = l;
	/* "C" would make gettext ignore LANGUAGE; C.UTF-8 is built into glibc
	 * and keeps C's numbers (a '.' decimal point for strtod/printf). */
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8"))
		setlocale(LC_ALL, "C");
	setenv("LANGUAGE", codes[l], 1);
	if (l == LANG_EN) {
		textdomain(DOMAIN);
		return 0;
	}
	if (localedir)
		snprintf(dir, sizeof(dir), "%s", localedir);
	if (localedir ? !has_catalog(dir, l) : find_dir(l, dir, sizeof(dir)) != 0)
		return errf(e, EXIT_USAGE, "language %s: no catalog %s.mo for it (looked in %s; "
			    "TTREPORT_LOCALEDIR, or make install)", codes[l], DOMAIN,
			    localedir ? dir : "the executable's folder and " TT_LOCALE_DIR);
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	return 0;
}

const char *l10n_pgettext(const char *key, const char *msgid)
{
	const char *t = gettext(key);
	return t == key ? msgid : t;
}

const char *l10n_ctx_gettext(const char *key)
{
	const char *sep = strchr(key, '\004');

	return sep ? l10n_pgettext(key, sep + 1) : gettext(key);
}

const char *l10n_currency(const char *iso)
{
	/* TRANSLATORS: currency codes, as the reader writes them after an amount */
	static const char *const known[] = { N_("MAD"), N_("EUR"), N_("USD") };

	for (size_t i = 0; iso && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(iso, known[i]))
			return _(known[i]);
	return iso ? iso : "";
}

enum lang l10n_lang(void) { return current; }
const char *l10n_code(enum lang l) { return (int)l >= 0 && l < LANG_COUNT ? codes[l] : "en"; }
bool l10n_rtl(void) { return current == LANG_AR; }

/* Short month names; translators give the form their readers use. */
static const char *month(int m)
{
	static const char *const names[12] = {
		/* TRANSLATORS: short month names, as in "17 Nov" */
		N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
		N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
	};
	return _(names[(m - 1) % 12]);
}

char *l10n_day(int day, bool with_year, char *buf, size_t n)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	if (with_year)
		snprintf(buf, n, "%d %s %d", d, month(m), y);
	else
		snprintf(buf, n, "%d %s", d, month(m));
	return buf;
}

char *l10n_date(int day, char *buf, size_t n)
{
	char iso[11];

	if (current == LANG_EN)
		snprintf(buf, n, "%s", date_format(day, iso));
	else
		l10n_day(day, true, buf, n);
	return buf;
}

char *l10n_window(struct window w, bool with_year, char *buf, size_t n)
{
	int y1, m1, d1, y2, m2, d2;
	const char *dash = "\xe2\x80\x93"; /* en dash */
	char a[40], b[40];

	civil_from_days(w.since, &y1, &m1, &d1);
	civil_from_days(w.until, &y2, &m2, &d2);
	if (w.since == w.until)
		snprintf(buf, n, "%s", l10n_day(w.since, false, a, sizeof(a)));
	else if (y1 != y2)
		snprintf(buf, n, "%s%s%s", l10n_day(w.since, true, a, sizeof(a)), dash,
			 l10n_day(w.until, true, b, sizeof(b)));
	else if (m1 != m2)
		snprintf(buf, n, "%s%s%d %s", l10n_day(w.since, false, a, sizeof(a)), dash, d2, month(m2));
	else
		snprintf(buf, n, "%d%s%d %s", d1, dash, d2, month(m2));
	if (with_year && y1 == y2) {
		size_t k = strlen(buf);
		snprintf(buf + k, n - k, " %d", y2);
	}
	return buf;
}

char *l10n_ago(long long s, char *buf, size_t n)
{
	long long v;

	if (s < 0)
		s = 0;
	if (s < 3600) {
		v = s / 60 > 0 ? s / 60 : 1;
		snprintf(buf, n, ngettext("%lld minute ago", "%lld minutes ago", (unsigned long)v), v);
	} else if (s < 2 * 86400) {
		v = s / 3600;
		snprintf(buf, n, ngettext("%lld hour ago", "%lld hours ago", (unsigned long)v), v);
	} else {
		v = s / 86400;
		snprintf(buf, n, ngettext("%lld day ago", "%lld days ago", (unsigned long)v), v);
	}
	return buf;
}

char *l10n_numbers_whole(char *s)
{
	struct strbuf b = { 0 };

	if (!l10n_rtl() || !s)
		return s;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == ' ' && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' &&
		    s[i + 1] <= '9')
			strbuf_puts(&b, "\xe2\x80\xaf");
		else
			strbuf_add(&b, s + i, 1);
	}
	free(s);
	return strbuf_take(&b);
}
