/* Unit tests for etl/textnorm: folding, squeezing, tokenization, invalid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "triage/textnorm.h"

static char *fold(const char *s)
{
	char *out = NULL;
	assert_true(textnorm_fold(s, strlen(s), &out) >= 0);
	return out;
}

#define assert_fold(in, want)                       \
	do {                                        \
		char *got_ = fold(in);              \
		assert_string_equal(got_, want);    \
		free(got_);                         \
	} while (0)

/* Tokenize and render "kind:text kind:text". */
static char *toks(const char *s)
{
	struct tokens t = {0};
	static char buf[2048];
	size_t n = 0;

	textnorm_tokenize(s, &t);
	buf[0] = '\0';
	for (size_t i = 0; i < t.n; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s:%s", i ? " " : "",
		                      tok_kind_name(t.v[i].kind), t.v[i].text);
	tokens_free(&t);
	return buf;
}

static void fold_case_and_accents(void **st)
{
	(void)st;
	assert_fold("Réputation", "reputation");
	assert_fold("ÉTÉ à Fès, ça coûte", "ete a fes, ca coute");
	assert_fold("cœur", "coeur");
	assert_fold("ＡＢＣ①", "abc1"); /* NFKC: full width, circled digit */
	assert_fold("l’abaya", "l'abaya"); /* typographic apostrophe */
}

static void fold_arabic(void **st)
{
	(void)st;
	/* diacritics (harakat) and superscript alef removed */
	assert_fold("بَارَكَ اللهُ", "بارك الله");
	/* tatweel removed */
	assert_fold("مـاشـاء", "ماشاء");
	/* alef variants */
	assert_fold("أإآٱ", "اااا");
	/* alef maqsura, ta marbuta, hamza carriers */
	assert_fold("على", "علي");
	assert_fold("زبونة", "زبونه");
	assert_fold("مؤمن", "مومن");
	assert_fold("رسائل", "رسايل");
	/* Arabic-Indic and Eastern Arabic-Indic digits */
	assert_fold("٠٧٠٨١٢٤٥٦٣", "0708124563");
	assert_fold("۱۲۳", "123");
	/* presentation forms through NFKC */
	assert_fold("\xef\xbb\xbb", "لا"); /* U+FEFB lam-alef ligature */
}

static void squeeze_runs(void **st)
{
	char a[] = "bchhhhal", b[] = "zwiiin bzaaf", c[] = "شحااال", d[] = "0661 11 22", e[] = "ch7al";
	(void)st;
	textnorm_squeeze(a);
	textnorm_squeeze(b);
	textnorm_squeeze(c);
	textnorm_squeeze(d);
	textnorm_squeeze(e);
	assert_string_equal(a, "bchal");
	assert_string_equal(b, "zwin bzaf");
	assert_string_equal(c, "شحال");
	assert_string_equal(d, "0661 11 22"); /* digits never squeezed */
	assert_string_equal(e, "ch7al");
}

static void tokenize_words(void **st)
{
	(void)st;
	assert_string_equal(toks("ch7al taman?"), "word:ch7al word:taman qmark:?");
	assert_string_equal(toks("l'abaya lk7la"), "word:l word:abaya word:lk7la");
	assert_string_equal(toks("J'habite à Khouribga"), "word:j word:habite word:a word:khouribga");
	assert_string_equal(toks("بشحال هاد الساك؟"), "word:بشحال word:هاد word:الساك qmark:?");
	assert_string_equal(toks("BCHHHHAL"), "word:bchal");
	assert_string_equal(toks("شحاااال"), "word:شحال");
	/* amount + unit split, Darija digits kept inside words */
	assert_string_equal(toks("b 150dh 3afak"), "word:b num:150 word:dh word:3afak");
	assert_string_equal(toks("200$"), "num:200 cur:$");
	/* a script we do not know is still one word */
	assert_string_equal(toks("東京"), "word:東京");
}

