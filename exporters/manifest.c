/* manifest.c: ttreport_SINCE_UNTIL_manifest.json, beside the other outputs,
 * written first and whatever --format says. Per advertiser, level and window
 * chunk: fetched completely or failed (and why), with the requests, pages and
 * rows it took (a daily chunk covers the window and the previous one); and per
 * advertiser the rows of the window each CSV holds. A loader reads it to tell
 * a complete set of CSV rows from one with holes (exit 4). Written whole or
 * not at all (core/atomic). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/envelope.h"
#include "exporters/exporter.h"

/* "key":"value" (JSON-escaped) or "key":null, then sep. */
static void put_str(FILE *f, const char *key, const char *v, const char *sep)
{
	char *q = v ? json_quote(v) : NULL;

	fprintf(f, "\"%s\":%s%s", key, q ? q : "null", sep);
	free(q);
}

static void put_chunk(FILE *f, const struct chunk *c, bool last)
{
	char s[11], u[11];

	fprintf(f, "    {\"level\":\"%s\",\"kind\":\"%s\",\"since\":\"%s\",\"until\":\"%s\",", level_name(c->l),
		chunk_kind_name(c->kind), date_format(c->w.since, s), date_format(c->w.until, u));
	put_str(f, "state", chunk_state_name(c->state), ",");
	put_str(f, "why", c->why, ",");
	fprintf(f, "\"requests\":%ld,\"pages\":%ld,\"rows\":%ld}%s\n", c->requests, c->pages, c->rows,
		last ? "" : ",");
}

static void put_advertiser(FILE *f, const struct advertiser *a, bool last)
{
	char s[11], u[11];

	fputs("  {", f);
	put_str(f, "advertiser_id", a->id, ",");
	put_str(f, "currency", a->currency, ",");
	put_str(f, "timezone", a->timezone, ",");
	if (a->win.since || a->win.until)
		fprintf(f, "\"since\":\"%s\",\"until\":\"%s\",", date_format(a->win.since, s),
			date_format(a->win.until, u));
	fprintf(f, "\"complete\":%s,", a->failed ? "false" : "true");
	put_str(f, "error", a->failed && a->error[0] ? a->error : NULL, ",");
	/* the rows of the window each CSV holds for this advertiser */
	fprintf(f, "\"rows\":{\"campaign\":%zu,\"adgroup\":%zu,\"ad\":%zu},\"chunks\":[%s",
		a->nrows[LVL_CAMPAIGN], a->nrows[LVL_ADGROUP], a->nrows[LVL_AD], a->nchunks ? "\n" : "");
	for (size_t i = 0; i < a->nchunks; i++)
		put_chunk(f, &a->chunks[i], i + 1 == a->nchunks);
	fprintf(f, "%s]}%s\n", a->nchunks ? "  " : "", last ? "" : ",");
}

static void put_manifest(FILE *f, const struct report *r)
{
	char s[11], u[11], made[32];
	struct tm tm;
	bool complete = true;

	for (size_t i = 0; i < r->nadv; i++)
		complete &= !r->advs[i].failed;
	gmtime_r(&r->made, &tm);
	strftime(made, sizeof(made), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "{\"since\":\"%s\",\"until\":\"%s\",\"made\":\"%s\",\"complete\":%s,\"advertisers\":[%s",
		date_format(r->span.since, s), date_format(r->span.until, u), made,
		complete ? "true" : "false", r->nadv ? "\n" : "");
	for (size_t i = 0; i < r->nadv; i++)
		put_advertiser(f, &r->advs[i], i + 1 == r->nadv);
	fputs("]}\n", f);
}

static int manifest_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	char path[4096];
	struct atomic_file af;
	FILE *f;

	report_path(r, o->outdir, "ttreport", "manifest", "json", path, sizeof(path));
	if (atomic_open(&af, path, EXPORT_MODE, e))
		return e->code;
	if (!(f = atomic_stream(&af))) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: out of memory", path);
	}
	put_manifest(f, r);
	if (ferror(f)) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: write failed", path);
	}
	return atomic_commit(&af, e);
}

const struct exporter exporter_manifest = { "manifest", manifest_write };
