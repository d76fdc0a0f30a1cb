#include "helper_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct fixture_server {
	int fd, port;
	fixture_fn fn;
	void *ctx;
	pthread_t th;
	pthread_mutex_t lock;
	long hits;
	int stop;
};

char *fixture_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* %XX and + in the target, so answer functions can match plain text. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '%' && s[1] && s[2]) {
			char hex[3] = { s[1], s[2], 0 };
			*o++ = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			*o++ = *s == '+' ? ' ' : *s;
		}
	}
	*o = '\0';
}

static void write_all(int c, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(c, p, n);
		if (k <= 0)
			return;
		p += k;
		n -= (size_t)k;
	}
}

static void serve_one(struct fixture_server *s, int c)
{
	char buf[16384], method[16] = "", target[8192] = "", head[200];
	size_t got = 0;
	struct fixture_answer a = { 200, NULL, 0, 0 };

	while (got < sizeof(buf) - 1) {
		ssize_t n = read(c, buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		buf[got] = '\0';
		if (strstr(buf, "\r\n\r\n"))
			break;
	}
	buf[got] = '\0';
	if (sscanf(buf, "%15s %8191s", method, target) != 2)
		return;
	unescape(target);
	pthread_mutex_lock(&s->lock);
	s->hits++;
	pthread_mutex_unlock(&s->lock);
	s->fn(s->ctx, method, target, &a);
	if (!a.close_early) {
		size_t len = a.body ? (a.len ? a.len : strlen(a.body)) : 0;
		snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n", a.status ? a.status : 200, len);
		write_all(c, head, strlen(head));
		write_all(c, a.body ? a.body : "", len);
	}
	free(a.body);
}

static void *loop(void *arg)
{
	struct fixture_server *s = arg;

	for (;;) {
		int c = accept(s->fd, NULL, NULL);
		if (c < 0)
			break;
		if (__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) {
			close(c);
			break;
		}
		serve_one(s, c);
		close(c);
	}
	return NULL;
}

struct fixture_server *fixture_start(fixture_fn fn, void *ctx)
{
	struct fixture_server *s = calloc(1, sizeof(*s));
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);

	if (!s)
		abort();
	s->fn = fn;
	s->ctx = ctx;
	pthread_mutex_init(&s->lock, NULL);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&a, sizeof(a)) || listen(s->fd, 128) ||
	    getsockname(s->fd, (struct sockaddr *)&a, &len) || pthread_create(&s->th, NULL, loop, s))
		abort();
	s->port = ntohs(a.sin_port);
	return s;
}

int fixture_port(const struct fixture_server *s) { return s->port; }

char *fixture_base(const struct fixture_server *s, char *buf, size_t n)
{
	snprintf(buf, n, "http://127.0.0.1:%d/open_api/v1.3/", s->port);
	return buf;
}

long fixture_hits(const struct fixture_server *s)
{
	long n;

	pthread_mutex_lock((pthread_mutex_t *)&s->lock);
	n = s->hits;
	pthread_mutex_unlock((pthread_mutex_t *)&s->lock);
	return n;
}

void fixture_stop(struct fixture_server *s)
{
	struct sockaddr_in a = { 0 };
	int c = socket(AF_INET, SOCK_STREAM, 0);

	/* wake accept() with a connection of our own */
	__atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)s->port);
	if (c >= 0) {
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			shutdown(s->fd, SHUT_RDWR);
		close(c);
	}
	pthread_join(s->th, NULL);
	close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
