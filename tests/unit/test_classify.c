/* Unit tests for etl/classify and etl/cmd_classify: rules loading and its
 * errors, every rule kind, the whole-token traps, language tags, replies, and
 * `ttreport classify` without a model (run from the repo root). The acceptance
 * gate over the labeled sets is tests/e2e/t_classify.sh (rules + model + policy). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "triage/classify.h"
#include "etl/cmd_classify.h"
#include "triage/textnorm.h"

#define RULES "schemas/rules.conf"
#define REPLIES "schemas/replies.conf"

static struct rules *R;

static int setup(void **st)
{
	struct err e = {0};
	(void)st;
	if (rules_load(RULES, REPLIES, &R, &e) != 0) {
		fprintf(stderr, "rules_load: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	rules_free(R);
	return 0;
}

static void check(const char *text, const char *cat, const char *rule, const char *lang, int line)
{
	struct verdict v;
	classify_text(R, text, &v);
	if (strcmp(category_name(v.cat), cat) != 0 || (rule && strcmp(v.rule, rule) != 0) ||
	    (lang && strcmp(v.lang, lang) != 0)) {
		print_error("line %d: \"%s\": got %s %s %s, want %s %s %s\n", line, text, category_name(v.cat),
		            v.rule, v.lang, cat, rule ? rule : "*", lang ? lang : "*");
		_fail(__FILE__, line);
	}
}
#define CHECK(text, cat, rule) check(text, cat, rule, NULL, __LINE__)
#define CHECK_LANG(text, lang) check_lang(text, lang, __LINE__)

static void check_lang(const char *text, const char *lang, int line)
{
	struct verdict v;
	classify_text(R, text, &v);
	if (strcmp(v.lang, lang) != 0) {
		print_error("line %d: \"%s\": lang %s, want %s\n", line, text, v.lang, lang);
		_fail(__FILE__, line);
	}
}

/* ---- loading ---- */

static char *write_tmp(const char *content)
{
	static char path[4][64];
	static int k;
	char *p = path[k++ % 4];
	int fd;
	FILE *f;

	snprintf(p, 64, "/tmp/ttclassifyXXXXXX");
	fd = mkstemp(p);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs(content, f);
	fclose(f);
	return p;
}

static void load_error(const char *rules, const char *replies, const char *want_substr)
{
	struct rules *r = NULL;
	struct err e = {0};
	char *rp = write_tmp(rules), *pp = replies ? write_tmp(replies) : NULL;

	assert_int_equal(rules_load(rp, pp, &r, &e), EXIT_USAGE);
	assert_null(r);
	if (!strstr(e.msg, want_substr)) {
		print_error("message \"%s\" lacks \"%s\"\n", e.msg, want_substr);
		fail();
	}
	unlink(rp);
	if (pp)
		unlink(pp);
}

static void rules_errors_name_file_and_line(void **st)
{
	struct rules *r = NULL;
	struct err e = {0};
	(void)st;
	load_error("# c\n[nosuch]\nx\n", NULL, ":2: unknown section [nosuch]");
	load_error("\n\nword\n", NULL, ":3: line outside a section");
	load_error("[price]\nch*\n", NULL, ":2: stem 'ch*' is shorter than 4 letters");
	load_error("[config]\ncolour = red\n", NULL, ":2: unknown key 'colour'");
	load_error("[config]\nhide_offtopic = maybe\n", NULL, ":2: hide_offtopic");
	load_error("[price]\nhttp://x.com\n", NULL, ":2: entry 'http://x.com' holds a url");
	load_error("[price]\n, ,\n[price fr]\nprix\n[price klingon]\n", NULL, ":5: unknown language 'klingon'");
	load_error("[emoji_praise]\n😍 love\n", NULL, ":2: entry '😍 love'");
	load_error("[price]\nprix\n", "[fr]\nok\n", "no [fallback] template");
	load_error("[price]\nprix\n", "[fallback]\nok\nbad\n[xx]\n", ":4: unknown language [xx]");
	load_error("[price]\nprix\n", "ok\n", ":1: template outside");
	assert_int_equal(rules_load("/nonexistent/rules.conf", NULL, &r, &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "/nonexistent/rules.conf"));
}

