/* classify.c: see classify.h. Lexicons come from the rules file; the decision
 * order (GUIDELINES.md "Decision order") is the code of classify_text(). */
#include "triage/classify.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "triage/textnorm.h"

/* Lexicon names as written in rules.conf sections. */
#define LEXICONS(X)                                                                 \
	X(FOLLOW, "spam_follow")       /* follow for follow, sub4sub */            \
	X(PROMO, "spam_promo")         /* my page / shop / channel, link in bio */ \
	X(SCHEME, "spam_scheme")       /* earn money, crypto, loans, giveaways */  \
	X(SELLER, "spam_seller")       /* a seller's words next to a phone */      \
	X(PITCH, "spam_pitch")         /* I sell, je fais, kandir */              \
	X(CONTACT_ME, "contact_me")    /* inbox me, sift liya */                   \
	X(HANDLE_CUE, "spam_handle")   /* "check out" next to an @handle */        \
	X(CALLBACK, "callback")        /* a customer leaving her own number */     \
	X(C_ORDER, "complaint_order")  /* never arrived, late */                   \
	X(C_DEFECT, "complaint_defect") /* damaged, wrong, poor quality, size */   \
	X(C_REFUND, "complaint_refund") /* refund, exchange */                     \
	X(C_FRAUD, "complaint_fraud")  /* thieves, scam, liars */                  \
	X(C_SERVICE, "complaint_service") /* nobody answers, never again */        \
	X(ORDERED, "ordered")          /* I ordered, my order */                   \
	X(CHASE, "chase")              /* when will it arrive, where is it */      \
	X(PRICE_HIGH, "price_high")    /* expensive */                             \
	X(PRICE_OK, "price_ok")        /* not expensive, good price */             \
	X(INSULT, "insult")                                                         \
	X(INSULT_WEAK, "insult_weak") /* insults only aimed at a person */   \
	X(BODY, "body")                /* body-shaming words */                    \
	X(PERSON, "person")            /* the model, you (a person) */             \
	X(PRICE, "price")              /* how much, price */                       \
	X(AMOUNT, "amount")            /* dh, dirham, ryal */                      \
	X(DELIVERY, "delivery")                                                     \
	X(AVAIL, "availability")                                                    \
	X(VARIANT, "variant")          /* size, colour, material */                \
	X(INTENT, "intent")            /* I want one, dm me, how to order */       \
	X(PAYMENT, "payment")                                                       \
	X(QWORD, "question")           /* question words */                        \
	X(PRODUCT, "product")          /* product and shop nouns */                \
	X(PERSONAL, "personal")        /* personal questions to the model */       \
	X(OFFTOPIC, "offtopic")        /* football, exams, song, ... */            \
	X(PRAISE, "praise")                                                         \
	X(THANKS, "thanks")            /* thanks, blessings to the store */        \
	X(EMOJI_PRAISE, "emoji_praise")                                             \
	X(EMOJI_OFF, "emoji_offtopic")                                              \
	X(EMOJI_PRICE, "emoji_price")                                               \
	X(L_DL, "lang_darija_lat")                                                  \
	X(L_DA, "lang_darija_ar")                                                   \
	X(L_AR, "lang_ar")                                                          \
	X(L_FR, "lang_fr")                                                          \
	X(L_FRW, "lang_fr_weak")       /* French only when no Darija word */       \
	X(L_EN, "lang_en")                                                          \
	X(L_ENW, "lang_en_weak")

enum lex {
#define X(id, name) LX_##id,
	LEXICONS(X)
#undef X
	LX_COUNT
};

static const char *const lex_names[] = {
#define X(id, name) name,
	LEXICONS(X)
#undef X
};

static const char *const langs[] = {"darija-ar", "darija-lat", "ar", "fr", "en", "mixed", "fallback"};
#define NLANG (sizeof(langs) / sizeof(langs[0]))

#define MAX_WORDS 8

