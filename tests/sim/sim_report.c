/* sim_report.c: /report/integrated/get/ (BASIC): daily, hourly and period
 * rows at the four data levels, with attribute metrics, status and id
 * filters and paging. Reads the marketing data under world.mk. */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)

/* ---- /report/integrated/get/ ---- */

enum attr {
	A_CAMPAIGN_NAME, A_ADGROUP_NAME, A_AD_NAME, A_AD_TEXT, A_CAMPAIGN_ID, A_ADGROUP_ID,
	A_ADVERTISER_NAME, A_ADVERTISER_ID, A_OBJECTIVE_TYPE, A_CAMPAIGN_BUDGET, A_BUDGET,
	A_PLACEMENT_TYPE, A_BILLING_EVENT, A_BID_STRATEGY, A_CURRENCY, A_N,
};

static const struct {
	const char *name;
	enum level min; /* allowed at this level and below */
} attrs[A_N] = {
	[A_CAMPAIGN_NAME] = { "campaign_name", L_CAMP },
	[A_ADGROUP_NAME] = { "adgroup_name", L_ADG },
	[A_AD_NAME] = { "ad_name", L_AD },
	[A_AD_TEXT] = { "ad_text", L_AD },
	[A_CAMPAIGN_ID] = { "campaign_id", L_ADG },
	[A_ADGROUP_ID] = { "adgroup_id", L_AD },
	[A_ADVERTISER_NAME] = { "advertiser_name", L_ADV },
	[A_ADVERTISER_ID] = { "advertiser_id", L_ADV },
	[A_OBJECTIVE_TYPE] = { "objective_type", L_CAMP },
	[A_CAMPAIGN_BUDGET] = { "campaign_budget", L_CAMP },
	[A_BUDGET] = { "budget", L_ADG },
	[A_PLACEMENT_TYPE] = { "placement_type", L_ADG },
	[A_BILLING_EVENT] = { "billing_event", L_ADG },
	[A_BID_STRATEGY] = { "bid_strategy", L_ADG },
	[A_CURRENCY] = { "currency", L_ADV },
};

static const char *const level_api[L_N] = {
	"AUCTION_ADVERTISER", "AUCTION_CAMPAIGN", "AUCTION_ADGROUP", "AUCTION_AD",
};

static void put_attr(struct sb *d, const struct adv *a, const struct entity *e, enum attr at)
{
	const struct entity *c = e->camp >= 0 ? &a->ent[L_CAMP][e->camp] : NULL;
	const struct entity *g = e->adg >= 0 ? &a->ent[L_ADG][e->adg] : NULL;

	switch (at) {
	case A_CAMPAIGN_NAME: sb_jstr(d, c->name); break;
	case A_ADGROUP_NAME: sb_jstr(d, g->name); break;
	case A_AD_NAME: sb_jstr(d, e->name); break;
	case A_AD_TEXT: sb_jstr(d, sim_ad_text); break;
	case A_CAMPAIGN_ID: sb_jstr(d, c->id); break;
	case A_ADGROUP_ID: sb_jstr(d, g->id); break;
	case A_ADVERTISER_NAME: sb_jstr(d, a->ent[L_ADV][0].name); break;
	case A_ADVERTISER_ID: sb_jstr(d, a->ent[L_ADV][0].id); break;
	case A_OBJECTIVE_TYPE: sb_jstr(d, c->objective); break;
	case A_CAMPAIGN_BUDGET: sim_put_money(d, c->budget, a->dec); break;
	case A_BUDGET: sim_put_money(d, 0, a->dec); break;
	case A_PLACEMENT_TYPE: sb_puts(d, "\"PLACEMENT_TYPE_AUTOMATIC\""); break;
	case A_BILLING_EVENT: sb_puts(d, c->traffic ? "\"CPC\"" : "\"OCPM\""); break;
	case A_BID_STRATEGY: sb_puts(d, "\"BID_STRATEGY_MAX_CONVERSION\""); break;
	case A_CURRENCY: sb_jstr(d, a->currency); break;
	default: sb_puts(d, "null");
	}
}

