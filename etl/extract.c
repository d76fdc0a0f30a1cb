#include "etl/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/api.h"
#include "core/arena.h"
#include "core/http.h"
#include "core/log.h"
#include "core/hours.h"
#include "etl/advertisers.h"
#include "etl/normalize.h"

enum kind { K_INVENTORY, K_DAILY, K_PERIOD, K_HOURLY };

/* A unit fetched again because a later page reported other totals than page 1
 * (the data changed under the paging) gives up after this many times. */
#define MAX_REFETCH 3

struct extract;

/* A unit of work: one advertiser, level and window (or the inventory of a
 * level), fetched page by page. It ends complete (every page of one fetch,
 * all agreeing on the totals), failed, or split (40067); the manifest lists
 * each unit that way. */
struct unit {
	struct extract *x;
	struct advertiser *a;
	enum level l;
	enum kind kind;
	bool prev;           /* period query of the previous window */
	struct window w;
	struct unit *next;   /* all units, for freeing */
	enum { U_RUNNING, U_DONE, U_FAILED, U_SPLIT } state;
	int gen;             /* the current fetch: pages of an older one are ignored */
	int refetches;
	long total_page, total_number; /* as page 1 of the current fetch said */
	long pages_done, fetch_rows;   /* of the current fetch */
	struct row_stage stage;        /* daily rows of the current fetch */
	long requests, pages, rows;    /* for the manifest, every fetch counted */
	char why[300];                 /* failed or split: why */
};

struct page {
	struct unit *u;
	long page;
	int gen;
};

struct extract {
	struct report *r;
	const struct config *c;
	struct http *h;
	struct unit *units;
	struct extract_stats *stats;
	bool auth_failed;
	struct err auth_err;
};

static void metrics_json(enum kind k, enum level l, char *out, size_t n)
{
	size_t o = (size_t)snprintf(out, n, "[");
	bool first = true;

	for (int m = 0; m < M_COUNT; m++) {
		const struct metric_def *d = &metric_defs[m];
		if (d->slot < 0 || (k == K_PERIOD && d->agg != AGG_PERIOD))
			continue;
		o += (size_t)snprintf(out + o, n - o, "%s\"%s\"", first ? "" : ",", d->api);
		first = false;
	}
	snprintf(out + o, n - o, "%s]", k == K_PERIOD ? "" : level_defs[l].rep_attrs);
}

static char *unit_url(const struct unit *u, long page)
{
	const struct config *c = u->x->c;
	char pg[24], dims[64], mets[1024], s[11], t[11];

	snprintf(pg, sizeof(pg), "%ld", page);
	if (u->kind == K_INVENTORY) {
		const char *pairs[] = { "advertiser_id", u->a->id, "fields", level_defs[u->l].inv_fields,
					"filtering", level_defs[u->l].inv_filter, "page", pg,
					"page_size", "1000", NULL };
		return api_url(c->api_base, level_defs[u->l].inv_path, pairs);
	}
	/* hourly: one day per request (start_date = end_date, tiktok-api.md) */
	snprintf(dims, sizeof(dims), u->kind == K_DAILY ? "[\"%s\",\"stat_time_day\"]"
		 : u->kind == K_HOURLY ? "[\"%s\",\"stat_time_hour\"]" : "[\"%s\"]", level_id_field(u->l));
	metrics_json(u->kind, u->l, mets, sizeof(mets));
	{
		const char *pairs[] = { "advertiser_id", u->a->id, "report_type", "BASIC",
					"data_level", level_data_level(u->l), "dimensions", dims,
					"metrics", mets, "start_date", date_format(u->w.since, s),
					"end_date", date_format(u->w.until, t), "page", pg,
					"page_size", "1000",
					u->l == LVL_ADVERTISER ? NULL : "filtering", level_defs[u->l].rep_filter, NULL };
		return api_url(c->api_base, "report/integrated/get/", pairs);
	}
}

