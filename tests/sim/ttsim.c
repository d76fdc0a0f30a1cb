/* ttsim.c: options, the HTTP server (libmicrohttpd, a thread per connection),
 * routing, tokens, the rate limiter, fault injection, latency and the request
 * log. main() owns the world and frees it after the daemon has stopped. */
#include "ttsim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define API_ROOT "/open_api/v1.3/"
#define MAX_BODY (1 << 20)

static const char usage[] =
	"usage: ttsim [--port N] [--seed S] [--today YYYY-MM-DD]\n"
	"             [--advertisers N] [--campaigns N] [--adgroups N] [--ads N]\n"
	"             [--videos N] [--comments N] [--days N] [--epoch DATE]\n"
	"             [--token T] [--account-token T] [--business-id ID]\n"
	"             [--app-id ID] [--app-secret S] [--refresh-token T]\n"
	"             [--qps N] [--latency-ms N] [--faults SPEC] [--truth FILE] [--log FILE]\n"
	"             [--now YYYY-MM-DDTHH:MM:SSZ] [--account-token-ttl S] [--business-qpm N]\n"
	"             [--reply-visible-ms N] [--hour-latency-min N] [--scenario NAME@HOUR]...\n"
	"\n"
	"A local stand-in for the TikTok API for Business v1.3, serving deterministic data\n"
	"generated from --seed and --today at http://127.0.0.1:PORT/open_api/v1.3/.\n"
	"Prints 'listening on 127.0.0.1:PORT' first; serves until SIGTERM or SIGINT.\n"
	"\n"
	"  --port N            port on 127.0.0.1 (default 0: any free port)\n"
	"  --seed S            data seed (default 1)\n"
	"  --today DATE        the simulator's clock is DATE at 06:00:00 UTC (default: the\n"
	"                      current UTC date). Each advertiser's local today is the local\n"
	"                      date of that instant in its timezone; data exists only for\n"
	"                      local days before it. ttreport must be run with\n"
	"                      TTREPORT_NOW=<today>T06:00:00Z to see the same clock.\n"
	"  --now INSTANT       the simulated clock, YYYY-MM-DDTHH:MM:SSZ (default: --today at\n"
	"                      06:00:00Z; --today becomes its UTC date). It stands still;\n"
	"                      only POST /__sim/advance moves it (see below).\n"
	"  --days N            history length in days (default 400)\n"
	"  --epoch DATE        creations and deletions are fixed days around DATE (default\n"
	"                      2026-11-18; the latest deletion is on DATE), so a day's data\n"
	"                      does not depend on --today except for settling: conversions,\n"
	"                      purchases and their value of the last 2 local days grow to\n"
	"                      80% and 93% and are final from day 3. With --today before\n"
	"                      DATE + 2, the layout moves to --today - 2.\n"
	"  --advertisers N     advertisers (default 3; they cycle MAD Africa/Casablanca,\n"
	"                      EUR Europe/Paris, USD Etc/GMT+8)\n"
	"  --campaigns N       campaigns per advertiser (default 4)\n"
	"  --adgroups N        ad groups per campaign (default 2)\n"
	"  --ads N             ads per ad group (default 3)\n"
	"  --videos N          videos of the business (default 5)\n"
	"  --comments N        top-level comments per video (default 20)\n"
	"  --token T           Marketing API token (default sim-token)\n"
	"  --account-token T   TikTok account token for /business/ (default sim-account-token)\n"
	"  --business-id ID    the account's business_id / open_id (default sim-business)\n"
	"  --app-id ID, --app-secret S\n"
	"                      app credentials for the token endpoints (default sim-app-id,\n"
	"                      sim-app-secret); the auth code is always sim-auth-code\n"
	"  --refresh-token T   account refresh token (default sim-refresh-token)\n"
	"  --account-token-ttl S\n"
	"                      account access tokens expire S seconds (simulated clock) after\n"
	"                      they were handed out; /business/ calls then answer 40102\n"
	"                      (default 86400). tt_user/oauth2/refresh_token/ hands out a new\n"
	"                      access token and a new refresh token; a used refresh token\n"
	"                      answers 40107, an expired one 40103; refresh_token_expires_in\n"
	"                      counts down from one year\n"
	"  --business-qpm N    at most N requests per endpoint of /business/ in any sliding\n"
	"                      minute (40100 past it; default 0: no limit)\n"
	"  --reply-visible-ms N\n"
	"                      a reply created while running is listed (reply/list,\n"
	"                      include_replies, the replies count) only N ms later\n"
	"  --hour-latency-min N\n"
	"                      hourly rows of local today are served for hours that ended\n"
	"                      at least N minutes before the clock (default 10); today's\n"
	"                      daily row is the sum of those hours\n"
	"  --scenario NAME@HOUR\n"
	"                      from local HOUR of the day of --now, in every advertiser:\n"
	"                      spend_no_conv, cpa_spike, budget_fast, budget_slow or\n"
	"                      tracking_gone (repeatable; see tests/sim/README.md)\n"
	"  --qps N             answer code 40100 past N requests in any one second\n"
	"  --latency-ms N      delay every answer by N ms\n"
	"  --faults SPEC       KIND:RATE,... with KIND one of 40100 40133 50000 50002 (error\n"
	"                      envelopes), 504 (HTTP 504, HTML body), drop (close without an\n"
	"                      answer), trunc (JSON cut in half), slow (2 s late), dropafter\n"
	"                      (POST writes: apply, then drop), 40067 (report windows wider\n"
	"                      than 7 days). Deterministic from the seed and request counter.\n"
	"  --truth FILE        write the ground truth as JSON (rewritten when a period\n"
	"                      report is served for a new window)\n"
	"  --log FILE          one JSON line per request\n"
	"\n"
	"Both business/video/list/ and business/videos/list/ answer (same handler).\n"
	"Test control: POST /__sim/advance with {\"seconds\":N} moves the clock N seconds\n"
	"forward (the data of the new local days appears, the truth is rewritten);\n"
	"GET /__sim/clock answers the clock. Neither needs a token.\n";

