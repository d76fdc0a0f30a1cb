/* pdf.c: the summary the store owner reads on a phone each morning.
 *
 * Page size: 360 x 640 pt, a 9:16 portrait page. A phone shows a page fitted to
 * its width; at ~360 CSS px wide, 1 pt here is about 1 px there, so 11-12 pt body
 * text reads like a phone app's text with no zooming or sideways panning. An A4
 * page shrunk to that width would put 11 pt text at ~6 px. One column only:
 * tables give each entry a name line (the full width, wrapped) and a line of
 * numbers under it, instead of many narrow columns.
 *
 * Structure, per advertiser (currencies are never added across advertisers):
 * header, callouts, KPI tiles, daily chart; then best / worst campaigns and ads.
 * After them a comments page when triage ran, and the report's warnings.
 * Page numbers "n / N" are written once all pages exist.
 *
 * Text: libharu draws the code points it gets left to right with the embedded
 * TTF (UTF-8 encoding, no shaping): every string goes through shape.c, which
 * joins and reorders Arabic and replaces what the font lacks. Wrapping and
 * shortening happen on the logical text, and each line is shaped on its own.
 *
 * Drawing primitives are in pdf_draw.c, the chart in pdf_chart.c, the ranked
 * lists in pdf_rank.c; this file draws the pages and writes the document.
 *
 * Errors: libharu calls pdf_error_handler for each error and later calls overwrite
 * HPDF_GetError(), so the handler keeps only the first code; it is what the
 * user sees (EXIT_OUTPUT). The file is saved under a temporary name and renamed
 * only when complete.
 *
 * Reproducible: CreationDate is the report's `made` time, no ModDate, so the
 * same report gives the same bytes (libharu 2.3.0 writes a document ID only
 * for encrypted files; none is written here). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exporters/kpi.h"
#include "exporters/pdf_parts.h"

#define CALLOUTS_SHOWN 4 /* callouts on page 1, then "N more" lines */
#define PER_KIND 2       /* campaign callouts of one kind before "N more" */
#define COMPLAINTS_MAX 200

/* ---- page 1: header ---- */

static void draw_header(struct pdf *p, const struct advertiser *a)
{
	char s[11], u[11], ps[11], pu[11], line[200], made[40];
	struct tm tm;
	time_t t = p->r->made;

	pdf_new_page(p);
	pdf_para(p, MARGIN, 21, 26, INK, CONTENT_W, 2, SHAPE_AUTO,
	     a->name && *a->name ? a->name : a->id);
	p->y -= 2;
	snprintf(line, sizeof(line), "%s \xe2\x86\x92 %s  (%d day%s)", date_format(a->win.since, s),
		 date_format(a->win.until, u), window_days(a->win), window_days(a->win) == 1 ? "" : "s");
	pdf_para(p, MARGIN, 12.5, 17, INK, CONTENT_W, 1, SHAPE_LTR, line);
	snprintf(line, sizeof(line), "vs %s \xe2\x86\x92 %s \xc2\xb7 %s \xc2\xb7 %s",
		 date_format(a->prev.since, ps), date_format(a->prev.until, pu),
		 a->timezone ? a->timezone : "?", a->currency ? a->currency : "?");
	pdf_para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, SHAPE_LTR, line);
	gmtime_r(&t, &tm);
	strftime(made, sizeof(made), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(line, sizeof(line), "account %s \xc2\xb7 made %s", a->id, made);
	pdf_para(p, MARGIN, 10, 14, GRAY, CONTENT_W, 2, SHAPE_LTR, line);
	p->y -= 4;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, RULE);
	p->y -= 4;
}

/* ---- callouts ---- */

static void callout_line(struct pdf *p, int severity, const char *text)
{
	struct shape_lines l;
	struct rgb c = severity >= 2 ? BAD : severity == 1 ? WARN : GRAY;

	pdf_wrap(p, text, SHAPE_LTR, 11, CONTENT_W - 16, 5, &l);
	pdf_need(p, 15.0 * l.n + 4);
	pdf_dot(p, MARGIN + 4, p->y - 7.5, 3.6, c);
	for (int i = 0; i < l.n; i++) {
		pdf_put(p, MARGIN + 16, p->y - 11, 11, INK, AL_LEFT, l.line[i]);
		p->y -= 15;
	}
	p->y -= 5;
}

