/* ttsim.h: the simulator's shared model. One `struct world` owns everything
 * (generated entities, their daily rows, videos and comments); sim_world_free()
 * frees it all. After sim_world_build() the marketing data is read-only and
 * needs no lock; comments, the truth's period list, counters and the log are
 * mutable and guarded by world.lock. */
#ifndef TTSIM_H
#define TTSIM_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "core/metrics.h"

/* ---- options ---- */
struct sim_opts {
	int port;
	uint64_t seed;
	int today; /* UTC day number of --today */
	int days;  /* history length in days */
	int epoch; /* --epoch: lifecycles are laid out around this day */
	int n_adv, n_camp, n_adg, n_ads, n_videos, n_comments;
	const char *token, *account_token, *business_id;
	const char *app_id, *app_secret, *refresh_token;
	int qps, latency_ms;
	const char *faults, *truth, *log;
};

/* ---- hashing (splitmix64) ---- */
uint64_t h_mix(uint64_t x);
uint64_t h4(uint64_t seed, uint64_t a, uint64_t b, uint64_t c);
double h_unit(uint64_t h);                     /* [0,1) */
double h_range(uint64_t h, double lo, double hi);

/* ---- string builder (growable, always NUL terminated; dies on OOM) ---- */
struct sb {
	char *p;
	size_t len, cap;
};
void sb_add(struct sb *b, const char *s, size_t n);
void sb_puts(struct sb *b, const char *s);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_jstr(struct sb *b, const char *s); /* JSON string literal, escaped */
void sb_free(struct sb *b);
size_t utf8_codepoints(const char *s);

/* ---- the generated world ---- */
enum level { L_ADV, L_CAMP, L_ADG, L_AD, L_N };
#define DAY_NEVER 0x3fffffff

struct drow {
	mval v[S_COUNT]; /* present when v[S_IMPRESSIONS] > 0; MV_MISSING = "-" */
};

struct entity {
	char id[24];
	char name[160];
	enum level level;
	int idx;               /* index in its level's array */
	int parent;            /* index in the parent level (-1 for the advertiser) */
	int camp, adg;         /* ancestor indexes (-1 when none) */
	int first_child, nchild;
	int create_day, delete_day; /* active on d when create_day <= d < delete_day */
	bool deleted;
	time_t create_ts, modify_ts;
	bool no_modify_time;   /* a Smart+ ad */
	bool traffic;          /* campaign objective TRAFFIC: conversions are "-" */
	const char *objective;
	int budget_mode;       /* 0 BUDGET_MODE_DAY, 1 BUDGET_MODE_INFINITE */
	mval budget;           /* minor units */
	struct drow *daily;    /* ndays rows, index d - adv.first_day */
};

struct period_key {
	enum level level;
	int since, until;
};

struct adv {
	int idx;
	const char *currency, *tz, *display_tz;
	int dec;           /* currency decimals */
	int local_today;   /* local date of the sim's now */
	int first_day, ndays; /* history: [first_day, local_today - 1] */
	struct entity *ent[L_N];
	int nent[L_N];
	int *order[L_N];   /* entity indexes sorted by id */
	mval balance;
	struct period_key *periods; /* windows written to the truth */
	int nperiods, capperiods;
	char *truth_head;  /* cached truth text of this advertiser up to "periods":[ */
};

struct comment {
	char id[24];
	int parent;        /* index of the top-level comment, -1 when top-level */
	bool deleted;
	bool owner, liked, pinned, hidden;
	bool ctime_str;    /* serve create_time as a numeric string */
	int corpus;        /* corpus index (-1: store text) */
	const char *text_static;
	char *text_owned;  /* replies created while running */
	char user_id[24], unique_id[24], username[40], display_name[64];
	time_t create_time;
	int likes, replies;
	uint64_t order_key;
};

struct video {
	char id[24];
	time_t create_time;
	const char *caption;
	struct comment *c;
	int nc, capc;
};

struct fault_spec;

struct world {
	struct sim_opts o;
	time_t now;
	int epoch;           /* min(--epoch, --today - 2) */
	struct adv *advs;
	int nadv;
	struct video *videos;
	int nvideos;
	uint64_t id_seq;     /* next generated id index */
	uint64_t reply_seq;  /* replies created while running */
	pthread_mutex_t lock;
	uint64_t req_seq;
	struct fault_spec *faults;
	FILE *log;
	/* qps limiter: times of the last o.qps accepted requests */
	struct timespec *qps_ring;
	int qps_pos;
};

void sim_make_id(struct world *w, int kind, char *out);