enum auth { AUTH_NONE, AUTH_MKT, AUTH_ACC };

static const struct route {
	const char *path, *method;
	enum auth auth;
	handler_fn fn;
	bool write, report;
} routes[] = {
	{ "oauth2/advertiser/get/", "GET", AUTH_MKT, h_oauth_advertiser_get, false, false },
	{ "advertiser/info/", "GET", AUTH_MKT, h_advertiser_info, false, false },
	{ "campaign/get/", "GET", AUTH_MKT, h_campaign_get, false, false },
	{ "adgroup/get/", "GET", AUTH_MKT, h_adgroup_get, false, false },
	{ "ad/get/", "GET", AUTH_MKT, h_ad_get, false, false },
	{ "report/integrated/get/", "GET", AUTH_MKT, h_report, false, true },
	{ "business/video/list/", "GET", AUTH_ACC, h_video_list, false, false },
	{ "business/videos/list/", "GET", AUTH_ACC, h_video_list, false, false },
	{ "business/comment/list/", "GET", AUTH_ACC, h_comment_list, false, false },
	{ "business/comment/reply/list/", "GET", AUTH_ACC, h_reply_list, false, false },
	{ "business/comment/reply/create/", "POST", AUTH_ACC, h_reply_create, true, false },
	{ "business/comment/hide/", "POST", AUTH_ACC, h_comment_hide, true, false },
	{ "business/comment/delete/", "POST", AUTH_ACC, h_comment_delete, true, false },
	{ "tt_user/oauth2/refresh_token/", "POST", AUTH_NONE, h_tt_refresh, false, false },
	{ "tt_user/oauth2/token/", "POST", AUTH_NONE, h_tt_token, false, false },
	{ "oauth2/access_token/", "POST", AUTH_NONE, h_access_token, false, false },
};

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

