/* rules.c: loading rules.conf (lexicons, settings) and replies.conf (reply
 * templates) into struct rules (rules_int.h), and the reply chosen for a
 * comment. Errors name file:line. */
#include "triage/classify.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "triage/textnorm.h"
#include "triage/rules_int.h"

const char *const rules_lex_names[LX_COUNT] = {
#define X(id, name) name,
	LEXICONS(X)
#undef X
};

static const char *const langs[NLANG] = {"darija-ar", "darija-lat", "ar", "fr", "en", "mixed", "fallback"};

/* ---- string set ---- */

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

bool rules_set_has(const struct strset *s, const char *w)
{
	if (!s->cap)
		return false;
	for (size_t i = fnv(w) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->slot[i])
			return false;
		if (strcmp(s->slot[i], w) == 0)
			return true;
	}
}

static void set_add(struct strset *s, const char *w)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct strset bigger = {xcalloc(s->cap ? s->cap * 2 : 256, sizeof(char *)), s->cap ? s->cap * 2 : 256, 0};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				set_add(&bigger, s->slot[i]);
		free(s->slot);
		*s = bigger;
	}
	if (rules_set_has(s, w))
		return;
	for (size_t i = fnv(w) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->slot[i]) {
			s->slot[i] = w;
			s->n++;
			return;
		}
	}
}

/* ---- loading ---- */

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

static int lang_index(const char *s)
{
	for (size_t i = 0; i < NLANG; i++)
		if (strcmp(langs[i], s) == 0)
			return (int)i;
	return -1;
}

static int add_entry(struct rules *r, struct lexicon *lx, size_t min_stem, const char *text, const char *path,
                     int line, struct err *e)
{
	struct tokens t = {0};
	struct entry en = {0};
	char buf[512];
	size_t len = strlen(text);
	bool stem = false;

	if (len >= sizeof(buf))
		return errf(e, EXIT_USAGE, "%s:%d: entry too long", path, line);
	memcpy(buf, text, len + 1);
	if (len > 0 && buf[len - 1] == '*') {
		stem = true;
		buf[--len] = '\0';
	}
	if (textnorm_tokenize(buf, &t) != 0) {
		tokens_free(&t);
		return errf(e, EXIT_USAGE, "%s:%d: entry '%s' is not valid UTF-8", path, line, text);
	}
	for (size_t i = 0; i < t.n; i++) {
		struct token *tk = &t.v[i];
		if (tk->kind == TK_QMARK || tk->kind == TK_EXCL)
			continue;
		if (tk->kind == TK_EMOJI) {
			en.emoji = true;
		} else if (tk->kind != TK_WORD && tk->kind != TK_NUM) {
			enum tok_kind k = tk->kind;
			tokens_free(&t);
			return errf(e, EXIT_USAGE, "%s:%d: entry '%s' holds a %s, only words and emoji", path, line,
			            text, tok_kind_name(k));
		}
		if (en.n == MAX_WORDS) {
			tokens_free(&t);
			return errf(e, EXIT_USAGE, "%s:%d: entry '%s' has more than %d words", path, line, text,
			            MAX_WORDS);
		}
		en.w[en.n++] = arena_strdup(&r->arena, tk->text);
	}
	tokens_free(&t);
	if (en.n == 0)
		return errf(e, EXIT_USAGE, "%s:%d: entry '%s' has no word", path, line, text);
	if (en.emoji && en.n != 1)
		return errf(e, EXIT_USAGE, "%s:%d: entry '%s': an emoji entry is one emoji alone", path, line, text);
	if (stem && utf8_codepoints(en.w[en.n - 1]) < min_stem)
		return errf(e, EXIT_USAGE, "%s:%d: stem '%s*' is shorter than %zu letters", path, line,
		            en.w[en.n - 1], min_stem);
	en.stem = stem;
	if (lx->n == lx->cap) {
		lx->cap = lx->cap ? lx->cap * 2 : 32;
		lx->v = xrealloc(lx->v, lx->cap * sizeof(*lx->v));
	}
	lx->v[lx->n++] = en;
	if (!en.emoji)
		for (size_t i = 0; i < en.n; i++)
			set_add(&r->vocab, en.w[i]);
	return 0;
}

static bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on"))
		return *out = true, true;
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off"))
		return *out = false, true;
	return false;
}

static void push_str(struct rules *r, const char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = arena_strdup(&r->arena, s);
}

static int config_line(struct rules *r, char *s, const char *path, int line, struct err *e)
{
	char *eq = strchr(s, '='), *key, *val;

	if (!eq)
		return errf(e, EXIT_USAGE, "%s:%d: expected key = value", path, line);
	*eq = '\0';
	key = trim(s);
	val = trim(eq + 1);
	for (char *p = val; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!strcmp(key, "own_domain") && *val) {
		push_str(r, &r->own_domain, &r->n_domain, val);
	} else if (!strcmp(key, "own_handle") && *val) {
		push_str(r, &r->own_handle, &r->n_handle, val[0] == '@' ? val + 1 : val);
	} else if (!strcmp(key, "hide_offtopic")) {
		if (!parse_bool(val, &r->hide_offtopic))
			return errf(e, EXIT_USAGE, "%s:%d: hide_offtopic: expected yes or no, got '%s'", path, line, val);
	} else {
		return errf(e, EXIT_USAGE, "%s:%d: unknown key '%s'", path, line, key);
	}
	return 0;
}