struct entry {
	unsigned char n;
	bool stem;  /* last word ends in '*': prefix of a token */
	bool emoji; /* a single emoji */
	const char *w[MAX_WORDS];
};

struct lexicon {
	struct entry *v;
	size_t n, cap;
};

struct replyset {
	const char **v;
	size_t n, cap;
};

/* Open-addressing set of words (the segmentation vocabulary). */
struct strset {
	const char **slot;
	size_t cap, n;
};

struct rules {
	struct arena arena;
	struct lexicon lx[LX_COUNT];
	const char **own_domain, **own_handle;
	size_t n_domain, n_handle;
	bool hide_offtopic;
	struct replyset rep[NLANG];
	struct strset vocab;
};

/* ---- string set ---- */

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static bool set_has(const struct strset *s, const char *w)
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
	if (set_has(s, w))
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
				if (!strcmp(lex_names[i], name))
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

/* ---- matching ---- */

#define MAX_CAND 8

struct cword {
	const char *c[MAX_CAND]; /* candidate forms: the token, then without clitics */
	int nc;
	enum tok_script sc;
	bool darija_digit;
};

struct text {
	struct tokens t;             /* all tokens */
	struct cword *w;             /* word and number tokens in order */
	size_t nw;
	bool hit[LX_COUNT];
	int count[LX_COUNT];         /* tokens hit (language lexicons) */
};

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static void add_cand(struct cword *cw, const char *s)
{
	if (cw->nc < MAX_CAND && *s)
		cw->c[cw->nc++] = s;
}

/* Arabic clitics: و ف then ال لل ب ل ك; Latin: the glued article l. */
static void make_cands(struct cword *cw, const char *w)
{
	static const char *const conj[] = {"\xd9\x88", "\xd9\x81", NULL};                       /* و ف */
	static const char *const art[] = {"\xd8\xa7\xd9\x84", "\xd9\x84\xd9\x84", NULL};        /* ال لل */
	static const char *const prep[] = {"\xd8\xa8", "\xd9\x84", "\xd9\x83", NULL};           /* ب ل ك */
	const char *forms[3] = {w, NULL, NULL};
	int nf = 1;

	cw->nc = 0;
	add_cand(cw, w);
	if (cw->sc == SC_LATIN) {
		if (w[0] == 'l' && utf8_codepoints(w) >= 5)
			add_cand(cw, w + 1);
		return;
	}
	if (cw->sc != SC_ARABIC)
		return;
	for (int i = 0; conj[i]; i++)
		if (has_prefix(w, conj[i]) && utf8_codepoints(w) >= 4)
			forms[nf++] = w + strlen(conj[i]);
	for (int f = 0; f < nf; f++) {
		const char *x = forms[f];
		if (f > 0)
			add_cand(cw, x);
		for (int i = 0; art[i]; i++)
			if (has_prefix(x, art[i]) && utf8_codepoints(x) >= 4)
				add_cand(cw, x + strlen(art[i]));
		for (int i = 0; prep[i]; i++) {
			const char *y = x + strlen(prep[i]);
			if (has_prefix(x, prep[i]) && utf8_codepoints(x) >= 4) {
				add_cand(cw, y);
				if (has_prefix(y, "\xd8\xa7\xd9\x84") && utf8_codepoints(y) >= 4) /* بال */
					add_cand(cw, y + 2);
			}
		}
	}
}

static bool word_eq(const struct cword *cw, const char *e, bool stem)
{
	for (int i = 0; i < cw->nc; i++)
		if (stem ? has_prefix(cw->c[i], e) : strcmp(cw->c[i], e) == 0)
			return true;
	return false;
}