/* status filter modes per kind: 0 not deleted, 1 all, 2 deleted only, -1 unset */
struct rfilter {
	int status[L_N];
	json_t *ids[L_N]; /* borrowed from the parsed filtering */
};

static int parse_rfilter(json_t *f, enum level lev, struct rfilter *rf, char *msg, size_t msgsz)
{
	static const char *const st[L_N] = { NULL, "campaign_status", "adgroup_status", "ad_status" };
	static const char *const idk[L_N] = { NULL, "campaign_ids", "adgroup_ids", "ad_ids" };
	size_t i;
	json_t *x;

	for (int l = 0; l < L_N; l++)
		rf->status[l] = -1, rf->ids[l] = NULL;
	json_array_foreach(f, i, x) {
		const char *name = json_string_value(json_object_get(x, "field_name"));
		const char *type = json_string_value(json_object_get(x, "filter_type"));
		json_t *val = json_object_get(x, "filter_value"), *arr;
		int l, is_ids = 0;
		if (!json_is_object(x) || !name || !type || !val)
			return set_msg(msg, msgsz, 40002, "filtering: each filter needs field_name, "
				       "filter_type and filter_value");
		for (l = 1; l < L_N; l++) {
			if (!strcmp(name, st[l]))
				break;
			if (!strcmp(name, idk[l])) {
				is_ids = 1;
				break;
			}
		}
		if (l == L_N)
			return set_msg(msg, msgsz, 40002, "filtering: unsupported field_name '%s'", name);
		if (strcmp(type, "IN"))
			return set_msg(msg, msgsz, 40002, "filtering: %s supports filter_type IN only", name);
		if (lev == L_ADV)
			continue; /* the advertiser level always includes everything */
		if (l > (int)lev)
			return set_msg(msg, msgsz, 40002, "filtering: %s is not available at data_level %s",
				       name, level_api[lev]);
		if (json_is_string(val)) {
			json_error_t je;
			arr = json_loads(json_string_value(val), 0, &je);
		} else {
			arr = json_incref(val);
		}
		if (!json_is_array(arr) || sim_strings_only(arr, name, msg, msgsz) ||
		    json_array_size(arr) > 100 || json_array_size(arr) == 0) {
			json_decref(arr);
			return set_msg(msg, msgsz, 40002, "filtering: %s: filter_value must be a JSON "
				       "array of 1 to 100 strings", name);
		}
		if (is_ids) {
			json_object_set_new(x, "_parsed", arr); /* owned by the filtering tree */
			rf->ids[l] = arr;
			continue;
		}
		rf->status[l] = sim_str_in(arr, "STATUS_ALL") ? 1
				: sim_str_in(arr, "STATUS_DELETE") && !sim_str_in(arr, "STATUS_NOT_DELETE") ? 2 : 0;
		json_decref(arr);
	}
	if (lev != L_ADV && rf->status[lev] < 0)
		rf->status[lev] = 0; /* API default: STATUS_NOT_DELETE at the data level */
	return 0;
}

static bool rfilter_keep(const struct rfilter *rf, const struct adv *a, const struct entity *e)
{
	const struct entity *anc[L_N] = {
		NULL, e->camp >= 0 ? &a->ent[L_CAMP][e->camp] : NULL,
		e->adg >= 0 ? &a->ent[L_ADG][e->adg] : NULL, e->level == L_AD ? e : NULL,
	};

	for (int l = L_CAMP; l <= (int)e->level; l++) {
		if ((rf->status[l] == 0 && anc[l]->deleted) || (rf->status[l] == 2 && !anc[l]->deleted))
			return false;
		if (rf->ids[l] && !sim_str_in(rf->ids[l], anc[l]->id))
			return false;
	}
	return true;
}