int sim_world_build(struct world *w);
void sim_world_free(struct world *w);

/* Canonical served text of metric m of row r (stored and derived); returns
 * false for "-". buf >= 32 bytes. */
bool sim_metric_str(const struct drow *r, enum metric m, int dec, char *buf);
/* Period rows of every entity of `lev` for [since, until] (caller frees). */
struct drow *sim_period(const struct adv *a, enum level lev, int since, int until);
static inline bool drow_present(const struct drow *r) { return r->v[S_IMPRESSIONS] > 0; }
static inline const struct drow *ent_day(const struct adv *a, const struct entity *e, int day)
{
	if (day < a->first_day || day >= a->first_day + a->ndays)
		return NULL;
	return &e->daily[day - a->first_day];
}
const char *level_name(enum level l);       /* "advertiser", "campaign", ... */
const char *ent_status(const struct entity *e); /* secondary status */

/* truth file (sim_truth.c); caller holds w->lock except at startup */
int sim_truth_write(struct world *w);
/* Records a served period window; rewrites the truth when new. Takes the lock. */
void sim_truth_note_period(struct world *w, struct adv *a, enum level lev, int since, int until);

/* ---- corpus (sim_corpus.c) ---- */
struct corpus_entry {
	const char *text, *category, *lang;
};
extern const struct corpus_entry sim_corpus[];
extern const int sim_corpus_n;
extern const char *const sim_store_comments[];
extern const int sim_store_comments_n;
extern const char *const sim_store_replies[];
extern const int sim_store_replies_n;
extern const char *const sim_campaign_names[];
extern const int sim_campaign_names_n;
extern const char *const sim_adgroup_names[];
extern const int sim_adgroup_names_n;
extern const char *const sim_ad_names[];
extern const int sim_ad_names_n;
extern const char *const sim_captions[];
extern const int sim_captions_n;
extern const char *const sim_usernames[];
extern const int sim_usernames_n;
extern const char sim_japanese_name[];

/* ---- requests ---- */
struct kv {
	char *k, *v;
};

struct req {
	struct world *w;
	const char *method;   /* "GET" / "POST" */
	const char *route;    /* path after /open_api/v1.3/ */
	struct kv *q;
	int nq;
	const char *body;     /* POST body, NUL terminated (may be NULL) */
	size_t body_len;
	bool want_40067;      /* fault drawn: wide report windows answer 40067 */
	bool fault_40067_hit; /* set by the report handler when it applied */
};

const char *req_arg(const struct req *r, const char *name);

/* Handlers fill `data` (a JSON value) and return 0, or return an error code
 * with msg set (data is then ignored and answered as {}). */
typedef int (*handler_fn)(struct req *r, struct sb *data, char *msg, size_t msgsz);

int h_oauth_advertiser_get(struct req *, struct sb *, char *, size_t);
int h_advertiser_info(struct req *, struct sb *, char *, size_t);
int h_campaign_get(struct req *, struct sb *, char *, size_t);
int h_adgroup_get(struct req *, struct sb *, char *, size_t);
int h_ad_get(struct req *, struct sb *, char *, size_t);
int h_report(struct req *, struct sb *, char *, size_t);

int h_video_list(struct req *, struct sb *, char *, size_t);
int h_comment_list(struct req *, struct sb *, char *, size_t);
int h_reply_list(struct req *, struct sb *, char *, size_t);
int h_reply_create(struct req *, struct sb *, char *, size_t);
int h_comment_hide(struct req *, struct sb *, char *, size_t);
int h_comment_delete(struct req *, struct sb *, char *, size_t);
int h_tt_refresh(struct req *, struct sb *, char *, size_t);
int h_tt_token(struct req *, struct sb *, char *, size_t);
int h_access_token(struct req *, struct sb *, char *, size_t);

int sim_comments_build(struct world *w);
void sim_comments_free(struct world *w);
/* truth "videos" array (caller holds the lock) */
void sim_comments_truth(struct world *w, struct sb *b);

/* ---- faults (sim_faults.c) ---- */
enum fault_kind {
	F_NONE, F_40100, F_40133, F_50000, F_50002, F_504, F_DROP, F_TRUNC, F_SLOW,
	F_DROPAFTER, F_40067,
};
int faults_parse(const char *spec, struct fault_spec **out, char *msg, size_t msgsz);
void faults_free(struct fault_spec *f);
enum fault_kind faults_draw(const struct fault_spec *f, uint64_t seed, uint64_t seq);
const char *fault_name(enum fault_kind k);

int set_msg(char *msg, size_t n, int code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