static const char *kind_name(const struct unit *u)
{
	return u->kind == K_INVENTORY ? "inventory" : u->kind == K_DAILY ? "daily report"
	       : u->kind == K_HOURLY ? "hourly report" : u->prev ? "period report (previous window)" : "period report";
}

static void unit_fail(struct unit *u, long page, const char *fmt, const char *detail)
{
	char s[11], t[11], msg[400];

	(void)fmt;
	if (u->kind == K_INVENTORY)
		snprintf(msg, sizeof(msg), "advertiser %s, %s %s, page %ld: %s", u->a->id,
			 level_name(u->l), kind_name(u), page, detail);
	else
		snprintf(msg, sizeof(msg), "advertiser %s, %s %s %s..%s, page %ld: %s", u->a->id,
			 level_name(u->l), kind_name(u), date_format(u->w.since, s),
			 date_format(u->w.until, t), page, detail);
	utf8_cut(msg);
	log_error("%s", msg);
	u->state = U_FAILED;
	snprintf(u->why, sizeof(u->why), "%s", detail);
	utf8_cut(u->why);
	stage_clear(&u->stage);
	if (!u->a->failed) {
		u->a->failed = true;
		snprintf(u->a->error, sizeof(u->a->error), "%s", msg);
		utf8_cut(u->a->error);
		u->x->stats->failed_advertisers++;
	}
	report_warn(u->x->r, "%s", msg);
}

static void submit(struct unit *u, long page);

/* Every page of the current fetch is in: its rows join the records. */
static void unit_complete(struct unit *u)
{
	u->state = U_DONE;
	u->rows = u->kind == K_DAILY ? (long)adv_stage_commit(u->a, u->l, &u->stage) : u->fetch_rows;
}

/* A later page reported other totals than page 1: the data changed while it
 * was paged, so rows may be missing or twice. Fetch the unit again from page 1
 * (its staged rows dropped), at most MAX_REFETCH times. */
static void unit_refetch(struct unit *u, long page, const struct page_info *pi)
{
	char why[200], detail[300];

	snprintf(why, sizeof(why), "page 1 said %ld page(s) and %ld row(s), page %ld says %ld and %ld",
		 u->total_page, u->total_number, page, pi->total_page, pi->total_number);
	if (++u->refetches > MAX_REFETCH) {
		snprintf(detail, sizeof(detail), "the totals kept changing between pages (%s), "
			 "fetched %d times", why, u->refetches);
		unit_fail(u, page, NULL, detail);
		return;
	}
	log_info("advertiser %s, %s %s: %s: fetching it again", u->a->id, level_name(u->l), kind_name(u), why);
	stage_clear(&u->stage);
	u->gen++;
	u->pages_done = u->fetch_rows = 0;
	submit(u, 1);
}

/* A page of the current fetch was taken. */
static void unit_page(struct unit *u, long page, const struct page_info *pi)
{
	u->pages++;
	if (page == 1) {
		u->total_page = pi->total_page;
		u->total_number = pi->total_number;
		/* page 1 tells how many there are: ask for the rest at once */
		for (long n = 2; n <= pi->total_page; n++)
			submit(u, n);
	} else if (pi->total_page != u->total_page || pi->total_number != u->total_number) {
		unit_refetch(u, page, pi);
		return;
	}
	u->fetch_rows += pi->rows;
	if (++u->pages_done >= (u->total_page > 1 ? u->total_page : 1))
		unit_complete(u);
}

static struct unit *unit_new(struct extract *x, struct advertiser *a, enum level l, enum kind k,
			     struct window w, bool prev)
{
	struct unit *u = xcalloc(1, sizeof(*u));

	*u = (struct unit){ x, a, l, k, prev, w, x->units };
	x->units = u;
	return u;
}

/* 40067: a daily window can be split; a period cannot (reach does not add up).
 * true when split. */
