/* csv.c: one file per level (campaign, adgroup, ad), one row per entity and day
 * (`today`: per entity and hour, stat_time_hour in place of stat_time_day),
 * header of API metric names. Money with the currency's decimals; missing empty. */
#include <stdio.h>
#include <string.h>

#include "exporters/exporter.h"
#include "exporters/today.h"

static void put_field(FILE *f, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static const char *name_of(const struct advertiser *a, enum level l, const char *id)
{
	const struct entity *e = adv_find(a, l, id);
	return e ? e->name : NULL;
}

/* One row: the advertiser, the time (stat_time_day or stat_time_hour text),
 * the entity and its parents, every metric. */
static void put_row(FILE *f, const struct advertiser *a, enum level l, const struct entity *e,
		    const char *when, const struct mrow *v)
{
	const char *cid = l == LVL_CAMPAIGN ? e->id : e->campaign_id;
	char buf[48];

	put_field(f, a->id);
	fputc(',', f);
	put_field(f, a->currency);
	fprintf(f, ",%s,", when);
	put_field(f, cid);
	fputc(',', f);
	put_field(f, name_of(a, LVL_CAMPAIGN, cid));
	if (l >= LVL_ADGROUP) {
		const char *gid = l == LVL_ADGROUP ? e->id : e->adgroup_id;
		fputc(',', f);
		put_field(f, gid);
		fputc(',', f);
		put_field(f, name_of(a, LVL_ADGROUP, gid));
	}
	if (l == LVL_AD) {
		fputc(',', f);
		put_field(f, e->id);
		fputc(',', f);
		put_field(f, e->name);
	}
	for (int m = 0; m < M_COUNT; m++) {
		mval x = mrow_get(v, (enum metric)m, a->decimals);
		fputc(',', f);
		fputs(metric_format((enum metric)m, x, a->decimals, false, buf, sizeof(buf)), f);
	}
	fputs("\r\n", f);
}

static void put_header(FILE *f, enum level l, const char *time_field)
{
	/* the id and name of the level and of each level above it, down from campaigns */
	fprintf(f, "%s,currency,%s", level_id_field(LVL_ADVERTISER), time_field);
	for (int k = LVL_CAMPAIGN; k <= (int)l; k++)
		fprintf(f, ",%s,%s", level_id_field((enum level)k), level_name_field((enum level)k));
	for (int m = 0; m < M_COUNT; m++)
		fprintf(f, ",%s", metric_defs[m].api);
	fputs("\r\n", f);
}

/* The daily rows of the window. */
static void write_level(FILE *f, const struct report *r, enum level l)
{
	char day[11];

	put_header(f, l, "stat_time_day");
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		for (size_t k = 0; k < a->nrows[l]; k++) {
			const struct day_row *row = &a->rows[l][k];
			put_row(f, a, l, &a->ents[l][row->ent], date_format(row->day, day), &row->v);
		}
	}
}

/* `today`: the hourly rows of today, "YYYY-MM-DD HH:00:00" as the API gives them. */
static void write_hours(FILE *f, const struct report *r, enum level l)
{
	char when[24], day[11];

	put_header(f, l, "stat_time_hour");
	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		for (size_t k = 0; k < a->nhours[l]; k++) {
			const struct hour_row *row = &a->hours[l][k];
			if (row->hour / 24 != a->today)
				continue;
			snprintf(when, sizeof(when), "%s %02d:00:00", date_format(row->hour / 24, day),
				 row->hour % 24);
			put_row(f, a, l, &a->ents[l][row->ent], when, &row->v);
		}
	}
}

/* One file through an atomic temporary. */
static int write_file(const char *path, const struct report *r, enum level l,
		      void (*fill)(FILE *, const struct report *, enum level), struct err *e)
{
	struct atomic_file af;
	FILE *f;

	if (atomic_open(&af, path, EXPORT_MODE, e))
		return e->code;
	if (!(f = atomic_stream(&af))) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: out of memory", path);
	}
	fill(f, r, l);
	if (ferror(f)) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: write failed", path);
	}
	return atomic_commit(&af, e) ? e->code : 0;
}

static int csv_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		char path[4096];

		report_path(r, o->outdir, "ttreport", level_name((enum level)l), "csv", path, sizeof(path));
		if (write_file(path, r, (enum level)l, write_level, e))
			return e->code;
	}
	return 0;
}

int today_csv_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		char path[4096];

		today_path(r, o->outdir, level_name((enum level)l), "csv", path, sizeof(path));
		if (write_file(path, r, (enum level)l, write_hours, e))
			return e->code;
	}
	return 0;
}

const struct exporter exporter_csv = { "csv", csv_write };
