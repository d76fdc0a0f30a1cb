#include "etl/mail.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "exporters/mail_text.h"

#define MAX_ATTACH (64u << 20) /* per file: mail servers refuse far less */

/* ---- encodings ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of s, in lines of 76 characters ending in CRLF (when wrap). */
static void put_base64(struct strbuf *b, const unsigned char *s, size_t n, bool wrap)
{
	char line[80];
	size_t o = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		line[o++] = b64[(v >> 18) & 63];
		line[o++] = b64[(v >> 12) & 63];
		line[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		line[o++] = i + 2 < n ? b64[v & 63] : '=';
		if (wrap && o == 76) {
			line[o++] = '\r';
			line[o++] = '\n';
			strbuf_add(b, line, o);
			o = 0;
		}
	}
	if (o && wrap) {
		line[o++] = '\r';
		line[o++] = '\n';
	}
	strbuf_add(b, line, o);
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == '\r' || *s == '\n')
			return false;
	return true;
}

/* A header value: as is when printable ASCII, else RFC 2047 encoded words of at
 * most 45 bytes each (whole UTF-8 characters), folded onto continuation lines. */
static void put_header_text(struct strbuf *b, const char *s)
{
	size_t n = strlen(s), i = 0;

	if (is_ascii(s)) {
		strbuf_puts(b, s);
		return;
	}
	while (i < n) {
		size_t k = n - i > 45 ? 45 : n - i;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		if (i)
			strbuf_puts(b, "\r\n ");
		strbuf_puts(b, "=?UTF-8?B?");
		put_base64(b, (const unsigned char *)s + i, k, false);
		strbuf_puts(b, "?=");
		i += k;
	}
}

/* ---- the message ---- */

static const char *mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".pdf"))
		return "application/pdf";
	if (!strcmp(dot, ".xlsx"))
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	if (!strcmp(dot, ".csv"))
		return "text/csv";
	if (!strcmp(dot, ".jsonl"))
		return "application/x-ndjson";
	return "application/octet-stream";
}

static int read_file(const char *path, unsigned char **out, size_t *len, struct err *e)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	unsigned char *buf;

	if (!fp)
		return errf(e, EXIT_OUTPUT, "mail: %s: %s", path, strerror(errno));
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		return errf(e, EXIT_OUTPUT, "mail: %s: not a regular file", path);
	}
	if ((size_t)st.st_size > MAX_ATTACH) {
		fclose(fp);
		return errf(e, EXIT_OUTPUT, "mail: %s: too large to attach (%lld bytes)", path,
			    (long long)st.st_size);
	}
	buf = xmalloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp) || *len != (size_t)st.st_size) {
		fclose(fp);
		free(buf);
		return errf(e, EXIT_OUTPUT, "mail: %s: cannot read", path);
	}
	fclose(fp);
	*out = buf;
	return 0;
}

/* Header value for a file name: quoted ASCII, or RFC 2231 for anything else. */
static void put_filename(struct strbuf *b, const char *name)
{
	bool plain = is_ascii(name) && !strpbrk(name, "\"\\");

	if (plain) {
		strbuf_printf(b, "filename=\"%s\"", name);
		return;
	}
	strbuf_puts(b, "filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			strbuf_add(b, (const char *)p, 1);
		else
			strbuf_printf(b, "%%%02X", *p);
	}
}

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static void rfc5322_date(time_t t, char *buf, size_t n)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
		 months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static const char *domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');
	return at && at[1] ? at + 1 : "localhost";
}

char *mail_compose(const struct config *c, const struct report *r, const char *from,
		   const char *const *files, size_t nfiles, size_t *len, struct err *e)
{
	char *subject = mail_subject(r), *msg;
	char *body = mail_body(&(struct mail_text_opts){ c->min_spend, c->apply }, r, files, nfiles);

	msg = mail_compose_text(c, r, from, subject, body, files, nfiles, len, e);
	free(subject);
	free(body);
	return msg;
}