static void reply_longer_than_150_is_refused(void **st)
{
	char tmpl[1024], line[700];
	(void)st;
	/* 151 code points of Arabic (2 bytes each) fail; 150 pass */
	line[0] = '\0';
	for (int i = 0; i < 151; i++)
		strcat(line, "ش");
	snprintf(tmpl, sizeof(tmpl), "[fallback]\nshort\n\n%s\n", line);
	load_error("[price]\nprix\n", tmpl, ":4: template is 151 characters, at most 150");
	{
		struct rules *r = NULL;
		struct err e = {0};
		char *rp, *pp;
		line[strlen(line) - 2] = '\0';
		snprintf(tmpl, sizeof(tmpl), "[fallback]\n%s\n", line);
		rp = write_tmp("[price]\nprix\n[config]\nhide_offtopic = no\n");
		pp = write_tmp(tmpl);
		assert_int_equal(rules_load(rp, pp, &r, &e), 0);
		assert_false(rules_hide_offtopic(r));
		assert_string_equal(rules_reply(r, "fr", "c1"), line);
		rules_free(r);
		unlink(rp);
		unlink(pp);
	}
}

static void shipped_replies(void **st)
{
	const char *langs[] = {"darija-ar", "darija-lat", "ar", "fr", "en", "mixed", "xx", NULL};
	(void)st;
	assert_true(rules_hide_offtopic(R));
	for (int i = 0; langs[i]; i++) {
		const char *a = rules_reply(R, langs[i], "7001"), *b = rules_reply(R, langs[i], "7001");
		assert_non_null(a);
		assert_ptr_equal(a, b); /* deterministic */
		assert_true(utf8_codepoints(a) <= 150);
	}
	assert_non_null(rules_reply(R, NULL, NULL));
	/* variants differ across keys for a language with several */
	{
		const char *first = rules_reply(R, "fr", "k0");
		bool differs = false;
		char key[16];
		for (int i = 1; i < 20 && !differs; i++) {
			snprintf(key, sizeof(key), "k%d", i);
			differs = rules_reply(R, "fr", key) != first;
		}
		assert_true(differs);
	}
	assert_non_null(strstr(rules_reply(R, "darija-ar", "x"), "ا"));
}

/* ---- the whole-token traps ---- */

static void whole_token_traps(void **st)
{
	(void)st;
	CHECK("wach kayna b l'a7mar had l'abaya?", "inquiry", NULL);   /* a7mar ⊃ 7mar */
	CHECK("J'habite à Khouribga, vous livrez là-bas ?", "inquiry", NULL); /* habite ⊃ bite */
	CHECK("livraison a sale c combien", "inquiry", NULL);          /* Salé */
	CHECK("أنا زبونة ديالكم من 2022 ودايما كلشي مزيان ❤️", "other", NULL);
	CHECK("بشحال الكسكاس الكبير؟ واش ديال الألمنيوم؟", "inquiry", NULL);
	CHECK("modèle unique, j'adore", "other", NULL);
	CHECK("boutique avec une bonne réputation, je recommande", "other", NULL);
	CHECK("nam bghitha, sifto liya ra9m lwatsap", "inquiry", NULL);
	CHECK("nmout 3la lwrdi 💗", "other", NULL);
	/* while the short words themselves are caught */
	CHECK("skti a l7mara", "abuse", "abuse.insult");
	CHECK("nti 7mara", "abuse", "abuse.insult");
	CHECK("سكت أ البغل", "abuse", "abuse.insult");
}

/* ---- rules, one by one ---- */

