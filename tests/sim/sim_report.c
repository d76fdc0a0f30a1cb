/* sim_report.c: Marketing API handlers: /oauth2/advertiser/get/, /advertiser/info/,
 * /campaign|adgroup|ad/get/ and /report/integrated/get/. They read the world
 * without a lock (it is immutable after startup) and write JSON into `data`. */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)

static struct adv *find_adv(struct world *w, const char *id)
{
	for (int i = 0; id && i < w->nadv; i++)
		if (strcmp(w->advs[i].ent[L_ADV][0].id, id) == 0)
			return &w->advs[i];
	return NULL;
}

static int int_arg(const struct req *r, const char *name, long dflt, long lo, long hi, long *out,
		   char *msg, size_t msgsz)
{
	const char *s = req_arg(r, name);
	char *end;

	*out = dflt;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return set_msg(msg, msgsz, 40002, "%s: must be an integer between %ld and %ld", name,
			       lo, hi);
	*out = v;
	return 0;
}

/* JSON argument; *out is NULL when absent. type: 'a' array, 'o' object. */
static int json_arg(const struct req *r, const char *name, int type, json_t **out, char *msg,
		    size_t msgsz)
{
	const char *s = req_arg(r, name);
	json_error_t je;

	*out = NULL;
	if (!s)
		return 0;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &je);
	if (!j)
		return set_msg(msg, msgsz, 40002, "%s: invalid JSON: %s", name, je.text);
	if ((type == 'a' && !json_is_array(j)) || (type == 'o' && !json_is_object(j))) {
		json_decref(j);
		return set_msg(msg, msgsz, 40002, "%s: must be a JSON %s", name,
			       type == 'a' ? "array" : "object");
	}
	*out = j;
	return 0;
}

static int strings_only(json_t *a, const char *name, char *msg, size_t msgsz)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v) if (!json_is_string(v))
		return set_msg(msg, msgsz, 40002, "%s: every element must be a string", name);
	return 0;
}

static void put_time(struct sb *b, time_t t)
{
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "\"%Y-%m-%d %H:%M:%S\"", &tm);
	sb_puts(b, buf);
}

static void put_money(struct sb *b, mval v, int dec)
{
	char buf[40];
	fx_format(v, dec, buf, sizeof(buf));
	sb_jstr(b, buf);
}

/* ---- /oauth2/advertiser/get/ and /advertiser/info/ ---- */

int h_oauth_advertiser_get(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	const char *app = req_arg(r, "app_id"), *sec = req_arg(r, "secret");

	if (!app)
		return MISSING("app_id");
	if (!sec)
		return MISSING("secret");
	if (strcmp(app, r->w->o.app_id) || strcmp(sec, r->w->o.app_secret))
		return set_msg(msg, msgsz, 40101, "Invalid app_id or secret");
	sb_puts(d, "{\"list\":[");
	for (int i = 0; i < r->w->nadv; i++) {
		const struct entity *e = &r->w->advs[i].ent[L_ADV][0];
		sb_printf(d, "%s{\"advertiser_id\":\"%s\",\"advertiser_name\":", i ? "," : "", e->id);
		sb_jstr(d, e->name);
		sb_puts(d, "}");
	}
	sb_puts(d, "]}");
	return 0;
}

static const char *const info_fields[] = {
	"telephone_number", "contacter", "currency", "cellphone_number", "timezone",
	"advertiser_id", "role", "company", "status", "description", "rejection_reason",
	"address", "name", "language", "industry", "license_no", "email", "license_url",
	"country", "balance", "create_time", "display_timezone", "owner_bc_id",
	"company_name_editable", NULL,
};