static int lex_count(const struct lexicon *lx, const struct text *tx, bool count_tokens)
{
	int hits = 0;

	for (size_t p = 0; p < tx->nw; p++) {
		bool here = false;
		for (size_t k = 0; k < lx->n && !here; k++) {
			const struct entry *en = &lx->v[k];
			size_t j;
			if (en->emoji || p + en->n > tx->nw)
				continue;
			for (j = 0; j < en->n; j++)
				if (!word_eq(&tx->w[p + j], en->w[j], en->stem && j + 1 == en->n))
					break;
			if (j == en->n)
				here = true;
		}
		if (here) {
			hits++;
			if (!count_tokens)
				return hits;
		}
	}
	return hits;
}

static bool emoji_hit(const struct lexicon *lx, const struct token *tk)
{
	for (size_t k = 0; k < lx->n; k++)
		if (lx->v[k].emoji && strcmp(lx->v[k].w[0], tk->text) == 0)
			return true;
	return false;
}

/* Split a run-together Latin token ("ch7altamanafak") into known words of
 * 3+ letters; returns the number of pieces (0 when it cannot). */
static int segment(const struct strset *vocab, const char *w, size_t *cut, int maxcut)
{
	size_t n = strlen(w);
	int best[128], from[128];
	char tmp[128];

	if (n < 8 || n >= sizeof(tmp) || set_has(vocab, w))
		return 0;
	for (size_t i = 0; i <= n; i++)
		best[i] = -1;
	best[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (best[i] < 0)
			continue;
		for (size_t j = i + 3; j <= n; j++) {
			memcpy(tmp, w + i, j - i);
			tmp[j - i] = '\0';
			if (set_has(vocab, tmp) && (best[j] < 0 || best[i] + 1 < best[j])) {
				best[j] = best[i] + 1;
				from[j] = (int)i;
			}
		}
	}
	if (best[n] < 2 || best[n] > maxcut)
		return 0;
	for (int k = best[n], j = (int)n; k > 0; k--) {
		cut[k - 1] = (size_t)j;
		j = from[j];
	}
	return best[n];
}

static void text_build(const struct rules *r, const char *utf8, struct text *tx)
{
	struct tokens raw = {0};

	memset(tx, 0, sizeof(*tx));
	textnorm_tokenize(utf8, &raw);
	/* split run-together words when every piece is a known word */
	for (size_t i = 0; i < raw.n; i++) {
		struct token *tk = &raw.v[i];
		size_t cut[8];
		int k = 0;
		if (tk->kind == TK_WORD && tk->script == SC_LATIN)
			k = segment(&r->vocab, tk->text, cut, 8);
		if (k > 0) {
			size_t start = 0;
			for (int j = 0; j < k; j++) {
				tokens_push(&tx->t, TK_WORD, SC_LATIN, tk->text + start, cut[j] - start);
				tx->t.v[tx->t.n - 1].darija_digit = tk->darija_digit;
				start = cut[j];
			}
		} else {
			tokens_push(&tx->t, tk->kind, tk->script, tk->text, strlen(tk->text));
			tx->t.v[tx->t.n - 1].darija_digit = tk->darija_digit;
		}
	}
	tx->t.bad_utf8 = raw.bad_utf8;
	tokens_free(&raw);
	tx->w = xcalloc(tx->t.n + 1, sizeof(*tx->w));
	/* candidate strings point into token texts: build them in place */
	for (size_t i = 0; i < tx->t.n; i++) {
		struct token *tk = &tx->t.v[i];
		if (tk->kind != TK_WORD && tk->kind != TK_NUM)
			continue;
		tx->w[tx->nw].sc = tk->script;
		tx->w[tx->nw].darija_digit = tk->darija_digit;
		make_cands(&tx->w[tx->nw], tk->text);
		tx->nw++;
	}
	for (int l = 0; l < LX_COUNT; l++) {
		bool is_lang = l >= LX_L_DL;
		tx->count[l] = lex_count(&r->lx[l], tx, is_lang);
		tx->hit[l] = tx->count[l] > 0;
	}
}

static void text_free(struct text *tx)
{
	tokens_free(&tx->t);
	free(tx->w);
}

/* ---- language ---- */