static int load_rules_file(struct rules *r, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t got;
	int line = 0, section = -2, rc = 0; /* -2 none, -1 config */

	if (!f)
		return errf(e, EXIT_USAGE, "%s: cannot open rules: %s", path, strerror(errno));
	while (rc == 0 && (got = getline(&buf, &cap, f)) >= 0) {
		char *s = trim(buf);
		line++;
		if (line == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
			s += 3;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']'), *name, *lang;
			if (!end || trim(end + 1)[0] != '\0') {
				rc = errf(e, EXIT_USAGE, "%s:%d: malformed section header", path, line);
				break;
			}
			*end = '\0';
			name = trim(s + 1);
			lang = strchr(name, ' ');
			if (lang) {
				*lang++ = '\0';
				lang = trim(lang);
				if (lang_index(lang) < 0 && strcmp(lang, "any") != 0) {
					rc = errf(e, EXIT_USAGE, "%s:%d: unknown language '%s'", path, line, lang);
					break;
				}
			}
			if (!strcmp(name, "config")) {
				section = -1;
				continue;
			}
			section = -2;
			for (int i = 0; i < LX_COUNT; i++)
				if (!strcmp(rules_lex_names[i], name))
					section = i;
			if (section == -2)
				rc = errf(e, EXIT_USAGE, "%s:%d: unknown section [%s]", path, line, name);
			continue;
		}
		if (section == -2) {
			rc = errf(e, EXIT_USAGE, "%s:%d: line outside a section", path, line);
		} else if (section == -1) {
			rc = config_line(r, s, path, line, e);
		} else {
			char *save = NULL;
			for (char *tok = strtok_r(s, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
				char *t = trim(tok);
				if (*t)
					rc = add_entry(r, &r->lx[section], section >= LX_L_DL ? 3 : 4, t, path, line, e);
			}
		}
	}
	free(buf);
	fclose(f);
	return rc;
}

static int load_replies(struct rules *r, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	int line = 0, section = -1, rc = 0;

	if (!f)
		return errf(e, EXIT_USAGE, "%s: cannot open replies: %s", path, strerror(errno));
	while (rc == 0 && getline(&buf, &cap, f) >= 0) {
		char *s = trim(buf), *fixed = NULL;
		struct replyset *rs;
		size_t n;
		line++;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end) {
				rc = errf(e, EXIT_USAGE, "%s:%d: malformed section header", path, line);
				break;
			}
			*end = '\0';
			section = lang_index(trim(s + 1));
			if (section < 0)
				rc = errf(e, EXIT_USAGE, "%s:%d: unknown language [%s]", path, line, trim(s + 1));
			continue;
		}
		if (section < 0) {
			rc = errf(e, EXIT_USAGE, "%s:%d: template outside a [language] section", path, line);
			break;
		}
		if (textnorm_fold(s, strlen(s), &fixed) == 1) {
			free(fixed);
			rc = errf(e, EXIT_USAGE, "%s:%d: template is not valid UTF-8", path, line);
			break;
		}
		free(fixed);
		n = utf8_codepoints(s);
		if (n > 150) {
			rc = errf(e, EXIT_USAGE, "%s:%d: template is %zu characters, at most 150", path, line, n);
			break;
		}
		rs = &r->rep[section];
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 8;
			rs->v = xrealloc(rs->v, rs->cap * sizeof(*rs->v));
		}
		rs->v[rs->n++] = arena_strdup(&r->arena, s);
	}
	free(buf);
	fclose(f);
	if (rc == 0 && r->rep[NLANG - 1].n == 0)
		rc = errf(e, EXIT_USAGE, "%s: no [fallback] template", path);
	return rc;
}

void rules_free(struct rules *r)
{
	if (!r)
		return;
	for (int i = 0; i < LX_COUNT; i++)
		free(r->lx[i].v);
	for (size_t i = 0; i < NLANG; i++)
		free(r->rep[i].v);
	free(r->own_domain);
	free(r->own_handle);
	free(r->vocab.slot);
	arena_release(&r->arena);
	free(r);
}

int rules_load(const char *rules_path, const char *replies_path, struct rules **out, struct err *e)
{
	struct rules *r = xcalloc(1, sizeof(*r));
	int rc;

	r->hide_offtopic = true;
	rc = load_rules_file(r, rules_path, e);
	if (rc == 0 && replies_path)
		rc = load_replies(r, replies_path, e);
	if (rc) {
		rules_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

size_t rules_own_domains(const struct rules *r, const char *const **domains)
{
	*domains = (const char *const *)r->own_domain;
	return r->n_domain;
}

bool rules_hide_offtopic(const struct rules *r)
{
	return r->hide_offtopic;
}

const char *rules_reply(const struct rules *r, const char *lang, const char *key)
{
	int li = lang ? lang_index(lang) : -1;
	const struct replyset *rs = li >= 0 && r->rep[li].n ? &r->rep[li] : &r->rep[NLANG - 1];

	if (!rs->n)
		return "Thank you! Please message us on WhatsApp or in DM to order.";
	return rs->v[fnv(key ? key : "") % rs->n];
}