char *mail_compose_text(const struct config *c, const struct report *r, const char *from,
			const char *subject, const char *body, const char *const *files, size_t nfiles,
			size_t *len, struct err *e)
{
	struct strbuf b = { 0 }, text = { 0 };
	char date[64], boundary[64];
	time_t now = time(NULL);

	snprintf(boundary, sizeof(boundary), "=_ttreport_%08lx%08lx", (unsigned long)now,
		 (unsigned long)getpid() * 2654435761ul & 0xfffffffful);
	rfc5322_date(r->made ? r->made : now, date, sizeof(date));
	strbuf_printf(&b, "From: ttreport <%s>\r\n", from);
	strbuf_puts(&b, "To: ");
	for (size_t i = 0; i < c->mail_to.n; i++)
		strbuf_printf(&b, "%s%s", i ? ",\r\n " : "", c->mail_to.v[i]);
	strbuf_puts(&b, "\r\nSubject: ");
	put_header_text(&b, subject);
	strbuf_printf(&b, "\r\nDate: %s\r\n", date);
	strbuf_printf(&b, "Message-ID: <ttreport.%lld.%ld@%s>\r\n", (long long)now, (long)getpid(),
		  domain_of(from));
	strbuf_puts(&b, "MIME-Version: 1.0\r\nUser-Agent: ttreport\r\n");
	strbuf_printf(&b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
	strbuf_puts(&b, "This is a MIME message: the report is attached.\r\n");

	/* the text, CRLF line ends */
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			strbuf_add(&text, "\r", 1);
		strbuf_add(&text, p, 1);
	}
	strbuf_printf(&b, "\r\n--%s\r\n", boundary);
	strbuf_puts(&b, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	put_base64(&b, (const unsigned char *)text.s, text.n, true);
	strbuf_release(&text);

	for (size_t i = 0; i < nfiles; i++) {
		unsigned char *data = NULL;
		size_t n = 0;
		const char *name = mail_file_name(files[i]);
		if (read_file(files[i], &data, &n, e)) {
			strbuf_release(&b);
			return NULL;
		}
		strbuf_printf(&b, "\r\n--%s\r\n", boundary);
		strbuf_printf(&b, "Content-Type: %s\r\n", mime_type(name));
		strbuf_puts(&b, "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; ");
		put_filename(&b, name);
		strbuf_puts(&b, "\r\n\r\n");
		put_base64(&b, data, n, true);
		free(data);
	}
	strbuf_printf(&b, "\r\n--%s--\r\n", boundary);
	*len = b.n;
	return strbuf_take(&b);
}

/* ---- SMTP ---- */

bool mail_host_is_loopback(const char *host)
{
	size_t n;

	if (!host)
		return false;
	n = strlen(host);
	if (!strcasecmp(host, "localhost") || !strcasecmp(host, "localhost.") || !strcmp(host, "::1") ||
	    !strcmp(host, "[::1]"))
		return true;
	if (strncmp(host, "127.", 4) != 0)
		return false;
	/* a dotted quad in 127.0.0.0/8 */
	{
		int parts = 2; /* "127." and the next one */
		for (size_t i = 4; i < n; i++) {
			if (host[i] == '.')
				parts++;
			else if (host[i] < '0' || host[i] > '9')
				return false;
		}
		return parts == 4 && host[n - 1] != '.';
	}
}

bool mail_addr_ok(const char *addr)
{
	const char *at = addr ? strchr(addr, '@') : NULL;

	if (!at || at == addr || !at[1] || strchr(at + 1, '@'))
		return false;
	for (const char *p = addr; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\\\"", *p))
			return false;
	return true;
}

struct upload {
	const char *data;
	size_t len, off;
	char last_reply[200]; /* the server's last answer line, preferring errors */
};

static size_t on_read(char *buf, size_t size, size_t nitems, void *ud)
{
	struct upload *u = ud;
	size_t n = size * nitems, left = u->len - u->off;

	if (n > left)
		n = left;
	memcpy(buf, u->data + u->off, n);
	u->off += n;
	return n;
}

/* Keep the server's answers (never what we send: AUTH carries the password). */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *ud)
{
	struct upload *u = ud;
	const char *line = data, *end = data + size;

	(void)h;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	/* a multi-line answer: keep its last line */
	for (const char *p = data; p < end; p++)
		if (*p == '\n' && p + 1 < end)
			line = p + 1;
	if (u->last_reply[0] == '4' || u->last_reply[0] == '5') {
		if (*line != '4' && *line != '5')
			return 0; /* keep the first refusal */
	}
	size_t n = (size_t)(end - line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n >= sizeof(u->last_reply))
		n = sizeof(u->last_reply) - 1;
	memcpy(u->last_reply, line, n);
	u->last_reply[n] = '\0';
	return 0;
}

/* scheme://host:port of the URL, without any user or password; and its host. */
static int smtp_target(const char *url, char *shown, size_t n, bool *smtps, bool *loopback,
		       struct err *e)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int rc = 0;

	if (!u)
		return errf(e, EXIT_OUTPUT, "mail: out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		rc = errf(e, EXIT_OUTPUT, "mail: the SMTP URL is not a URL (mail.smtp_url / TTREPORT_SMTP_URL)");
		goto out;
	}
	curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	if (strcmp(scheme, "smtp") && strcmp(scheme, "smtps")) {
		rc = errf(e, EXIT_OUTPUT, "mail: SMTP URL scheme '%s' is not smtp or smtps", scheme);
		goto out;
	}
	*smtps = strcmp(scheme, "smtps") == 0;
	*loopback = mail_host_is_loopback(host);
	snprintf(shown, n, "%s://%s%s%s", scheme, host, port ? ":" : "", port ? port : "");
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

