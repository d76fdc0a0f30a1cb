/* record.h: the in-memory records of one run, built by normalization and read
 * (const) by every exporter.
 *
 * Ownership: a struct report owns everything reachable from it: strings live in
 * report->arena, arrays are owned by their advertiser; report_free() frees it all.
 * Exporters never change a report. */
#ifndef TT_RECORD_H
#define TT_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "core/dates.h"
#include "core/metrics.h"

/* The levels, top down: LVL_ADVERTISER, LVL_CAMPAIGN, LVL_ADGROUP, LVL_AD. */
enum level {
#define LEVEL(ID, ...) LVL_##ID,
#include "schemas/levels.def"
#undef LEVEL
	LVL_COUNT
};

/* One level as schemas/levels.def describes it (see there for each field). */
struct level_def {
	const char *name, *data_level, *id_field, *name_field;
	const char *label, *singular, *id_head, *table;
	const char *inv_path, *inv_fields, *inv_filter, *rep_filter, *rep_attrs;
};
extern const struct level_def level_defs[LVL_COUNT];

const char *level_name(enum level l);       /* "advertiser", "campaign", "adgroup", "ad" */
const char *level_label(enum level l);      /* "Advertiser", "Campaigns", "Ad groups", "Ads" */
const char *level_data_level(enum level l); /* "AUCTION_CAMPAIGN", ... */
const char *level_id_field(enum level l);   /* "campaign_id", ... */
const char *level_name_field(enum level l); /* "campaign_name", ...; NULL for advertiser */

struct entity {
	const char *id, *name;
	const char *campaign_id, *adgroup_id; /* parents; NULL above their level */
	const char *status;                   /* secondary_status, else operation_status */
	bool deleted;
	bool in_inventory;                    /* seen in the inventory (campaign/get/ etc.) */
	mval budget;                          /* minor units; MV_MISSING when none */
	const char *budget_mode;
	/* Window and previous-window totals: additive metrics summed over days,
	 * reach and frequency from the API's period query (never summed). */
	struct mrow cur, prev;
	time_t modify_time;                   /* last change (UTC), 0 when unknown */
	const char *objective;                /* campaigns: objective_type; NULL when unknown */
};

struct day_row {
	uint32_t ent; /* index into advertiser.ents[level] */
	int32_t day;  /* day number, advertiser's local date */
	struct mrow v;
};

/* How one unit of fetching ended: a level's inventory, or a level's daily or
 * period report for one window chunk. The manifest lists every one. */
enum chunk_kind { CH_INVENTORY, CH_DAILY, CH_PERIOD, CH_PERIOD_PREV, CH_HOURLY };
enum chunk_state { CH_COMPLETE, CH_FAILED, CH_SPLIT };

struct chunk {
	enum level l;
	enum chunk_kind kind;
	struct window w;         /* inventory: the window it serves */
	enum chunk_state state;  /* split: 40067, replaced by the two halves */
	const char *why;         /* failed or split: why, for people (arena) */
	long requests;           /* attempts, retries and fetches again included */
	long pages;              /* pages taken */
	long rows;               /* rows taken: entity-days, or entities */
};
const char *chunk_kind_name(enum chunk_kind k);   /* "inventory", "daily", "period", "period_previous", "hourly" */
const char *chunk_state_name(enum chunk_state s); /* "complete", "failed", "split" */

/* Daily rows of one request, held until every page of it agrees
 * (adv_stage_commit), or dropped (stage_clear) when it is fetched again. */
struct row_stage {
	struct day_row *rows;
	size_t n, cap;
};
void stage_add(struct row_stage *s, long ent, int day, const struct mrow *v);
void stage_clear(struct row_stage *s); /* frees the rows */

/* One entity-hour (`today`): hour = local day number * 24 + local hour. */
struct hour_row {
	uint32_t ent;
	int32_t hour;
	struct mrow v;
};

/* A level whose numbers do not add up to the level above (additive metrics). */
struct recon {
	int checks;      /* parent x metric comparisons made */
	int mismatches;
	char detail[256]; /* the first mismatch, for people */
};

struct advertiser {
	const char *id, *name, *currency, *timezone;
	int decimals;            /* the currency's minor-unit digits */
	int today;               /* the run's date in the advertiser's timezone */
	struct window win, prev; /* the report window and the one before it */
	int provisional_from;    /* days >= this may still be restated by TikTok */

	struct entity *ents[LVL_COUNT];
	size_t nents[LVL_COUNT];
	/* Daily rows of the window only, sorted by (entity, day). */
	struct day_row *rows[LVL_COUNT];
	size_t nrows[LVL_COUNT];

	/* `today` only (core/hours.h): hourly rows of local yesterday and today,
	 * sorted by (entity, hour); last_hour: today's last reported hour (0-23),
	 * -1 when none is reported yet. */
	struct hour_row *hours[LVL_COUNT];
	size_t nhours[LVL_COUNT], cap_hours[LVL_COUNT];
	int last_hour;

	struct recon recon;
	bool failed;             /* some level or window could not be fetched */
	bool denied;             /* ... because the API refused permission */
	char error[256];         /* why, for people ("" when fine) */
	struct chunk *chunks;    /* how each unit of fetching ended (the manifest) */
	size_t nchunks, cap_chunks;