static const char *more_text(enum callout_kind k)
{
	switch (k) {
	case CO_SPEND_NO_CONV:
		return "spent with no conversions";
	case CO_OVER_BUDGET:
		return "went over their daily budget";
	default:
		return "need a look";
	}
}

/* Only campaign callouts fold into "N more campaigns ..."; what is said of
 * the whole account (CPA, CTR, levels that do not add up, missing data) is
 * always shown. */
static bool per_campaign(enum callout_kind k)
{
	return k == CO_SPEND_NO_CONV || k == CO_OVER_BUDGET;
}

static void draw_callouts(struct pdf *p, const struct advertiser *a)
{
	struct callout co[64];
	int n = callouts_for(a, kpi_min_spend(a, p->o->min_spend), co, 64), per_kind[CO_PARTIAL + 1] = { 0 },
	    hidden[CO_PARTIAL + 1] = { 0 }, shown = 0, worst[CO_PARTIAL + 1] = { 0 };
	char line[160];

	pdf_title(p, "What to look at", 40);
	if (n == 0) {
		pdf_need(p, 20);
		pdf_dot(p, MARGIN + 4, p->y - 7.5, 3.6, GOOD);
		pdf_put(p, MARGIN + 16, p->y - 11, 11, INK, AL_LEFT, "Nothing unusual in these days.");
		p->y -= 20;
		return;
	}
	for (int i = 0; i < n; i++) {
		enum callout_kind k = co[i].kind;
		if (per_campaign(k) && (per_kind[k] >= PER_KIND || shown >= CALLOUTS_SHOWN)) {
			hidden[k]++;
			if (co[i].severity > worst[k])
				worst[k] = co[i].severity;
			continue;
		}
		per_kind[k]++;
		shown++;
		callout_line(p, co[i].severity, co[i].text);
	}
	for (int k = 0; k <= CO_PARTIAL; k++) {
		if (!hidden[k])
			continue;
		snprintf(line, sizeof(line), "%d more campaign%s %s.", hidden[k],
			 hidden[k] == 1 ? "" : "s", more_text((enum callout_kind)k));
		callout_line(p, worst[k], line);
	}
}

/* ---- KPI tiles ---- */

static void draw_tile(struct pdf *p, const struct advertiser *a, const struct kpi *k, double x,
		      double y, double w, double h)
{
	char val[64], chg[40], lab[64];
	struct rgb c = k->good > 0 ? GOOD : k->good < 0 ? BAD : GRAY;
	double size = 16;
	char t[40];
	bool zero; /* a change that rounds to "0 %" is shown grey, without an arrow */

	kpi_change_text(k, t, sizeof(t));
	zero = strcmp(t, "0 %") == 0;
	if (zero)
		c = GRAY;

	pdf_rect(p, x, y, w, h, TILE);
	if (k->has_change)
		pdf_rect(p, x, y, 3, h, c);
	snprintf(lab, sizeof(lab), "%s", metric_defs[k->m].label);
	if (k->m == M_CTR)
		snprintf(lab, sizeof(lab), "CTR");
	pdf_put(p, x + 9, y + h - 14, 9.5, GRAY, AL_LEFT, lab);
	if (k->has_change) {
		snprintf(chg, sizeof(chg), "%s%s", zero ? "" : k->change_pct > 0 ? "\xe2\x96\xb2 " : "\xe2\x96\xbc ", t);
		pdf_put(p, x + w - 7, y + h - 14, 9.5, c, AL_RIGHT, chg);
	}
	pdf_fmt_metric(a, k->m, k->cur, val, sizeof(val));
	while (size > 9 && pdf_text_w(p, val, size) > w - 16)
		size -= 0.5;
	pdf_put(p, x + 9, y + 10, size, INK, AL_LEFT, val);
}