static void default_from(char *buf, size_t n)
{
	char host[256];

	if (gethostname(host, sizeof(host)) != 0 || !host[0])
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(buf, n, "ttreport@%s", host);
}

/* The checks before composing: a server, plain addresses, a password for a
 * user. Sets the sender (from), the URL as shown (no password) and its kind. */
static int mail_check(const struct config *c, char *from, size_t nfrom, char *shown, size_t nshown,
		      bool *smtps, bool *loopback, struct err *e)
{
	int rc;

	if (!c->smtp_url)
		return errf(e, EXIT_OUTPUT, "mail: no SMTP server: set mail.smtp_url or TTREPORT_SMTP_URL");
	if ((rc = smtp_target(c->smtp_url, shown, nshown, smtps, loopback, e)))
		return rc;
	if (c->mail_from)
		snprintf(from, nfrom, "%s", c->mail_from);
	else
		default_from(from, nfrom);
	if (!mail_addr_ok(from))
		return errf(e, EXIT_OUTPUT, "mail: sender '%s' is not a plain address", from);
	for (size_t i = 0; i < c->mail_to.n; i++)
		if (!mail_addr_ok(c->mail_to.v[i]))
			return errf(e, EXIT_OUTPUT, "mail: recipient '%s' is not a plain address", c->mail_to.v[i]);
	if (c->smtp_user && !c->smtp_password)
		return errf(e, EXIT_OUTPUT, "mail: mail.smtp_user is set but TTREPORT_SMTP_PASSWORD is not");
	return 0;
}

/* The SMTP transfer of up's message: TLS as the URL requires, the server's
 * answers kept in up->last_reply. */
static void smtp_setopts(CURL *h, const struct config *c, bool tls, const char *fromarg,
			 struct curl_slist *rcpt, struct upload *up, char *errbuf)
{
	curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* smtps is TLS from the start; smtp must upgrade with STARTTLS unless on loopback */
	if (tls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->smtp_user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, fromarg);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(h, CURLOPT_READDATA, up);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up->len);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 15000L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms > 0 ? c->timeout_ms * 2 : 120000L);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, up);
}

int mail_send(const struct config *c, const struct report *r, const char *const *files,
	      size_t nfiles, struct err *e)
{
	char *subject = mail_subject(r);
	char *body = mail_body(&(struct mail_text_opts){ c->min_spend, c->apply }, r, files, nfiles);
	int rc = mail_send_text(c, r, subject, body, files, nfiles, e);

	free(subject);
	free(body);
	return rc;
}

int mail_send_text(const struct config *c, const struct report *r, const char *subject,
		   const char *body, const char *const *files, size_t nfiles, struct err *e)
{
	char from[320], shown[300], errbuf[CURL_ERROR_SIZE] = "", fromarg[330];
	struct upload up = { 0 };
	struct curl_slist *rcpt = NULL;
	bool smtps = false, loopback = false;
	CURL *h;
	CURLcode cc;
	long code = 0;
	char *msg;
	size_t len;
	int rc;

	if (!c->mail_to.n)
		return 0;
	if ((rc = mail_check(c, from, sizeof(from), shown, sizeof(shown), &smtps, &loopback, e)))
		return rc;
	if (!(msg = mail_compose_text(c, r, from, subject, body, files, nfiles, &len, e)))
		return e->code;
	up.data = msg;
	up.len = len;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!(h = curl_easy_init())) {
		free(msg);
		return errf(e, EXIT_OUTPUT, "mail: curl_easy_init failed");
	}
	snprintf(fromarg, sizeof(fromarg), "<%s>", from);
	for (size_t i = 0; i < c->mail_to.n; i++) {
		char to[330];
		snprintf(to, sizeof(to), "<%s>", c->mail_to.v[i]);
		rcpt = curl_slist_append(rcpt, to);
	}
	smtp_setopts(h, c, !smtps && !loopback, fromarg, rcpt, &up, errbuf);

	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK) {
		const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(cc);
		if (up.last_reply[0] == '4' || up.last_reply[0] == '5')
			rc = errf(e, EXIT_OUTPUT, "mail via %s failed: %s (SMTP %ld: %s)", shown, detail, code,
				  up.last_reply);
		else if (code)
			rc = errf(e, EXIT_OUTPUT, "mail via %s failed: %s (SMTP %ld)", shown, detail, code);
		else
			rc = errf(e, EXIT_OUTPUT, "mail via %s failed: %s", shown, detail);
	} else {
		log_info("mailed %zu file(s) to %zu recipient(s) via %s", nfiles, c->mail_to.n, shown);
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	curl_global_cleanup();
	free(msg);
	return rc;
}
