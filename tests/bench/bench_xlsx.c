/* bench_xlsx.c: time and memory of the XLSX exporter on ~1M ad-day rows,
 * next to libxlsxwriter alone writing the same number of rows and cells.
 *   bench_xlsx ttreport OUTDIR [NCAMP]   fake_report(NCAMP, 10, 33, 30) -> exporter_xlsx
 *   bench_xlsx raw OUTDIR ROWS            ROWS x (11 strings + 23 numbers), constant_memory
 * Prints "secs=S rows=N peak_mb=P export_mb=X" (X: memory the export added
 * on top of the report it reads; the report itself is ~190 MB at 1M rows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <xlsxwriter.h>

#include "exporters/exporter.h"
#include "helper_fake.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* VmRSS or VmHWM of this process, in kB. */
static long status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(key);

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

static void reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w"); /* "5" resets VmHWM to VmRSS */
	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

static long total_rows(const struct report *r)
{
	long n = 0;
	for (size_t i = 0; i < r->nadv; i++)
		for (int l = 0; l < LVL_COUNT; l++)
			n += (long)r->advs[i].nrows[l] + (l ? (long)r->advs[i].nents[l] : 0);
	return n;
}

static int run_ttreport(const char *outdir, int ncamp)
{
	struct report *r = fake_report(ncamp, 10, 33, 30);
	struct export_opts o = { 0 };
	struct err e = { 0 };
	long before, adrows = 0;
	double t0, t1;

	for (size_t i = 0; i < r->nadv; i++)
		adrows += (long)r->advs[i].nrows[LVL_AD];
	o.outdir = outdir;
	before = status_kb("VmRSS");
	reset_peak();
	t0 = now();
	if (exporter_xlsx.write(r, &o, &e)) {
		fprintf(stderr, "bench_xlsx: %s\n", e.msg);
		return 1;
	}
	t1 = now();
	printf("secs=%.2f rows=%ld adrows=%ld peak_mb=%ld export_mb=%.1f\n", t1 - t0, total_rows(r), adrows,
	       status_kb("VmHWM") / 1024, (double)(status_kb("VmHWM") - before) / 1024);
	report_free(r);
	return 0;
}

static int run_raw(const char *outdir, long rows)
{
	char path[4096], s[64];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = (char *)outdir };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *money, *count;
	double t0, t1;
	long before;

	snprintf(path, sizeof(path), "%s/raw.xlsx", outdir);
	before = status_kb("VmRSS");
	reset_peak();
	t0 = now();
	wb = workbook_new_opt(path, &opts);
	ws = workbook_add_worksheet(wb, "Daily");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00 \"MAD\"");
	count = workbook_add_format(wb);
	format_set_num_format(count, "#,##0");
	for (long r = 0; r < rows; r++) {
		lxw_col_t c = 0;
		worksheet_write_string(ws, (lxw_row_t)r, c++, "ad", NULL);
		snprintf(s, sizeof(s), "71000000000000000%02ld", r & 1);
		worksheet_write_string(ws, (lxw_row_t)r, c++, s, NULL);
		worksheet_write_string(ws, (lxw_row_t)r, c++, "Ammani Store", NULL);
		worksheet_write_string(ws, (lxw_row_t)r, c++, "MAD", NULL);
		worksheet_write_number(ws, (lxw_row_t)r, c++, 49000 + (double)(r % 30), count);
		worksheet_write_string(ws, (lxw_row_t)r, c++, "yes", NULL);
		snprintf(s, sizeof(s), "1700%015ld", r / 9900);
		worksheet_write_string(ws, (lxw_row_t)r, c++, s, NULL);
		worksheet_write_string(ws, (lxw_row_t)r, c++, "Promo Black Friday – Abayas", NULL);
		snprintf(s, sizeof(s), "180%016ld", r / 990);
		worksheet_write_string(ws, (lxw_row_t)r, c++, s, NULL);
		worksheet_write_string(ws, (lxw_row_t)r, c++, "الدار البيضاء 3", NULL);
		snprintf(s, sizeof(s), "190%016ld", r / 30);
		worksheet_write_string(ws, (lxw_row_t)r, c++, s, NULL);
		snprintf(s, sizeof(s), "Vidéo %ld 😍", (r / 30) % 33);
		worksheet_write_string(ws, (lxw_row_t)r, c++, s, NULL);
		for (int m = 0; m < 22; m++) {
			double v = (double)((r * 7919 + m * 104729) % 500000);
			worksheet_write_number(ws, (lxw_row_t)r, c++, m % 4 == 0 ? v / 100 : v, m % 4 == 0 ? money : count);
		}
	}
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "bench_xlsx: raw workbook failed\n");
		return 1;
	}
	t1 = now();
	printf("secs=%.2f rows=%ld peak_mb=%ld export_mb=%.1f\n", t1 - t0, rows, status_kb("VmHWM") / 1024,
	       (double)(status_kb("VmHWM") - before) / 1024);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "ttreport") == 0)
		return run_ttreport(argv[2], argc > 3 ? atoi(argv[3]) : 50);
	if (argc >= 4 && strcmp(argv[1], "raw") == 0)
		return run_raw(argv[2], atol(argv[3]));
	fprintf(stderr, "usage: bench_xlsx ttreport OUTDIR [NCAMP] | raw OUTDIR ROWS\n");
	return 1;
}