static void draw_tiles(struct pdf *p, const struct advertiser *a)
{
	struct kpi k[KPI_MAX];
	int n = kpi_list(a, k, KPI_MAX);
	const double gap = 6, w = (CONTENT_W - gap) / 2, h = 42;
	char t[80];

	snprintf(t, sizeof(t), "Key figures, change vs the %d days before", window_days(a->prev));
	pdf_title(p, t, 100);
	for (int i = 0; i < n; i += 2) {
		pdf_need(p, h + gap);
		if (i + 1 == n) /* an odd last tile takes the whole row */
			draw_tile(p, a, &k[i], MARGIN, p->y - h, CONTENT_W, h);
		for (int j = i; j < i + 2 && j < n && i + 1 < n; j++)
			draw_tile(p, a, &k[j], MARGIN + (j - i) * (w + gap), p->y - h, w, h);
		p->y -= h + gap;
	}
}

static void draw_advertiser(struct pdf *p, const struct advertiser *a)
{
	draw_header(p, a);
	draw_callouts(p, a);
	draw_tiles(p, a);
	pdf_draw_chart(p, a);
	pdf_draw_rankings(p, a, LVL_CAMPAIGN);
	pdf_draw_rankings(p, a, LVL_AD);
}

/* ---- comments ---- */

static void draw_counts(struct pdf *p, const struct triage_summary *t)
{
	const double cw = (CONTENT_W - 78) / (ACT_COUNT + 1);
	char b[24];
	size_t col[ACT_COUNT + 1] = { 0 };

	pdf_need(p, 20 * (CAT_COUNT + 2));
	for (int c = 0; c <= ACT_COUNT; c++)
		pdf_put(p, MARGIN + 78 + cw * (c + 1), p->y - 10, 9, GRAY, AL_RIGHT,
		    c < ACT_COUNT ? action_name((enum action)c) : "total");
	p->y -= 14;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
	for (int r = 0; r <= CAT_COUNT; r++) {
		size_t sum = 0;
		pdf_put(p, MARGIN, p->y - 14, 10.5, r < CAT_COUNT ? INK : GRAY, AL_LEFT,
		    r < CAT_COUNT ? category_name((enum category)r) : "total");
		for (int c = 0; c <= ACT_COUNT; c++) {
			size_t v = r < CAT_COUNT ? (c < ACT_COUNT ? t->counts[r][c] : sum) : col[c];
			if (r < CAT_COUNT && c < ACT_COUNT) {
				sum += v;
				col[c] += v;
				col[ACT_COUNT] += v;
			}
			snprintf(b, sizeof(b), "%zu", v);
			pdf_put(p, MARGIN + 78 + cw * (c + 1), p->y - 14, 10.5, v ? INK : RULE, AL_RIGHT, b);
		}
		p->y -= 19;
		pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, r == CAT_COUNT - 1 ? 0.8 : 0.4,
		      r == CAT_COUNT - 1 ? GRAY : RULE);
	}
}

/* A complaint flagged for a human (not one skipped as already handled). */
static bool waiting(const struct action_rec *ac)
{
	return ac->cat == CAT_COMPLAINT && ac->act == ACT_FLAG;
}

static void complaints_head(struct pdf *p, bool cont)
{
	pdf_title(p, cont ? "Complaints waiting for you (continued)" : "Complaints waiting for you", 16 + 19);
	pdf_need(p, 16);
	pdf_put(p, MARGIN, p->y - 10, 9, GRAY, AL_LEFT, "video id");
	pdf_put(p, MARGIN + CONTENT_W / 2, p->y - 10, 9, GRAY, AL_LEFT, "comment id");
	p->y -= 14;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
}