static void spam_rules(void **st)
{
	(void)st;
	CHECK("Invest 200$ get 2000$ f 7 iyam ✅ contact wa.me/212632887401", "spam", "spam.link");
	CHECK("🎉 Ammani Store giveaway: claim here bit.ly/ammani-gift 🎁", "spam", "spam.link");
	CHECK("promo today on ammani-store.shop", "spam", "spam.link");           /* look-alike */
	CHECK("www.ammani.store.promo-deals.xyz/win", "spam", "spam.link");
	CHECK("chrit mn ammani.store lmerra li fatt w kolchi top 👌", "other", NULL); /* own site */
	CHECK("https://ammani.store/p/42 wach mazal kayna?", "inquiry", NULL);
	CHECK("follow for follow 🔁", "spam", "spam.follow");
	CHECK("تابعوني ونتابعكم", "spam", "spam.follow");
	CHECK("go check my profile, new video up 🔥", "spam", "spam.promo");
	CHECK("Ammani ghalia, chofo page dyalna nfs sel3a b nos taman", "spam", "spam.promo");
	CHECK("Gagnez 500€ par jour depuis chez vous", "spam", "spam.scheme");
	CHECK("Earn daily with USDT 💵 no experience needed", "spam", "spam.scheme");
	CHECK("نفس العباية عندي ب 129 درهم والتوصيل فابور 📞 0677 21 90 45", "spam", "spam.phone");
	CHECK("wa ghaliin, 3ndi nfs l'ensemble b 150dh, tsaw9o mn 3ndi 0708653321", "spam", "spam.phone");
	CHECK("omg love this! btw check out @glowbynisrine for cheaper dupes 💕", "spam", "spam.handle");
	CHECK("buy buy buy buy buy buy buy buy buy buy buy buy buy", "spam", "spam.flood");
}

static void phone_numbers_who_for(void **st)
{
	(void)st;
	CHECK("3afak 3iyto liya 3la 0661 48 27 93 bghit l'ensemble lwrdi", "inquiry", "inquiry.phone");
	CHECK("عيطو ليا على ٠٧٠٨١٢٤٥٦٣ بغيت نطلب جوج عبايات", "inquiry", "inquiry.phone");
	CHECK("+212 6 61 90 33 17 wtsp dyali", "inquiry", "inquiry.phone");
	CHECK("0661234567", "inquiry", "inquiry.phone"); /* a bare number: a lead, not hidden */
	CHECK("Crédit rapide sans justificatif, contactez-moi +212 7 01 23 88 64", "spam", NULL);
}

static void complaint_rules(void **st)
{
	(void)st;
	CHECK("nssabiiiin!! khllst w ma wslatni walou", "complaint", "complaint.fraud");
	CHECK("ما وصلني والو يا الشفارة", "complaint", "complaint.fraud");
	CHECK("ما وصلاتنيش الكوموند هادي 12 يوم", "complaint", "complaint.order");
	CHECK("commandit lbare7 imta twsal liya?", "complaint", "complaint.status");
	CHECK("RJ3O LIYA FLOUSI", "complaint", "complaint.refund");
	CHECK("l'qualité khayba bzaf, tissu tbddl mn awl ghasla", "complaint", "complaint.defect");
	CHECK("Personne ne répond au téléphone", "complaint", "complaint.service");
	CHECK("غالي بزاف هاد الشي 😒", "complaint", "complaint.price");
	CHECK("trop cher pour ce que c'est", "complaint", "complaint.price");
	/* complaint beats abuse: a real grievance is never hidden */
	CHECK("jatni pochette mkhssra w livreur gal liya machi chghli, ntoma 7mir kamlin 😡", "complaint", NULL);
	/* complaint beats the question mark */
	CHECK("ordered two weeks ago, where is my order??", "complaint", NULL);
	/* a process question after ordering is an inquiry */
	CHECK("commandit daba mn ammani.store, wach ghadi t3iyto liya bach t2akdo l'commande?", "inquiry", NULL);
	/* the price word inside a complaint */
	CHECK("Le prix sur la vidéo c'est 199 mais au téléphone on m'a dit 249, pas sérieux", "complaint", NULL);
}