static const char *detect_lang(const struct text *tx)
{
	int lat = 0, arab = 0, dig = 0, other = 0;
	int dl, fr, en, da, ar;

	for (size_t i = 0; i < tx->nw; i++) {
		if (tx->w[i].sc == SC_LATIN)
			lat++;
		else if (tx->w[i].sc == SC_ARABIC)
			arab++;
		else if (tx->w[i].sc == SC_OTHER)
			other++;
		if (tx->w[i].darija_digit)
			dig++;
	}
	if (lat == 0 && arab == 0)
		return "mixed"; /* emoji, symbols, numbers, links, other scripts */
	if (lat > 0 && arab > 0)
		return "mixed";
	if (arab > 0) {
		da = tx->count[LX_L_DA];
		ar = tx->count[LX_L_AR];
		if (da > 0 && da >= ar)
			return "darija-ar";
		return ar > 0 ? "ar" : "darija-ar";
	}
	dl = tx->count[LX_L_DL] + dig;
	fr = tx->count[LX_L_FR];
	en = tx->count[LX_L_EN];
	if (dl > 0) {
		if (fr + en == 0)
			return "darija-lat";
		if (dl * 3 >= fr + en)
			return "mixed"; /* a real second-language chunk */
		return fr >= en ? (fr > en ? "fr" : "mixed") : "en"; /* a stray Darija word */
	}
	fr += tx->count[LX_L_FRW];
	en += tx->count[LX_L_ENW];
	if (fr >= 2 && en >= 2 && (fr < en ? fr : en) * 3 >= (fr > en ? fr : en))
		return "mixed";
	if (fr > en)
		return "fr";
	if (en > fr)
		return "en";
	return fr > 0 ? "mixed" : "darija-lat";
}

/* ---- decision ---- */

static bool url_is_own(const struct rules *r, const char *url)
{
	const char *h = url;
	size_t hn;

	if (has_prefix(h, "https://"))
		h += 8;
	else if (has_prefix(h, "http://"))
		h += 7;
	if (has_prefix(h, "www."))
		h += 4;
	hn = strcspn(h, "/?#:");
	for (size_t i = 0; i < r->n_domain; i++) {
		size_t dn = strlen(r->own_domain[i]);
		if (hn == dn && strncmp(h, r->own_domain[i], dn) == 0)
			return true;
		if (hn > dn && h[hn - dn - 1] == '.' && strncmp(h + hn - dn, r->own_domain[i], dn) == 0)
			return true;
	}
	return false;
}

static bool handle_is_own(const struct rules *r, const char *h)
{
	for (size_t i = 0; i < r->n_handle; i++)
		if (strcmp(h + 1, r->own_handle[i]) == 0)
			return true;
	return false;
}

static void set_v(struct verdict *v, enum category c, const char *rule)
{
	v->cat = c;
	snprintf(v->rule, sizeof(v->rule), "%s", rule);
}

