/* bench_normalize: API report pages (JSON text, 1000 rows each, in the API's
 * shape: strings, some numbers, "-") -> norm_report_page -> report_finish ->
 * exporter_xlsx, for NADS ads x NDAYS days. Prints times and peak RSS.
 *   bench_normalize OUTDIR NADS NDAYS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "exporters/exporter.h"
#include "etl/normalize.h"
#include "core/record.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t put_row(char *b, long ad, int day, unsigned h)
{
	char d[11];
	long impr = 200 + (long)(h % 4000), clicks = impr / 70;
	return (size_t)sprintf(b,
		"%s{\"dimensions\":{\"ad_id\":\"7%018ld\",\"stat_time_day\":\"%s 00:00:00\"},"
		"\"metrics\":{\"campaign_id\":\"5%018ld\",\"adgroup_id\":\"6%018ld\",\"ad_name\":\"Vid\\u00e9o %ld\","
		"\"spend\":\"%ld.%02ld\",\"impressions\":%ld,\"reach\":\"%ld\",\"frequency\":\"1.21\",\"clicks\":\"%ld\","
		"\"conversion\":\"%ld\",\"complete_payment\":\"%s\",\"total_complete_payment_rate\":\"%ld.00\","
		"\"video_play_actions\":\"%ld\",\"video_watched_2s\":\"%ld\",\"video_views_p100\":\"%ld\","
		"\"likes\":\"%ld\",\"comments\":\"0\",\"shares\":\"1\",\"follows\":\"0\",\"profile_visits\":\"3\"}}",
		"", ad, date_format(day, d), ad / 100, ad / 10, ad, impr * 4 / 100, impr % 100, impr,
		impr * 10 / 12, clicks, clicks / 20, h % 7 ? "-" : "1", (clicks / 20) * 250,
		impr * 9 / 10, impr * 4 / 10, impr / 20, impr / 100);
}

int main(int argc, char **argv)
{
	const char *outdir = argc > 1 ? argv[1] : "/tmp";
	long nads = argc > 2 ? atol(argv[2]) : 33334, ndays = argc > 3 ? atol(argv[3]) : 30;
	long total = nads * ndays, rows = 0, pages = 0;
	struct report *r = report_new(1795154400);
	struct advertiser *a = report_add_advertiser(r, "7100000000000000001");
	int until = days_from_civil(2026, 11, 19);
	char *page = malloc(1000 * 900 + 512);
	double t0 = now_s(), t1, t2;
	struct export_opts o = { outdir, NULL, 0 };
	struct api_status st;
	struct page_info pi;
	struct rusage ru;
	struct err e = { 0 };

	a->name = "Bench";
	a->currency = "MAD";
	a->timezone = "Africa/Casablanca";
	a->win = (struct window){ until - (int)ndays + 1, until };
	a->prev = window_previous(a->win);
	r->span = a->win;
	while (rows < total) {
		size_t n = (size_t)sprintf(page, "{\"code\":0,\"message\":\"OK\",\"request_id\":\"b\",\"data\":{\"list\":[");
		for (int k = 0; k < 1000 && rows < total; k++, rows++) {
			long ad = rows / ndays;
			int day = a->win.since + (int)(rows % ndays);
			if (k)
				page[n++] = ',';
			n += put_row(page + n, ad, day, (unsigned)(rows * 2654435761u));
		}
		n += (size_t)sprintf(page + n, "],\"page_info\":{\"page\":%ld,\"page_size\":1000,"
				     "\"total_number\":%ld,\"total_page\":%ld}}}", pages + 1, total,
				     (total + 999) / 1000);
		if (norm_report_page(page, n, r, a, LVL_AD, false, false, &pi, &st, &e) != NORM_OK) {
			fprintf(stderr, "page %ld: %s %s\n", pages, st.message, e.msg);
			return 1;
		}
		pages++;
	}
	free(page);
	report_finish(r);
	t1 = now_s();
	if (exporter_xlsx.write(r, &o, &e)) {
		fprintf(stderr, "xlsx: %s\n", e.msg);
		return 1;
	}
	t2 = now_s();
	getrusage(RUSAGE_SELF, &ru);
	printf("secs=%.2f normalize=%.2f render=%.2f rows=%ld pages=%ld peak_mb=%ld\n", t2 - t0,
	       t1 - t0, t2 - t1, rows, pages, ru.ru_maxrss / 1024);
	report_free(r);
	return 0;
}