struct conn_ctx {
	struct sb body;
	bool too_big;
};

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct req *r = cls;
	(void)kind;
	if (!key)
		return MHD_YES;
	r->q = realloc(r->q, sizeof(*r->q) * (size_t)(r->nq + 1));
	if (!r->q)
		abort();
	r->q[r->nq].k = strdup(key);
	r->q[r->nq].v = strdup(value ? value : "");
	r->nq++;
	return MHD_YES;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (ms > 0 && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* true when the request is over the --qps budget of the last second */
static bool qps_reject(struct world *w)
{
	struct timespec now;
	bool reject = false;

	if (w->o.qps <= 0)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&w->lock);
	struct timespec *old = &w->qps_ring[w->qps_pos];
	long long dt = (long long)(now.tv_sec - old->tv_sec) * 1000000000LL + (now.tv_nsec - old->tv_nsec);
	if ((old->tv_sec || old->tv_nsec) && dt < 1000000000LL) {
		reject = true;
	} else {
		*old = now;
		w->qps_pos = (w->qps_pos + 1) % w->o.qps;
	}
	pthread_mutex_unlock(&w->lock);
	return reject;
}

static json_t *jstr_safe(const char *s)
{
	json_t *j = json_string(s);
	return j ? j : json_string("<invalid utf-8>");
}

static void write_log(struct world *w, uint64_t seq, const char *method, const char *url,
		      const struct req *r, const struct conn_ctx *cx, int code, enum fault_kind fk)
{
	json_t *o, *q;
	char *line;

	if (!w->log)
		return;
	q = json_object();
	for (int i = 0; r && i < r->nq; i++)
		if (!json_object_get(q, r->q[i].k))
			json_object_set_new(q, r->q[i].k, jstr_safe(r->q[i].v));
	o = json_object();
	json_object_set_new(o, "seq", json_integer((json_int_t)seq));
	json_object_set_new(o, "method", json_string(method));
	json_object_set_new(o, "path", jstr_safe(url));
	json_object_set_new(o, "query", q);
	if (cx && cx->body.len) {
		json_t *b = json_stringn(cx->body.p, cx->body.len);
		json_object_set_new(o, "body", b ? b : json_string("<invalid utf-8>"));
	} else {
		json_object_set_new(o, "body", json_null());
	}
	json_object_set_new(o, "code", code < 0 ? json_null() : json_integer(code));
	json_object_set_new(o, "fault", fk == F_NONE ? json_null() : json_string(fault_name(fk)));
	line = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	pthread_mutex_lock(&log_lock);
	fprintf(w->log, "%s\n", line);
	fflush(w->log);
	pthread_mutex_unlock(&log_lock);
	free(line);
}

static enum MHD_Result send_text(struct MHD_Connection *conn, unsigned status, const char *ctype,
				 const char *text, size_t len, const char *reqid)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", ctype);
	if (reqid)
		MHD_add_response_header(resp, "X-Tt-Logid", reqid);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static const char *fault_message(enum fault_kind k)
{
	switch (k) {
	case F_40100: return "Requests made too frequently";
	case F_40133: return "Advertiser's QPS reaches QPS limit of the path, please retry later";
	case F_50000: return "System error";
	case F_50002: return "System timeout, please try again later";
	default: return "";
	}
}

static int fault_code(enum fault_kind k)
{
	return k == F_40100 ? 40100 : k == F_40133 ? 40133 : k == F_50000 ? 50000 : 50002;
}

static void free_req(struct req *r)
{
	for (int i = 0; i < r->nq; i++)
		free(r->q[i].k), free(r->q[i].v);
	free(r->q);
}

