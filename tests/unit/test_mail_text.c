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

#include "helper_fake.h"
#include "exporters/kpi.h"
#include "exporters/mail_text.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subject_first_advertiser_and_more),
		cmocka_unit_test(body_has_values_comments_warnings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