static bool split_window(struct unit *u, long page)
{
	struct extract *x = u->x;
	int mid;

	if (u->kind != K_DAILY || page != 1 || window_days(u->w) <= 1)
		return false;
	mid = u->w.since + window_days(u->w) / 2 - 1;
	log_debug("code 40067: splitting %s into two windows", kind_name(u));
	u->state = U_SPLIT;
	snprintf(u->why, sizeof(u->why), "code 40067: split in two");
	stage_clear(&u->stage);
	submit(unit_new(x, u->a, u->l, K_DAILY, (struct window){ u->w.since, mid }, false), 1);
	submit(unit_new(x, u->a, u->l, K_DAILY, (struct window){ mid + 1, u->w.until }, false), 1);
	return true;
}

static int parse_page(struct unit *u, const struct http_res *res, struct page_info *pi,
		      struct api_status *st, struct err *e)
{
	if (u->kind == K_INVENTORY)
		return norm_entities(res->body, res->len, u->x->r, u->a, u->l, pi, st, e);
	if (u->kind == K_DAILY) /* held until every page agrees */
		return norm_report_page_staged(res->body, res->len, u->x->r, u->a, u->l, &u->stage, pi,
					       st, e);
	return norm_report_page(res->body, res->len, u->x->r, u->a, u->l, u->kind == K_PERIOD, u->prev,
				pi, st, e);
}

static enum http_verdict on_page(struct http *h, struct http_req *req, const struct http_res *res)
{
	struct page *p = req->ctx;
	struct unit *u = p->u;
	struct extract *x = u->x;
	struct api_answer a = { res, false, req->tries, x->c->max_tries, API_UNPARSED, 0 };
	struct api_status st;
	struct page_info pi = { 0 };
	struct err e = { 0 };
	char detail[300];
	enum api_verdict v;

	(void)h;
	u->requests++;
	if (x->auth_failed || p->gen != u->gen || u->state != U_RUNNING)
		goto done; /* a page of an older fetch, or of a unit that ended */
	if ((v = api_judge(&a)) == AV_RETRY) {
		log_debug("retrying %s page %ld: %s", kind_name(u), p->page,
			  res->transport_error ? res->error : "server error");
		return HTTP_RETRY;
	}
	if (v == AV_OK) {
		a.norm = parse_page(u, res, &pi, &st, &e);
		a.code = st.code;
		v = api_judge(&a);
	}
	switch (v) {
	case AV_OK:
		x->stats->pages++;
		unit_page(u, p->page, &pi);
		goto done;
	case AV_RETRY:
		if (a.norm == NORM_API)
			log_debug("code %ld, retrying %s page %ld", st.code, kind_name(u), p->page);
		return HTTP_RETRY;
	case AV_AUTH:
		errf(&x->auth_err, EXIT_AUTH, "access token refused: code %ld: %s", st.code, st.message);
		x->auth_failed = true;
		goto done;
	case AV_PERM:
		x->stats->permission_failures++;
		u->a->denied = true;
		break;
	case AV_TOO_LARGE:
		if (split_window(u, p->page))
			goto done;
		if (req->tries < x->c->max_tries)
			return HTTP_RETRY;
		break;
	default:
		break;
	}
	api_answer_detail(&a, &st, &e, detail, sizeof(detail));
	unit_fail(u, p->page, NULL, detail);
done:
	free(p);
	return HTTP_DONE;
}

static void submit(struct unit *u, long page)
{
	struct page *p = xmalloc(sizeof(*p));
	char *url = unit_url(u, page);

	p->u = u;
	p->page = page;
	p->gen = u->gen;
	http_submit(u->x->h, http_req_new(url, NULL, u->x->c->access_token, on_page, p));
	free(url);
}

/* A progress line for people watching a long backfill: only on a terminal. */
struct progress {
	double qps;
	time_t start;
	bool shown;
};

static void show_progress(void *ctx, long done, long left)
{
	struct progress *p = ctx;
	long secs = (long)(time(NULL) - p->start), eta = (long)((double)left / p->qps);

	if (!left && !p->shown)
		return;
	fprintf(stderr, "\r  requests %ld / %ld  %ld:%02ld elapsed  about %ld:%02ld left  ", done,
		done + left, secs / 60, secs % 60, eta / 60, eta % 60);
	if (!left)
		fputc('\n', stderr);
	p->shown = true;
}

