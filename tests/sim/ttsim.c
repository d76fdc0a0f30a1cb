/* ttsim.c: options, the HTTP server (libmicrohttpd, a thread per connection),
 * routing, tokens, the rate limiter, fault injection, latency and the request
 * log. main() owns the world and frees it after the daemon has stopped. */
#include "ttsim.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define API_ROOT "/open_api/v1.3/"
#define MAX_BODY (1 << 20)

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

int main(int argc, char **argv)
{
	struct world w;
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	sigset_t set;
	int sig, rc = 1;
	char msg[256];

	memset(&w, 0, sizeof(w));
	if (sim_parse_opts(argc, argv, &w.o))
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
