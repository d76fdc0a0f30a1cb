/* sim_inventory.c: Marketing API handlers /oauth2/advertiser/get/,
 * /advertiser/info/ and /campaign|adgroup|ad/get/. They read the marketing
 * data under world.mk (taken by the server) and write JSON into `data`. */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MISSING(f) set_msg(msg, msgsz, 40002, "%s: Missing data for required field", f)

static void put_time(struct sb *b, time_t t)
{
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "\"%Y-%m-%d %H:%M:%S\"", &tm);
	sb_puts(b, buf);
}

void sim_put_money(struct sb *b, sv v, int dec)
{
	char buf[40];
	sb_jstr(b, sim_fixed(v, dec, buf));
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
		sb_puts(d, sim_fixed(a->balance, a->dec, buf));
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

	if ((rc = sim_json_arg(r, "advertiser_ids", 'a', &ids, msg, msgsz)))
		return rc;
	if (!ids)
		return MISSING("advertiser_ids");
	if ((rc = sim_strings_only(ids, "advertiser_ids", msg, msgsz)) ||
	    (rc = sim_json_arg(r, "fields", 'a', &fields, msg, msgsz)))
		goto out;
	if (json_array_size(ids) == 0 || json_array_size(ids) > 100) {
		rc = set_msg(msg, msgsz, 40002, "advertiser_ids: length must be between 1 and 100");
		goto out;
	}
	json_array_foreach(ids, i, v) if (!sim_find_adv(r->w, json_string_value(v))) {
		rc = set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s",
			     json_string_value(v));
		goto out;
	}
	if (fields && (rc = sim_strings_only(fields, "fields", msg, msgsz)))
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
		const struct adv *a = sim_find_adv(r->w, json_string_value(v));
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

const char sim_ad_text[] = "Nouvelle collection ✨ livraison partout au Maroc – الدفع عند الاستلام";

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
		sb_puts(d, sim_fixed(e->level == L_CAMP ? e->budget : 0, a->dec, buf));
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
	else if (!strcmp(f, "ad_text")) sb_jstr(d, sim_ad_text);
	else if (!strcmp(f, "video_id")) sb_printf(d, "\"v09044g40000%.12s\"", e->id + 7);
	else if (!strcmp(f, "identity_id")) sb_puts(d, "\"7000000000000000001\"");
	else sb_puts(d, "null");
	return true;
}

static int check_fields(json_t *fields, const char *const *lf, char *msg, size_t msgsz)
{
	size_t i;
	json_t *v;

	json_array_foreach(fields, i, v) {
		int k;
		for (k = 0; lf[k] && strcmp(lf[k], json_string_value(v)); k++)
			;
		if (!lf[k])
			return set_msg(msg, msgsz, 40002, "fields: unknown field '%s'", json_string_value(v));
	}
	return 0;
}

/* the filtering of the get endpoints: *show 0 not deleted, 1 all, 2 deleted only; ids[l] borrowed */
static int inv_filter(json_t *filt, enum level lev, int *show, json_t **ids, char *msg, size_t msgsz)
{
	const char *sec = json_string_value(json_object_get(filt, "secondary_status"));
	const char *pri = json_string_value(json_object_get(filt, "primary_status"));
	static const char *const idkeys[L_N] = { NULL, "campaign_ids", "adgroup_ids", "ad_ids" };
	const char *kind = lev == L_CAMP ? "CAMPAIGN" : lev == L_ADG ? "ADGROUP" : "AD";
	char all[48], del[48];

	snprintf(all, sizeof(all), "%s_STATUS_ALL", kind);
	snprintf(del, sizeof(del), "%s_STATUS_DELETE", kind);
	if ((sec && !strcmp(sec, all)) || (pri && !strcmp(pri, "STATUS_ALL")))
		*show = 1;
	if ((sec && !strcmp(sec, del)) || (pri && !strcmp(pri, "STATUS_DELETE")))
		*show = 2;
	for (int l = L_CAMP; l <= (int)lev; l++) {
		json_t *x = json_object_get(filt, idkeys[l]);
		if (!x)
			continue;
		if (!json_is_array(x) || json_array_size(x) > 100 ||
		    sim_strings_only(x, idkeys[l], msg, msgsz))
			return set_msg(msg, msgsz, 40002, "filtering.%s: a list of at most 100 ID strings",
				       idkeys[l]);
		ids[l] = x;
	}
	return 0;
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
	if (!(a = sim_find_adv(r->w, advid)))
		return set_msg(msg, msgsz, 40001, "No permission to operate advertiser %s", advid);
	if ((rc = sim_int_arg(r, "page", 1, 1, 1000000, &page, msg, msgsz)) ||
	    (rc = sim_int_arg(r, "page_size", 10, 1, 1000, &psize, msg, msgsz)) ||
	    (rc = sim_json_arg(r, "fields", 'a', &fields, msg, msgsz)) ||
	    (rc = sim_json_arg(r, "filtering", 'o', &filt, msg, msgsz)))
		goto out;
	if (fields && (rc = sim_strings_only(fields, "fields", msg, msgsz)))
		goto out;
	if ((rc = check_fields(fields, lf, msg, msgsz)) ||
	    (filt && (rc = inv_filter(filt, lev, &show, ids, msg, msgsz))))
		goto out;
	int *sel = malloc(sizeof(int) * ((size_t)a->nent[lev] + 1)), n = 0;
	if (!sel)
		abort();
	for (int k = 0; k < a->nent[lev]; k++) {
		const struct entity *e = &a->ent[lev][a->order[lev][k]];
		if ((show == 0 && e->deleted) || (show == 2 && !e->deleted))
			continue;
		if ((ids[L_CAMP] && !sim_str_in(ids[L_CAMP], a->ent[L_CAMP][e->camp].id)) ||
		    (ids[L_ADG] && !sim_str_in(ids[L_ADG], a->ent[L_ADG][e->adg].id)) ||
		    (ids[L_AD] && !sim_str_in(ids[L_AD], e->id)))
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