static void tokenize_darija_digit_flag(void **st)
{
	struct tokens t = {0};
	(void)st;
	textnorm_tokenize("ch7al amira20 hello f4f", &t);
	assert_int_equal(t.n, 4);
	assert_true(t.v[0].darija_digit);
	assert_false(t.v[1].darija_digit); /* trailing number, not a letter */
	assert_false(t.v[2].darija_digit);
	assert_false(t.v[3].darija_digit); /* 4 is not an Arabizi letter */
	tokens_free(&t);
}

static void tokenize_links_handles_phones(void **st)
{
	(void)st;
	assert_string_equal(toks("contact wa.me/212632887401 now"), "word:contact url:wa.me/212632887401 word:now");
	assert_string_equal(toks("here bit.ly/ammani-gift 🎁"), "word:here url:bit.ly/ammani-gift emoji:🎁");
	assert_string_equal(toks("t.me/cryptoMaroc_vip"), "url:t.me/cryptomaroc_vip");
	assert_string_equal(toks("https://x.example/a?b=1."), "url:https://x.example/a?b=1");
	assert_string_equal(toks("www.site.net"), "url:www.site.net");
	assert_string_equal(toks("mn ammani.store w"), "word:mn url:ammani.store word:w");
	assert_string_equal(toks("top.merci"), "word:top word:merci"); /* not a TLD */
	assert_string_equal(toks("mail me: a.b@shop.ma"), "word:mail word:me email:a.b@shop.ma");
	assert_string_equal(toks("@salma_b chofi"), "handle:@salma_b word:chofi");
	assert_string_equal(toks("3iyto liya 3la 0661 48 27 93 bghit"),
	                    "word:3iyto word:liya word:3la phone:0661482793 word:bghit");
	assert_string_equal(toks("+212 6 61 90 33 17 wtsp"), "phone:+212661903317 word:wtsp");
	assert_string_equal(toks("عيطو ليا على ٠٧٠٨١٢٤٥٦٣"), "word:عيطو word:ليا word:علي phone:0708124563");
	/* short numbers are numbers, not phones */
	assert_string_equal(toks("3 semaines, 12 يوم"), "num:3 word:semaines num:12 word:يوم");
}

static void tokenize_emoji(void **st)
{
	(void)st;
	assert_string_equal(toks("😍😍😍"), "emoji:😍 emoji:😍 emoji:😍");
	assert_string_equal(toks("👏🏼❤️"), "emoji:👏 emoji:❤"); /* skin tone and VS16 dropped */
	assert_string_equal(toks("⚽🇲🇦🏆"), "emoji:⚽ emoji:🇲🇦 emoji:🏆"); /* a flag is one token */
	assert_string_equal(toks("⚡PROMO⚡"), "emoji:⚡ word:promo emoji:⚡");
}

static void invalid_utf8(void **st)
{
	struct tokens t = {0};
	char *out = NULL;
	(void)st;
	/* a lone continuation byte, a truncated sequence, an overlong encoding */
	assert_int_equal(textnorm_fold("ab\x80" "cd\xc3", 6, &out), 1);
	assert_non_null(out);
	assert_string_equal(out, "ab\xef\xbf\xbd" "cd\xef\xbf\xbd");
	free(out);
	assert_int_equal(textnorm_tokenize("ch7al \xc0\xaf taman \xff", &t), 1);
	assert_true(t.bad_utf8);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[0].text, "ch7al");
	assert_string_equal(t.v[1].text, "taman");
	tokens_free(&t);
	assert_int_equal(textnorm_tokenize("", &t), 0);
	assert_int_equal(t.n, 0);
	tokens_free(&t);
}

static void code_point_length(void **st)
{
	(void)st;
	assert_int_equal(utf8_codepoints("abc"), 3);
	assert_int_equal(utf8_codepoints("شحال"), 4);
	assert_int_equal(utf8_codepoints("😍é"), 2);
	assert_int_equal(utf8_codepoints("\xff"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fold_case_and_accents),
		cmocka_unit_test(fold_arabic),
		cmocka_unit_test(squeeze_runs),
		cmocka_unit_test(tokenize_words),
		cmocka_unit_test(tokenize_darija_digit_flag),
		cmocka_unit_test(tokenize_links_handles_phones),
		cmocka_unit_test(tokenize_emoji),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(code_point_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