static bool info_field(struct sb *d, const struct world *w, const struct adv *a, const char *f)
{
	static const char *country[3] = { "MA", "FR", "US" }, *lang[3] = { "fr", "fr", "en" };
	const struct entity *e = &a->ent[L_ADV][0];

	sb_jstr(d, f);
	sb_puts(d, ":");
	if (!strcmp(f, "advertiser_id")) sb_jstr(d, e->id);
	else if (!strcmp(f, "name")) sb_jstr(d, e->name);
	else if (!strcmp(f, "currency")) sb_jstr(d, a->currency);
	else if (!strcmp(f, "timezone")) sb_jstr(d, a->tz);
	else if (!strcmp(f, "display_timezone")) sb_jstr(d, a->display_tz);
	else if (!strcmp(f, "status")) sb_puts(d, "\"STATUS_ENABLE\"");
	else if (!strcmp(f, "role")) sb_puts(d, "\"ROLE_ADVERTISER\"");
	else if (!strcmp(f, "country")) sb_jstr(d, country[a->idx % 3]);
	else if (!strcmp(f, "language")) sb_jstr(d, lang[a->idx % 3]);
	else if (!strcmp(f, "company")) sb_puts(d, "\"Salma Modest Wear SARL\"");
	else if (!strcmp(f, "create_time"))
		sb_printf(d, "%lld", (long long)a->first_day * 86400 + 3600 * 9 + a->idx * 61);
	else if (!strcmp(f, "balance")) {
		char buf[40];
		sb_puts(d, fx_format(a->balance, a->dec, buf, sizeof(buf)));
	} else {
		(void)w;
		sb_puts(d, "null");
	}
	return true;
}

int h_advertiser_info(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	json_t *ids = NULL, *fields = NULL, *v;
	size_t i;
	int rc;

	if ((rc = json_arg(r, "advertiser_ids", 'a', &ids, msg, msgsz)))
		return rc;
	if (!ids)
		return MISSING("advertiser_ids");
	if ((rc = strings_only(ids, "advertiser_ids", msg, msgsz)) ||
	    (rc = json_arg(r, "fields", 'a', &fields, msg, msgsz)))
		goto out;
	if (json_array_size(ids) == 0 || json_array_size(ids) > 100) {
		rc = set_msg(msg, msgsz, 40002, "advertiser_ids: length must be between 1 and 100");
		goto out;
	}
	json_array_foreach(ids, i, v) if (!find_adv(r->w, json_string_value(v))) {
		rc = set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s",
			     json_string_value(v));
		goto out;
	}
	if (fields && (rc = strings_only(fields, "fields", msg, msgsz)))
		goto out;
	json_array_foreach(fields, i, v) {
		int k;
		for (k = 0; info_fields[k] && strcmp(info_fields[k], json_string_value(v)); k++)
			;
		if (!info_fields[k]) {
			rc = set_msg(msg, msgsz, 40002, "fields: unknown field '%s'", json_string_value(v));
			goto out;
		}
	}
	sb_puts(d, "{\"list\":[");
	json_array_foreach(ids, i, v) {
		const struct adv *a = find_adv(r->w, json_string_value(v));
		static const char *const dflt[] = { "advertiser_id", "name", "currency", "timezone",
			"display_timezone", "status", "role", "country", "language", "company",
			"create_time", "balance", NULL };
		sb_puts(d, i ? ",{" : "{");
		if (fields) {
			size_t j;
			json_t *f;
			json_array_foreach(fields, j, f) {
				if (j)
					sb_puts(d, ",");
				info_field(d, r->w, a, json_string_value(f));
			}
		} else {
			for (int k = 0; dflt[k]; k++) {
				if (k)
					sb_puts(d, ",");
				info_field(d, r->w, a, dflt[k]);
			}
		}
		sb_puts(d, "}");
	}
	sb_puts(d, "]}");
out:
	json_decref(ids);
	json_decref(fields);
	return rc;
}

/* ---- inventory: /campaign/get/, /adgroup/get/, /ad/get/ ---- */

