#include "etl/normalize.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/envelope_json.h"
#include "core/hours.h"

static int page_info(json_t *root, struct page_info *pi, struct err *e)
{
	json_t *p = json_object_get(json_object_get(root, "data"), "page_info");

	memset(pi, 0, sizeof(*pi));
	if (!json_is_object(p))
		return errf(e, EXIT_API, "data.page_info is missing");
	pi->page = (long)json_integer_value(json_object_get(p, "page"));
	pi->total_page = (long)json_integer_value(json_object_get(p, "total_page"));
	pi->total_number = (long)json_integer_value(json_object_get(p, "total_number"));
	pi->rows = (long)json_array_size(json_object_get(json_object_get(root, "data"), "list"));
	if (pi->page < 1 || pi->total_page < 0)
		return errf(e, EXIT_API, "data.page_info has page %ld of %ld", pi->page, pi->total_page);
	return 0;
}

/* The envelope, then data.list as an array: the start of every list answer.
 * NORM_OK with *list set, or the envelope's code, or NORM_BAD_DATA. */
static int data_list(const char *body, size_t len, const char *what, struct api_status *st,
		     json_t **root, json_t **list, struct err *e)
{
	json_t *data;
	int rc = norm_envelope(body, len, st, root, &data);

	if (rc)
		return rc;
	*list = json_object_get(data, "list");
	if (!json_is_array(*list)) {
		errf(e, EXIT_API, "%sdata.list is not an array", what);
		return NORM_BAD_DATA;
	}
	return NORM_OK;
}

int norm_advertiser_list(const char *body, size_t len, char ***ids, size_t *n,
			 struct api_status *st, struct err *e)
{
	json_t *root, *list, *it;
	size_t i;
	int rc = data_list(body, len, "oauth2/advertiser/get/: ", st, &root, &list, e);

	if (rc)
		goto out;
	json_array_foreach(list, i, it) {
		char b[32];
		const char *id = json_get_str(it, "advertiser_id", b, sizeof(b));
		if (!id)
			continue;
		*ids = xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = xstrdup(id);
	}
out:
	json_decref(root);
	return rc;
}

