/* csv.c: one file per level (campaign, adgroup, ad), one row per entity and day,
 * header of API metric names. Money with the currency's decimals; missing empty. */
#include <stdio.h>
#include <string.h>

#include "exporters/exporter.h"

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

static void write_level(FILE *f, const struct report *r, enum level l)
{
	char buf[48], day[11];

	/* the id and name of the level and of each level above it, down from campaigns */
	fprintf(f, "%s,currency,stat_time_day", level_id_field(LVL_ADVERTISER));
	for (int k = LVL_CAMPAIGN; k <= (int)l; k++)
		fprintf(f, ",%s,%s", level_id_field((enum level)k), level_name_field((enum level)k));
	for (int m = 0; m < M_COUNT; m++)
		fprintf(f, ",%s", metric_defs[m].api);
	fputs("\r\n", f);

	for (size_t i = 0; i < r->nadv; i++) {
		const struct advertiser *a = &r->advs[i];
		for (size_t k = 0; k < a->nrows[l]; k++) {
			const struct day_row *row = &a->rows[l][k];
			const struct entity *e = &a->ents[l][row->ent];
			const char *cid = l == LVL_CAMPAIGN ? e->id : e->campaign_id;

			put_field(f, a->id);
			fputc(',', f);
			put_field(f, a->currency);
			fprintf(f, ",%s,", date_format(row->day, day));
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
				mval v = mrow_get(&row->v, (enum metric)m, a->decimals);
				fputc(',', f);
				fputs(metric_format((enum metric)m, v, a->decimals, false, buf, sizeof(buf)), f);
			}
			fputs("\r\n", f);
		}
	}
}

static int csv_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		char path[4096];
		struct atomic_file af;
		FILE *f;

		report_path(r, o->outdir, "ttreport", level_name((enum level)l), "csv", path, sizeof(path));
		if (atomic_open(&af, path, EXPORT_MODE, e))
			return e->code;
		if (!(f = atomic_stream(&af))) {
			atomic_abort(&af);
			return errf(e, EXIT_OUTPUT, "%s: out of memory", path);
		}
		write_level(f, r, (enum level)l);
		if (ferror(f)) {
			atomic_abort(&af);
			return errf(e, EXIT_OUTPUT, "%s: write failed", path);
		}
		if (atomic_commit(&af, e))
			return e->code;
	}
	return 0;
}

const struct exporter exporter_csv = { "csv", csv_write };
