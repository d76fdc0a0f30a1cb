/* sim_truth.c: the --truth file: what the simulator serves, as JSON, written
 * atomically (tmp + rename). The daily and hourly parts of each advertiser
 * only change when the clock moves (then the world is rebuilt) and are cached
 * in adv.truth_head; periods and comment states are re-emitted. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static void put_metrics(struct sb *b, const struct drow *r, int dec)
{
	char buf[40];

	sb_puts(b, "{");
	for (int m = 0; m < sim_nmetrics; m++) {
		if (!sim_metrics[m].truth)
			continue;
		sb_printf(b, "%s\"%s\":", m ? "," : "", sim_metrics[m].api);
		if (sim_metric_str(r, m, dec, buf))
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
			  e->objective, sim_fixed(e->budget, a->dec, buf),
			  e->budget_mode ? "BUDGET_MODE_INFINITE" : "BUDGET_MODE_DAY");
	}
	sb_printf(b, ",\"status\":\"%s\"}", ent_status(e));
}

/* "hours_today":N,"hourly":{"days":[...],"advertiser":[{"id","hour","metrics"}],...}
 * for local yesterday and today (today: the served hours only) */
static void put_hourly(struct sb *b, struct world *w, const struct adv *a)
{
	struct drow hrs[24];
	char day[11];
	int d0 = a->local_today - 1;

	sb_printf(b, "\"hours_today\":%d,\"hourly\":{\"days\":[\"%s\",", a->hours_today,
		  sim_date_fmt(d0, day));
	sb_printf(b, "\"%s\"]", sim_date_fmt(a->local_today, day));
	for (int l = 0; l < L_N; l++) {
		int n = 0;
		sb_printf(b, ",\"%s\":[", level_name((enum level)l));
		for (int k = 0; k < a->nent[l]; k++) {
			const struct entity *e = &a->ent[l][a->order[l][k]];
			for (int d = d0; d <= a->local_today; d++) {
				sim_hours(w, a, e, d, hrs);
				for (int h = 0; h < 24; h++) {
					if (!drow_present(&hrs[h]))
						continue;
					sb_printf(b, "%s{\"id\":\"%s\",\"hour\":\"%s %02d:00:00\",\"metrics\":",
						  n++ ? "," : "", e->id, sim_date_fmt(d, day), h);
					put_metrics(b, &hrs[h], a->dec);
					sb_puts(b, "}");
				}
			}
		}
		sb_puts(b, "]");
	}
	sb_puts(b, "}");
}

/* ,"scenarios":[{"name","hour","day","campaign_ids","adgroup_ids",budget...}] */
static void put_scenarios(struct sb *b, struct world *w, const struct adv *a)
{
	char day[11], buf[40];

	sb_printf(b, ",\"scenario_day\":\"%s\",\"scenarios\":[", sim_date_fmt(a->scen_day, day));
	for (int i = 0; i < w->o.nscen; i++) {
		const struct scenario *sc = &w->o.scen[i];
		const struct entity *c = NULL;
		int n = 0;
		sb_printf(b, "%s{\"name\":\"%s\",\"hour\":%d,\"day\":\"%s\",\"campaign_ids\":[",
			  i ? "," : "", scenario_name(sc->kind), sc->hour, day);
		for (int k = 0; k < a->nent[L_CAMP]; k++) {
			const struct entity *x = &a->ent[L_CAMP][k];
			bool hit = sc->kind == SC_TRACKING_GONE ? !x->traffic && !x->deleted : x->scen == i;
			if (hit)
				sb_printf(b, "%s\"%s\"", n++ ? "," : "", x->id), c = x;
		}
		sb_puts(b, "],\"adgroup_ids\":[");
		n = 0;
		for (int g = 0; c && sc->kind != SC_TRACKING_GONE && g < c->nchild; g++) {
			const struct entity *x = &a->ent[L_ADG][c->first_child + g];
			if (!x->deleted)
				sb_printf(b, "%s\"%s\"", n++ ? "," : "", x->id);
		}
		sb_puts(b, "]");
		if (c && (sc->kind == SC_BUDGET_FAST || sc->kind == SC_BUDGET_SLOW))
			sb_printf(b, ",\"budget\":\"%s\"", sim_fixed(c->budget, a->dec, buf));
		if (c && sc->kind == SC_BUDGET_SLOW) {
			sb_printf(b, ",\"budget_before\":\"%s\"", sim_fixed(c->budget_before, a->dec, buf));
			sb_printf(b, ",\"budget_after\":\"%s\"", sim_fixed(4 * c->budget_before, a->dec, buf));
		}
		sb_puts(b, "}");
	}
	sb_puts(b, "]");
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
		  sim_date_fmt(a->local_today, day));
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
					  e->id, sim_date_fmt(a->first_day + d, day));
				put_metrics(&b, &e->daily[d], a->dec);
				sb_puts(&b, "}");
			}
		}
		sb_puts(&b, "]");
	}
	sb_puts(&b, "},");
	put_hourly(&b, w, a);
	put_scenarios(&b, w, a);
	sb_puts(&b, ",\"periods\":[");
	a->truth_head = b.p;
}

static void put_period(struct sb *b, const struct adv *a, const struct period_key *p)
{
	struct drow *rows = sim_period(a, p->level, p->since, p->until);
	char s1[11], s2[11];
	int n = 0;

	sb_printf(b, "{\"level\":\"%s\",\"since\":\"%s\",\"until\":\"%s\",\"rows\":[",
		  level_name(p->level), sim_date_fmt(p->since, s1), sim_date_fmt(p->until, s2));
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
				int since = a->local_today - lens[j], until = a->local_today - 1;
				add_period(a, (enum level)l, since, until);
				add_period(a, (enum level)l, since - lens[j], since - 1);
			}
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", w->o.truth, (int)getpid());
	if (!(f = fopen(tmp, "w"))) {
		perror(tmp);
		return -1;
	}
	struct tm tm;
	char now[32];
	gmtime_r(&w->now, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_printf(&b, "{\"seed\":%llu,\"today\":\"%s\",\"now\":\"%s\",\"business_id\":",
		  (unsigned long long)w->o.seed, sim_date_fmt((int)(w->now / 86400), day), now);
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
