/* sim_truth.c: the --truth file: what the simulator serves, as JSON, written
 * atomically (tmp + rename). The daily part of each advertiser never changes and
 * is cached in adv.truth_head; periods and comment states are re-emitted. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/dates.h"

static void put_metrics(struct sb *b, const struct drow *r, int dec)
{
	char buf[40];

	sb_puts(b, "{");
	for (int m = 0; m < M_COUNT; m++) {
		sb_printf(b, "%s\"%s\":", m ? "," : "", metric_defs[m].api);
		if (sim_metric_str(r, (enum metric)m, dec, buf))
			sb_jstr(b, buf);
		else
			sb_puts(b, "null");
	}
	sb_puts(b, "}");
}

static void put_entity(struct sb *b, const struct adv *a, const struct entity *e)
{
	char buf[40];

	sb_printf(b, "{\"id\":\"%s\",\"name\":", e->id);
	sb_jstr(b, e->name);
	if (e->level == L_ADG)
		sb_printf(b, ",\"campaign_id\":\"%s\"", a->ent[L_CAMP][e->camp].id);
	if (e->level == L_AD)
		sb_printf(b, ",\"adgroup_id\":\"%s\",\"campaign_id\":\"%s\"",
			  a->ent[L_ADG][e->adg].id, a->ent[L_CAMP][e->camp].id);
	sb_printf(b, ",\"deleted\":%s", e->deleted ? "true" : "false");
	if (e->level == L_CAMP) {
		sb_printf(b, ",\"objective_type\":\"%s\",\"budget\":\"%s\",\"budget_mode\":\"%s\"",
			  e->objective, fx_format(e->budget, a->dec, buf, sizeof(buf)),
			  e->budget_mode ? "BUDGET_MODE_INFINITE" : "BUDGET_MODE_DAY");
	}
	sb_printf(b, ",\"status\":\"%s\"}", ent_status(e));
}

static void build_head(struct world *w, struct adv *a)
{
	struct sb b = { 0 };
	const struct entity *adv = &a->ent[L_ADV][0];
	static const char *const lists[L_N] = { NULL, "campaigns", "adgroups", "ads" };
	char day[11];

	sb_printf(&b, "{\"advertiser_id\":\"%s\",\"name\":", adv->id);
	sb_jstr(&b, adv->name);
	sb_printf(&b, ",\"currency\":\"%s\",\"timezone\":\"%s\",\"display_timezone\":\"%s\","
		  "\"local_today\":\"%s\"", a->currency, a->tz, a->display_tz,
		  date_format(a->local_today, day));
	for (int l = L_CAMP; l < L_N; l++) {
		sb_printf(&b, ",\"%s\":[", lists[l]);
		for (int k = 0; k < a->nent[l]; k++) {
			if (k)
				sb_puts(&b, ",");
			put_entity(&b, a, &a->ent[l][a->order[l][k]]);
		}
		sb_puts(&b, "]");
	}
	sb_puts(&b, ",\"daily\":{");
	for (int l = 0; l < L_N; l++) {
		int n = 0;
		sb_printf(&b, "%s\"%s\":[", l ? "," : "", level_name((enum level)l));
		for (int k = 0; k < a->nent[l]; k++) {
			const struct entity *e = &a->ent[l][a->order[l][k]];
			for (int d = 0; d < a->ndays; d++) {
				if (!drow_present(&e->daily[d]))
					continue;
				sb_printf(&b, "%s{\"id\":\"%s\",\"day\":\"%s\",\"metrics\":", n++ ? "," : "",
					  e->id, date_format(a->first_day + d, day));
				put_metrics(&b, &e->daily[d], a->dec);
				sb_puts(&b, "}");
			}
		}
		sb_puts(&b, "]");
	}
	sb_puts(&b, "},\"periods\":[");
	a->truth_head = b.p;
	(void)w;
}

static void put_period(struct sb *b, const struct adv *a, const struct period_key *p)
{
	struct drow *rows = sim_period(a, p->level, p->since, p->until);
	char s1[11], s2[11];
	int n = 0;

	sb_printf(b, "{\"level\":\"%s\",\"since\":\"%s\",\"until\":\"%s\",\"rows\":[",
		  level_name(p->level), date_format(p->since, s1), date_format(p->until, s2));
	for (int k = 0; k < a->nent[p->level]; k++) {
		const struct entity *e = &a->ent[p->level][a->order[p->level][k]];
		if (!drow_present(&rows[e->idx]))
			continue;
		sb_printf(b, "%s{\"id\":\"%s\",\"metrics\":", n++ ? "," : "", e->id);
		put_metrics(b, &rows[e->idx], a->dec);
		sb_puts(b, "}");
	}
	sb_puts(b, "]}");
	free(rows);
}

static bool add_period(struct adv *a, enum level lev, int since, int until)
{
	for (int i = 0; i < a->nperiods; i++)
		if (a->periods[i].level == lev && a->periods[i].since == since &&
		    a->periods[i].until == until)
			return false;
	if (a->nperiods == a->capperiods) {
		a->capperiods = a->capperiods ? a->capperiods * 2 : 64;
		a->periods = realloc(a->periods, sizeof(*a->periods) * (size_t)a->capperiods);
		if (!a->periods)
			abort();
	}
	a->periods[a->nperiods++] = (struct period_key){ lev, since, until };
	return true;
}

int sim_truth_write(struct world *w)
{
	char tmp[4096], day[11];
	struct sb b = { 0 };
	FILE *f;
	int rc = 0;

	if (!w->o.truth)
		return 0;
	for (int i = 0; i < w->nadv; i++) {
		struct adv *a = &w->advs[i];
		if (a->truth_head)
			continue;
		build_head(w, a);
		static const int lens[] = { 1, 3, 7, 30 };
		for (int l = 0; l < L_N; l++)
			for (int j = 0; j < 4; j++) {
				struct window win = window_lookback(a->local_today, lens[j]);
				struct window prev = window_previous(win);
				add_period(a, (enum level)l, win.since, win.until);
				add_period(a, (enum level)l, prev.since, prev.until);
			}
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", w->o.truth, (int)getpid());
	if (!(f = fopen(tmp, "w"))) {
		perror(tmp);
		return -1;
	}
	sb_printf(&b, "{\"seed\":%llu,\"today\":\"%s\",\"now\":\"%sT06:00:00Z\",\"business_id\":",
		  (unsigned long long)w->o.seed, date_format(w->o.today, day), day);
	sb_jstr(&b, w->o.business_id);
	sb_puts(&b, ",\"advertisers\":[");
	fwrite(b.p, 1, b.len, f);
	for (int i = 0; i < w->nadv; i++) {
		struct adv *a = &w->advs[i];
		if (i)
			fputc(',', f);
		fputs(a->truth_head, f);
		for (int j = 0; j < a->nperiods; j++) {
			b.len = 0;
			if (j)
				sb_puts(&b, ",");
			put_period(&b, a, &a->periods[j]);
			fwrite(b.p, 1, b.len, f);
		}
		fputs("]}", f);
	}
	b.len = 0;
	sb_puts(&b, "],\"videos\":");
	sim_comments_truth(w, &b);
	sb_puts(&b, "}\n");
	fwrite(b.p, 1, b.len, f);
	sb_free(&b);
	if (ferror(f))
		rc = -1;
	if (fclose(f))
		rc = -1;
	if (rc == 0 && rename(tmp, w->o.truth))
		rc = -1;
	if (rc) {
		perror(w->o.truth);
		unlink(tmp);
	}
	return rc;
}

void sim_truth_note_period(struct world *w, struct adv *a, enum level lev, int since, int until)
{
	if (!w->o.truth)
		return;
	pthread_mutex_lock(&w->lock);
	if (add_period(a, lev, since, until))
		sim_truth_write(w);
	pthread_mutex_unlock(&w->lock);
}
