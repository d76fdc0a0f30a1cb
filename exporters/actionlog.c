#include "exporters/actionlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exporters/exporter.h"
#include "core/envelope.h"

/* A JSON string (or null when s is NULL), escaped by the JSON library. */
static void put_str(FILE *f, const char *key, const char *s, int last)
{
	char *q = s ? json_quote(s) : NULL;

	fprintf(f, "\"%s\":%s%s", key, q ? q : "null", last ? "" : ",");
	free(q);
}

int actionlog_write_line(FILE *f, const struct action_rec *a, const char *run_id, time_t start)
{
	char when[32], started[32];
	struct tm tm;
	char *id = json_quote(run_id ? run_id : "");

	gmtime_r(&a->time, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	gmtime_r(&start, &tm);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputc('{', f);
	put_str(f, "time", when, 0);
	put_str(f, "advertiser_or_business_id", a->owner_id, 0);
	put_str(f, "video_id", a->video_id, 0);
	put_str(f, "comment_id", a->comment_id, 0);
	put_str(f, "category", category_name(a->cat), 0);
	put_str(f, "rule", a->rule ? a->rule : "", 0);
	put_str(f, "lang", a->lang ? a->lang : "", 0);
	put_str(f, "action", action_name(a->act), 0);
	put_str(f, "mode", a->apply ? "apply" : "dry-run", 0);
	put_str(f, "result", actionlog_result(a->result), 0);
	put_str(f, "error", a->error, 0);
	fprintf(f, "\"run\":{\"id\":%s,\"start\":\"%s\"}}\n", id, started);
	free(id);
	return ferror(f) ? -1 : 0;
}

/* One line, one write(2) on an O_APPEND file: a crash leaves whole lines. */
static int append_line(int fd, const struct action_rec *a, const struct report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int bad = !m || actionlog_write_line(m, a, r->run_id, r->made);
	ssize_t w;

	if (m && fclose(m) != 0)
		bad = 1;
	if (!bad) {
		do
			w = write(fd, buf, len);
		while (w < 0 && errno == EINTR);
		bad = w != (ssize_t)len;
	}
	free(buf);
	return bad ? -1 : 0;
}

int actionlog_append(const struct report *r, const char *path, struct err *e)
{
	int fd, bad = 0, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, EXPORT_MODE);
	if (fd < 0)
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < r->triage.nacts && !bad; i++)
		bad = append_line(fd, &r->triage.acts[i], r);
	saved = errno;
	if (!bad && fsync(fd) != 0) {
		bad = 1;
		saved = errno;
	}
	if (close(fd) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad)
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(saved ? saved : EIO));
	return 0;
}