static const char *const camp_fields[] = {
	"campaign_id", "campaign_name", "advertiser_id", "budget", "budget_mode",
	"objective_type", "operation_status", "secondary_status", "create_time",
	"modify_time", "campaign_type", "is_smart_performance_campaign", NULL,
};
static const char *const adg_fields[] = {
	"adgroup_id", "adgroup_name", "advertiser_id", "campaign_id", "campaign_name",
	"budget", "budget_mode", "optimization_goal", "billing_event", "placement_type",
	"operation_status", "secondary_status", "create_time", "modify_time", NULL,
};
static const char *const ad_fields[] = {
	"ad_id", "ad_name", "advertiser_id", "adgroup_id", "adgroup_name", "campaign_id",
	"campaign_name", "ad_text", "video_id", "identity_id", "operation_status",
	"secondary_status", "create_time", "modify_time", NULL,
};

static const char *const *level_fields(enum level l)
{
	return l == L_CAMP ? camp_fields : l == L_ADG ? adg_fields : ad_fields;
}

static const char ad_text[] = "Nouvelle collection ✨ livraison partout au Maroc – الدفع عند الاستلام";

/* emits "name":value, or nothing (returns false) when the entity lacks it */
static bool ent_field(struct sb *d, const struct adv *a, const struct entity *e, const char *f)
{
	const struct entity *c = e->camp >= 0 ? &a->ent[L_CAMP][e->camp] : NULL;
	const struct entity *g = e->adg >= 0 ? &a->ent[L_ADG][e->adg] : NULL;
	char key[48];

	if (!strcmp(f, "modify_time") && e->no_modify_time)
		return false;
	sb_jstr(d, f);
	sb_puts(d, ":");
	snprintf(key, sizeof(key), "%s_id", level_name(e->level));
	if (!strcmp(f, key)) { sb_jstr(d, e->id); return true; }
	snprintf(key, sizeof(key), "%s_name", level_name(e->level));
	if (!strcmp(f, key)) { sb_jstr(d, e->name); return true; }
	if (!strcmp(f, "advertiser_id")) sb_jstr(d, a->ent[L_ADV][0].id);
	else if (!strcmp(f, "campaign_id")) sb_jstr(d, c->id);
	else if (!strcmp(f, "campaign_name")) sb_jstr(d, c->name);
	else if (!strcmp(f, "adgroup_id")) sb_jstr(d, g->id);
	else if (!strcmp(f, "adgroup_name")) sb_jstr(d, g->name);
	else if (!strcmp(f, "budget")) {
		char buf[40];
		sb_puts(d, fx_format(e->level == L_CAMP ? e->budget : 0, a->dec, buf, sizeof(buf)));
	} else if (!strcmp(f, "budget_mode"))
		sb_puts(d, e->level == L_CAMP && e->budget_mode == 0 ? "\"BUDGET_MODE_DAY\""
								     : "\"BUDGET_MODE_INFINITE\"");
	else if (!strcmp(f, "objective_type")) sb_jstr(d, c->objective);
	else if (!strcmp(f, "operation_status")) sb_puts(d, e->deleted ? "\"DELETE\"" : "\"ENABLE\"");
	else if (!strcmp(f, "secondary_status")) sb_jstr(d, ent_status(e));
	else if (!strcmp(f, "create_time")) put_time(d, e->create_ts);
	else if (!strcmp(f, "modify_time")) put_time(d, e->modify_ts);
	else if (!strcmp(f, "campaign_type")) sb_puts(d, "\"REGULAR_CAMPAIGN\"");
	else if (!strcmp(f, "is_smart_performance_campaign")) sb_puts(d, "false");
	else if (!strcmp(f, "optimization_goal"))
		sb_puts(d, c->traffic ? "\"CLICK\"" : "\"CONVERT\"");
	else if (!strcmp(f, "billing_event")) sb_puts(d, c->traffic ? "\"CPC\"" : "\"OCPM\"");
	else if (!strcmp(f, "placement_type")) sb_puts(d, "\"PLACEMENT_TYPE_AUTOMATIC\"");
	else if (!strcmp(f, "ad_text")) sb_jstr(d, ad_text);
	else if (!strcmp(f, "video_id")) sb_printf(d, "\"v09044g40000%.12s\"", e->id + 7);
	else if (!strcmp(f, "identity_id")) sb_puts(d, "\"7000000000000000001\"");
	else sb_puts(d, "null");
	return true;
}