/* Three capital letters, as ISO 4217 codes are. */
static bool valid_currency(const char *c)
{
	if (!c || strlen(c) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (c[i] < 'A' || c[i] > 'Z')
			return false;
	return true;
}

int norm_advertiser_info(const char *body, size_t len, struct report *r,
			 struct api_status *st, struct err *e)
{
	json_t *root, *list, *it;
	size_t i;
	int rc = data_list(body, len, "advertiser/info/: ", st, &root, &list, e);

	if (rc)
		goto out;
	json_array_foreach(list, i, it) {
		char b[32];
		const char *id = json_get_str(it, "advertiser_id", b, sizeof(b));
		const char *tz = json_get_str(it, "display_timezone", NULL, 0);
		const char *tz2 = json_get_str(it, "timezone", NULL, 0);
		const char *cur = json_get_str(it, "currency", NULL, 0);
		struct advertiser *a = id ? report_find_advertiser(r, id) : NULL;
		if (!a)
			continue;
		a->name = arena_strdup(&r->arena, json_get_str(it, "name", NULL, 0));
		/* prefer the IANA display_timezone; fall back to timezone (Etc/GMT+8
		 * is POSIX-signed: UTC-8, which the tz database gets right) */
		a->timezone = arena_strdup(&r->arena, tz && tz_known(tz) ? tz : tz2 ? tz2 : tz);
		if (!valid_currency(cur)) {
			/* this advertiser alone cannot be reported: money without its
			 * currency would be misread */
			a->failed = true;
			snprintf(a->error, sizeof(a->error),
				 "advertiser %s: advertiser/info/: currency %s%s%s is not an ISO 4217 code",
				 a->id, cur ? "'" : "", cur ? cur : "missing", cur ? "'" : "");
			utf8_cut(a->error);
			continue;
		}
		a->currency = arena_strdup(&r->arena, cur);
		a->decimals = currency_decimals(cur);
	}
out:
	json_decref(root);
	return rc;
}

static bool is_deleted(const char *status)
{
	return status && (strstr(status, "_DELETE") || strcmp(status, "DELETE") == 0);
}

/* `today` reads these: the objective (conversion campaigns) and the last
 * change (a budget raised within the run interval). */
static void entity_times(struct report *r, struct entity *en, json_t *it)
{
	const char *mt = json_get_str(it, "modify_time", NULL, 0);
	int day, secs;

	en->objective = arena_strdup(&r->arena, json_get_str(it, "objective_type", NULL, 0));
	if (mt && date_parse_time(mt, &day, &secs) == 0)
		en->modify_time = (time_t)day * 86400 + secs;
}

int norm_entities(const char *body, size_t len, struct report *r, struct advertiser *a,
		  enum level l, struct page_info *pi, struct api_status *st, struct err *e)
{
	json_t *root, *list, *it;
	size_t i;
	int rc = data_list(body, len, "", st, &root, &list, e);

	if (rc)
		goto out;
	if (page_info(root, pi, e)) {
		rc = NORM_BAD_DATA;
		goto out;
	}
	json_array_foreach(list, i, it) {
		char b1[32], b2[32], b3[32];
		const char *id = json_get_str(it, level_id_field(l), b1, sizeof(b1));
		const char *sec = json_get_str(it, "secondary_status", NULL, 0);
		const char *op = json_get_str(it, "operation_status", NULL, 0);
		json_t *budget = json_object_get(it, "budget");
		struct entity *en;
		long k;

		if (!id) {
			rc = NORM_BAD_DATA;
			errf(e, EXIT_API, "list[%zu] has no %s", i, level_id_field(l));
			goto out;
		}
		k = adv_entity(r, a, l, id, true);
		en = &a->ents[l][k];
		en->in_inventory = true;
		en->name = arena_strdup(&r->arena, json_get_str(it, level_name_field(l), NULL, 0));
		if (l >= LVL_ADGROUP)
			en->campaign_id = arena_strdup(&r->arena, json_get_str(it, "campaign_id", b2, sizeof(b2)));
		if (l == LVL_AD)
			en->adgroup_id = arena_strdup(&r->arena, json_get_str(it, "adgroup_id", b3, sizeof(b3)));
		en->status = arena_strdup(&r->arena, sec ? sec : op);
		en->deleted = is_deleted(sec) || is_deleted(op);
		en->budget_mode = arena_strdup(&r->arena, json_get_str(it, "budget_mode", NULL, 0));
		entity_times(r, en, it);
		if (json_is_number(budget) || json_is_string(budget)) {
			char t[64];
			const char *s = json_is_string(budget) ? json_string_value(budget) : t;
			if (json_is_integer(budget))
				snprintf(t, sizeof(t), "%" JSON_INTEGER_FORMAT, json_integer_value(budget));
			else if (json_is_real(budget))
				snprintf(t, sizeof(t), "%.*f", MONEY_SCALE, json_real_value(budget));
			if (fx_parse(s, MONEY_SCALE, &en->budget) != 0)
				en->budget = MV_MISSING;
		}
	}
out:
	json_decref(root);
	return rc;
}

static int report_page(const char *body, size_t len, struct report *r, struct advertiser *a,
		       enum level l, bool period, bool period_is_prev, struct row_stage *stage,
		       struct page_info *pi, struct api_status *st, struct err *e);

/* One metric value: a string ("20.00", "-", "1.09%") or a JSON number. */
static int metric_value(json_t *v, int scale, mval *out)
{
	char t[64];

	if (!v || json_is_null(v)) {
		*out = MV_MISSING;
		return 0;
	}
	if (json_is_string(v))
		return fx_parse(json_string_value(v), scale, out);
	if (json_is_integer(v)) {
		snprintf(t, sizeof(t), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return fx_parse(t, scale, out);
	}
	if (json_is_real(v)) {
		/* a double is exact to 15 significant digits: print, then parse as text */
		snprintf(t, sizeof(t), "%.*f", scale + 1 > 9 ? 9 : scale + 1, json_real_value(v));
		return fx_parse(t, scale, out);
	}
	return -1;
}

static int scale_of(const struct metric_def *d, const struct advertiser *a)
{
	(void)a;
	return d->type == MT_MONEY ? MONEY_SCALE : d->type == MT_RATIO ? 6 : 0;
}

int norm_report_page(const char *body, size_t len, struct report *r, struct advertiser *a,
		     enum level l, bool period, bool period_is_prev, struct page_info *pi,
		     struct api_status *st, struct err *e)
{
	return report_page(body, len, r, a, l, period, period_is_prev, NULL, pi, st, e);
}

int norm_report_page_staged(const char *body, size_t len, struct report *r, struct advertiser *a,
			    enum level l, struct row_stage *stage, struct page_info *pi,
			    struct api_status *st, struct err *e)
{
	return report_page(body, len, r, a, l, false, false, stage, pi, st, e);
}

static int report_page(const char *body, size_t len, struct report *r, struct advertiser *a,
		       enum level l, bool period, bool period_is_prev, struct row_stage *stage,
		       struct page_info *pi, struct api_status *st, struct err *e)
{
	json_t *root, *list, *row;
	size_t i;
	int rc = data_list(body, len, "", st, &root, &list, e);

	if (rc)
		goto out;
	if (page_info(root, pi, e)) {
		rc = NORM_BAD_DATA;
		goto out;
	}
	json_array_foreach(list, i, row) {
		json_t *dims = json_object_get(row, "dimensions");
		json_t *mets = json_object_get(row, "metrics");
		char b[32], pb[32];
		const char *id = json_get_str(dims, level_id_field(l), b, sizeof(b));
		const char *day_s = json_get_str(dims, "stat_time_day", NULL, 0);
		const char *hour_s = json_get_str(dims, "stat_time_hour", NULL, 0);
		struct mrow v;
		struct entity *en;
		long k;
		int day = 0, secs = -1;

		if (!id || !json_is_object(mets) ||
		    (!period && (hour_s ? date_parse_time(hour_s, &day, &secs) : date_parse_stat(day_s, &day)))) {
			rc = NORM_BAD_DATA;
			errf(e, EXIT_API, "list[%zu]: %s", i,
			     !id ? "no id in dimensions" : !json_is_object(mets) ? "no metrics object"
			     : hour_s ? "bad stat_time_hour" : "bad stat_time_day");
			goto out;
		}
		k = adv_entity(r, a, l, id, true);
		en = &a->ents[l][k];
		/* attribute metrics name the entity and its parents when the
		 * inventory did not (entities deleted long ago, say) */
		if (!en->name && l != LVL_ADVERTISER)
			en->name = arena_strdup(&r->arena, json_get_str(mets, level_name_field(l), NULL, 0));
		if (l == LVL_ADVERTISER && !en->name)
			en->name = a->name;
		if (l >= LVL_ADGROUP && !en->campaign_id)
			en->campaign_id = arena_strdup(&r->arena, json_get_str(mets, "campaign_id", pb, sizeof(pb)));
		if (l == LVL_AD && !en->adgroup_id)
			en->adgroup_id = arena_strdup(&r->arena, json_get_str(mets, "adgroup_id", pb, sizeof(pb)));

		mrow_clear(&v);
		for (int m = 0; m < M_COUNT; m++) {
			const struct metric_def *d = &metric_defs[m];
			json_t *jv;
			if (d->slot < 0 || (period && d->agg != AGG_PERIOD))
				continue;
			jv = json_object_get(mets, d->api);
			if (metric_value(jv, scale_of(d, a), &v.s[d->slot]) != 0) {
				char *txt = json_dumps(jv, JSON_ENCODE_ANY);
				rc = NORM_BAD_DATA;
				errf(e, EXIT_API, "list[%zu] %s %s: bad value %s for %s", i,
				     level_id_field(l), id, txt ? txt : "?", d->api);
				free(txt);
				goto out;
			}
		}
		if (period) {
			struct mrow *t = period_is_prev ? &en->prev : &en->cur;
			t->s[S_REACH] = v.s[S_REACH];
			t->s[S_FREQUENCY] = v.s[S_FREQUENCY];
		} else if (stage) {
			stage_add(stage, k, day, &v);
		} else if (hour_s) {
			adv_add_hour(a, l, k, day, secs / 3600, &v);
		} else {
			adv_add_day(a, l, k, day, &v);
		}
	}
out:
	json_decref(root);
	return rc;
}
