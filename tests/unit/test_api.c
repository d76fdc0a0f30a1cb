/* Unit tests for core/api.c: the table of return codes and the one verdict
 * every caller switches on (transport errors, HTTP statuses, bodies, codes),
 * and api_call never re-sending a POST whose outcome is unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/api.h"

static enum api_verdict transfer(bool post, int tries, int max, long status, bool terr, bool cc)
{
	struct http_res res = { status, "", 0, terr, cc, terr ? "timeout" : NULL };
	struct api_answer a = { &res, post, tries, max, API_UNPARSED, 0 };
	return api_judge(&a);
}

static enum api_verdict body(bool post, int tries, int max, int norm, long code)
{
	struct http_res res = { 200, "", 0, false, false, NULL };
	struct api_answer a = { &res, post, tries, max, norm, code };
	return api_judge(&a);
}

static void code_table(void **st)
{
	(void)st;
	assert_int_equal(api_classify(0), API_OK);
	assert_int_equal(api_classify(40100), API_RETRY);
	assert_int_equal(api_classify(61000), API_RETRY);
	assert_int_equal(api_classify(50001), API_RETRY);
	assert_int_equal(api_classify(52999), API_RETRY); /* 51000..53999 */
	assert_int_equal(api_classify(54000), API_FAIL);
	assert_int_equal(api_classify(40102), API_AUTH);
	assert_int_equal(api_classify(40130), API_PERM);
	assert_int_equal(api_classify(40067), API_TOO_LARGE);
	assert_int_equal(api_classify(40007), API_FAIL);
	assert_true(api_code_not_done(40100));
	assert_true(api_code_not_done(40133));
	assert_true(api_code_not_done(60001));
	assert_false(api_code_not_done(50000)); /* a server fault: maybe done */
	assert_false(api_code_not_done(40202));
	assert_false(api_code_not_done(0));
}

static void verdict_codes(void **st)
{
	(void)st;
	assert_int_equal(body(false, 1, 3, NORM_OK, 0), AV_OK);
	assert_int_equal(body(false, 1, 3, NORM_API, 40100), AV_RETRY);
	assert_int_equal(body(false, 3, 3, NORM_API, 40100), AV_NOT_DONE);
	assert_int_equal(body(false, 1, 3, NORM_API, 50000), AV_RETRY);
	assert_int_equal(body(false, 3, 3, NORM_API, 50000), AV_UNKNOWN);
	assert_int_equal(body(false, 1, 3, NORM_API, 40105), AV_AUTH);
	assert_int_equal(body(false, 1, 3, NORM_API, 40001), AV_PERM);
	assert_int_equal(body(false, 1, 3, NORM_API, 40067), AV_TOO_LARGE);
	assert_int_equal(body(false, 1, 3, NORM_API, 40007), AV_FAIL);
	assert_int_equal(body(false, 1, 3, NORM_BAD_JSON, -1), AV_RETRY);
	assert_int_equal(body(false, 3, 3, NORM_BAD_JSON, -1), AV_UNKNOWN);
	assert_int_equal(body(false, 1, 3, NORM_BAD_DATA, 0), AV_FAIL);
	/* writes: a rate limit is retried, a server fault or a cut answer is not */
	assert_int_equal(body(true, 1, 3, NORM_API, 40133), AV_RETRY);
	assert_int_equal(body(true, 1, 3, NORM_API, 50002), AV_UNKNOWN);
	assert_int_equal(body(true, 1, 3, NORM_API, 51021), AV_UNKNOWN);
	assert_int_equal(body(true, 1, 3, NORM_BAD_JSON, -1), AV_UNKNOWN);
	assert_int_equal(body(true, 1, 3, NORM_BAD_DATA, 0), AV_UNKNOWN);
	assert_int_equal(body(true, 1, 0, NORM_API, 40100), AV_NOT_DONE); /* judge only */
}

