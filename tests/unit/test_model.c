/* Unit tests for the learned comment classifier: the model text
 * (triage/modeltext), the hashed features and the model file checks
 * (triage/model_linear), the decision policy (triage/policy) and the issue's
 * red-team comments judged by rules + the built model + the default policy
 * (triage/judge). Run from the repo root as BUILD/tests/test_model: the model
 * is BUILD/comments.model (built by make from the corpus). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "etl/config.h"
#include "triage/judge.h"
#include "triage/triage.h"
#include "triage/model.h"
#include "triage/skeleton.h"
#include "triage/modeltext.h"
#include "triage/policy.h"

static char model_path[512];
static const char *const own[] = {"ammani.store"};

/* ---- model text ---- */

static char *mtext(const char *s)
{
	char *out = NULL;
	assert_true(model_text(s, own, 1, &out) >= 0);
	assert_non_null(out);
	return out;
}

static void test_model_text_markers(void **st)
{
	char *t;
	(void)st;
	t = mtext("@salma regarde wa.me/212600112233 et ammani.store/sac, appelle 0661 48 27 93 !!");
	assert_string_equal(t, "_tag_ regarde _url_ et _ownurl_ apele _phone_ ! !");
	free(t);
	t = mtext("ch7aaaal l'ABAYA? 😍 123456 $");
	assert_string_equal(t, "ch7al l abaya ? 😍 _num_ _cur_");
	free(t);
	t = mtext("شحاااال العباية؟");
	assert_string_equal(t, "شحال العبايه ?");
	free(t);
	t = mtext("");
	assert_string_equal(t, "");
	free(t);
}

static void test_model_text_bad_utf8(void **st)
{
	char *t = NULL;
	(void)st;
	assert_int_equal(model_text("prix \xff\xfe ?", own, 1, &t), 1);
	assert_non_null(t);
	free(t);
}

/* ---- features ---- */

static void test_features_sorted_unique(void **st)
{
	int *a = NULL, *b = NULL;
	double *va = NULL, *vb = NULL;
	size_t na = cmodel_features("prix prix ? abaya", CMODEL_BITS, &a, &va);
	size_t nb = cmodel_features("prix prix ? abaya", CMODEL_BITS, &b, &vb);
	(void)st;
	assert_true(na > 20);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof(*a));
	for (size_t i = 0; i < na; i++) {
		assert_true(a[i] >= 1 && a[i] <= 1 << CMODEL_BITS);
		if (i)
			assert_true(a[i - 1] < a[i]);
		assert_true(va[i] == CMODEL_CHAR_WEIGHT || va[i] == CMODEL_WORD_WEIGHT ||
			    va[i] == CMODEL_SKEL_WEIGHT || va[i] == CMODEL_SKEL_CHAR_WEIGHT);
	}
	free(a);
	free(b);
	free(va);
	free(vb);
	assert_int_equal(cmodel_features("", CMODEL_BITS, &a, &va), 0);
	free(a);
	free(va);
}

/* Both scripts of Darija meet in the skeleton; French and English keep
 * theirs; a word with no letter has none. */
