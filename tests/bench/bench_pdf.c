/* bench_pdf.c: time of the PDF exporter on a big account: fake_report(100, 4, 5, 30),
 * 100 campaigns and 2,000 ads per advertiser (two advertisers), 30 days.
 *   bench_pdf OUTDIR FONT [RUNS]
 * Prints "pdf: build_report=Bs render=best Rs (of N runs) pages=P bytes=N".
 * Goal: render well under a second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "exporters/exporter.h"
#include "helper_fake.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct export_opts o = { 0 };
	struct err e = { 0 };
	struct report *r;
	double t0, build, best = 1e9;
	int runs = argc > 3 ? atoi(argv[3]) : 5;
	char path[4096];
	struct stat st;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_pdf OUTDIR FONT [RUNS]\n");
		return 1;
	}
	o.outdir = argv[1];
	o.font = argv[2];
	o.min_spend = 100; /* 1,00 in minor units */
	t0 = now();
	r = fake_report(100, 4, 5, 30);
	build = now() - t0;
	for (int i = 0; i < runs; i++) {
		t0 = now();
		if (exporter_pdf.write(r, &o, &e)) {
			fprintf(stderr, "bench_pdf: %s\n", e.msg);
			return 1;
		}
		if (now() - t0 < best)
			best = now() - t0;
	}
	report_path(r, o.outdir, "ttreport", NULL, "pdf", path, sizeof(path));
	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	printf("pdf: build_report=%.2fs render=%.3fs (best of %d) ads=%zu bytes=%lld\n", build, best,
	       runs, r->advs[0].nents[LVL_AD], (long long)st.st_size);
	report_free(r);
	return 0;
}