static void price_words(void **st)
{
	(void)st;
	CHECK("ghalia chwiya, makaynch chi remise ila khdit jouj?", "inquiry", "inquiry.price"); /* question wins */
	CHECK("machi ghali had taman, tbarkallah", "other", NULL);                            /* negated */
	CHECK("l'prix dyal l'essence wla ghali bzaf had l'iyam", "offtopic", NULL);          /* fuel */
	CHECK("prix?", "inquiry", "inquiry.price");
	CHECK("bchhhhal", "inquiry", "inquiry.price");
	CHECK("ch7altamanafak", "inquiry", "inquiry.price"); /* run together */
	CHECK("b 3000 ryal wla? 🤔", "inquiry", NULL);
	CHECK("gorgeous!! price?", "inquiry", "inquiry.price"); /* praise + question: the question wins */
}

static void abuse_rules(void **st)
{
	(void)st;
	CHECK("Ferme-la connard, personne t'a demandé ton avis", "abuse", "abuse.insult");
	CHECK("nobody cares about your order karen 🙄 stop crying", "abuse", NULL);
	CHECK("machi l'abaya li khayba, nti li khayba a bhima", "abuse", NULL);
	CHECK("الموديل غليظة بزاف", "abuse", "abuse.body");
	CHECK("mkelkhin kamlin li kaychriw mn hna", "abuse", "abuse.insult"); /* stem */
	/* body words about a thing, not a person, are not abuse */
	CHECK("tissu ghlid wla r9i9?", "inquiry", NULL);
}

static void inquiry_rules(void **st)
{
	(void)st;
	CHECK("wach kayn tawsil l tanja?", "inquiry", "inquiry.delivery");
	CHECK("katsifto l taroudant?", "inquiry", "inquiry.delivery");
	CHECK("Quelles tailles disponibles pour la robe ?", "inquiry", NULL);
	CHECK("هل الدفع عند الاستلام متوفر؟", "inquiry", "inquiry.payment");
	CHECK("I want one in black", "inquiry", "inquiry.order");
	CHECK("kifach ncommandi?", "inquiry", "inquiry.order");
	CHECK("is the perfume original or inspired?", "inquiry", NULL);
	CHECK("bonjour, combien le lot de 3 serviette?", "inquiry", "inquiry.price");
	CHECK("sift lkom f l'prive 🙏", "inquiry", NULL);
	CHECK("💰?", "inquiry", "inquiry.symbol");
	CHECK("?", "inquiry", "inquiry.symbol");
}

static void offtopic_and_other(void **st)
{
	(void)st;
	CHECK("wach nti mzwja a l'model? 😍", "offtopic", "offtopic.personal");
	CHECK("c'est quoi le nom de la musique svp ?", "offtopic", NULL);
	CHECK("first!! 🥇 pin me", "offtopic", NULL);
	CHECK("ديما وداد ❤️🤍", "offtopic", NULL);
	CHECK("⚽⚽🇲🇦🇲🇦🏆", "offtopic", "offtopic.emoji");
	CHECK("😍😍😍", "other", "other.emoji");
	CHECK("👏🏼❤️", "other", "other.emoji");
	CHECK("how is this so pretty?? 😭", "other", NULL); /* rhetorical */
	CHECK("@khadija.mk regardi had sak, exactement li kan3ajbek", "other", "other.tag");
	CHECK("@salma_b ch7al hadi?", "other", "other.tag"); /* asked of a friend */
	CHECK("الله يبارك ليكم فالرزق 🤲", "other", NULL);
	CHECK("merci pour la livraison rapide, reçu hier à Fès 👌", "other", NULL);
	CHECK("", "other", "other.empty");
	CHECK("   ", "other", "other.empty");
	CHECK("hmm", "other", "default.other");
}