static void test_skeleton(void **st)
{
	static const struct {
		const char *word, *want;
	} cases[] = {
		{"ch7al", "chl"}, {"شحال", "chl"}, {"bch7al", "bchl"}, {"بشحال", "bchl"},
		{"dyal", "dl"}, {"ديال", "dl"}, {"3afak", "3fk"}, {"عافاك", "3fk"}, {"9adi", "qd"},
		{"قادي", "qd"}, {"khouya", "x"}, {"خويا", "x"}, {"ghali", "gl"}, {"غالي", "gl"},
		{"lcommande", "lkmnd"}, {"الكوموند", "lkmnd"}, {"prix", "brx"}, {"199", ""}, {"aaa", ""},
	};
	char out[64];
	(void)st;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = skeleton_of(cases[i].word, strlen(cases[i].word), out, sizeof(out));
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("skeleton of %s: \"%s\", want \"%s\"", cases[i].word, out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	assert_int_equal(skeleton_of("shkoun", 6, out, 3), 2); /* truncated to fit */
	assert_string_equal(out, "ck");
}

static void test_weigh_normalizes(void **st)
{
	float idf[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	int idx[3] = {1, 4, 8};
	double v[3] = {1, 1, 2}, sum = 0;
	(void)st;
	cmodel_weigh(idf, idx, v, 3);
	for (int i = 0; i < 3; i++)
		sum += v[i] * v[i];
	assert_true(sum > 0.999999 && sum < 1.000001);
	assert_true(v[1] > v[0] && v[2] > v[1]); /* 1*1 < 1*4 < 2*8 */
}

/* ---- the model file ---- */

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long sz;
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	assert_true(sz > 0);
	rewind(f);
	b = malloc((size_t)sz);
	assert_int_equal(fread(b, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	*len = (size_t)sz;
	return b;
}

static int load_bytes(const unsigned char *b, size_t len, struct err *e)
{
	char tmpl[] = "/tmp/tt-model-XXXXXX";
	int fd = mkstemp(tmpl), rc;
	struct cmodel *m = NULL;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, b, len), (ssize_t)len);
	close(fd);
	rc = cmodel_load(tmpl, &m, e);
	cmodel_free(m);
	unlink(tmpl);
	return rc;
}

static void test_model_load_errors(void **st)
{
	struct err e = {0};
	struct cmodel *m = NULL;
	size_t len;
	unsigned char *b = slurp(model_path, &len);
	(void)st;

	assert_int_equal(load_bytes(b, len, &e), 0);
	assert_int_equal(cmodel_load("/nonexistent/comments.model", &m, &e), EXIT_USAGE);
	assert_null(m);
	assert_non_null(strstr(e.msg, "/nonexistent/comments.model"));
	assert_int_equal(cmodel_load("tests", &m, &e), EXIT_USAGE); /* a folder */
	assert_null(m);
	assert_non_null(strstr(e.msg, "not a regular file"));
	assert_int_equal(load_bytes(b, len - 100, &e), EXIT_USAGE); /* truncated */
	assert_non_null(strstr(e.msg, "truncated"));
	b[len / 2] ^= 0x40; /* one weight changed */
	assert_int_equal(load_bytes(b, len, &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "checksum"));
	b[len / 2] ^= 0x40;
	memcpy(b, "XXXX", 4);
	assert_int_equal(load_bytes(b, len, &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "TTCM"));
	memcpy(b, "TTCM", 4);
	b[4] = 9; /* version */
	assert_int_equal(load_bytes(b, len, &e), EXIT_USAGE);
	assert_non_null(strstr(e.msg, "version"));
	free(b);
}

static void test_model_probabilities(void **st)
{
	struct err e = {0};
	struct cmodel *m = NULL;
	double p[CAT_COUNT], sum = 0;
	char *t = mtext("ch7al taman dyal had l'abaya? 😍");
	(void)st;
	assert_int_equal(cmodel_load(model_path, &m, &e), 0);
	cmodel_predict(m, t, p);
	for (int c = 0; c < CAT_COUNT; c++) {
		assert_true(p[c] >= 0 && p[c] <= 1);
		sum += p[c];
	}
	assert_true(sum > 0.999 && sum < 1.001);
	assert_true(p[CAT_INQUIRY] > 0.5); /* a plain price question */
	assert_true(cmodel_file_size(m) > 1000000);
	free(t);
	cmodel_free(m);
}

/* ---- the policy ---- */

static struct pol_result decide(const char *rule, enum category rcat, double inq, double cmp, double spam,
				double abuse, double off, double other, bool with_prob)
{
	struct policy p;
	struct verdict v = {0};
	double prob[CAT_COUNT] = {inq, cmp, spam, abuse, off, other};
	struct pol_result r;

	policy_default(&p);
	v.cat = rcat;
	snprintf(v.rule, sizeof(v.rule), "%s", rule);
	policy_decide(&p, &v, with_prob ? prob : NULL, &r);
	return r;
}

static void test_policy_steps(void **st)
{
	struct pol_result r;
	(void)st;
	r = decide("inquiry.price", CAT_INQUIRY, 0.90, 0.02, 0.02, 0.02, 0.02, 0.02, true);
	assert_int_equal(r.out, POL_REPLY);
	assert_string_equal(r.step, "reply");
	r = decide("inquiry.price", CAT_INQUIRY, 0.52, 0.05, 0.03, 0.10, 0.20, 0.10, true);
	assert_int_equal(r.out, POL_UNCERTAIN); /* below reply_min */
	r = decide("inquiry.price", CAT_INQUIRY, 0.55, 0.40, 0.01, 0.01, 0.02, 0.01, true);
	assert_int_equal(r.out, POL_FLAG); /* complaint signal vetoes the reply */
	assert_int_equal(r.cat, CAT_COMPLAINT);
	r = decide("default.other", CAT_OTHER, 0.02, 0.01, 0.95, 0.01, 0.005, 0.005, true);
	assert_int_equal(r.out, POL_HIDE);
	r = decide("default.other", CAT_OTHER, 0.33, 0.01, 0.62, 0.01, 0.02, 0.01, true);
	assert_int_equal(r.out, POL_UNCERTAIN); /* a lead too likely to hide */
	assert_int_equal(r.cat, CAT_SPAM);
	r = decide("inquiry.order", CAT_INQUIRY, 0.02, 0.01, 0.93, 0.01, 0.02, 0.01, true);
	assert_int_equal(r.out, POL_UNCERTAIN); /* the lexicons see a question */
	assert_string_equal(r.step, "veto.rule-lead");
	r = decide("abuse.insult", CAT_ABUSE, 0.01, 0.01, 0.01, 0.55, 0.22, 0.20, true);
	assert_int_equal(r.out, POL_UNCERTAIN); /* not sure enough to hide */
	r = decide("default.other", CAT_OTHER, 0.01, 0.01, 0.01, 0.01, 0.01, 0.95, true);
	assert_int_equal(r.out, POL_NONE);
}

static void test_policy_rules(void **st)
{
	struct pol_result r;
	(void)st;
	r = decide("spam.link", CAT_SPAM, 0.01, 0.02, 0.90, 0.03, 0.02, 0.02, true);
	assert_int_equal(r.out, POL_HIDE);
	assert_string_equal(r.step, "rule.spam.link");
	r = decide("spam.link", CAT_SPAM, 0.05, 0.45, 0.40, 0.03, 0.05, 0.02, true);
	assert_int_equal(r.out, POL_FLAG);
	assert_string_equal(r.step, "veto.complaint");
	r = decide("spam.phone", CAT_SPAM, 0.85, 0.01, 0.10, 0.01, 0.02, 0.01, true);
	assert_int_equal(r.out, POL_UNCERTAIN); /* her own number: the model says inquiry */
	assert_string_equal(r.step, "veto.lead");
	r = decide("inquiry.symbol", CAT_INQUIRY, 0.1, 0.1, 0.1, 0.1, 0.3, 0.3, true);
	assert_int_equal(r.out, POL_REPLY);
	r = decide("abuse.insult", CAT_ABUSE, 0, 0, 0, 0, 0, 0, false);
	assert_int_equal(r.out, POL_HIDE); /* no model: the rules decide */
	assert_string_equal(r.step, "rules-only");
	assert_string_equal(pol_out_name(POL_UNCERTAIN), "uncertain");
}

static void test_policy_defaults_are_the_configs(void **st)
{
	struct config c;
	struct err e = {0};
	struct policy p;
	char a0[] = "ttreport", a1[] = "classify", a2[] = "--config", a3[] = "/dev/null";
	char *argv[] = {a0, a1, a2, a3, NULL};
	(void)st;
	memset(&c, 0, sizeof(c));
	assert_int_equal(config_load(&c, 4, argv, &e), 0);
	policy_default(&p); /* tests and the bench use it: the same values as etl/config.def */
	assert_true(p.reply_min == c.reply_min);
	assert_true(p.hide_min == c.hide_min);
	assert_true(p.hide_lead_max == c.hide_lead_max);
	assert_true(p.complaint_flag == c.complaint_flag);
	assert_true(p.rule_lead_max == c.rule_lead_max);
	assert_false(c.explain);
	config_release(&c);
}

static void test_triage_leaves_uncertain_alone(void **st)
{
	struct triage_limits lim = {true, true, 10, 10};
	struct triage_tally t = {0, 0};
	struct triage_in in = {false, false, false, false, true, CAT_SPAM};
	struct triage_decision d;
	(void)st;
	d = triage_decide(&in, &lim, &t);
	assert_int_equal(d.act, ACT_SKIP);
	assert_int_equal(d.result, RES_SKIP_UNCERTAIN);
	assert_false(d.write);
	assert_int_equal(t.hides, 0);
	in.uncertain = false;
	d = triage_decide(&in, &lim, &t);
	assert_int_equal(d.act, ACT_HIDE);
	assert_true(d.write);
	in.hidden = true; /* the earlier checks still come first */
	in.uncertain = true;
	assert_int_equal(triage_decide(&in, &lim, &t).result, RES_SKIP_HIDDEN);
}

/* ---- red team (issue 12): never a reply; complaints flagged, never hidden ---- */

static void judge_one(const char *text, struct judgement *g)
{
	struct rules *rules = NULL;
	struct cmodel *m = NULL;
	struct err e = {0};
	struct judge j = {0};

	assert_int_equal(rules_load("schemas/rules.conf", NULL, &rules, &e), 0);
	assert_int_equal(cmodel_load(model_path, &m, &e), 0);
	j.rules = rules;
	j.model = m;
	j.own_domains = own;
	j.n_own = 1;
	policy_default(&j.pol);
	judge_comment(&j, text, g);
	cmodel_free(m);
	rules_free(rules);
}

static void red_complaint(const char *text)
{
	struct judgement g;
	judge_one(text, &g);
	if (g.pol.out != POL_FLAG)
		fprintf(stderr, "red team: '%s' -> %s (%s)\n", text, pol_out_name(g.pol.out), g.pol.step);
	assert_int_equal(g.pol.out, POL_FLAG);
	assert_int_equal(g.v.cat, CAT_COMPLAINT);
}

static void red_not_answered(const char *text, enum category cat)
{
	struct judgement g;
	judge_one(text, &g);
	if (g.pol.out == POL_REPLY || (g.pol.out == POL_HIDE && g.v.cat != cat))
		fprintf(stderr, "red team: '%s' -> %s %s (%s)\n", text, category_name(g.v.cat),
			pol_out_name(g.pol.out), g.pol.step);
	assert_int_not_equal(g.pol.out, POL_REPLY);
	/* hidden only for what it is (spam, abuse); else left alone */
	if (g.pol.out == POL_HIDE)
		assert_int_equal(g.v.cat, cat);
}

static void test_red_fraud(void **st)
{
	(void)st;
	red_complaint("Is this store even real? my cousin and I both ordered and got nothing");
}

static void test_red_smell(void **st)
{
	(void)st;
	red_complaint("وصلتني العباءة برائحة كريهة وبقع صفراء");
}

static void test_red_visa(void **st)
{
	(void)st;
	red_complaint("paid with visa, nothing arrived");
}

static void test_red_account(void **st)
{
	(void)st;
	red_complaint("خصموا من حسابي وما وصلني والو");
}

static void test_red_job_spam(void **st)
{
	(void)st;
	red_not_answered("مطلوبات بنات يصورو المنتجات من الدار", CAT_SPAM);
}

static void test_red_insult(void **st)
{
	(void)st;
	red_not_answered("nti hmara w mkelkha, sir t9ra", CAT_ABUSE);
}

static void test_red_age(void **st)
{
	(void)st;
	red_not_answered("ch7al f 3mrk a l'model?", CAT_OFFTOPIC);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_text_markers),
		cmocka_unit_test(test_model_text_bad_utf8),
		cmocka_unit_test(test_features_sorted_unique),
		cmocka_unit_test(test_skeleton),
		cmocka_unit_test(test_weigh_normalizes),
		cmocka_unit_test(test_model_load_errors),
		cmocka_unit_test(test_model_probabilities),
		cmocka_unit_test(test_policy_steps),
		cmocka_unit_test(test_policy_rules),
		cmocka_unit_test(test_policy_defaults_are_the_configs),
		cmocka_unit_test(test_triage_leaves_uncertain_alone),
		cmocka_unit_test(test_red_fraud),
		cmocka_unit_test(test_red_smell),
		cmocka_unit_test(test_red_visa),
		cmocka_unit_test(test_red_account),
		cmocka_unit_test(test_red_job_spam),
		cmocka_unit_test(test_red_insult),
		cmocka_unit_test(test_red_age),
	};
	(void)argc;
	/* BUILD/tests/test_model -> BUILD/comments.model */
	snprintf(model_path, sizeof(model_path), "%.*s/../comments.model",
		 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