/* The window of one advertiser, in its own timezone. */
static int plan_windows(struct advertiser *a, const struct config *c, time_t now, bool today,
			struct err *e)
{
	if (!a->currency || !a->timezone)
		return errf(e, EXIT_API, "advertiser %s: not returned by advertiser/info/", a->id);
	if (tz_today(a->timezone, now, &a->today, e))
		return err_wrap(e, "advertiser %s", a->id);
	if (today) {
		a->win = window_lookback(a->today, 7);
	} else if (c->have_range) {
		a->win.since = c->since;
		a->win.until = c->until;
	} else {
		a->win = window_lookback(a->today, c->lookback);
	}
	a->prev = window_previous(a->win);
	a->provisional_from = a->today - c->provisional_days;
	return 0;
}

static void plan_advertiser(struct extract *x, struct advertiser *a)
{
	struct window all = { a->prev.since, a->win.until }, parts[512];
	int n;

	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++)
		submit(unit_new(x, a, l, K_INVENTORY, all, false), 1);
	/* daily rows of both windows, in requests of at most 30 days: when both
	 * fit in 30 days (the default lookback) it is one request per level */
	n = window_split(all, 30, parts, 512);
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++)
		for (int i = 0; i < n; i++)
			submit(unit_new(x, a, l, K_DAILY, parts[i], false), 1);
	/* reach and frequency of each window come from a period query: never summed */
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++) {
		if (window_days(a->win) <= 365)
			submit(unit_new(x, a, l, K_PERIOD, a->win, false), 1);
		if (window_days(a->prev) <= 365)
			submit(unit_new(x, a, l, K_PERIOD, a->prev, true), 1);
	}
	if (window_days(a->win) > 365)
		report_warn(x->r, "advertiser %s: the window is longer than 365 days, reach is not "
			    "available for it", a->id);
}

/* `today`: the inventory (budgets, objectives, last changes), daily rows of
 * the 7 complete days before today (a->win: entity.cur holds their totals) at
 * advertiser and campaign level, and hourly rows of yesterday and today at
 * every level, one day per request. */
static void plan_today(struct extract *x, struct advertiser *a)
{
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++)
		submit(unit_new(x, a, l, K_INVENTORY, a->win, false), 1);
	for (int l = LVL_ADVERTISER; l <= LVL_CAMPAIGN; l++)
		submit(unit_new(x, a, l, K_DAILY, a->win, false), 1);
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++)
		for (int d = a->today - 1; d <= a->today; d++)
			submit(unit_new(x, a, l, K_HOURLY, (struct window){ d, d }, false), 1);
}

/* After the run: a unit neither complete, failed nor split never heard its end
 * (it must not pass for complete); then every unit goes into its advertiser's
 * chunk list, in the order they were planned, and is freed. */
static void units_finish(struct extract *x, const char *why)
{
	struct unit *rev = NULL;

	while (x->units) { /* planned order: the list holds them newest first */
		struct unit *n = x->units->next;
		x->units->next = rev;
		rev = x->units;
		x->units = n;
	}
	while (rev) {
		struct unit *u = rev, *n = rev->next;
		enum chunk_kind k = u->kind == K_INVENTORY ? CH_INVENTORY : u->kind == K_DAILY ? CH_DAILY
				    : u->kind == K_HOURLY ? CH_HOURLY : u->prev ? CH_PERIOD_PREV : CH_PERIOD;
		struct chunk c = { u->l, k, u->w, CH_COMPLETE, NULL, u->requests, u->pages, u->rows };

		if (u->state == U_RUNNING && !x->auth_failed)
			unit_fail(u, u->pages_done + 1, NULL, why);
		if (u->state != U_DONE) {
			c.state = u->state == U_SPLIT ? CH_SPLIT : CH_FAILED;
			c.why = u->why[0] ? u->why : why;
			c.rows = 0;
		}
		adv_add_chunk(x->r, u->a, &c);
		stage_clear(&u->stage);
		free(u);
		rev = n;
	}
}