/* the token check of an authenticated route: 0 or an error code with msg */
static int auth_check(struct world *w, struct MHD_Connection *conn, const struct route *rt,
		      char *msg, size_t msgsz)
{
	const char *tok = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Access-Token");
	int rc;

	if (!tok || !*tok)
		return set_msg(msg, msgsz, 40104, "Access token is null, you should set it in http "
			       "header with key Access-Token");
	if (rt->auth == AUTH_MKT) {
		if (!strcmp(tok, w->o.token))
			return 0;
		if (sim_is_account_token(w, tok))
			return set_msg(msg, msgsz, 40105, "Access token is incorrect: this is a TikTok "
				       "account token; the Marketing API needs an advertiser access token");
		return set_msg(msg, msgsz, 40105, "Access token is incorrect or has been revoked");
	}
	if (!strcmp(tok, w->o.token))
		return set_msg(msg, msgsz, 40105, "Access token is incorrect: this is an advertiser "
			       "(Marketing API) token; /business/ endpoints need a TikTok account token");
	if ((rc = sim_account_token_check(w, tok)) == 40102)
		return set_msg(msg, msgsz, 40102, "Access token expired; refresh it with "
			       "tt_user/oauth2/refresh_token/");
	if (rc)
		return set_msg(msg, msgsz, 40105, "Access token is incorrect or has been revoked");
	if (sim_business_qpm(w, (int)(rt - routes), (int)(sizeof(routes) / sizeof(routes[0]))))
		return set_msg(msg, msgsz, 40100, "Requests made too frequently: over %d requests "
			       "per minute for this endpoint and account", w->o.business_qpm);
	return 0;
}

static void request_id(struct world *w, uint64_t seq, char *reqid, size_t n)
{
	struct tm tm;
	time_t now;

	pthread_mutex_lock(&w->lock);
	now = w->now;
	pthread_mutex_unlock(&w->lock);
	gmtime_r(&now, &tm);
	snprintf(reqid, n, "%04d%02d%02d%02d%02d%02d%010llu%04X", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned long long)seq,
		 (unsigned)(h4(w->o.seed, seq, 0x1d, 0) & 0xffff));
}

static enum MHD_Result answer_json(struct MHD_Connection *conn, struct req *r,
				   struct sb *data, int code, const char *msg, const char *reqid,
				   bool trunc)
{
	struct sb out = { 0 };
	enum MHD_Result ret;

	sb_printf(&out, "{\"code\":%d,\"message\":", code);
	sb_jstr(&out, code ? msg : "OK");
	sb_printf(&out, ",\"request_id\":\"%s\",\"data\":", reqid);
	if (code == 0 && data->len)
		sb_add(&out, data->p, data->len);
	else
		sb_puts(&out, "{}");
	sb_puts(&out, "}");
	ret = send_text(conn, 200, "application/json; charset=utf-8", out.p,
			trunc ? out.len / 2 : out.len, reqid);
	free_req(r);
	sb_free(data);
	sb_free(&out);
	return ret;
}