/* one parsed report query; rq_free() releases it */
struct rq {
	struct adv *a;
	enum level lev;
	int tdim;              /* 0 none (a period), 1 stat_time_day, 2 stat_time_hour */
	int since, until;
	long page, psize;
	int *mlist, nm;        /* metric index >= 0, attribute -1 - attr */
	struct rfilter rf;
	json_t *dims, *mets, *filt;
	char idkey[24];
};

static void rq_free(struct rq *q)
{
	free(q->mlist);
	json_decref(q->dims);
	json_decref(q->mets);
	json_decref(q->filt);
}

static int parse_dims(struct rq *q, char *msg, size_t msgsz)
{
	size_t n = json_array_size(q->dims);
	const char *d0 = json_string_value(json_array_get(q->dims, 0));
	const char *d1 = json_string_value(json_array_get(q->dims, 1));
	const char *t = n == 2 && d0 && d1 ? (!strcmp(d0, q->idkey) ? d1 : !strcmp(d1, q->idkey) ? d0 : NULL)
				      : NULL;

	if (n == 1 && d0 && !strcmp(d0, q->idkey))
		q->tdim = 0;
	else if (t && !strcmp(t, "stat_time_day"))
		q->tdim = 1;
	else if (t && !strcmp(t, "stat_time_hour"))
		q->tdim = 2;
	else
		return set_msg(msg, msgsz, 40002, "dimensions: must be [\"%s\",\"stat_time_day\"], "
			       "[\"%s\",\"stat_time_hour\"] or [\"%s\"] for data_level %s", q->idkey,
			       q->idkey, q->idkey, level_api[q->lev]);
	return 0;
}

static int parse_metrics(struct rq *q, char *msg, size_t msgsz)
{
	size_t i;
	json_t *v;
	int rc;

	if (!q->mets)
		q->mets = json_pack("[ss]", "spend", "impressions");
	if ((rc = sim_strings_only(q->mets, "metrics", msg, msgsz)))
		return rc;
	if (!(q->mlist = malloc(sizeof(int) * (json_array_size(q->mets) + 1))))
		abort();
	json_array_foreach(q->mets, i, v) {
		const char *name = json_string_value(v);
		int m = sim_metric_find(name), at;
		if (m < 0) {
			for (at = 0; at < A_N && strcmp(attrs[at].name, name); at++)
				;
			if (at == A_N)
				return set_msg(msg, msgsz, 40002, "metrics: unknown metric '%s'", name);
			if (attrs[at].min > q->lev)
				return set_msg(msg, msgsz, 40002, "metrics: '%s' is not available at "
					       "data_level %s", name, level_api[q->lev]);
			m = -1 - at;
		}
		q->mlist[q->nm++] = m;
	}
	return 0;
}

static int date_arg(const struct req *r, const char *name, int *day, char *msg, size_t msgsz)
{
	const char *s = req_arg(r, name);

	if (!s)
		return MISSING(name);
	if (sim_date_parse(s, day))
		return set_msg(msg, msgsz, 40002, "%s: '%s' is not a YYYY-MM-DD date", name, s);
	return 0;
}

static int parse_dates(struct req *r, struct rq *q, char *msg, size_t msgsz)
{
	const char *lt = req_arg(r, "query_lifetime");
	int rc, n;

	if (lt && !strcmp(lt, "true")) {
		if (q->tdim)
			return set_msg(msg, msgsz, 40002, "dimensions: query_lifetime allows no time dimension");
		q->since = q->a->first_day, q->until = q->a->local_today - 1;
		return 0;
	}
	if ((rc = date_arg(r, "start_date", &q->since, msg, msgsz)) ||
	    (rc = date_arg(r, "end_date", &q->until, msg, msgsz)))
		return rc;
	if (q->since > q->until)
		return set_msg(msg, msgsz, 40002, "start_date: must not be after end_date");
	n = q->until - q->since + 1;
	if (q->tdim == 2 && n != 1) /* tiktok-api.md §4 Limits: stat_time_hour spans <= 1 day */
		return set_msg(msg, msgsz, 40002, "start_date, end_date: with stat_time_hour the time "
			       "span must be one day (start_date = end_date; got %d days)", n);
	if (q->tdim == 1 && n > 30)
		return set_msg(msg, msgsz, 40002, "start_date, end_date: with stat_time_day the "
			       "time span must be at most 30 days (got %d)", n);
	if (n > 365)
		return set_msg(msg, msgsz, 40002, "start_date, end_date: the time span must be at "
			       "most 365 days (got %d)", n);
	return 0;
}

