/* Regression (soak finding): with [api] parallel = 1, http_run() started the
 * next request only after a 200 ms poll timeout, because a finished transfer
 * did not wake the loop: every request cost >= 200 ms whatever the QPS. A tiny
 * local HTTP server answers at once; 20 requests one at a time must take far
 * less than 20 x 200 ms. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/http.h"

struct server {
	int fd, port, answers;
	pthread_t th;
};

static void *serve(void *arg)
{
	struct server *s = arg;
	static const char ans[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				  "Content-Length: 2\r\nConnection: close\r\n\r\n{}";

	for (int i = 0; i < s->answers; i++) {
		char buf[4096];
		size_t got = 0;
		int c = accept(s->fd, NULL, NULL);
		if (c < 0)
			break;
		while (got < sizeof(buf) - 1) {
			ssize_t n = read(c, buf + got, sizeof(buf) - 1 - got);
			if (n <= 0)
				break;
			got += (size_t)n;
			buf[got] = '\0';
			if (strstr(buf, "\r\n\r\n"))
				break;
		}
		if (write(c, ans, sizeof(ans) - 1) < 0)
			break;
		close(c);
	}
	return NULL;
}

static void server_start(struct server *s, int answers)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);

	s->answers = answers;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(s->fd, 64), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &len), 0);
	s->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&s->th, NULL, serve, s), 0);
}

static void server_stop(struct server *s)
{
	pthread_join(s->th, NULL);
	close(s->fd);
}

static int done_count;

static enum http_verdict on_done(struct http *h, struct http_req *r, const struct http_res *res)
{
	(void)h;
	(void)r;
	assert_int_equal(res->status, 200);
	done_count++;
	return HTTP_DONE;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_n(int parallel, int n)
{
	struct http_opts o = { 1000, parallel, 5000, 0, 10, 100 };
	struct server s;
	struct http *h;
	char url[64];
	double t0, secs;

	server_start(&s, n);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x", s.port);
	h = http_new(&o);
	done_count = 0;
	for (int i = 0; i < n; i++)
		http_submit(h, http_req_new(url, NULL, NULL, on_done, NULL));
	t0 = now_s();
	assert_int_equal(http_run(h), 0);
	secs = now_s() - t0;
	http_free(h);
	server_stop(&s);
	assert_int_equal(done_count, n);
	/* before the fix: n x 0.2 s = 4 s; now a few ms (1 s leaves room for valgrind) */
	if (secs > 1.0)
		fail_msg("%d requests with parallel = %d took %.2f s", n, parallel, secs);
}

static void one_at_a_time_is_not_paced_by_the_poll_timeout(void **st)
{
	(void)st;
	run_n(1, 20);
}

static void two_at_a_time(void **st)
{
	(void)st;
	run_n(2, 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_at_a_time_is_not_paced_by_the_poll_timeout),
		cmocka_unit_test(two_at_a_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
