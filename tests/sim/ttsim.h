/* ttsim.h: the simulator's shared model. One `struct world` owns everything
 * (generated entities, their daily rows, videos and comments); sim_world_free()
 * frees it all. The marketing data is a pure function of the options and the
 * simulated clock: handlers read it under world.mk (read lock) and
 * /__sim/advance rebuilds it under the write lock. Comments, tokens, the
 * truth's period list, counters and the log are guarded by world.lock
 * (always taken after world.mk, never before).
 *
 * ttsim shares no code with ttreport: its values, dates and metric formulas
 * are its own (sim_metrics.c, sim_dates.c), so it can catch the product's
 * mistakes instead of repeating them. */
#ifndef TTSIM_H
#define TTSIM_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* ---- values (sim_metrics.c) ----
 * An sv is an exact int64: counts as is, money in the currency's minor unit.
 * SV_MISSING is the API's "-". */
typedef int64_t sv;
#define SV_MISSING INT64_MIN

/* base values held per entity and day (or hour) */
enum slot {
	S_SPEND, S_IMPRESSIONS, S_REACH, S_CLICKS, S_CONVERSION, S_RT_CONVERSION,
	S_PURCHASES, S_VALUE, S_VIDEO_PLAYS, S_VIDEO_2S, S_VIDEO_P100, S_LIKES,
	S_COMMENTS, S_SHARES, S_FOLLOWS, S_PROFILE_VISITS, S_COUNT,
};

enum mkind { K_COUNT, K_MONEY, K_RATIO };

/* One API metric: a base slot, or num * factor / den (derived). */
struct sim_metric {
	const char *api;
	enum mkind kind;
	int slot;         /* base slot, or -1 when derived */
	int num, den;     /* derived: slots */
	int factor;
	int decimals;     /* ratios: printed decimals (money: the currency's) */
	bool truth;       /* written to --truth (the metrics ttreport requests) */
};
extern const struct sim_metric sim_metrics[];
extern const int sim_nmetrics;
int sim_metric_find(const char *api); /* index or -1 */
int sim_currency_decimals(const char *iso);
/* --eval-metrics "spend=20.00,impressions=2000,...": the served text of every
 * metric for one row of these base values (money with 2 decimals), as JSON */
int sim_eval_metrics(const char *spec, FILE *out);
/* v (10^-dec units) as plain text: "1234.56"; buf >= 32 bytes */
char *sim_fixed(sv v, int dec, char *buf);

/* ---- dates (sim_dates.c): day numbers are days since 1970-01-01 ---- */
int sim_days(int y, int m, int d);
void sim_civil(int day, int *y, int *m, int *d);
int sim_date_parse(const char *s, int *day);   /* strict YYYY-MM-DD; 0 or -1 */
char *sim_date_fmt(int day, char *buf);        /* buf >= 11 */
int sim_instant_parse(const char *s, time_t *t); /* YYYY-MM-DDTHH:MM:SSZ */
/* local calendar day and seconds since local midnight of t in zone tz;
 * -1 when tz is not in the tz database */
int sim_tz_local(const char *tz, time_t t, int *day, int *secs);

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
	time_t now;            /* --now (default: --today at 06:00:00Z) */
	long account_ttl;      /* --account-token-ttl seconds (default 86400) */
	long reply_visible_ms; /* --reply-visible-ms */
	int business_qpm;      /* --business-qpm (0: no limit) */
	int hour_latency_min;  /* --hour-latency-min (default 10) */
	struct scenario *scen; /* --scenario NAME@HOUR, in order */
	int nscen;
	const char *eval;      /* --eval-metrics: print every metric of these bases, exit */
};

/* command line (sim_opts.c): 0, or -1 after printing the problem */
int sim_parse_opts(int argc, char **argv, struct sim_opts *o);

/* ---- intraday scenarios (sim_scenario.c) ---- */
enum scen_kind { SC_SPEND_NO_CONV, SC_CPA_SPIKE, SC_BUDGET_FAST, SC_BUDGET_SLOW, SC_TRACKING_GONE };
struct scenario {
	enum scen_kind kind;
	int hour;              /* local hour of the scenario day */
};
int scenario_parse(const char *s, struct scenario *out, char *msg, size_t msgsz);
const char *scenario_name(enum scen_kind k);

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
	sv v[S_COUNT]; /* present when v[S_IMPRESSIONS] > 0; SV_MISSING = "-" */
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
	sv budget;           /* minor units (as of the simulated clock) */
	struct drow *daily;    /* ndays rows, index d - adv.first_day */
	struct drow *full_today; /* ads: today's whole day, split into hours */
	struct drow *scen_hours; /* ads hit by a scenario: 24 rows of the scenario day */
	int scen;              /* campaigns: index in o.scen of the scenario aimed at it, or -1 */
	sv budget_before;      /* budget_slow target: budget before the scenario hour */
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
	int local_secs;    /* seconds since local midnight of the sim's now */
	int hours_today;   /* hours of local today served (ended hour_latency_min ago) */
	int scen_day;      /* local date of --now: the day the scenarios play on */
	int scen_secs;     /* seconds since local midnight of --now */
	int first_day, ndays; /* history: [first_day, local_today]; today is partial */
	struct entity *ent[L_N];
	int nent[L_N];
	int *order[L_N];   /* entity indexes sorted by id */
	sv balance;
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
	double visible_at; /* replies created while running: sim_elapsed() when listed */
};