/* POST /__sim/advance {"seconds":N} and GET /__sim/clock (no token) */
static enum MHD_Result sim_control(struct world *w, struct MHD_Connection *conn, const char *url,
				   const char *method, struct conn_ctx *cx, uint64_t seq)
{
	struct req r = { .w = w, .method = method, .body = cx->body.p, .body_len = cx->body.len };
	struct sb data = { 0 };
	char msg[256] = "", reqid[48], now[32];
	int code = 0;
	json_t *b = NULL;

	request_id(w, seq, reqid, sizeof(reqid));
	if (!strcmp(url, "/__sim/advance") && !strcmp(method, "POST")) {
		json_t *sec;
		if (!(code = sim_parse_body(&r, &b, msg, sizeof(msg)))) {
			sec = json_object_get(b, "seconds");
			if (!json_is_integer(sec) || json_integer_value(sec) < 0 ||
			    json_integer_value(sec) > 3650L * 86400)
				code = set_msg(msg, sizeof(msg), 40002, "seconds: a whole number of seconds "
					       "in [0, 315360000]");
			else if (sim_advance(w, (long)json_integer_value(sec)))
				code = set_msg(msg, sizeof(msg), 50000, "could not rebuild the data");
		}
		json_decref(b);
	} else if (strcmp(url, "/__sim/clock") || strcmp(method, "GET")) {
		return send_text(conn, 404, "text/plain; charset=utf-8", "404 page not found", 18, NULL);
	}
	pthread_mutex_lock(&w->lock);
	struct tm tm;
	gmtime_r(&w->now, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_printf(&data, "{\"now\":\"%s\",\"advanced_seconds\":%ld}", now, w->advanced);
	pthread_mutex_unlock(&w->lock);
	write_log(w, seq, method, url, &r, cx, code, F_NONE);
	return answer_json(conn, &r, &data, code, msg, reqid, false);
}

/* a fault drawn before the handler: answered (or dropped) here; returns
 * true when the request is finished and *ret is set */
static bool early_fault(struct world *w, struct MHD_Connection *conn, const char *method,
			const char *url, struct req *r, struct conn_ctx *cx, uint64_t seq,
			enum fault_kind fk, enum MHD_Result *ret)
{
	static const char html[] = "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n"
				   "<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n"
				   "</body>\r\n</html>\r\n";

	if (fk != F_504 && fk != F_DROP)
		return false;
	sleep_ms(w->o.latency_ms);
	write_log(w, seq, method, url, r, cx, fk == F_504 ? 504 : -1, fk);
	free_req(r);
	*ret = fk == F_504 ? send_text(conn, 504, "text/html", html, sizeof(html) - 1, NULL) : MHD_NO;
	return true;
}

static enum MHD_Result serve(struct world *w, struct MHD_Connection *conn, const char *url,
			     const char *method, struct conn_ctx *cx)
{
	const struct route *rt = NULL;
	struct req r = { .w = w, .method = method };
	struct sb data = { 0 };
	char msg[512] = "", reqid[48];
	enum fault_kind fk = F_NONE, logged = F_NONE;
	int code = 0;
	uint64_t seq;
	enum MHD_Result ret;

	pthread_mutex_lock(&w->lock);
	seq = ++w->req_seq;
	pthread_mutex_unlock(&w->lock);
	if (!strncmp(url, "/__sim/", 7))
		return sim_control(w, conn, url, method, cx, seq);
	request_id(w, seq, reqid, sizeof(reqid));
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &r);
	if (!strncmp(url, API_ROOT, strlen(API_ROOT)))
		for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
			if (!strcmp(url + strlen(API_ROOT), routes[i].path))
				rt = &routes[i];
	if (!rt || strcmp(method, rt->method)) {
		write_log(w, seq, method, url, &r, cx, rt ? 405 : 404, F_NONE);
		free_req(&r);
		return rt ? send_text(conn, 405, "text/plain; charset=utf-8", "405 method not allowed", 22, NULL)
			  : send_text(conn, 404, "text/plain; charset=utf-8", "404 page not found", 18, NULL);
	}
	r.route = rt->path;
	r.body = cx->body.p;
	r.body_len = cx->body.len;

	if (qps_reject(w)) {
		code = set_msg(msg, sizeof(msg), 40100, "Requests made too frequently");
		goto answer;
	}
	fk = faults_draw(w->faults, w->o.seed, seq);
	if (early_fault(w, conn, method, url, &r, cx, seq, fk, &ret))
		return ret;
	if (fk == F_40100 || fk == F_40133 || fk == F_50000 || fk == F_50002) {
		code = set_msg(msg, sizeof(msg), fault_code(fk), "%s", fault_message(fk));
		logged = fk;
		goto answer;
	}
	if (fk == F_SLOW)
		sleep_ms(2000);
	if (fk == F_SLOW || fk == F_TRUNC)
		logged = fk;
	r.want_40067 = fk == F_40067 && rt->report;
	if (rt->auth != AUTH_NONE && (code = auth_check(w, conn, rt, msg, sizeof(msg))))
		goto answer;
	if (cx->too_big) {
		code = set_msg(msg, sizeof(msg), 40002, "request body too large");
		goto answer;
	}
	pthread_rwlock_rdlock(&w->mk);
	code = rt->fn(&r, &data, msg, sizeof(msg));
	pthread_rwlock_unlock(&w->mk);
	if (r.fault_40067_hit)
		logged = F_40067;
	if (fk == F_DROPAFTER && rt->write && code == 0) {
		sleep_ms(w->o.latency_ms);
		write_log(w, seq, method, url, &r, cx, 0, F_DROPAFTER);
		free_req(&r);
		sb_free(&data);
		return MHD_NO;
	}
answer:
	sleep_ms(w->o.latency_ms);
	write_log(w, seq, method, url, &r, cx, code, logged);
	return answer_json(conn, &r, &data, code, msg, reqid, logged == F_TRUNC);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct conn_ctx *cx = *con_cls;
	(void)version;

	if (!cx) { /* first call: only set up (answering now would break keep-alive) */
		cx = calloc(1, sizeof(*cx));
		if (!cx)
			return MHD_NO;
		*con_cls = cx;
		return MHD_YES;
	}
	if (*upload_size) {
		if (cx->body.len + *upload_size > MAX_BODY)
			cx->too_big = true;
		else
			sb_add(&cx->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return serve(cls, conn, url, method, cx);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *cx = *con_cls;
	(void)cls, (void)conn, (void)toe;
	if (cx) {
		sb_free(&cx->body);
		free(cx);
		*con_cls = NULL;
	}
}

/* ---- options ---- */

static int num_opt(const char *name, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr, "ttsim: --%s: expected an integer in [%ld, %ld], got '%s'\n", name, lo,
			hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int str_opt(int c, const char *arg, struct sim_opts *o)
{
	char msg[256];

	switch (c) {
	case 'k': o->token = arg; break;
	case 'K': o->account_token = arg; break;
	case 'f': o->faults = arg; break;
	case 'T': o->truth = arg; break;
	case 'L': o->log = arg; break;
	case 'b': o->business_id = arg; break;
	case 'a': o->app_id = arg; break;
	case 'S': o->app_secret = arg; break;
	case 'r': o->refresh_token = arg; break;
	case 'e': o->eval = arg; break;
	case 'Z':
		if (o->nscen == 16) {
			fprintf(stderr, "ttsim: --scenario: at most 16\n");
			return -1;
		}
		if (scenario_parse(arg, &o->scen[o->nscen], msg, sizeof(msg))) {
			fprintf(stderr, "ttsim: %s\n", msg);
			return -1;
		}
		o->nscen++;
		break;
	default: return 1;
	}
	return 0;
}

static int time_opt(int c, const char *arg, struct sim_opts *o)
{
	char *end;

	switch (c) {
	case 's':
		errno = 0;
		o->seed = strtoull(arg, &end, 10);
		if (!*arg || *end || errno || *arg == '-') {
			fprintf(stderr, "ttsim: --seed: expected a non-negative integer\n");
			return -1;
		}
		return 0;
	case 't': case 'E':
		if (sim_date_parse(arg, c == 't' ? &o->today : &o->epoch)) {
			fprintf(stderr, "ttsim: --%s: expected YYYY-MM-DD, got '%s'\n",
				c == 't' ? "today" : "epoch", arg);
			return -1;
		}
		return 0;
	case 'N':
		if (sim_instant_parse(arg, &o->now)) {
			fprintf(stderr, "ttsim: --now: expected YYYY-MM-DDTHH:MM:SSZ, got '%s'\n", arg);
			return -1;
		}
		return 0;
	default: return 1;
	}
}

static int num_opt_c(int c, const char *name, const char *arg, struct sim_opts *o)
{
	static const struct { int c; long lo, hi; size_t off; bool is_long; } t[] = {
		{ 'p', 0, 65535, offsetof(struct sim_opts, port), false },
		{ 'A', 1, 1000, offsetof(struct sim_opts, n_adv), false },
		{ 'C', 1, 1000, offsetof(struct sim_opts, n_camp), false },
		{ 'G', 1, 1000, offsetof(struct sim_opts, n_adg), false },
		{ 'D', 1, 1000, offsetof(struct sim_opts, n_ads), false },
		{ 'V', 0, 1000, offsetof(struct sim_opts, n_videos), false },
		{ 'M', 0, 100000, offsetof(struct sim_opts, n_comments), false },
		{ 'q', 0, 1000000, offsetof(struct sim_opts, qps), false },
		{ 'l', 0, 600000, offsetof(struct sim_opts, latency_ms), false },
		{ 'd', 31, 3650, offsetof(struct sim_opts, days), false },
		{ 'Q', 0, 100000, offsetof(struct sim_opts, business_qpm), false },
		{ 'H', 0, 1440, offsetof(struct sim_opts, hour_latency_min), false },
		{ 'X', 1, 315360000, offsetof(struct sim_opts, account_ttl), true },
		{ 'R', 0, 3600000, offsetof(struct sim_opts, reply_visible_ms), true },
	};
	long v;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].c != c)
			continue;
		if (num_opt(name, arg, t[i].lo, t[i].hi, &v))
			return -1;
		if (t[i].is_long)
			*(long *)((char *)o + t[i].off) = v;
		else
			*(int *)((char *)o + t[i].off) = (int)v;
		return 0;
	}
	return 1;
}