static int parse_query(struct req *r, struct rq *q, char *msg, size_t msgsz)
{
	const char *s;
	int rc;

	if (!(s = req_arg(r, "advertiser_id")))
		return MISSING("advertiser_id");
	if (!(q->a = sim_find_adv(r->w, s)))
		return set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s", s);
	if (!(s = req_arg(r, "report_type")))
		return MISSING("report_type");
	if (strcmp(s, "BASIC"))
		return set_msg(msg, msgsz, 40002, "report_type: ttsim serves BASIC only, got '%s'", s);
	if (!(s = req_arg(r, "data_level")))
		return MISSING("data_level");
	for (q->lev = L_ADV; q->lev < L_N && strcmp(s, level_api[q->lev]); q->lev++)
		;
	if (q->lev == L_N)
		return set_msg(msg, msgsz, 40002, "data_level: invalid value '%s'", s);
	snprintf(q->idkey, sizeof(q->idkey), "%s_id", level_name(q->lev));
	if ((rc = sim_int_arg(r, "page", 1, 1, 1000000, &q->page, msg, msgsz)) ||
	    (rc = sim_int_arg(r, "page_size", 10, 1, 1000, &q->psize, msg, msgsz)) ||
	    (rc = sim_json_arg(r, "dimensions", 'a', &q->dims, msg, msgsz)) ||
	    (rc = sim_json_arg(r, "metrics", 'a', &q->mets, msg, msgsz)) ||
	    (rc = sim_json_arg(r, "filtering", 'a', &q->filt, msg, msgsz)))
		return rc;
	if (!q->dims)
		return MISSING("dimensions");
	if ((rc = parse_dims(q, msg, msgsz)) || (rc = parse_metrics(q, msg, msgsz)) ||
	    (rc = parse_dates(r, q, msg, msgsz)) ||
	    (rc = parse_rfilter(q->filt, q->lev, &q->rf, msg, msgsz)))
		return rc;
	if (r->want_40067 && q->until - q->since + 1 > 7) {
		r->fault_40067_hit = true;
		return set_msg(msg, msgsz, 40067, "query too large");
	}
	return 0;
}

/* a served row: entity, and day (daily) or hour (hourly) */
struct rowref {
	int ent, t;
};

static void put_row(struct world *w, const struct rq *q, const struct entity *e,
		    const struct drow *row, int t, bool first, struct sb *d)
{
	const struct adv *a = q->a;
	uint64_t key = q->tdim == 1 ? (uint64_t)t : q->tdim == 2 ? (uint64_t)q->since * 24 + (uint64_t)t
			: (uint64_t)q->since * 100000 + (uint64_t)q->until;
	bool odd = h4(w->o.seed, (uint64_t)e->idx * 7 + q->lev, key, q->tdim == 2 ? 0x801 : 0x800) & 1;
	char buf[40], day[11];

	sb_printf(d, "%s{\"dimensions\":{\"%s\":\"%s\"", first ? "" : ",", q->idkey, e->id);
	if (q->tdim == 1)
		sb_printf(d, ",\"stat_time_day\":\"%s 00:00:00\"", sim_date_fmt(t, day));
	if (q->tdim == 2)
		sb_printf(d, ",\"stat_time_hour\":\"%s %02d:00:00\"", sim_date_fmt(q->since, day), t);
	sb_puts(d, "},\"metrics\":{");
	for (int i = 0; i < q->nm; i++) {
		int m = q->mlist[i];
		sb_puts(d, i ? ",\"" : "\"");
		if (m < 0) {
			sb_puts(d, attrs[-1 - m].name);
			sb_puts(d, "\":");
			put_attr(d, a, e, (enum attr)(-1 - m));
			continue;
		}
		sb_puts(d, sim_metrics[m].api);
		sb_puts(d, "\":");
		if (!sim_metric_str(row, m, a->dec, buf))
			sb_puts(d, "\"-\"");
		else if (odd && (sim_metrics[m].slot == S_IMPRESSIONS || sim_metrics[m].slot == S_CLICKS))
			sb_puts(d, buf);
		else
			sb_jstr(d, buf);
	}
	sb_puts(d, "}}");
}

