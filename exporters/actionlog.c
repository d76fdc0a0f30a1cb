#include "exporters/actionlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exporters/exporter.h"
#include "core/envelope.h"

/* A JSON string (or null when s is NULL), escaped by the JSON library. */
static void put_str(FILE *f, const char *key, const char *s, int last)
{
	char *q = s ? json_quote(s) : NULL;

	fprintf(f, "\"%s\":%s%s", key, q ? q : "null", last ? "" : ",");
	free(q);
}

int actionlog_write_line(FILE *f, const struct action_rec *a)
{
	char when[32];
	struct tm tm;

	gmtime_r(&a->time, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
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
	put_str(f, "error", a->error, 1);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

int actionlog_write(const struct report *r, const char *path, struct err *e)
{
	struct atomic_file af;
	FILE *f;
	int bad = 0;

	if (atomic_open(&af, path, EXPORT_MODE, e))
		return e->code;
	if (!(f = atomic_stream(&af))) {
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: out of memory", path);
	}
	for (size_t i = 0; i < r->triage.nacts && !bad; i++)
		bad = actionlog_write_line(f, &r->triage.acts[i]);
	if (bad) {
		int saved = errno;
		atomic_abort(&af);
		return errf(e, EXIT_OUTPUT, "%s: %s", path, strerror(saved ? saved : EIO));
	}
	return atomic_commit(&af, e);
}
