#include "core/record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const struct level_def level_defs[LVL_COUNT] = {
#define LEVEL(ID, name, data, idf, namef, label, one, idhead, table, ipath, ifields, ifilter, rfilter, rattrs) \
	[LVL_##ID] = { name, data, idf, namef, label, one, idhead, table, ipath, ifields, ifilter, rfilter, rattrs },
#include "schemas/levels.def"
#undef LEVEL
};
/* N_() marks the names for xgettext (po/): the exporters show them translated.
 * core/ itself never translates; these are also the action log's values. */
#define N_(s) (s)
/* TRANSLATORS: comment categories, as the counts on the comments page show them */
static const char *const cat_names[] = { N_("inquiry"), N_("complaint"), N_("spam"), N_("abuse"),
					 N_("offtopic"), N_("other") };
/* TRANSLATORS: what was done with a comment, as the counts show it */
static const char *const act_names[] = { N_("reply"), N_("hide"), N_("flag"), N_("none"), N_("skip") };
#undef N_

const char *level_name(enum level l) { return level_defs[l].name; }
const char *level_label(enum level l) { return level_defs[l].label; }
const char *level_data_level(enum level l) { return level_defs[l].data_level; }
const char *level_id_field(enum level l) { return level_defs[l].id_field; }
const char *level_name_field(enum level l) { return level_defs[l].name_field; }
const char *category_name(enum category c) { return cat_names[c]; }

const char *chunk_kind_name(enum chunk_kind k)
{
	static const char *const n[] = { "inventory", "daily", "period", "period_previous", "hourly" };
	return n[k];
}

const char *chunk_state_name(enum chunk_state s)
{
	static const char *const n[] = { "complete", "failed", "split" };
	return n[s];
}
const char *action_name(enum action a) { return act_names[a]; }

void report_path(const struct report *r, const char *outdir, const char *prefix,
		 const char *suffix, const char *ext, char *out, size_t n)
{
	char s[11], u[11];

	snprintf(out, n, "%s/%s_%s_%s%s%s.%s", outdir, prefix, date_format(r->span.since, s),
		 date_format(r->span.until, u), suffix ? "_" : "", suffix ? suffix : "", ext);
}

int category_by_name(const char *s)
{
	for (int c = 0; c < CAT_COUNT; c++)
		if (s && strcmp(s, cat_names[c]) == 0)
			return c;
	return -1;
}

/* Open-addressing hash from entity id to index. */
struct id_index {
	size_t cap, used;
	const char **keys;
	long *vals;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void index_put(struct id_index *ix, const char *key, long val);

static void index_grow(struct id_index *ix)
{
	struct id_index old = *ix;

	ix->cap = old.cap ? old.cap * 2 : 64;
	ix->used = 0;
	ix->keys = xcalloc(ix->cap, sizeof(*ix->keys));
	ix->vals = xcalloc(ix->cap, sizeof(*ix->vals));
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			index_put(ix, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static void index_put(struct id_index *ix, const char *key, long val)
{
	size_t i;

	if ((ix->used + 1) * 2 > ix->cap)
		index_grow(ix);
	for (i = hash_str(key) & (ix->cap - 1); ix->keys[i]; i = (i + 1) & (ix->cap - 1))
		;
	ix->keys[i] = key;
	ix->vals[i] = val;
	ix->used++;
}

static long index_get(const struct id_index *ix, const char *key)
{
	if (!ix || !ix->cap)
		return -1;
	for (size_t i = hash_str(key) & (ix->cap - 1); ix->keys[i]; i = (i + 1) & (ix->cap - 1))
		if (strcmp(ix->keys[i], key) == 0)
			return ix->vals[i];
	return -1;
}

struct report *report_new(time_t made)
{
	struct report *r = xcalloc(1, sizeof(*r));
	struct timespec ts;
	struct tm tm;
	char when[24];

	r->made = made;
	/* unique per run even for two runs started in the same second */
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&made, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(r->run_id, sizeof(r->run_id), "%s-%ld-%06lx", when, (long)getpid(),
		 (unsigned long)(((unsigned long)ts.tv_nsec ^ ((unsigned long)ts.tv_sec << 20)) & 0xffffff));
	return r;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nadv; i++) {
		struct advertiser *a = &r->advs[i];
		for (int l = 0; l < LVL_COUNT; l++) {
			free(a->ents[l]);
			free(a->rows[l]);
			free(a->prev_rows[l]);
			free(a->hours[l]);
			if (a->index[l]) {
				free(a->index[l]->keys);
				free(a->index[l]->vals);
				free(a->index[l]);
			}
		}
	}
	for (size_t i = 0; i < r->nadv; i++)
		free(r->advs[i].chunks);
	free(r->advs);
	for (size_t i = 0; i < r->nwarn; i++)
		free(r->warnings[i]);
	free(r->warnings);
	for (size_t i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r->triage.acts);
	arena_release(&r->arena);
	free(r);
}

void report_warn(struct report *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	utf8_cut(buf);
	r->warnings = xrealloc(r->warnings, (r->nwarn + 1) * sizeof(*r->warnings));
	r->warnings[r->nwarn++] = xstrdup(buf);
}

void report_note(struct report *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof(*r->notes));
	r->notes[r->nnotes++] = xstrdup(buf);
}

struct advertiser *report_add_advertiser(struct report *r, const char *id)
{
	struct advertiser *a;

