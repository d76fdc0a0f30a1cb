/* config_value.c: one setting's text value, parsed by the row's type and
 * stored where the row says. The same code reads defaults, the config file,
 * the environment, the credentials file and the command line. */
#include "etl/config_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/dates.h"

void config_set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = v ? xstrdup(v) : NULL;
}

void strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void strlist_add(struct strlist *l, const char *v)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = xstrdup(v);
}

/* Split a comma list into l (replacing it), trimming spaces. */
static void strlist_set(struct strlist *l, const char *csv)
{
	char *dup = xstrdup(csv), *save = NULL;

	strlist_clear(l);
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ' || *t == '\t')
			t++;
		size_t n = strlen(t);
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			t[--n] = '\0';
		if (*t)
			strlist_add(l, t);
	}
	free(dup);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The value of name in choices ("a=1,b=2"). 0, or -1 when it is not there. */
static int choice_value(const char *choices, const char *name, long *out)
{
	size_t n = strlen(name);

	for (const char *p = choices; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			*out = strtol(p + n + 1, NULL, 10);
			return 0;
		}
	}
	return -1;
}

const char *setting_expect(const struct setting *s, char *buf, size_t n)
{
	size_t len = (size_t)snprintf(buf, n, "%s", s->type == T_SET ? "expected a comma list of " : "expected ");
	int k = 0, count = 0;

	for (const char *p = s->choices; *p; p++)
		count += *p == ',';
	for (const char *p = s->choices; p && len < n; k++) {
		const char *eq = strchr(p, '='), *sep = s->type == T_SET ? ", " : k == count - 1 ? " or " : ", ";
		len += (size_t)snprintf(buf + len, n - len, "%.*s%s", (int)(eq - p), p, k < count ? sep : "");
		p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL;
	}
	return buf;
}

static int parse_set(const struct setting *s, const char *val, long *out)
{
	struct strlist l = { 0 };
	long f = 0, v;
	int bad = 0;

	strlist_set(&l, val);
	for (size_t i = 0; i < l.n; i++) {
		if (choice_value(s->choices, l.v[i], &v))
			bad = 1;
		else
			f |= v;
	}
	strlist_clear(&l);
	if (bad || !f)
		return -1;
	*out = f;
	return 0;
}

/* Store a number in a field of the row's C type. */
static void store_number(void *p, enum setting_store st, double d, long v)
{
	switch (st) {
	case ST_INT:
		*(int *)p = (int)v;
		break;
	case ST_LONG:
		*(long *)p = v;
		break;
	case ST_UNSIGNED:
		*(unsigned *)p = (unsigned)v;
		break;
	case ST_BOOL:
		*(bool *)p = v != 0;
		break;
	case ST_DOUBLE:
		*(double *)p = d;
		break;
	default:
		abort(); /* config.def pairs a number type with a text field */
	}
}

/* T_DECIMAL: plain decimal text ("100", "2.5") from lo to hi, kept as text
 * (an amount: parsed per currency later) or as a number. */
static int apply_decimal(struct config *c, const struct setting *s, const char *val, const char **why)
{
	static char msg[96];
	size_t digits = strspn(val, "0123456789"), frac = 0;
	double d;

	if (val[digits] == '.')
		frac = strspn(val + digits + 1, "0123456789") + 1;
	d = strtod(val, NULL);
	if (!digits || val[digits + frac] || (frac == 1) || d < (double)s->lo || d > (double)s->hi) {
		snprintf(msg, sizeof(msg), "expected a decimal number from %ld to %ld", s->lo, s->hi);
		return *why = msg, -1;
	}
	if (s->store == ST_STR)
		config_set_str((char **)((char *)c + s->off), val);
	else
		store_number((char *)c + s->off, s->store, d, 0);
	return 0;
}

/* Numbers: T_INT, T_SECONDS, T_RATE, T_DECIMAL, T_DATE, T_ENUM, T_SET. */
static int apply_number(struct config *c, const struct setting *s, const char *val, const char **why)
{
	void *p = (char *)c + s->off;
	long v = 0;
	char *end;
	double d;
	int day;

	switch (s->type) {
	case T_INT:
	case T_SECONDS:
		if (parse_long(val, s->lo, s->hi, &v)) {
			static char msg[96];
			snprintf(msg, sizeof(msg), "expected %s from %ld to %ld",
				 s->type == T_INT ? "a whole number" : "seconds", s->lo, s->hi);
			return *why = msg, -1;
		}
		if (s->type == T_SECONDS)
			v *= 1000;
		store_number(p, s->store, (double)v, v);
		return 0;
	case T_RATE:
		d = strtod(val, &end);
		if (end == val || *end || !(d > 0 && d <= (double)s->hi)) {
			static char msg[96];
			snprintf(msg, sizeof(msg), "expected requests per second, above 0 and at most %ld", s->hi);
			return *why = msg, -1;
		}
		store_number(p, s->store, d, 0);
		return 0;
	case T_DECIMAL:
		return apply_decimal(c, s, val, why);
	case T_DATE:
		if (date_parse(val, &day))
			return *why = "expected a real date YYYY-MM-DD", -1;
		store_number(p, s->store, 0, day);
		c->have_range = true;
		*(p == (void *)&c->since ? &c->have_since : &c->have_until) = true;
		return 0;
	default:
		if (s->type == T_ENUM ? choice_value(s->choices, val, &v) : parse_set(s, val, &v)) {
			static char msg[160];
			return *why = setting_expect(s, msg, sizeof(msg)), -1;
		}
		store_number(p, s->store, (double)v, v);
		return 0;
	}
}

int setting_apply(struct config *c, const struct setting *s, const char *val, const char **why)
{
	void *p = (char *)c + s->off;

	*why = NULL;
	switch (s->type) {
	case T_STR:
	case T_PATH:
	case T_URL:
	case T_SECRET:
		config_set_str((char **)p, val);
		return 0;
	case T_LIST:
		strlist_set((struct strlist *)p, val);
		return 0;
	case T_INT:
	case T_SECONDS:
	case T_RATE:
	case T_DECIMAL:
	case T_DATE:
	case T_ENUM:
	case T_SET:
		return apply_number(c, s, val, why);
	default:
		return *why = "not a setting", -1;
	}
}