static int check_opts(struct sim_opts *o, bool have_now)
{
	if (have_now)
		o->today = (int)(o->now / 86400);
	else
		o->now = (time_t)o->today * 86400 + 6 * 3600;
	if ((long long)o->n_adv * o->n_camp * o->n_adg * o->n_ads > 2000000) {
		fprintf(stderr, "ttsim: too many ads (advertisers * campaigns * adgroups * ads > 2000000)\n");
		return -1;
	}
	if (!strcmp(o->token, o->account_token)) {
		fprintf(stderr, "ttsim: --token and --account-token must differ\n");
		return -1;
	}
	return 0;
}

static int parse_opts(int argc, char **argv, struct sim_opts *o)
{
	static const struct option lo[] = {
		{ "port", 1, 0, 'p' }, { "seed", 1, 0, 's' }, { "today", 1, 0, 't' },
		{ "advertisers", 1, 0, 'A' }, { "campaigns", 1, 0, 'C' }, { "adgroups", 1, 0, 'G' },
		{ "ads", 1, 0, 'D' }, { "videos", 1, 0, 'V' }, { "comments", 1, 0, 'M' },
		{ "token", 1, 0, 'k' }, { "account-token", 1, 0, 'K' }, { "qps", 1, 0, 'q' },
		{ "latency-ms", 1, 0, 'l' }, { "faults", 1, 0, 'f' }, { "truth", 1, 0, 'T' },
		{ "log", 1, 0, 'L' }, { "days", 1, 0, 'd' }, { "business-id", 1, 0, 'b' },
		{ "app-id", 1, 0, 'a' }, { "app-secret", 1, 0, 'S' }, { "refresh-token", 1, 0, 'r' },
		{ "epoch", 1, 0, 'E' }, { "now", 1, 0, 'N' }, { "account-token-ttl", 1, 0, 'X' },
		{ "business-qpm", 1, 0, 'Q' }, { "reply-visible-ms", 1, 0, 'R' },
		{ "hour-latency-min", 1, 0, 'H' }, { "scenario", 1, 0, 'Z' },
		{ "eval-metrics", 1, 0, 'e' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 },
	};
	static struct scenario scen[16];
	bool have_now = false;
	int c, rc;

	*o = (struct sim_opts){
		.seed = 1, .today = (int)(time(NULL) / 86400), .days = 400, .n_adv = 3, .n_camp = 4,
		.n_adg = 2, .n_ads = 3, .n_videos = 5, .n_comments = 20, .token = "sim-token",
		.account_token = "sim-account-token", .business_id = "sim-business",
		.app_id = "sim-app-id", .app_secret = "sim-app-secret",
		.refresh_token = "sim-refresh-token", .epoch = sim_days(2026, 11, 18),
		.account_ttl = 86400, .hour_latency_min = 10, .scen = scen,
	};
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		const char *name = "";
		for (int i = 0; lo[i].name; i++)
			if (lo[i].val == c)
				name = lo[i].name;
		if (c == 'h') {
			fputs(usage, stdout);
			exit(0);
		}
		have_now |= c == 'N';
		if ((rc = num_opt_c(c, name, optarg, o)) == 1 && (rc = str_opt(c, optarg, o)) == 1 &&
		    (rc = time_opt(c, optarg, o)) == 1) {
			fputs(usage, stderr);
			return -1;
		}
		if (rc)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "ttsim: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return check_opts(o, have_now);
}