	if (r->nadv == r->cap_adv) {
		r->cap_adv = r->cap_adv ? r->cap_adv * 2 : 4;
		r->advs = xrealloc(r->advs, r->cap_adv * sizeof(*r->advs));
	}
	a = &r->advs[r->nadv++];
	memset(a, 0, sizeof(*a));
	a->id = arena_strdup(&r->arena, id);
	a->decimals = 2;
	a->last_hour = -1;
	return a;
}

struct advertiser *report_find_advertiser(struct report *r, const char *id)
{
	for (size_t i = 0; i < r->nadv; i++)
		if (strcmp(r->advs[i].id, id) == 0)
			return &r->advs[i];
	return NULL;
}

long adv_entity(struct report *r, struct advertiser *a, enum level l, const char *id, bool create)
{
	long i = index_get(a->index[l], id);
	struct entity *e;

	if (i >= 0 || !create)
		return i;
	if (a->nents[l] == a->cap_ents[l]) {
		a->cap_ents[l] = a->cap_ents[l] ? a->cap_ents[l] * 2 : 16;
		a->ents[l] = xrealloc(a->ents[l], a->cap_ents[l] * sizeof(struct entity));
	}
	e = &a->ents[l][a->nents[l]];
	memset(e, 0, sizeof(*e));
	e->id = arena_strdup(&r->arena, id);
	e->budget = MV_MISSING;
	mrow_clear(&e->cur);
	mrow_clear(&e->prev);
	if (!a->index[l])
		a->index[l] = xcalloc(1, sizeof(struct id_index));
	index_put(a->index[l], e->id, (long)a->nents[l]);
	return (long)a->nents[l]++;
}

static void push_row(struct day_row **rows, size_t *n, size_t *cap, long ent, int day,
		     const struct mrow *v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*rows = xrealloc(*rows, *cap * sizeof(**rows));
	}
	(*rows)[*n].ent = (uint32_t)ent;
	(*rows)[*n].day = day;
	(*rows)[*n].v = *v;
	(*n)++;
}

void adv_add_day(struct advertiser *a, enum level l, long ent, int day, const struct mrow *v)
{
	if (window_has(a->win, day))
		push_row(&a->rows[l], &a->nrows[l], &a->cap_rows[l], ent, day, v);
	else if (window_has(a->prev, day))
		push_row(&a->prev_rows[l], &a->nprev[l], &a->cap_prev[l], ent, day, v);
}

void stage_add(struct row_stage *s, long ent, int day, const struct mrow *v)
{
	push_row(&s->rows, &s->n, &s->cap, ent, day, v);
}

void stage_clear(struct row_stage *s)
{
	free(s->rows);
	s->rows = NULL;
	s->n = s->cap = 0;
}

size_t adv_stage_commit(struct advertiser *a, enum level l, struct row_stage *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct day_row *d = &s->rows[i];
		kept += window_has(a->win, d->day) || window_has(a->prev, d->day);
		adv_add_day(a, l, d->ent, d->day, &d->v);
	}
	stage_clear(s);
	return kept;
}