	/* private to record.c */
	size_t cap_ents[LVL_COUNT], cap_rows[LVL_COUNT];
	struct id_index *index[LVL_COUNT];
	struct day_row *prev_rows[LVL_COUNT];
	size_t nprev[LVL_COUNT], cap_prev[LVL_COUNT];
};

/* Comment triage: categories and actions of docs/design.md. */
enum category { CAT_INQUIRY, CAT_COMPLAINT, CAT_SPAM, CAT_ABUSE, CAT_OFFTOPIC, CAT_OTHER, CAT_COUNT };
enum action { ACT_REPLY, ACT_HIDE, ACT_FLAG, ACT_NONE, ACT_SKIP, ACT_COUNT };
const char *category_name(enum category c); /* "inquiry", ... */
const char *action_name(enum action a);     /* "reply", ... */
int category_by_name(const char *s);        /* -1 when unknown */

/* One line of the action log: no comment text, no commenter identity. */
/* What became of a decided action; the words are exporters/actionlog.c's. */
enum act_result {
	RES_OK,
	RES_PLANNED,               /* dry run: what apply would do */
	RES_SKIP_OWN,              /* skipped: the store's own comment */
	RES_SKIP_HIDDEN,           /* skipped: already hidden */
	RES_SKIP_REPLIED,          /* skipped: the store replied already */
	RES_SKIP_CAP,              /* skipped: the run's cap is reached */
	RES_SKIP_ONE_PER_COMMENTER,/* skipped: this run replies to the commenter already */
	RES_SKIP_UNCERTAIN,        /* skipped: the classifier is not sure enough to act */
	RES_ERROR,
};

struct action_rec {
	time_t time;
	const char *owner_id; /* business id (TikTok account open_id) */
	const char *video_id, *comment_id;
	enum category cat;
	const char *rule, *lang;
	enum action act;
	bool apply;           /* mode: apply or dry-run */
	enum act_result result;
	const char *error;    /* NULL or a message (never a token or comment text) */
	/* for the owner's complaint list (never in the action log): the video's
	 * caption and share_url as the video list gives them (NULL when absent),
	 * and when the comment was made (0: unknown) */
	const char *video_caption, *video_url;
	time_t comment_time;
};

struct triage_summary {
	bool ran;
	size_t counts[CAT_COUNT][ACT_COUNT];
	struct action_rec *acts;
	size_t nacts, cap;
};

/* Decisions left alone because the classifier was not sure (RES_SKIP_UNCERTAIN). */
size_t triage_uncertain(const struct triage_summary *t);

struct report {
	struct arena arena;
	time_t made;              /* when this run started */
	struct window span;       /* union of the advertisers' windows: file names */
	struct advertiser *advs;  /* nadv advertisers, in the order configured */
	size_t nadv, cap_adv;
	struct triage_summary triage;
	char **warnings;          /* failures to list inside the report */
	size_t nwarn;
	char **notes;             /* things to know that are no failure (triage off, a token to save) */
	size_t nnotes;
	char run_id[48];          /* this run, in every action log line: "<made>-<pid>-<random>" */
};

struct report *report_new(time_t made);
void report_free(struct report *r);
void report_warn(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note for the report and the mail that does not make the run partial. */
void report_note(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct advertiser *report_add_advertiser(struct report *r, const char *id);
struct advertiser *report_find_advertiser(struct report *r, const char *id);

/* Find the entity with this id at level l; create it (every total missing)
 * when create is true. Returns its index, or -1 when absent and not created.
 * Pointers into adv->ents move when entities are added: keep indexes. */
long adv_entity(struct report *r, struct advertiser *a, enum level l, const char *id, bool create);

/* Add one entity-day of stored values. Days in the window become daily rows,
 * days in the previous window count toward entity.prev, others are ignored.
 * One value per entity and day is kept (upsert; duplicates only come from
 * overlapping pages, and the choice among them is by content, not arrival). */
void adv_add_day(struct advertiser *a, enum level l, long ent, int day, const struct mrow *v);
/* adv_add_day() for every staged row, then stage_clear(). Returns the rows
 * that fell in the window or the previous one. */
size_t adv_stage_commit(struct advertiser *a, enum level l, struct row_stage *s);
/* Record how a unit of fetching ended (c->why copied into the arena). */
void adv_add_chunk(struct report *r, struct advertiser *a, const struct chunk *c);

/* After all adds: drop duplicate days, sort rows by (entity, day),
 * compute cur/prev additive totals, and run the reconciliation. Period metrics
 * in entity.cur/prev are left as normalization set them. */
void report_finish(struct report *r);

/* Reconcile additive metrics level by level (ads -> ad groups -> campaigns ->
 * advertiser): window totals of every parent, and the advertiser's daily rows
 * against its campaigns' rows day by day. Called by report_finish; exposed
 * for tests. */
void adv_reconcile(struct advertiser *a);

/* Append an action log line (strings copied into the arena) and count it. */
void report_add_action(struct report *r, const struct action_rec *act);



/* "<outdir>/<prefix>_SINCE_UNTIL[_suffix].<ext>": an output file named after
 * the report's span (suffix NULL for none). */
void report_path(const struct report *r, const char *outdir, const char *prefix,
		 const char *suffix, const char *ext, char *out, size_t n);

/* Read-only look-up of an entity by id (NULL when absent). */
const struct entity *adv_find(const struct advertiser *a, enum level l, const char *id);
#endif