static bool str_in(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), s))
		return true;
	return false;
}

static int inventory(struct req *r, enum level lev, struct sb *d, char *msg, size_t msgsz)
{
	json_t *fields = NULL, *filt = NULL, *ids[L_N] = { 0 };
	const char *const *lf = level_fields(lev);
	long page, psize;
	int rc, show = 0; /* 0 not deleted, 1 all, 2 deleted only */
	const char *advid = req_arg(r, "advertiser_id");
	struct adv *a;

	if (!advid)
		return MISSING("advertiser_id");
	if (!(a = find_adv(r->w, advid)))
		return set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s", advid);
	if ((rc = int_arg(r, "page", 1, 1, 1000000, &page, msg, msgsz)) ||
	    (rc = int_arg(r, "page_size", 10, 1, 1000, &psize, msg, msgsz)) ||
	    (rc = json_arg(r, "fields", 'a', &fields, msg, msgsz)) ||
	    (rc = json_arg(r, "filtering", 'o', &filt, msg, msgsz)))
		goto out;
	if (fields && (rc = strings_only(fields, "fields", msg, msgsz)))
		goto out;
	{
		size_t i;
		json_t *v;
		json_array_foreach(fields, i, v) {
			int k;
			for (k = 0; lf[k] && strcmp(lf[k], json_string_value(v)); k++)
				;
			if (!lf[k]) {
				rc = set_msg(msg, msgsz, 40002, "fields: unknown field '%s'",
					     json_string_value(v));
				goto out;
			}
		}
	}
	if (filt) {
		const char *sec = json_string_value(json_object_get(filt, "secondary_status"));
		const char *pri = json_string_value(json_object_get(filt, "primary_status"));
		static const char *const idkeys[L_N] = { NULL, "campaign_ids", "adgroup_ids", "ad_ids" };
		char all[48], del[48];
		snprintf(all, sizeof(all), "%s_STATUS_ALL", lev == L_CAMP ? "CAMPAIGN" : lev == L_ADG ? "ADGROUP" : "AD");
		snprintf(del, sizeof(del), "%s_STATUS_DELETE", lev == L_CAMP ? "CAMPAIGN" : lev == L_ADG ? "ADGROUP" : "AD");
		if ((sec && !strcmp(sec, all)) || (pri && !strcmp(pri, "STATUS_ALL")))
			show = 1;
		if ((sec && !strcmp(sec, del)) || (pri && !strcmp(pri, "STATUS_DELETE")))
			show = 2;
		for (int l = L_CAMP; l <= (int)lev; l++) {
			json_t *x = json_object_get(filt, idkeys[l]);
			if (!x)
				continue;
			if (!json_is_array(x) || json_array_size(x) > 100 ||
			    strings_only(x, idkeys[l], msg, msgsz)) {
				rc = set_msg(msg, msgsz, 40002, "filtering.%s: a list of at most 100 ID strings",
					     idkeys[l]);
				goto out;
			}
			ids[l] = x;
		}
	}
	int *sel = malloc(sizeof(int) * ((size_t)a->nent[lev] + 1)), n = 0;
	if (!sel)
		abort();
	for (int k = 0; k < a->nent[lev]; k++) {
		const struct entity *e = &a->ent[lev][a->order[lev][k]];
		if ((show == 0 && e->deleted) || (show == 2 && !e->deleted))
			continue;
		if ((ids[L_CAMP] && !str_in(ids[L_CAMP], a->ent[L_CAMP][e->camp].id)) ||
		    (ids[L_ADG] && !str_in(ids[L_ADG], a->ent[L_ADG][e->adg].id)) ||
		    (ids[L_AD] && !str_in(ids[L_AD], e->id)))
			continue;
		sel[n++] = e->idx;
	}
	sb_puts(d, "{\"list\":[");
	for (long k = (page - 1) * psize, c = 0; k < n && c < psize; k++, c++) {
		const struct entity *e = &a->ent[lev][sel[k]];
		bool first = true;
		sb_puts(d, c ? ",{" : "{");
		if (fields) {
			size_t j;
			json_t *f;
			json_array_foreach(fields, j, f) {
				size_t mark = d->len;
				if (!first)
					sb_puts(d, ",");
				if (ent_field(d, a, e, json_string_value(f)))
					first = false;
				else
					d->len = mark, d->p[mark] = '\0';
			}
		} else {
			for (int j = 0; lf[j]; j++) {
				size_t mark = d->len;
				if (!first)
					sb_puts(d, ",");
				if (ent_field(d, a, e, lf[j]))
					first = false;
				else
					d->len = mark, d->p[mark] = '\0';
			}
		}
		sb_puts(d, "}");
	}
	sb_printf(d, "],\"page_info\":{\"page\":%ld,\"page_size\":%ld,\"total_number\":%d,"
		  "\"total_page\":%ld}}", page, psize, n, (n + psize - 1) / psize);
	free(sel);
out:
	json_decref(fields);
	json_decref(filt);
	return rc;
}