void adv_add_chunk(struct report *r, struct advertiser *a, const struct chunk *c)
{
	if (a->nchunks == a->cap_chunks) {
		a->cap_chunks = a->cap_chunks ? a->cap_chunks * 2 : 16;
		a->chunks = xrealloc(a->chunks, a->cap_chunks * sizeof(*a->chunks));
	}
	a->chunks[a->nchunks] = *c;
	a->chunks[a->nchunks++].why = arena_strdup(&r->arena, c->why);
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct day_row *x = pa, *y = pb;

	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	/* same entity and day twice (overlapping pages): order by content, so the
	 * row kept does not depend on arrival order */
	return memcmp(&x->v, &y->v, sizeof(x->v));
}

/* Sort by (entity, day) and keep one row per key, in place. */
static size_t sort_dedup(struct day_row *rows, size_t n)
{
	size_t o = 0;

	if (n < 2) /* rows is NULL when there are none: qsort must not see it */
		return n;
	qsort(rows, n, sizeof(*rows), row_cmp);
	for (size_t i = 0; i < n; i++) {
		if (o && rows[o - 1].ent == rows[i].ent && rows[o - 1].day == rows[i].day)
			rows[o - 1] = rows[i];
		else
			rows[o++] = rows[i];
	}
	return o;
}

static void sum_rows(struct advertiser *a, enum level l, const struct day_row *rows, size_t n,
		     bool prev)
{
	for (size_t i = 0; i < n; i++) {
		struct entity *e = &a->ents[l][rows[i].ent];
		mrow_add(prev ? &e->prev : &e->cur, &rows[i].v);
	}
}

void report_finish(struct report *r)
{
	for (size_t i = 0; i < r->nadv; i++) {
		struct advertiser *a = &r->advs[i];
		for (int l = 0; l < LVL_COUNT; l++) {
			a->nrows[l] = sort_dedup(a->rows[l], a->nrows[l]);
			a->nprev[l] = sort_dedup(a->prev_rows[l], a->nprev[l]);
			sum_rows(a, l, a->rows[l], a->nrows[l], false);
			sum_rows(a, l, a->prev_rows[l], a->nprev[l], true);
			free(a->prev_rows[l]);
			a->prev_rows[l] = NULL;
			a->nprev[l] = a->cap_prev[l] = 0;
		}
		adv_reconcile(a);
	}
}

/* Count one mismatch; the first one is described for people. */
static void recon_miss(struct advertiser *a, const char *what, const struct metric_def *d, mval want,
		       mval got, enum level child)
{
	char w[48], g[48];

	a->recon.mismatches++;
	if (a->recon.detail[0])
		return;
	if (d->type == MT_MONEY) {
		want = money_display(want, a->decimals);
		got = money_display(got, a->decimals);
	}
	snprintf(a->recon.detail, sizeof(a->recon.detail), "%s: %s is %s, its %s add up to %s", what,
		 d->api, fx_format(want, d->type == MT_MONEY ? a->decimals : 0, w, sizeof(w)),
		 level_label(child), fx_format(got, d->type == MT_MONEY ? a->decimals : 0, g, sizeof(g)));
	utf8_cut(a->recon.detail);
}

/* Additive metrics of want and got (missing counts as 0). */
static void recon_rows(struct advertiser *a, const char *what, const struct mrow *want,
		       const struct mrow *got, enum level child)
{
	for (int m = 0; m < M_COUNT; m++) {
		const struct metric_def *d = &metric_defs[m];
		mval w, g;
		if (d->agg != AGG_SUM)
			continue;
		w = want->s[d->slot] == MV_MISSING ? 0 : want->s[d->slot];
		g = got->s[d->slot] == MV_MISSING ? 0 : got->s[d->slot];
		a->recon.checks++;
		if (w != g)
			recon_miss(a, what, d, w, g, child);
	}
}