/* No advertiser could be fetched: a permission error only when every one of
 * them was refused permission (counted per advertiser, not per request). */
static int nothing_fetched(const struct report *r, struct err *e)
{
	size_t denied = 0;

	for (size_t i = 0; i < r->nadv; i++)
		denied += r->advs[i].denied;
	if (r->nadv && denied == r->nadv)
		return errf(e, EXIT_AUTH, "no permission for any advertiser: %s", r->advs[0].error);
	return errf(e, EXIT_API, "no advertiser could be fetched: %s",
		    r->nadv ? r->advs[0].error : "no advertiser");
}

static void plan_all(struct extract *x, time_t now, bool today)
{
	struct report *r = x->r;

	for (size_t i = 0; i < r->nadv; i++) {
		struct advertiser *a = &r->advs[i];
		struct err pe = { 0 };
		if (a->failed) { /* at advertiser/info/ */
			x->stats->failed_advertisers++;
			x->stats->permission_failures += a->denied;
			if (!a->denied) { /* refused ones were told already */
				report_warn(r, "%s", a->error);
				log_error("%s", a->error);
			}
			continue;
		}
		if (plan_windows(a, x->c, now, today, &pe)) {
			a->failed = true;
			snprintf(a->error, sizeof(a->error), "%s", pe.msg);
			report_warn(r, "%s", pe.msg);
			log_error("%s", pe.msg);
			x->stats->failed_advertisers++;
			continue;
		}
		if (!r->span.since || a->win.since < r->span.since)
			r->span.since = a->win.since;
		if (a->win.until > r->span.until)
			r->span.until = a->win.until;
		if (today)
			plan_today(x, a);
		else
			plan_advertiser(x, a);
	}
}

static int extract_all(struct report *r, const struct config *c, time_t now, bool today,
		       struct extract_stats *stats, struct err *e);

int extract_run(struct report *r, const struct config *c, time_t now,
		struct extract_stats *stats, struct err *e)
{
	return extract_all(r, c, now, false, stats, e);
}

int extract_today(struct report *r, const struct config *c, time_t now,
		  struct extract_stats *stats, struct err *e)
{
	int rc = extract_all(r, c, now, true, stats, e);

	for (size_t i = 0; i < r->nadv; i++)
		adv_hours_finish(&r->advs[i]);
	return rc;
}

static int extract_all(struct report *r, const struct config *c, time_t now, bool today,
		       struct extract_stats *stats, struct err *e)
{
	struct extract x = { r, c, NULL, NULL, stats, false, { 0 } };
	struct http_opts ho = config_http_opts(c);
	struct progress prog = { c->qps, time(NULL), false };
	int rc, ok = 0;
	const char *why = "the request never completed";

	if (c->verbosity >= 0 && isatty(STDERR_FILENO)) {
		ho.progress = show_progress;
		ho.progress_ctx = &prog;
	}

	memset(stats, 0, sizeof(*stats));
	if (!c->access_token)
		return errf(e, EXIT_USAGE, "no access token: set TIKTOK_ACCESS_TOKEN "
			    "(or name a credentials file in the config)");
	if ((rc = advertisers_resolve(r, c, e)) || (rc = advertisers_info(r, c, e)))
		return rc;

	x.h = http_new(&ho);
	plan_all(&x, now, today);
	if (http_run(x.h) != 0) {
		why = "curl failed; the request was not finished";
		log_error("curl failed: the requests still waiting were marked failed");
	}
	stats->requests = http_attempts(x.h);
	http_free(x.h);
	units_finish(&x, why);
	if (x.auth_failed) {
		*e = x.auth_err;
		return EXIT_AUTH;
	}
	report_finish(r);
	for (size_t i = 0; i < r->nadv; i++)
		ok += !r->advs[i].failed;
	return ok ? 0 : nothing_fetched(r, e);
}
