/* textnorm.c: see textnorm.h. utf8proc does NFKC, case folding and mark
 * stripping (which also drops Arabic harakat and the hamza of أ إ ؤ ئ after
 * decomposition); the rest is a small code point pass of our own. */
#include "triage/textnorm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/arena.h"

/* ---- small UTF-8 buffer ---- */

struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_put(struct sbuf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2 + 16;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_cp(struct sbuf *b, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);

	sb_put(b, tmp, (size_t)k);
}

/* Decode one code point at s (n bytes left); invalid -> U+FFFD, 1 byte. */
static size_t dec(const char *s, size_t n, int32_t *cp, bool *bad)
{
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cp);

	if (k <= 0) {
		*cp = 0xFFFD;
		if (bad)
			*bad = true;
		return 1;
	}
	return (size_t)k;
}

size_t utf8_codepoints(const char *s)
{
	size_t n = strlen(s), i = 0, count = 0;
	int32_t cp;

	while (i < n) {
		i += dec(s + i, n - i, &cp, NULL);
		count++;
	}
	return count;
}

/* ---- folding ---- */

static bool is_arabic_mark(int32_t c)
{
	return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
	       c == 0x0640;
}

static int32_t fold_cp(int32_t c)
{
	switch (c) {
	case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
		return 0x0627; /* alef variants */
	case 0x0649: case 0x06CC: case 0x0626:
		return 0x064A; /* alef maqsura, Persian yeh, yeh with hamza -> ya */
	case 0x0629:
		return 0x0647; /* ta marbuta -> ha */
	case 0x0624:
		return 0x0648; /* waw with hamza */
	case 0x06A9:
		return 0x0643; /* keheh -> kaf */
	case 0x060C:
		return ',';
	case 0x061B:
		return ';';
	case 0x066A:
		return '%';
	case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x00B4: case 0x0060:
		return '\'';
	}
	if (c >= 0x0660 && c <= 0x0669)
		return '0' + (c - 0x0660);
	if (c >= 0x06F0 && c <= 0x06F9)
		return '0' + (c - 0x06F0);
	return c;
}

int textnorm_fold(const char *s, size_t len, char **out)
{
	struct sbuf clean = {0}, res = {0};
	bool bad = false;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t mlen;
	size_t i = 0;
	int32_t cp;

	/* 1. make it valid UTF-8 (and drop NULs, which cannot be there anyway) */
	sb_put(&clean, "", 0);
	while (i < len) {
		size_t k = dec(s + i, len - i, &cp, &bad);
		if (cp != 0)
			sb_cp(&clean, cp);
		i += k;
	}
	/* 2. NFKC, case fold, strip marks and ignorables, lump punctuation */
	mlen = utf8proc_map((const utf8proc_uint8_t *)clean.p, (utf8proc_ssize_t)clean.n, &mapped,
	                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                        UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP |
	                        UTF8PROC_NLF2LS | UTF8PROC_STRIPCC);
	free(clean.p);
	if (mlen < 0) {
		*out = NULL;
		return -1;
	}
	/* 3. our own code point pass */
	sb_put(&res, "", 0);
	for (i = 0; i < (size_t)mlen;) {
		i += dec((const char *)mapped + i, (size_t)mlen - i, &cp, NULL);
		if (is_arabic_mark(cp))
			continue;
		if (cp == 0x0153) { /* œ */
			sb_put(&res, "oe", 2);
			continue;
		}
		if (cp == 0x00E6) { /* æ */
			sb_put(&res, "ae", 2);
			continue;
		}
		sb_cp(&res, fold_cp(cp));
	}
	free(mapped);
	*out = res.p;
	return bad ? 1 : 0;
}

void textnorm_squeeze(char *w)
{
	size_t n = strlen(w), i = 0, o = 0;
	int32_t prev = -1, cp;

	while (i < n) {
		size_t k = dec(w + i, n - i, &cp, NULL);
		bool digit = cp >= '0' && cp <= '9';
		if (!(cp == prev && !digit)) {
			memmove(w + o, w + i, k);
			o += k;
		}
		prev = cp;
		i += k;
	}
	w[o] = '\0';
}