int h_campaign_get(struct req *r, struct sb *d, char *m, size_t n) { return inventory(r, L_CAMP, d, m, n); }
int h_adgroup_get(struct req *r, struct sb *d, char *m, size_t n) { return inventory(r, L_ADG, d, m, n); }
int h_ad_get(struct req *r, struct sb *d, char *m, size_t n) { return inventory(r, L_AD, d, m, n); }

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
	case A_AD_TEXT: sb_jstr(d, ad_text); break;
	case A_CAMPAIGN_ID: sb_jstr(d, c->id); break;
	case A_ADGROUP_ID: sb_jstr(d, g->id); break;
	case A_ADVERTISER_NAME: sb_jstr(d, a->ent[L_ADV][0].name); break;
	case A_ADVERTISER_ID: sb_jstr(d, a->ent[L_ADV][0].id); break;
	case A_OBJECTIVE_TYPE: sb_jstr(d, c->objective); break;
	case A_CAMPAIGN_BUDGET: put_money(d, c->budget, a->dec); break;
	case A_BUDGET: put_money(d, 0, a->dec); break;
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
		if (!json_is_array(arr) || strings_only(arr, name, msg, msgsz) ||
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
		rf->status[l] = str_in(arr, "STATUS_ALL") ? 1
				: str_in(arr, "STATUS_DELETE") && !str_in(arr, "STATUS_NOT_DELETE") ? 2 : 0;
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
		if (rf->ids[l] && !str_in(rf->ids[l], anc[l]->id))
			return false;
	}
	return true;
}

struct rowref {
	int ent, day;
};