static void invalid_and_odd_input(void **st)
{
	struct verdict v;
	char big[20000];
	(void)st;
	classify_text(R, "ch7al \xff\xfe taman", &v);
	assert_int_equal(v.cat, CAT_INQUIRY);
	classify_text(R, "\xc0\x80\xed\xa0\x80", &v); /* overlong NUL, surrogate */
	assert_true(v.cat < CAT_COUNT);
	classify_text(R, NULL, &v);
	assert_int_equal(v.cat, CAT_OTHER);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	classify_text(R, big, &v);
	assert_true(v.cat < CAT_COUNT);
	for (size_t i = 0; i + 6 < sizeof(big); i += 6)
		memcpy(big + i, "ch7al ", 6);
	classify_text(R, big, &v);
	assert_true(v.cat < CAT_COUNT);
	classify_text(R, "東京のバッグ", &v);
	assert_string_equal(v.lang, "mixed");
}

static void languages(void **st)
{
	(void)st;
	CHECK_LANG("ch7al taman dyal l'abaya lk7la? 😍", "darija-lat");
	CHECK_LANG("بشحال هاد الساك عافاك", "darija-ar");
	CHECK_LANG("كم سعر هذه الحقيبة من فضلكم؟", "ar");
	CHECK_LANG("مـاشـاء الله تبـارك الله 😍", "ar");
	CHECK_LANG("Vous livrez à Meknès ? Et c'est payable à la livraison ?", "fr");
	CHECK_LANG("how much is the beige one?", "en");
	CHECK_LANG("Merci Ammani, dima top 🙏", "mixed");
	CHECK_LANG("الثمن فالخاص عافاك 🌸 svp", "mixed");
	CHECK_LANG("😍😍😍", "mixed");
	CHECK_LANG("@salma_b", "mixed");
	CHECK_LANG("lyouma 3id milad dyali, 3tiwni like 🎂", "darija-lat"); /* a loanword keeps the tag */
	CHECK_LANG("paid the delivery guy 260dh and the box only had one item", "en");
}

static void cmd_classify_lines(void **st)
{
	char in[] = "prix?\r\nfollow for follow\n\nما وصلني والو";
	char outbuf[1024] = {0};
	FILE *fin = fmemopen(in, strlen(in), "r"), *fout = fmemopen(outbuf, sizeof(outbuf), "w");
	struct err e = {0};
	struct classify_opts o = {RULES, REPLIES, NULL, {0.6, 0.7, 0.3, 0.3, 0.5, true}, false};
	(void)st;
	assert_int_equal(cmd_classify(&o, fin, fout, &e), 0);
	fclose(fin);
	fclose(fout);
	assert_string_equal(outbuf, "inquiry\tinquiry.price\tfr\n"
	                            "spam\tspam.follow\ten\n"
	                            "other\tother.empty\tmixed\n"
	                            "complaint\tcomplaint.order\tdarija-ar\n");
	fin = fmemopen(in, strlen(in), "r");
	o.rules = "/nonexistent";
	assert_int_equal(cmd_classify(&o, fin, stdout, &e), EXIT_USAGE);
	fclose(fin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_errors_name_file_and_line),
		cmocka_unit_test(reply_longer_than_150_is_refused),
		cmocka_unit_test(shipped_replies),
		cmocka_unit_test(whole_token_traps),
		cmocka_unit_test(spam_rules),
		cmocka_unit_test(phone_numbers_who_for),
		cmocka_unit_test(complaint_rules),
		cmocka_unit_test(price_words),
		cmocka_unit_test(abuse_rules),
		cmocka_unit_test(inquiry_rules),
		cmocka_unit_test(offtopic_and_other),
		cmocka_unit_test(invalid_and_odd_input),
		cmocka_unit_test(languages),
		cmocka_unit_test(cmd_classify_lines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