struct video {
	char id[24];
	time_t create_time;
	const char *caption;
	struct comment *c;
	int nc, capc;
};

struct fault_spec;

/* an account token handed out (access or refresh) */
struct token {
	char tok[128];
	time_t expires;      /* simulated clock */
	bool used;           /* refresh tokens: refused after one use */
};

struct world {
	struct sim_opts o;
	time_t now;          /* the simulated clock: --now + advanced seconds */
	long advanced;       /* seconds added by /__sim/advance */
	struct timespec t0;  /* CLOCK_MONOTONIC at start */
	pthread_rwlock_t mk; /* marketing data: read by handlers, rebuilt by advance */
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
	/* account tokens (sim_accounts.c) */
	struct token *access, *refresh;
	int naccess, nrefresh, token_seq;
	/* --business-qpm: per /business/ route, times (sim_elapsed) of the last
	 * o.business_qpm accepted requests */
	double *qpm_ring;
	int *qpm_pos;
};

/* seconds since start on the monotonic clock plus the advanced seconds: the
 * clock of reply visibility and per-minute limits */
double sim_elapsed(struct world *w);
/* Moves the simulated clock (caller holds no lock): rebuilds the marketing
 * data and rewrites the truth. */
int sim_advance(struct world *w, long seconds);
/* tokens (sim_accounts.c); caller holds w->lock */
int sim_tokens_init(struct world *w);
void sim_tokens_free(struct world *w);
/* 0, 40102 (expired) or 40105 (unknown) for an account token */
int sim_account_token_check(struct world *w, const char *tok);
bool sim_is_account_token(struct world *w, const char *tok);
/* 0 or 40100 when route slot k is over --business-qpm (takes w->lock) */
int sim_business_qpm(struct world *w, int k, int nroutes);

void sim_make_id(struct world *w, int kind, char *out);

int sim_world_build(struct world *w);
int sim_market_build(struct world *w);   /* advertisers and their data */
void sim_market_free(struct world *w);
void sim_world_free(struct world *w);

/* Canonical served text of metric m of row r (stored and derived); returns
 * false for "-". buf >= 32 bytes. */
bool sim_metric_str(const struct drow *r, int m, int dec, char *buf);
/* The 24 hourly rows of entity e of level lev on `day` (out[24], zeroed rows
 * for hours without delivery); for local today only hours < a->hours_today
 * are filled. Parents are sums of their ads (reach: see sim_hours.c). */
void sim_hours(const struct world *w, const struct adv *a, const struct entity *e, int day,
	       struct drow *out);
/* today's served rows of every ad = the sum of its served hours (sim_hours.c) */
void sim_today_partial(const struct world *w, struct adv *a);
/* reach of a part of a day: the day's reach scaled by its share of impressions */
sv sim_part_reach(sv reach, sv impr_part, sv impr);
/* hourly split of one ad's whole-day row into 24 rows (sim_hours.c) */
void sim_split_day(const struct world *w, const struct entity *e, int day,
		   const struct drow *whole, struct drow *out);
uint64_t sim_str_key(const char *s);
/* scenarios (sim_scenario.c): choose targets and rewrite their ads' hours of
 * the scenario day; called by the generator before aggregation */
int sim_scenarios_apply(struct world *w, struct adv *a);
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
typedef struct json_t json_t;
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
/* request arguments (sim_util.c): 0, or 40002 with msg set */
struct adv *sim_find_adv(struct world *w, const char *id);
int sim_int_arg(const struct req *r, const char *name, long dflt, long lo, long hi, long *out,
		char *msg, size_t msgsz);
/* JSON argument; *out is NULL when absent. type: 'a' array, 'o' object. */
int sim_json_arg(const struct req *r, const char *name, int type, json_t **out, char *msg,
		 size_t msgsz);
int sim_strings_only(json_t *a, const char *name, char *msg, size_t msgsz);
bool sim_str_in(json_t *arr, const char *s);
void sim_put_money(struct sb *b, sv v, int dec);
extern const char sim_ad_text[];

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
struct comment *sim_add_comment(struct video *v);
void sim_set_user(struct world *w, struct comment *c, uint64_t h);
int sim_check_business(struct req *r, const char *bid, char *msg, size_t msgsz);
struct video *sim_find_video(struct world *w, const char *id);
int sim_find_comment(const struct video *v, const char *id);
/* POST bodies (sim_util.c): a JSON object, or 40002 */
int sim_parse_body(struct req *r, json_t **out, char *msg, size_t msgsz);
const char *sim_bstr(json_t *b, const char *k);
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