double sim_elapsed(struct world *w)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - w->t0.tv_sec) + (double)(t.tv_nsec - w->t0.tv_nsec) / 1e9 +
	       (double)w->advanced;
}

int sim_advance(struct world *w, long seconds)
{
	int rc;

	pthread_rwlock_wrlock(&w->mk);
	pthread_mutex_lock(&w->lock);
	w->now += seconds;
	w->advanced += seconds;
	sim_market_free(w);
	rc = sim_market_build(w);
	if (rc == 0)
		rc = sim_truth_write(w);
	pthread_mutex_unlock(&w->lock);
	pthread_rwlock_unlock(&w->mk);
	return rc;
}

int main(int argc, char **argv)
{
	struct world w;
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	sigset_t set;
	int sig, rc = 1;
	char msg[256];

	memset(&w, 0, sizeof(w));
	if (parse_opts(argc, argv, &w.o))
		return 1;
	if (w.o.eval)
		return sim_eval_metrics(w.o.eval, stdout) ? 1 : 0;
	pthread_mutex_init(&w.lock, NULL);
	pthread_rwlock_init(&w.mk, NULL);
	clock_gettime(CLOCK_MONOTONIC, &w.t0);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* threads inherit; main sigwaits */

	if (w.o.faults && faults_parse(w.o.faults, &w.faults, msg, sizeof(msg))) {
		fprintf(stderr, "ttsim: %s\n", msg);
		goto out;
	}
	if (w.o.qps > 0 && !(w.qps_ring = calloc((size_t)w.o.qps, sizeof(struct timespec))))
		goto out;
	if (w.o.log && !(w.log = fopen(w.o.log, "a"))) {
		fprintf(stderr, "ttsim: --log %s: %s\n", w.o.log, strerror(errno));
		goto out;
	}
	if (sim_world_build(&w) || sim_tokens_init(&w)) {
		fprintf(stderr, "ttsim: could not generate the data\n");
		goto out;
	}
	if (sim_truth_write(&w))
		goto out;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)w.o.port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
				     MHD_USE_POLL,
			     0, NULL, NULL, on_request, &w, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ttsim: cannot listen on 127.0.0.1:%d\n", w.o.port);
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on 127.0.0.1:%u\n", info ? (unsigned)info->port : (unsigned)w.o.port);
	fflush(stdout);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	rc = 0;
out:
	sim_world_free(&w);
	sim_tokens_free(&w);
	faults_free(w.faults);
	free(w.qps_ring);
	if (w.log)
		fclose(w.log);
	pthread_mutex_destroy(&w.lock);
	pthread_rwlock_destroy(&w.mk);
	return rc;
}
