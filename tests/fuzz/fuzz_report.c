/* libFuzzer target: API answers of the Marketing API (report pages at every
 * level, daily and period, current and previous window; inventory pages;
 * advertiser info; envelopes; token grants) from arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "etl/normalize.h"
#include "core/record.h"
#include "core/token.h"

static const char *const currencies[] = { "MAD", "EUR", "JPY", "KWD" };
static const int decimals[] = { 2, 2, 0, 3 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_level(LOG_ERROR); /* run.sh passes -close_fd_mask=3 */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1);
	struct report *r = report_new(0);
	struct advertiser *a;
	struct api_status st;
	struct page_info pi;
	struct err e = { 0 };
	int cur = (int)(size % 4), d;

	memcpy(body, data, size);
	body[size] = '\0';
	a = report_add_advertiser(r, "7000000000000000001");
	date_parse("2026-11-17", &d);
	a->currency = currencies[cur];
	a->decimals = decimals[cur];
	a->win = (struct window){ d, d + 2 };
	a->prev = window_previous(a->win);
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++) {
		norm_report_page(body, size, r, a, (enum level)l, false, false, &pi, &st, &e);
		norm_report_page(body, size, r, a, (enum level)l, true, false, &pi, &st, &e);
		norm_report_page(body, size, r, a, (enum level)l, true, true, &pi, &st, &e);
		if (l != LVL_ADVERTISER)
			norm_entities(body, size, r, a, (enum level)l, &pi, &st, &e);
	}
	report_finish(r);
	norm_advertiser_info(body, size, r, &st, &e);
	norm_status(body, size, &st);
	{
		struct token_grant g;
		norm_token_grant(body, size, &g, &st, &e);
	}
	{
		char **ids = NULL;
		size_t n = 0;
		norm_advertiser_list(body, size, &ids, &n, &st, &e);
		for (size_t i = 0; i < n; i++)
			free(ids[i]);
		free(ids);
	}
	report_free(r);
	free(body);
	return 0;
}
