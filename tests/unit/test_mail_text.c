/* Unit tests for exporters/mail_text on a fake report: the subject (one
 * currency per advertiser, "+N more", partial, no data) and the body (KPI
 * values and changes, comments, warnings, attached files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libgen.h>

#include "helper_fake.h"
#include "exporters/kpi.h"
#include "exporters/l10n.h"
#include "exporters/mail_text.h"

static char localedir[4200];

static void subject_first_advertiser_and_more(void **st)
{
	struct report *r = fake_report(4, 2, 2, 3);
	struct kpi k[KPI_MAX];
	char spend[64], want[160], *s;
	(void)st;

	kpi_list(&r->advs[0], k, KPI_MAX);
	metric_format(M_SPEND, k[0].cur, 2, true, spend, sizeof(spend));
	s = mail_subject(r);
	/* window 17-19 Nov, the first advertiser's spend in MAD, ROAS, one more advertiser */
	snprintf(want, sizeof(want), "TikTok ads 17\xe2\x80\x93" "19 Nov: %s MAD, ROAS ", spend);
	assert_true(strncmp(s, want, strlen(want)) == 0);
	assert_non_null(strstr(s, " +1 more"));
	assert_null(strstr(s, "EUR")); /* never summed or mixed across currencies */
	free(s);

	/* a failed first advertiser: the next one leads, and the subject says partial */
	r->advs[0].failed = true;
	s = mail_subject(r);
	assert_non_null(strstr(s, " EUR"));
	assert_non_null(strstr(s, "(partial)"));
	free(s);
	r->advs[1].failed = true;
	s = mail_subject(r);
	assert_non_null(strstr(s, "no data"));
	free(s);
	report_free(r);
}

static void body_has_values_comments_warnings(void **st)
{
	struct report *r = fake_report(4, 2, 2, 3);
	struct mail_text_opts c = { 0, false };
	struct kpi k[KPI_MAX];
	char v[64], line[128], *b;
	const char *files[] = { "out/ttreport_2026-11-17_2026-11-19.pdf" };
	int nk;
	(void)st;

	r->triage.ran = true;
	r->triage.counts[CAT_INQUIRY][ACT_REPLY] = 3;
	r->triage.counts[CAT_SPAM][ACT_HIDE] = 2;
	r->triage.counts[CAT_COMPLAINT][ACT_FLAG] = 1;
	report_warn(r, "advertiser 42: campaign level failed");
	b = mail_body(&c, r, files, 1);
	for (size_t a = 0; a < r->nadv; a++) {
		nk = kpi_list(&r->advs[a], k, KPI_MAX);
		for (int i = 0; i < nk; i++) {
			if (k[i].m != M_SPEND && k[i].m != M_CONVERSION && k[i].m != M_ROAS)
				continue;
			metric_format(k[i].m, k[i].cur, 2, true, v, sizeof(v));
			assert_non_null(strstr(b, v));
			if (k[i].has_change) {
				char ch[32];
				kpi_change_text(&k[i], ch, sizeof(ch));
				snprintf(line, sizeof(line), "%s  %s\n", v, ch);
				if (k[i].m == M_SPEND)
					snprintf(line, sizeof(line), "%s %s  %s\n", v, r->advs[a].currency, ch);
				assert_non_null(strstr(b, line));
			}
		}
		assert_non_null(strstr(b, r->advs[a].name));
	}
	assert_non_null(strstr(b, "Comments: 6 handled (dry run: nothing was changed): 3 to reply, 2 to hide, 1 to flag"));
	assert_non_null(strstr(b, "  - advertiser 42: campaign level failed\n"));
	assert_non_null(strstr(b, "Attached: ttreport_2026-11-17_2026-11-19.pdf\n"));
	free(b);
	c.apply = true;
	b = mail_body(&c, r, files, 1);
	assert_non_null(strstr(b, "Comments: 6 handled: 3 replied, 2 hidden, 1 flagged for you"));
	free(b);
	report_free(r);
}

/* One complaint waiting with its video's caption, link and age, one without. */
static struct report *with_complaints(void)
{
	struct report *r = fake_report(2, 1, 1, 3);
	struct action_rec a = { 0 };

	a.time = r->made;
	a.owner_id = "biz";
	a.video_id = "7300000000000000001";
	a.comment_id = "7400000000000000001";
	a.cat = CAT_COMPLAINT;
	a.act = ACT_FLAG;
	a.rule = "complaint.order";
	a.lang = "fr";
	a.video_caption = "Nouvelle abaya noire \xe2\x9c\xa8 dispo en S/M/L #abaya #maroc #mode #livraison #casablanca";
	a.video_url = "https://www.tiktok.com/@ammani.store/video/7300000000000000001";
	a.comment_time = r->made - 2 * 3600 - 60;
	report_add_action(r, &a);
	a.video_id = "7300000000000000002";
	a.comment_id = "7400000000000000002";
	a.video_caption = a.video_url = NULL;
	a.comment_time = 0;
	a.rule = "model";
	report_add_action(r, &a);
	a.cat = CAT_SPAM; /* not waiting for anyone */
	a.act = ACT_HIDE;
	a.video_url = "https://www.tiktok.com/@ammani.store/video/7300000000000000009";
	report_add_action(r, &a);
	return r;
}

static void complaints_with_caption_link_age_reason(void **st)
{
	struct report *r = with_complaints();
	struct mail_text_opts c = { 0, false };
	struct err e = { 0 };
	char *b;
	(void)st;

	b = mail_body(&c, r, NULL, 0);
	assert_non_null(strstr(b, "Complaints waiting for you:\n"
				  "  - Nouvelle abaya noire \xe2\x9c\xa8 dispo en S/M/L #abaya #maroc #mode\xe2\x80\xa6\n"
				  "    https://www.tiktok.com/@ammani.store/video/7300000000000000001\n"
				  "    2 hours ago \xc2\xb7 order late or not received (rule complaint.order)\n"
				  "  - video 7300000000000000002\n"
				  "    flagged by the classifier\n"));
	assert_null(strstr(b, "7300000000000000009")); /* a hidden spam is no complaint */
	assert_null(strstr(b, "7400000000000000001")); /* the comment is opened from the video */
	free(b);
	assert_int_equal(l10n_init(LANG_FR, localedir, &e), 0);
	b = mail_body(&c, r, NULL, 0);
	assert_non_null(strstr(b, "R\xc3\xa9" "clamations qui vous attendent :\n"));
	assert_non_null(strstr(b, "    il y a 2 h \xc2\xb7 commande en retard ou pas re\xc3\xa7ue (r\xc3\xa8gle complaint.order)\n"));
	free(b);
	assert_int_equal(l10n_init(LANG_AR, localedir, &e), 0);
	b = mail_body(&c, r, NULL, 0);
	assert_null(strstr(b, "Complaints"));
	assert_non_null(strstr(b, "\xd8\xb4\xd9\x83\xd8\xa7\xd9\x8a\xd8\xa7\xd8\xaa")); /* شكايات */
	/* digit groups joined by U+202F in right-to-left text, never a plain space */
	assert_non_null(strstr(b, "\xe2\x80\xaf"));
	for (const char *p = b + 1; *p && p[1]; p++)
		assert_false(*p == ' ' && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9');
	free(b);
	assert_int_equal(l10n_init(LANG_EN, NULL, &e), 0);
	report_free(r);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_first_advertiser_and_more),
		cmocka_unit_test(body_has_values_comments_warnings),
		cmocka_unit_test(complaints_with_caption_link_age_reason),
	};
	char self[4096];

	(void)argc;
	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(localedir, sizeof(localedir), "%s/../locale", dirname(self));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
