/* textnorm.h: UTF-8 normalization and tokenization of short texts (comments)
 * for whole-token matching.
 *
 * Ownership: textnorm_fold() returns a malloc'd string the caller frees.
 * A struct tokens owns its token array and every token text; tokens_free()
 * releases them (the struct itself is the caller's).
 *
 * Normal form of a word token ("folded"):
 *   NFKC + Unicode case fold + accents stripped (é -> e, ç -> c, œ -> oe);
 *   Arabic diacritics (U+064B-U+065F, U+0670) and tatweel (U+0640) removed;
 *   أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي, ک -> ك, ی -> ي;
 *   Arabic-Indic and Eastern Arabic-Indic digits -> ASCII;
 *   typographic quotes and dashes -> ASCII;
 *   then (words only) every run of 2 or more identical letters -> 1 letter
 *   ("bchhhhal" -> "bchal", "bzaaf" -> "bzaf", "شحااال" -> "شحال").
 *   Digits are never squeezed (phone numbers, amounts).
 * Invalid UTF-8 bytes are replaced by U+FFFD and reported, never fatal. */
#ifndef TT_TEXTNORM_H
#define TT_TEXTNORM_H

#include <stdbool.h>
#include <stddef.h>

enum tok_kind {
	TK_WORD,   /* letters, with Darija digits inside Latin words ("ch7al") */
	TK_NUM,    /* digits only ("199", "2026") */
	TK_URL,    /* http(s)://..., www...., host.tld[/path] (lower case) */
	TK_EMAIL,  /* name@host.tld */
	TK_HANDLE, /* "@name" */
	TK_PHONE,  /* 9-15 digits in groups ("0661 48 27 93"); text = digits, '+' kept */
	TK_EMOJI,  /* one pictograph, or a flag (two regional indicators) */
	TK_CUR,    /* a currency sign: "$", "€" */
	TK_QMARK,  /* "?" or "؟" */
	TK_EXCL,   /* "!" */
};

enum tok_script { SC_NONE, SC_LATIN, SC_ARABIC, SC_OTHER };

struct token {
	enum tok_kind kind;
	enum tok_script script; /* for TK_WORD; SC_NONE otherwise */
	bool darija_digit;      /* a Latin word with a digit used as a letter */
	char *text;             /* normalized, NUL-terminated, owned */
};

struct tokens {
	struct token *v;
	size_t n, cap;
	bool bad_utf8;          /* the input had invalid UTF-8 (replaced) */
};

/* Fold s (len bytes) as described above, without squeezing letter runs.
 * *out is malloc'd. Returns 0, or 1 when invalid UTF-8 was replaced
 * (the output is still usable), or -1 on an internal utf8proc failure. */
int textnorm_fold(const char *s, size_t len, char **out);

/* Squeeze runs of 2+ identical non-digit code points to one, in place. */
void textnorm_squeeze(char *word);

/* Tokenize a NUL-terminated UTF-8 string into t (which must be zeroed or
 * freed before). Returns 0 (or 1 when invalid UTF-8 was replaced). */
int textnorm_tokenize(const char *utf8, struct tokens *t);

void tokens_free(struct tokens *t);

/* Append a copy of text as a token (used by the classifier to split words). */
void tokens_push(struct tokens *t, enum tok_kind k, enum tok_script sc, const char *text, size_t len);

/* Number of code points of a valid UTF-8 string (invalid bytes count 1 each). */
size_t utf8_codepoints(const char *s);

const char *tok_kind_name(enum tok_kind k);

#endif