int h_report(struct req *r, struct sb *d, char *msg, size_t msgsz)
{
	struct world *w = r->w;
	const char *s;
	json_t *dims = NULL, *mets = NULL, *filt = NULL;
	enum level lev;
	int rc, since, until, daily, nm = 0, *mlist = NULL;
	long page, psize;
	struct adv *a;
	struct rfilter rf;
	struct rowref *rows = NULL;
	struct drow *prow = NULL;
	char idkey[24];

	if (!(s = req_arg(r, "advertiser_id")))
		return MISSING("advertiser_id");
	if (!(a = find_adv(w, s)))
		return set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s", s);
	if (!(s = req_arg(r, "report_type")))
		return MISSING("report_type");
	if (strcmp(s, "BASIC"))
		return set_msg(msg, msgsz, 40002, "report_type: ttsim serves BASIC only, got '%s'", s);
	if (!(s = req_arg(r, "data_level")))
		return MISSING("data_level");
	for (lev = L_ADV; lev < L_N && strcmp(s, level_api[lev]); lev++)
		;
	if (lev == L_N)
		return set_msg(msg, msgsz, 40002, "data_level: invalid value '%s'", s);
	snprintf(idkey, sizeof(idkey), "%s_id", level_name(lev));
	if ((rc = int_arg(r, "page", 1, 1, 1000000, &page, msg, msgsz)) ||
	    (rc = int_arg(r, "page_size", 10, 1, 1000, &psize, msg, msgsz)) ||
	    (rc = json_arg(r, "dimensions", 'a', &dims, msg, msgsz)) ||
	    (rc = json_arg(r, "metrics", 'a', &mets, msg, msgsz)) ||
	    (rc = json_arg(r, "filtering", 'a', &filt, msg, msgsz)))
		goto out;
	if (!dims) {
		rc = MISSING("dimensions");
		goto out;
	}
	{
		size_t n = json_array_size(dims);
		const char *d0 = json_string_value(json_array_get(dims, 0));
		const char *d1 = json_string_value(json_array_get(dims, 1));
		daily = n == 2;
		if (n == 1 && d0 && !strcmp(d0, idkey))
			;
		else if (n == 2 && d0 && d1 &&
			 ((!strcmp(d0, idkey) && !strcmp(d1, "stat_time_day")) ||
			  (!strcmp(d1, idkey) && !strcmp(d0, "stat_time_day"))))
			;
		else {
			rc = set_msg(msg, msgsz, 40002, "dimensions: must be [\"%s\",\"stat_time_day\"] "
				     "or [\"%s\"] for data_level %s", idkey, idkey, level_api[lev]);
			goto out;
		}
	}
	/* metrics: catalog names are >= 0, attributes are -1 - attr */
	if (!mets)
		mets = json_pack("[ss]", "spend", "impressions");
	if ((rc = strings_only(mets, "metrics", msg, msgsz)))
		goto out;
	mlist = malloc(sizeof(int) * (json_array_size(mets) + 1));
	if (!mlist)
		abort();
	{
		size_t i;
		json_t *v;
		json_array_foreach(mets, i, v) {
			const char *name = json_string_value(v);
			int m = metric_by_api(name), at;
			if (m < 0) {
				for (at = 0; at < A_N && strcmp(attrs[at].name, name); at++)
					;
				if (at == A_N) {
					rc = set_msg(msg, msgsz, 40002, "metrics: unknown metric '%s'", name);
					goto out;
				}
				if (attrs[at].min > lev) {
					rc = set_msg(msg, msgsz, 40002, "metrics: '%s' is not available at "
						     "data_level %s", name, level_api[lev]);
					goto out;
				}
				m = -1 - at;
			}
			mlist[nm++] = m;
		}
	}
	if (req_arg(r, "query_lifetime") && !strcmp(req_arg(r, "query_lifetime"), "true")) {
		if (daily) {
			rc = set_msg(msg, msgsz, 40002, "dimensions: query_lifetime allows no time dimension");
			goto out;
		}
		since = a->first_day, until = a->local_today - 1;
	} else {
		if (!(s = req_arg(r, "start_date"))) {
			rc = MISSING("start_date");
			goto out;
		}
		if (date_parse(s, &since)) {
			rc = set_msg(msg, msgsz, 40002, "start_date: '%s' is not a YYYY-MM-DD date", s);
			goto out;
		}
		if (!(s = req_arg(r, "end_date"))) {
			rc = MISSING("end_date");
			goto out;
		}
		if (date_parse(s, &until)) {
			rc = set_msg(msg, msgsz, 40002, "end_date: '%s' is not a YYYY-MM-DD date", s);
			goto out;
		}
		if (since > until) {
			rc = set_msg(msg, msgsz, 40002, "start_date: must not be after end_date");
			goto out;
		}
		if (daily && until - since + 1 > 30) {
			rc = set_msg(msg, msgsz, 40002, "start_date, end_date: with stat_time_day the "
				     "time span must be at most 30 days (got %d)", until - since + 1);
			goto out;
		}
		if (until - since + 1 > 365) {
			rc = set_msg(msg, msgsz, 40002, "start_date, end_date: the time span must be at "
				     "most 365 days (got %d)", until - since + 1);
			goto out;
		}
	}
	if ((rc = parse_rfilter(filt, lev, &rf, msg, msgsz)))
		goto out;
	if (r->want_40067 && until - since + 1 > 7) {
		r->fault_40067_hit = true;
		rc = set_msg(msg, msgsz, 40067, "query too large");
		goto out;
	}

	/* rows: entities by id, then days */
	int ne = a->nent[lev], nr = 0;
	int lo = since > a->first_day ? since : a->first_day;
	int hi = until < a->local_today - 1 ? until : a->local_today - 1;
	size_t cap = daily ? (size_t)ne * (size_t)(hi >= lo ? hi - lo + 1 : 0) : (size_t)ne;
	rows = malloc(sizeof(*rows) * (cap + 1));
	if (!rows)
		abort();
	if (!daily)
		prow = sim_period(a, lev, since, until);
	for (int k = 0; k < ne; k++) {
		const struct entity *e = &a->ent[lev][a->order[lev][k]];
		if (!rfilter_keep(&rf, a, e))
			continue;
		if (!daily) {
			if (drow_present(&prow[e->idx]))
				rows[nr++] = (struct rowref){ e->idx, -1 };
			continue;
		}
		for (int day = lo; day <= hi; day++)
			if (drow_present(ent_day(a, e, day)))
				rows[nr++] = (struct rowref){ e->idx, day };
	}
	sb_puts(d, "{\"list\":[");
	for (long k = (page - 1) * psize, c = 0; k < nr && c < psize; k++, c++) {
		const struct entity *e = &a->ent[lev][rows[k].ent];
		const struct drow *row = daily ? ent_day(a, e, rows[k].day) : &prow[e->idx];
		uint64_t key = daily ? (uint64_t)rows[k].day : (uint64_t)since * 100000 + (uint64_t)until;
		bool odd = h4(w->o.seed, (uint64_t)rows[k].ent * 7 + lev, key, 0x800) & 1;
		char buf[40], day[11];
		sb_printf(d, "%s{\"dimensions\":{\"%s\":\"%s\"", c ? "," : "", idkey, e->id);
		if (daily)
			sb_printf(d, ",\"stat_time_day\":\"%s 00:00:00\"", date_format(rows[k].day, day));
		sb_puts(d, "},\"metrics\":{");
		for (int i = 0; i < nm; i++) {
			int m = mlist[i];
			sb_puts(d, i ? ",\"" : "\"");
			if (m < 0) {
				sb_puts(d, attrs[-1 - m].name);
				sb_puts(d, "\":");
				put_attr(d, a, e, (enum attr)(-1 - m));
				continue;
			}
			sb_puts(d, metric_defs[m].api);
			sb_puts(d, "\":");
			if (!sim_metric_str(row, (enum metric)m, a->dec, buf))
				sb_puts(d, "\"-\"");
			else if (odd && (m == M_IMPRESSIONS || m == M_CLICKS))
				sb_puts(d, buf);
			else
				sb_jstr(d, buf);
		}
		sb_puts(d, "}}");
	}
	sb_printf(d, "],\"page_info\":{\"page\":%ld,\"page_size\":%ld,\"total_number\":%d,"
		  "\"total_page\":%ld}}", page, psize, nr, (nr + psize - 1) / psize);
	if (!daily)
		sim_truth_note_period(w, a, lev, since, until);
	rc = 0;
out:
	free(rows);
	free(prow);
	free(mlist);
	json_decref(dims);
	json_decref(mets);
	json_decref(filt);
	return rc;
}