static void draw_comments(struct pdf *p)
{
	const struct triage_summary *t = &p->r->triage;
	size_t ncompl = 0, nerr = 0, nsent = 0, shown = 0;
	bool apply = false;
	char line[160];

	pdf_new_page(p);
	pdf_title(p, "Comments on your videos", 0);
	for (size_t i = 0; i < t->nacts; i++) {
		apply |= t->acts[i].apply;
		nerr += t->acts[i].result == RES_ERROR;
		nsent += t->acts[i].apply && t->acts[i].result == RES_OK &&
			 (t->acts[i].act == ACT_REPLY || t->acts[i].act == ACT_HIDE);
		ncompl += waiting(&t->acts[i]);
	}
	/* say what happened: with --apply, every write can have failed */
	snprintf(line, sizeof(line), "%zu comment%s decided. %s", t->nacts, t->nacts == 1 ? "" : "s",
		 !apply ? "Dry run: nothing was sent or hidden." :
		 nsent ? "Replies were sent and comments hidden." :
		 nerr ? "No reply or hide went through." : "Nothing needed a reply or a hide.");
	pdf_para(p, MARGIN, 10.5, 14, GRAY, CONTENT_W, 3, SHAPE_LTR, line);
	if (nerr) {
		snprintf(line, sizeof(line), "%zu action%s failed: see the action log.", nerr,
			 nerr == 1 ? "" : "s");
		pdf_para(p, MARGIN, 10.5, 14, BAD, CONTENT_W, 2, SHAPE_LTR, line);
	}
	p->y -= 6;
	draw_counts(p, t);
	complaints_head(p, false);
	if (!ncompl) {
		pdf_note(p, "No complaints.");
		return;
	}
	for (size_t i = 0; i < t->nacts && shown < COMPLAINTS_MAX; i++) {
		const struct action_rec *ac = &t->acts[i];
		if (!waiting(ac))
			continue;
		if (pdf_need(p, 19))
			complaints_head(p, true);
		pdf_text1(p, MARGIN, p->y - 13, 10, INK, AL_LEFT, CONTENT_W / 2 - 6,
		      ac->video_id ? ac->video_id : "-");
		pdf_text1(p, MARGIN + CONTENT_W / 2, p->y - 13, 10, INK, AL_LEFT, CONTENT_W / 2,
		      ac->comment_id ? ac->comment_id : "-");
		p->y -= 19;
		pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.4, RULE);
		shown++;
	}
	if (shown < ncompl) {
		snprintf(line, sizeof(line), "%zu more in the action log.", ncompl - shown);
		pdf_note(p, line);
	}
}

static void draw_warnings(struct pdf *p)
{
	pdf_title(p, "Warnings", 40);
	for (size_t i = 0; i < p->r->nwarn; i++)
		callout_line(p, 1, p->r->warnings[i]);
}

/* ---- page numbers, document ---- */

static int pdf_write(const struct report *r, const struct export_opts *o, struct err *e)
{
	struct pdf p = { 0 };
	char path[4096], s[11], u[11], title[120], left[80];
	int rc = 0;

	p.r = r;
	p.o = o;
	report_path(r, o->outdir, "ttreport", NULL, "pdf", path, sizeof(path));
	date_format(r->span.since, s);
	date_format(r->span.until, u);
	snprintf(title, sizeof(title), "TikTok ads summary %s to %s", s, u);
	if ((rc = pdf_doc_open(&p, title, "TikTok ads: spend, results and comments", e)))
		goto out;
	for (size_t i = 0; i < r->nadv; i++)
		draw_advertiser(&p, &r->advs[i]);
	if (r->nadv == 0) {
		pdf_new_page(&p);
		pdf_title(&p, "No advertiser in this report", 0);
	}
	if (r->triage.ran)
		draw_comments(&p);
	if (r->nwarn)
		draw_warnings(&p);
	snprintf(left, sizeof(left), "ttreport \xc2\xb7 %s \xe2\x86\x92 %s", s, u);
	pdf_doc_footers(&p, left);
	rc = pdf_doc_save(&p, path, e);
out:
	pdf_doc_release(&p);
	return rc;
}

const struct exporter exporter_pdf = { "pdf", pdf_write };