/* ---- classes ---- */

static bool is_arabic_letter(int32_t c)
{
	return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
	       (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0x08A0 && c <= 0x08FF);
}

static bool is_letter(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static bool is_latin_letter(int32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	return c < 0x0250 && is_letter(c);
}

static bool is_emoji(int32_t c)
{
	if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
	    (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B00 && c <= 0x2BFF) || c == 0x3030 ||
	    c == 0x303D || c == 0x3297 || c == 0x3299 || c == 0x203C || c == 0x2049 ||
	    c == 0x2122 || c == 0x2139 || (c >= 0x2190 && c <= 0x21FF) || c == 0x00A9 ||
	    c == 0x00AE || c == 0x2665 || c == 0x2764)
		return true;
	return c != 0xFFFD && utf8proc_category(c) == UTF8PROC_CATEGORY_SO;
}

static bool is_skin_or_joiner(int32_t c)
{
	return (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x200D || c == 0xFE0F || c == 0xFE0E ||
	       c == 0x20E3 || (c >= 0xE0020 && c <= 0xE007F);
}

/* ---- tokenizer ---- */

void tokens_push(struct tokens *t, enum tok_kind k, enum tok_script sc, const char *text, size_t len)
{
	struct token *tk;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	tk = &t->v[t->n++];
	tk->kind = k;
	tk->script = sc;
	tk->darija_digit = false;
	tk->text = xmalloc(len + 1);
	memcpy(tk->text, text, len);
	tk->text[len] = '\0';
}

void tokens_free(struct tokens *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static bool url_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("._~:/?#=&%+-", c) != NULL ||
	       (c >= 'A' && c <= 'Z');
}

static const char *const tlds[] = {
	"com", "net", "org", "ma", "me", "ly", "co", "io", "store", "shop", "site", "online",
	"xyz", "info", "biz", "app", "link", "fr", "tk", "gg", "to", "cc", "top", "live",
	"club", "vip", "win", "ru", "cn", "in", "us", "uk", "de", "es", "tv", "page", "gl",
	"gd", "sh", "click", "buzz", "icu", "fun", "ws", "su", "pro", "cam", NULL,
};

static bool is_tld(const char *s, size_t n)
{
	for (size_t i = 0; tlds[i]; i++)
		if (strlen(tlds[i]) == n && memcmp(tlds[i], s, n) == 0)
			return true;
	return false;
}

/* A URL or a bare domain starting at s: returns its length, 0 if none. */
static size_t scan_url(const char *s)
{
	size_t n = 0, host_end, dot = 0, ndots = 0;

	while (s[n] && url_char((unsigned char)s[n]))
		n++;
	while (n > 0 && strchr(".,:?!)-'", s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
		return n > 8 ? n : 0;
	if (strncmp(s, "www.", 4) == 0 && n > 5)
		return n;
	/* host.tld[/...]: labels of [a-z0-9-], the last one a known TLD */
	for (host_end = 0; host_end < n && s[host_end] != '/' && s[host_end] != '?' && s[host_end] != '#' &&
	                   s[host_end] != ':';
	     host_end++) {
		char c = s[host_end];
		if (c == '.') {
			if (host_end == 0 || s[host_end - 1] == '.')
				return 0;
			dot = host_end;
			ndots++;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		             (c >= 'A' && c <= 'Z'))) {
			return 0;
		}
	}
	if (ndots == 0 || dot + 1 >= host_end)
		return 0;
	{
		char tld[16];
		size_t tn = host_end - dot - 1;
		if (tn >= sizeof(tld))
			return 0;
		for (size_t i = 0; i < tn; i++)
			tld[i] = (char)((s[dot + 1 + i] >= 'A' && s[dot + 1 + i] <= 'Z') ? s[dot + 1 + i] + 32 : s[dot + 1 + i]);
		if (!is_tld(tld, tn))
			return 0;
	}
	return n;
}

/* name@host.tld */
static size_t scan_email(const char *s)
{
	size_t n = 0, at;

	while (s[n] && (url_char((unsigned char)s[n]) || s[n] == '@') && s[n] != '/')
		n++;
	while (n > 0 && strchr(".,:?!)-", s[n - 1]))
		n--;
	for (at = 0; at < n && s[at] != '@'; at++)
		;
	if (at == 0 || at >= n - 1)
		return 0;
	return scan_url(s + at + 1) == n - at - 1 ? n : 0;
}

/* A phone number: '+'? digit groups separated by one space, '-' or '.';
 * 9 to 15 digits in all. Returns its length and the digits in out. */
static size_t scan_phone(const char *s, char *out, size_t cap)
{
	size_t i = 0, nd = 0, o = 0, end = 0;

	if (s[0] == '+') {
		out[o++] = '+';
		i = 1;
	}
	if (!(s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (;;) {
		while (s[i] >= '0' && s[i] <= '9') {
			if (o + 1 < cap)
				out[o++] = s[i];
			nd++;
			i++;
		}
		end = i;
		if ((s[i] == ' ' || s[i] == '-' || s[i] == '.') && s[i + 1] >= '0' && s[i + 1] <= '9')
			i++;
		else
			break;
	}
	out[o] = '\0';
	/* a number glued to letters ("0661abc") is not a clean phone */
	if (nd < 9 || nd > 15)
		return 0;
	return end;
}

static bool ascii_alnum(char ch)
{
	return ((unsigned char)ch >= 'a' && (unsigned char)ch <= 'z') || (ch >= '0' && ch <= '9');
}

/* An e-mail, URL, @handle or phone number at f+i (ASCII, at a word start).
 * Returns the bytes taken, 0 if none. */
static size_t lex_addr(const char *f, size_t i, int32_t c, struct tokens *t)
{
	bool at_word_start = i == 0 || !ascii_alnum(f[i - 1]);
	char digits[32];
	size_t m;

	if (c < 0x80 && at_word_start && (m = scan_email(f + i)) > 0) {
		tokens_push(t, TK_EMAIL, SC_NONE, f + i, m);
		return m;
	}
	if (c < 0x80 && at_word_start && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) &&
	    (m = scan_url(f + i)) > 0) {
		tokens_push(t, TK_URL, SC_NONE, f + i, m);
		return m;
	}
	if (c == '@') {
		m = 1;
		while (f[i + m] && (ascii_alnum(f[i + m]) || f[i + m] == '_' || f[i + m] == '.'))
			m++;
		while (m > 1 && f[i + m - 1] == '.')
			m--;
		if (m > 1)
			tokens_push(t, TK_HANDLE, SC_NONE, f + i, m);
		return m;
	}
	if ((c == '+' || (c >= '0' && c <= '9')) && at_word_start &&
	    (m = scan_phone(f + i, digits, sizeof(digits))) > 0 &&
	    !is_latin_letter((unsigned char)f[i + m])) {
		tokens_push(t, TK_PHONE, SC_NONE, digits, strlen(digits));
		return m;
	}
	return 0;
}

/* A Latin word f[i..j) with digits: "ch7al", "3afak", "9ahwa" use digits as
 * letters; not "amira20", "f4f". */
static void push_latin_word(const char *f, size_t i, size_t j, struct tokens *t)
{
	struct token *tk;
	size_t nd = 0, trail = 0;

	tokens_push(t, TK_WORD, SC_LATIN, f + i, j - i);
	tk = &t->v[t->n - 1];
	for (size_t q = i; q < j; q++) {
		if (f[q] >= '0' && f[q] <= '9') {
			nd += strchr("235789", f[q]) != NULL; /* 3=ع 7=ح 9=ق 2=ء 5=خ 8=غ */
			trail++;
		} else {
			trail = 0;
		}
	}
	tk->darija_digit = nd > 0 && trail < 2;
	textnorm_squeeze(tk->text);
}

/* A run of Latin letters and digits: a number, an amount and its unit, or a word. */
static size_t lex_latin(const char *f, size_t i, size_t n, int32_t c, struct tokens *t)
{
	size_t j = i, lead = 0;
	bool letters = false;
	int32_t c2;

	if (!is_latin_letter(c) && !(c >= '0' && c <= '9'))
		return 0;
	while (j < n) {
		size_t kk = dec(f + j, n - j, &c2, NULL);
		if (is_latin_letter(c2))
			letters = true;
		else if (c2 >= '0' && c2 <= '9')
			lead += !letters;
		else
			break;
		j += kk;
	}
	if (!letters) {
		tokens_push(t, TK_NUM, SC_NONE, f + i, j - i);
	} else if (lead >= 2) { /* "150dh", "10k": an amount and a unit */
		tokens_push(t, TK_NUM, SC_NONE, f + i, lead);
		tokens_push(t, TK_WORD, SC_LATIN, f + i + lead, j - i - lead);
		textnorm_squeeze(t->v[t->n - 1].text);
	} else {
		push_latin_word(f, i, j, t);
	}
	return j - i;
}

/* The end of the run of letters of one script (Arabic, or another one) from i. */
static size_t run_end(const char *f, size_t i, size_t n, bool arabic)
{
	int32_t c2;

	while (i < n) {
		size_t kk = dec(f + i, n - i, &c2, NULL);
		if (arabic ? !is_arabic_letter(c2)
			   : (!is_letter(c2) || is_latin_letter(c2) || is_arabic_letter(c2)))
			break;
		i += kk;
	}
	return i;
}

/* ? ! flags, emoji, currency signs (k: the bytes of c). */
static size_t lex_symbol(const char *f, size_t i, size_t n, int32_t c, size_t k, struct tokens *t)
{
	int32_t c2;
	size_t k2 = 0;

	if (c == '?' || c == 0x061F)
		tokens_push(t, TK_QMARK, SC_NONE, "?", 1);
	else if (c == '!')
		tokens_push(t, TK_EXCL, SC_NONE, "!", 1);
	else if (c >= 0x1F1E6 && c <= 0x1F1FF) { /* flag: a pair of regional indicators */
		if (i + k < n) {
			k2 = dec(f + i + k, n - i - k, &c2, NULL);
			if (!(c2 >= 0x1F1E6 && c2 <= 0x1F1FF))
				k2 = 0;
		}
		tokens_push(t, TK_EMOJI, SC_NONE, f + i, k + k2);
	} else if (is_skin_or_joiner(c))
		;
	else if (is_emoji(c))
		tokens_push(t, TK_EMOJI, SC_NONE, f + i, k);
	else if (utf8proc_category(c) == UTF8PROC_CATEGORY_SC)
		tokens_push(t, TK_CUR, SC_NONE, f + i, k);
	else
		return 0;
	return k + k2;
}

/* One token (or a separator) at f+i: the bytes taken. */
static size_t lex_one(const char *f, size_t i, size_t n, struct tokens *t)
{
	int32_t c;
	size_t k = dec(f + i, n - i, &c, NULL), m, j;

	if ((m = lex_addr(f, i, c, t)) || (m = lex_latin(f, i, n, c, t)))
		return m;
	if (is_arabic_letter(c)) {
		j = run_end(f, i, n, true);
		tokens_push(t, TK_WORD, SC_ARABIC, f + i, j - i);
		textnorm_squeeze(t->v[t->n - 1].text);
		return j - i;
	}
	if ((m = lex_symbol(f, i, n, c, k, t)))
		return m;
	if (is_letter(c)) { /* another script: one token per run */
		j = run_end(f, i, n, false);
		tokens_push(t, TK_WORD, SC_OTHER, f + i, j - i);
		return j - i;
	}
	return k; /* separator */
}

int textnorm_tokenize(const char *utf8, struct tokens *t)
{
	char *f = NULL;
	int rc = textnorm_fold(utf8, strlen(utf8), &f);
	size_t n, i = 0;

	if (rc < 0)
		return rc;
	t->bad_utf8 = rc == 1;
	n = strlen(f);
	while (i < n)
		i += lex_one(f, i, n, t);
	free(f);
	return t->bad_utf8 ? 1 : 0;
}

const char *tok_kind_name(enum tok_kind k)
{
	static const char *const names[] = {"word", "num", "url", "email", "handle",
	                                    "phone", "emoji", "cur", "qmark", "excl"};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