static void decide(const struct rules *r, const struct text *tx, struct verdict *v)
{
	const bool *h = tx->hit;
	size_t links = 0, phones = 0, handles = 0, mid_handles = 0, emails = 0, emojis = 0, qmarks = 0;
	int e_praise = 0, e_off = 0;
	bool e_price = false, lead_tag = false, question, lead_checked = false;

	for (size_t i = 0; i < tx->t.n; i++) {
		const struct token *tk = &tx->t.v[i];
		switch (tk->kind) {
		case TK_URL:
			if (!url_is_own(r, tk->text))
				links++;
			break;
		case TK_EMAIL:
			if (!url_is_own(r, strchr(tk->text, '@') + 1))
				emails++;
			break;
		case TK_PHONE:
			phones++;
			break;
		case TK_HANDLE:
			if (!handle_is_own(r, tk->text)) {
				handles++;
				if (!lead_checked)
					lead_tag = true;
				else
					mid_handles++;
			}
			break;
		case TK_EMOJI:
			emojis++;
			e_praise += emoji_hit(&r->lx[LX_EMOJI_PRAISE], tk);
			e_off += emoji_hit(&r->lx[LX_EMOJI_OFF], tk);
			e_price |= emoji_hit(&r->lx[LX_EMOJI_PRICE], tk);
			break;
		case TK_QMARK:
			qmarks++;
			break;
		default:
			break;
		}
		if (tk->kind == TK_WORD || tk->kind == TK_NUM || tk->kind == TK_HANDLE)
			lead_checked = true;
	}
	question = qmarks > 0 || h[LX_QWORD];

	/* nothing but emoji and symbols */
	if (tx->nw == 0 && links == 0 && phones == 0 && handles == 0 && emails == 0) {
		if (e_price || (qmarks > 0 && !e_praise && !e_off))
			return set_v(v, CAT_INQUIRY, "inquiry.symbol");
		if (e_off > e_praise)
			return set_v(v, CAT_OFFTOPIC, "offtopic.emoji");
		return set_v(v, CAT_OTHER, emojis ? "other.emoji" : "other.empty");
	}

	/* 1. spam: promoting someone else */
	if (links > 0)
		return set_v(v, CAT_SPAM, "spam.link");
	if (h[LX_FOLLOW])
		return set_v(v, CAT_SPAM, "spam.follow");
	if (h[LX_PROMO])
		return set_v(v, CAT_SPAM, "spam.promo");
	if (h[LX_SCHEME])
		return set_v(v, CAT_SPAM, "spam.scheme");
	/* a seller's words, unless she leaves her number to be called (a priced
	 * offer is a seller even when it says "contact me") */
	if ((phones > 0 || emails > 0) && h[LX_SELLER] &&
	    (!h[LX_CALLBACK] || (h[LX_AMOUNT] && !h[LX_INTENT])))
		return set_v(v, CAT_SPAM, "spam.phone");
	if (mid_handles > 0 && h[LX_HANDLE_CUE])
		return set_v(v, CAT_SPAM, "spam.handle");
	if (h[LX_PITCH] && h[LX_CONTACT_ME])
		return set_v(v, CAT_SPAM, "spam.pitch");
	if (tx->nw >= 12) {
		size_t distinct = 0;
		for (size_t i = 0; i < tx->nw; i++) {
			size_t j;
			for (j = 0; j < i; j++)
				if (strcmp(tx->w[i].c[0], tx->w[j].c[0]) == 0)
					break;
			distinct += j == i;
		}
		if (distinct * 4 <= tx->nw)
			return set_v(v, CAT_SPAM, "spam.flood");
	}

	/* 2. complaint: a grievance of her own; never hidden */
	if (h[LX_C_FRAUD])
		return set_v(v, CAT_COMPLAINT, "complaint.fraud");
	if (h[LX_C_ORDER])
		return set_v(v, CAT_COMPLAINT, "complaint.order");
	if (h[LX_ORDERED] && h[LX_CHASE])
		return set_v(v, CAT_COMPLAINT, "complaint.status");
	if (h[LX_C_REFUND])
		return set_v(v, CAT_COMPLAINT, "complaint.refund");
	if (h[LX_C_DEFECT])
		return set_v(v, CAT_COMPLAINT, "complaint.defect");
	if (h[LX_C_SERVICE])
		return set_v(v, CAT_COMPLAINT, "complaint.service");
	if (h[LX_PRICE_HIGH] && !h[LX_PRICE_OK] && !question) {
		if (h[LX_OFFTOPIC] && !h[LX_PRODUCT])
			return set_v(v, CAT_OFFTOPIC, "offtopic.theme");
		return set_v(v, CAT_COMPLAINT, "complaint.price");
	}

	/* 3. abuse: aimed at a person, no grievance */
	if (h[LX_INSULT])
		return set_v(v, CAT_ABUSE, "abuse.insult");
	/* words that insult only when aimed at someone ("clown print tote") */
	if (h[LX_INSULT_WEAK] && (h[LX_PERSON] || (!h[LX_PRODUCT] && !h[LX_PRAISE])) &&
	    !(h[LX_PRICE] || h[LX_INTENT] || h[LX_AVAIL] || h[LX_VARIANT] || h[LX_DELIVERY] || h[LX_PAYMENT]))
		return set_v(v, CAT_ABUSE, "abuse.insult");
	if (h[LX_BODY] && h[LX_PERSON])
		return set_v(v, CAT_ABUSE, "abuse.body");

	/* talk to a tagged friend: nothing is asked of the store */
	if (lead_tag)
		return set_v(v, CAT_OTHER, "other.tag");

	/* 4. inquiry. A buying signal (price, intent, delivery, payment) beats an
	 * off-topic word ("before the match", "for my sister's birthday"); a
	 * personal or audience question beats the weaker signals. */
	if (phones > 0)
		return set_v(v, CAT_INQUIRY, "inquiry.phone");
	if (h[LX_PRICE] && !h[LX_PRICE_OK])
		return set_v(v, CAT_INQUIRY, "inquiry.price");
	if (h[LX_INTENT])
		return set_v(v, CAT_INQUIRY, "inquiry.order");
	{
		bool open = question || !(h[LX_PRAISE] || h[LX_THANKS] || e_praise > 0);
		if (h[LX_PAYMENT] && open)
			return set_v(v, CAT_INQUIRY, "inquiry.payment");
		if (h[LX_DELIVERY] && open)
			return set_v(v, CAT_INQUIRY, "inquiry.delivery");
		if (h[LX_PERSONAL])
			return set_v(v, CAT_OFFTOPIC, "offtopic.personal");
		if (h[LX_AVAIL] && open)
			return set_v(v, CAT_INQUIRY, "inquiry.availability");
		if (h[LX_VARIANT] && open)
			return set_v(v, CAT_INQUIRY, "inquiry.variant");
		if (h[LX_AMOUNT] && question && !h[LX_PRAISE])
			return set_v(v, CAT_INQUIRY, "inquiry.price");
	}
	if (question && h[LX_PRODUCT] && !h[LX_PRAISE])
		return set_v(v, CAT_INQUIRY, "inquiry.question");

	/* 5. offtopic */
	if (h[LX_OFFTOPIC] && !h[LX_PRAISE])
		return set_v(v, CAT_OFFTOPIC, "offtopic.theme");

	/* 6. other */
	if (h[LX_PRAISE])
		return set_v(v, CAT_OTHER, "other.praise");
	if (h[LX_THANKS])
		return set_v(v, CAT_OTHER, "other.thanks");
	if (handles > 0)
		return set_v(v, CAT_OTHER, "other.tag");
	if (tx->nw == 0 && e_off > e_praise)
		return set_v(v, CAT_OFFTOPIC, "offtopic.emoji");
	return set_v(v, CAT_OTHER, "default.other");
}

void classify_text(const struct rules *r, const char *utf8, struct verdict *v)
{
	struct text tx;

	memset(v, 0, sizeof(*v));
	text_build(r, utf8 ? utf8 : "", &tx);
	decide(r, &tx, v);
#ifdef CLASSIFY_DEBUG
	for (int l = 0; l < LX_COUNT; l++)
		if (tx.hit[l]) {
			fprintf(stderr, " %s=%d[", lex_names[l], tx.count[l]);
			for (size_t p = 0; p < tx.nw; p++)
				for (size_t k = 0; k < r->lx[l].n; k++) {
					const struct entry *en = &r->lx[l].v[k];
					if (!en->emoji && en->n == 1 && word_eq(&tx.w[p], en->w[0], en->stem))
						fprintf(stderr, "%s%s ", en->w[0], en->stem ? "*" : "");
				}
			fprintf(stderr, "]");
		}
	fprintf(stderr, "\n");
#endif
	snprintf(v->lang, sizeof(v->lang), "%s", detect_lang(&tx));
	text_free(&tx);
}