static void recon_level(struct advertiser *a, enum level child)
{
	enum level parent = child - 1;
	size_t np = a->nents[parent];
	struct mrow *sums = xmalloc((np ? np : 1) * sizeof(*sums));
	char what[96];

	for (size_t p = 0; p < np; p++)
		mrow_clear(&sums[p]);
	for (size_t c = 0; c < a->nents[child]; c++) {
		const struct entity *e = &a->ents[child][c];
		const char *pid = parent == LVL_ADVERTISER ? a->id
				: parent == LVL_CAMPAIGN   ? e->campaign_id
							   : e->adgroup_id;
		long p = parent == LVL_ADVERTISER ? 0 : (pid ? index_get(a->index[parent], pid) : -1);
		if (p < 0 || (size_t)p >= np) {
			if (e->cur.s[S_SPEND] != MV_MISSING && e->cur.s[S_SPEND] != 0) {
				a->recon.mismatches++;
				if (!a->recon.detail[0])
					snprintf(a->recon.detail, sizeof(a->recon.detail),
						 "%s %s has spend but no known parent",
						 level_name(child), e->id);
			}
			continue;
		}
		mrow_add(&sums[p], &e->cur);
	}
	for (size_t p = 0; p < np; p++) {
		snprintf(what, sizeof(what), "%s %s", level_name(parent), a->ents[parent][p].id);
		recon_rows(a, what, &a->ents[parent][p].cur, &sums[p], child);
	}
	free(sums);
}

/* The advertiser's own daily rows against the sum of its campaigns' rows, day
 * by day (window totals can agree while two days disagree). */
static void recon_days(struct advertiser *a)
{
	int n = window_days(a->win);
	struct mrow *acc, *sum;
	char what[96], d[11];

	if (!a->nrows[LVL_ADVERTISER] || !a->nents[LVL_CAMPAIGN] || n <= 0)
		return;
	acc = xmalloc((size_t)n * sizeof(*acc));
	sum = xmalloc((size_t)n * sizeof(*sum));
	for (int i = 0; i < n; i++) {
		mrow_clear(&acc[i]);
		mrow_clear(&sum[i]);
	}
	for (size_t k = 0; k < a->nrows[LVL_ADVERTISER]; k++)
		mrow_add(&acc[a->rows[LVL_ADVERTISER][k].day - a->win.since], &a->rows[LVL_ADVERTISER][k].v);
	for (size_t k = 0; k < a->nrows[LVL_CAMPAIGN]; k++)
		mrow_add(&sum[a->rows[LVL_CAMPAIGN][k].day - a->win.since], &a->rows[LVL_CAMPAIGN][k].v);
	for (int i = 0; i < n; i++) {
		snprintf(what, sizeof(what), "advertiser %s on %s", a->id, date_format(a->win.since + i, d));
		recon_rows(a, what, &acc[i], &sum[i], LVL_CAMPAIGN);
	}
	free(acc);
	free(sum);
}

void adv_reconcile(struct advertiser *a)
{
	memset(&a->recon, 0, sizeof(a->recon));
	for (int l = LVL_AD; l >= LVL_CAMPAIGN; l--)
		if (a->nents[l] && a->nents[l - 1])
			recon_level(a, (enum level)l);
	recon_days(a);
}

void report_add_action(struct report *r, const struct action_rec *act)
{
	struct triage_summary *t = &r->triage;
	struct action_rec *d;

	if (t->nacts == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->acts = xrealloc(t->acts, t->cap * sizeof(*t->acts));
	}
	d = &t->acts[t->nacts++];
	*d = *act;
	d->owner_id = arena_strdup(&r->arena, act->owner_id);
	d->video_id = arena_strdup(&r->arena, act->video_id);
	d->comment_id = arena_strdup(&r->arena, act->comment_id);
	d->rule = arena_strdup(&r->arena, act->rule);
	d->lang = arena_strdup(&r->arena, act->lang);
	d->error = arena_strdup(&r->arena, act->error);
	d->video_caption = arena_strdup(&r->arena, act->video_caption);
	d->video_url = arena_strdup(&r->arena, act->video_url);
	t->counts[act->cat][act->act]++;
	t->ran = true;
}

const struct entity *adv_find(const struct advertiser *a, enum level l, const char *id)
{
	long i = id ? index_get(a->index[l], id) : -1;
	return i < 0 ? NULL : &a->ents[l][i];
}

size_t triage_uncertain(const struct triage_summary *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nacts; i++)
		n += t->acts[i].result == RES_SKIP_UNCERTAIN;
	return n;
}