static void verdict_transport(void **st)
{
	(void)st;
	assert_int_equal(transfer(false, 1, 5, 200, false, false), AV_OK);
	assert_int_equal(transfer(false, 1, 5, 0, true, false), AV_RETRY);
	assert_int_equal(transfer(false, 5, 5, 0, true, false), AV_UNKNOWN);
	/* nothing listens: at most 3 tries */
	assert_int_equal(transfer(false, 2, 5, 0, true, true), AV_RETRY);
	assert_int_equal(transfer(false, 3, 5, 0, true, true), AV_NOT_DONE);
	assert_int_equal(transfer(false, 1, 5, 429, false, false), AV_RETRY);
	assert_int_equal(transfer(false, 1, 5, 503, false, false), AV_RETRY);
	assert_int_equal(transfer(false, 5, 5, 503, false, false), AV_UNKNOWN);
	assert_int_equal(transfer(false, 1, 5, 404, false, false), AV_FAIL);
	assert_int_equal(transfer(false, 1, 5, 400, false, false), AV_FAIL);
}

static void verdict_post_unknown_never_retried(void **st)
{
	(void)st;
	for (int tries = 1; tries <= 3; tries++) {
		assert_int_equal(transfer(true, tries, 8, 0, true, false), AV_UNKNOWN);  /* timeout */
		assert_int_equal(transfer(true, tries, 8, 500, false, false), AV_UNKNOWN);
		assert_int_equal(transfer(true, tries, 8, 502, false, false), AV_UNKNOWN);
	}
	/* certainly not done: retried */
	assert_int_equal(transfer(true, 1, 8, 0, true, true), AV_RETRY);
	assert_int_equal(transfer(true, 1, 8, 429, false, false), AV_RETRY);
	assert_int_equal(transfer(true, 8, 8, 429, false, false), AV_NOT_DONE);
}

/* A server on 127.0.0.1 that answers every connection with HTTP 500 and
 * writes one byte to *count_fd per connection. Returns its port. */
static int serve_500(pid_t *pid, int *count_fd)
{
	struct sockaddr_in sa = { 0 };
	socklen_t sl = sizeof(sa);
	int s = socket(AF_INET, SOCK_STREAM, 0), p[2];

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(s, 16), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &sl), 0);
	assert_int_equal(pipe(p), 0);
	*pid = fork();
	assert_true(*pid >= 0);
	if (*pid == 0) {
		static const char ans[] = "HTTP/1.1 500 Internal Server Error\r\n"
					  "Content-Length: 0\r\nConnection: close\r\n\r\n";
		char buf[4096];
		alarm(20); /* bounded */
		for (int i = 0; i < 32; i++) {
			int c = accept(s, NULL, NULL);
			if (c < 0)
				_exit(1);
			if (write(p[1], "x", 1) != 1)
				_exit(1);
			if (read(c, buf, sizeof(buf)) < 0)
				_exit(1);
			if (write(c, ans, sizeof(ans) - 1) < 0)
				_exit(1);
			close(c);
		}
		_exit(0);
	}
	close(s);
	close(p[1]);
	*count_fd = p[0];
	return ntohs(sa.sin_port);
}

static int calls_made(const char *json_body)
{
	struct http_opts ho = { 1000, 1, 5000, 1 << 20, 1, 2, NULL, NULL };
	struct api_status ast;
	struct err e = { 0 };
	char url[64], *ans = NULL, buf[64];
	pid_t pid;
	int fd, port = serve_500(&pid, &fd), rc, n;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x/", port);
	rc = api_call(&ho, 4, url, json_body, NULL, &ans, NULL, &ast, &e);
	assert_int_equal(rc, EXIT_API);
	assert_null(ans);
	if (json_body)
		assert_non_null(strstr(e.msg, "outcome of this POST is unknown"));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	n = (int)read(fd, buf, sizeof(buf));
	close(fd);
	return n;
}

static void api_call_post_unknown_not_resent(void **st)
{
	(void)st;
	assert_int_equal(calls_made("{\"a\":1}"), 1);
	assert_int_equal(calls_made(NULL), 4); /* a GET is retried */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(code_table),
		cmocka_unit_test(verdict_codes),
		cmocka_unit_test(verdict_transport),
		cmocka_unit_test(verdict_post_unknown_never_retried),
		cmocka_unit_test(api_call_post_unknown_not_resent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
