/* Unit tests for etl/mail.c on a fake report: the MIME message (RFC 2047
 * subject, attachments base64 round-trip byte-equal), the loopback and address
 * rules, a failed send. No network. (The text: test_mail_text.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "etl/config.h"
#include "helper_fake.h"
#include "exporters/kpi.h"
#include "etl/mail.h"

static void cfg(struct config *c)
{
	static char *to[] = { "owner@shop.example", "phone@shop.example" };
	memset(c, 0, sizeof(*c));
	c->mail_to.v = to;
	c->mail_to.n = 2;
	c->timeout_ms = 5000;
}

static int b64val(int ch)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = ch ? strchr(t, ch) : NULL;
	return p ? (int)(p - t) : -1;
}

/* Decode base64 lines from p up to the next "\r\n--" boundary. */
static unsigned char *unbase64(const char *p, size_t *n)
{
	const char *end = strstr(p, "\r\n--");
	unsigned char *out = malloc((size_t)(end - p));
	unsigned acc = 0;
	int bits = 0;

	*n = 0;
	for (; p < end; p++) {
		int v = b64val(*p);
		if (v < 0)
			continue; /* CRLF, '=' padding */
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[(*n)++] = (unsigned char)(acc >> bits);
		}
	}
	return out;
}

static void message_round_trip(void **st)
{
	struct report *r = fake_report(2, 1, 1, 3);
	struct config c;
	struct err e = { 0 };
	char path[2][256], dir[] = "/tmp/ttmail.XXXXXX";
	const char *files[2] = { path[0], path[1] };
	unsigned char data[2][3001];
	size_t len;
	char *m;
	(void)st;

	cfg(&c);
	assert_non_null(mkdtemp(dir));
	for (int f = 0; f < 2; f++) {
		FILE *fp;
		snprintf(path[f], sizeof(path[f]), "%s/ttreport_2026-11-17_2026-11-19.%s", dir, f ? "xlsx" : "pdf");
		for (int i = 0; i < 3000 + f; i++) /* every byte value, lengths 0 and 1 mod 3 */
			data[f][i] = (unsigned char)(i * 7 + f);
		fp = fopen(path[f], "wb");
		fwrite(data[f], 1, 3000 + (size_t)f, fp);
		fclose(fp);
	}
	m = mail_compose(&c, r, "reports@shop.example", files, 2, &len, &e);
	assert_non_null(m);
	assert_int_equal(strlen(m), len);
	assert_true(strncmp(m, "From: ttreport <reports@shop.example>\r\nTo: owner@shop.example,\r\n phone@shop.example\r\n", 80) == 0);
	assert_non_null(strstr(m, "\r\nSubject: =?UTF-8?B?"));
	assert_non_null(strstr(m, "\r\nDate: Fri, 20 Nov 2026 06:00:00 +0000\r\n"));
	assert_non_null(strstr(m, "\r\nMIME-Version: 1.0\r\n"));
	/* no bare LF anywhere, no line longer than 998 */
	for (size_t i = 0, col = 0; i < len; i++, col++) {
		if (m[i] == '\n') {
			assert_true(i > 0 && m[i - 1] == '\r');
			col = 0;
		}
		assert_true(col < 998);
	}
	for (int f = 0; f < 2; f++) {
		char hdr[200];
		const char *p;
		unsigned char *got;
		size_t n;
		snprintf(hdr, sizeof(hdr), "Content-Disposition: attachment; filename=\"ttreport_2026-11-17_2026-11-19.%s\"\r\n\r\n",
			 f ? "xlsx" : "pdf");
		p = strstr(m, hdr);
		assert_non_null(p);
		got = unbase64(p + strlen(hdr), &n);
		assert_int_equal(n, 3000 + (size_t)f);
		assert_memory_equal(got, data[f], n);
		free(got);
	}
	assert_non_null(strstr(m, "Content-Type: application/pdf\r\n"));
	assert_non_null(strstr(m, "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"));
	free(m);

	/* a missing file: EXIT_OUTPUT naming it */
	unlink(path[1]);
	assert_null(mail_compose(&c, r, "reports@shop.example", files, 2, &len, &e));
	assert_int_equal(e.code, EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, path[1]));
	unlink(path[0]);
	rmdir(dir);
	report_free(r);
}

static void loopback_and_addresses(void **st)
{
	(void)st;
	assert_true(mail_host_is_loopback("127.0.0.1"));
	assert_true(mail_host_is_loopback("127.8.9.10"));
	assert_true(mail_host_is_loopback("localhost"));
	assert_true(mail_host_is_loopback("LOCALHOST"));
	assert_true(mail_host_is_loopback("::1"));
	assert_true(mail_host_is_loopback("[::1]"));
	assert_false(mail_host_is_loopback("127.0.0.1.evil.example"));
	assert_false(mail_host_is_loopback("127.0.0"));
	assert_false(mail_host_is_loopback("128.0.0.1"));
	assert_false(mail_host_is_loopback("smtp.example.com"));
	assert_false(mail_host_is_loopback("localhost.evil.example"));
	assert_false(mail_host_is_loopback(NULL));
	assert_true(mail_addr_ok("a@b.example"));
	assert_false(mail_addr_ok("a@b.example>\r\nRCPT TO:<x@y"));
	assert_false(mail_addr_ok("Name <a@b.example>"));
	assert_false(mail_addr_ok("no-at-sign"));
	assert_false(mail_addr_ok("@b.example"));
	assert_false(mail_addr_ok("a@"));
}

static void send_failure_is_exit_5(void **st)
{
	struct report *r = fake_report(1, 1, 1, 3);
	struct config c;
	struct err e = { 0 };
	(void)st;

	cfg(&c);
	c.smtp_url = "ftp://127.0.0.1/";
	assert_int_equal(mail_send(&c, r, NULL, 0, &e), EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, "not smtp or smtps"));
	/* nothing listens on port 1 */
	c.smtp_url = "smtp://127.0.0.1:1";
	c.mail_from = "reports@shop.example";
	assert_int_equal(mail_send(&c, r, NULL, 0, &e), EXIT_OUTPUT);
	assert_non_null(strstr(e.msg, "smtp://127.0.0.1:1"));
	/* credentials in the URL never reach the message */
	c.smtp_url = "smtp://user:hunter2@127.0.0.1:1";
	assert_int_equal(mail_send(&c, r, NULL, 0, &e), EXIT_OUTPUT);
	assert_null(strstr(e.msg, "hunter2"));
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message_round_trip),
		cmocka_unit_test(loopback_and_addresses),
		cmocka_unit_test(send_failure_is_exit_5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