/* every served row of the query, entities by id, then days or hours */
static struct rowref *collect(struct world *w, const struct rq *q, const struct drow *prow, int *nr)
{
	const struct adv *a = q->a;
	int ne = a->nent[q->lev], lo = q->since > a->first_day ? q->since : a->first_day;
	int hi = q->until < a->local_today ? q->until : a->local_today;
	size_t per = q->tdim == 1 ? (size_t)(hi >= lo ? hi - lo + 1 : 0) : q->tdim == 2 ? 24 : 1;
	struct rowref *rows = malloc(sizeof(*rows) * ((size_t)ne * per + 1));
	struct drow hrs[24];

	if (!rows)
		abort();
	*nr = 0;
	for (int k = 0; k < ne; k++) {
		const struct entity *e = &a->ent[q->lev][a->order[q->lev][k]];
		if (!rfilter_keep(&q->rf, a, e))
			continue;
		if (q->tdim == 0 && drow_present(&prow[e->idx]))
			rows[(*nr)++] = (struct rowref){ e->idx, -1 };
		for (int day = lo; q->tdim == 1 && day <= hi; day++)
			if (drow_present(ent_day(a, e, day)))
				rows[(*nr)++] = (struct rowref){ e->idx, day };
		if (q->tdim == 2 && q->since >= a->first_day && q->since <= a->local_today) {
			sim_hours(w, a, e, q->since, hrs);
			for (int h = 0; h < 24; h++)
				if (drow_present(&hrs[h]))
					rows[(*nr)++] = (struct rowref){ e->idx, h };
		}
	}
	return rows;
}

int h_report(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	struct rq q = { 0 };
	struct rowref *rows;
	struct drow *prow = NULL, hrs[24];
	int rc, nr, hent = -1;

	if ((rc = parse_query(r, &q, msg, msgsz))) {
		rq_free(&q);
		return rc;
	}
	if (q.tdim == 0)
		prow = sim_period(q.a, q.lev, q.since, q.until);
	rows = collect(w, &q, prow, &nr);
	sb_puts(d, "{\"list\":[");
	for (long k = (q.page - 1) * q.psize, c = 0; k < nr && c < q.psize; k++, c++) {
		const struct entity *e = &q.a->ent[q.lev][rows[k].ent];
		const struct drow *row = q.tdim == 1 ? ent_day(q.a, e, rows[k].t) : &prow[e->idx];
		if (q.tdim == 2) {
			if (hent != e->idx)
				sim_hours(w, q.a, e, q.since, hrs);
			hent = e->idx;
			row = &hrs[rows[k].t];
		}
		put_row(w, &q, e, row, rows[k].t, c == 0, d);
	}
	sb_printf(d, "],\"page_info\":{\"page\":%ld,\"page_size\":%ld,\"total_number\":%d,"
		  "\"total_page\":%ld}}", q.page, q.psize, nr, (nr + q.psize - 1) / q.psize);
	if (q.tdim == 0)
		sim_truth_note_period(w, q.a, q.lev, q.since, q.until);
	free(rows);
	free(prow);
	rq_free(&q);
	return 0;
}
