/* pdf_comments.c: the PDF's comments page and its warnings. The page counts
 * the decisions per category and action, then lists the complaints waiting
 * for the owner: the video's caption (shortened) as a tappable link to the
 * video (its share_url), how long ago the comment was made and the rule that
 * flagged it. Never the comment's text or author: the owner opens the video. */
#include <stdio.h>
#include <string.h>

#include "exporters/pdf_parts.h"
#include "exporters/words.h"

#define COMPLAINTS_MAX 200
#define LINK_BLUE ((struct rgb){ 0.05, 0.35, 0.75 })

static void draw_counts(struct pdf *p, const struct triage_summary *t)
{
	const double cw = (CONTENT_W - 78) / (ACT_COUNT + 1);
	char b[24];
	size_t col[ACT_COUNT + 1] = { 0 };

	pdf_need(p, 20 * (CAT_COUNT + 2));
	for (int c = 0; c <= ACT_COUNT; c++)
		/* TRANSLATORS: row and column of sums in the comment counts */
		pdf_label(p, MARGIN + 78 + cw * (c + 1), p->y - 10, 9, GRAY, AL_RIGHT,
			  c < ACT_COUNT ? _(action_name((enum action)c)) : _("total"));
	p->y -= 14;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
	for (int r = 0; r <= CAT_COUNT; r++) {
		size_t sum = 0;
		pdf_label(p, MARGIN, p->y - 14, 10.5, r < CAT_COUNT ? INK : GRAY, AL_LEFT,
			  r < CAT_COUNT ? _(category_name((enum category)r)) : _("total"));
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
	char t[200];

	/* TRANSLATORS: a table title on its next page */
	snprintf(t, sizeof(t), cont ? _("%s (continued)") : "%s", _("Complaints waiting for you"));
	pdf_title(p, t, 40);
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.8, GRAY);
}

/* One complaint: the caption (linked), then "3 hours ago · why". */
static void complaint_row(struct pdf *p, const struct action_rec *ac)
{
	struct shape_lines l;
	char cap[200], why[300];
	const char *caption = ac->video_caption;
	double w, top;

	if (!caption || !*caption) {
		/* TRANSLATORS: a video without a caption: its id */
		snprintf(cap, sizeof(cap), _("video %s"), ac->video_id ? ac->video_id : "-");
		caption = cap;
	}
	pdf_wrap(p, caption, SHAPE_AUTO, 11, CONTENT_W, 1, &l);
	top = p->y;
	p->y -= 6;
	pdf_put(p, pdf_line_x(p, &l, 0, MARGIN, 11), p->y - 11, 11, ac->video_url ? LINK_BLUE : INK,
		AL_LEFT, l.line[0]);
	w = pdf_text_w(p, l.line[0], 11);
	if (ac->video_url) { /* the caption's own box, on the side it is drawn */
		pdf_hline(p, MARGIN, MARGIN + w, p->y - 13, 0.5, LINK_BLUE); /* mirrored with the text */
		pdf_link(p, MARGIN, p->y - 15, CONTENT_W, top - p->y + 15, ac->video_url);
	}
	p->y -= 15;
	words_complaint_line(ac->rule, ac->comment_time, p->r->made, why, sizeof(why));
	pdf_para(p, MARGIN, 9.5, 13, GRAY, CONTENT_W, 2, pdf_dir(p), why);
	p->y -= 4;
	pdf_hline(p, MARGIN, PAGE_W - MARGIN, p->y, 0.4, RULE);
}

static void complaints(struct pdf *p, const struct triage_summary *t, size_t ncompl)
{
	char line[200];
	size_t shown = 0;

	complaints_head(p, false);
	if (!ncompl) {
		pdf_note(p, _("No complaints."));
		return;
	}
	for (size_t i = 0; i < t->nacts && shown < COMPLAINTS_MAX; i++) {
		const struct action_rec *ac = &t->acts[i];
		if (!waiting(ac))
			continue;
		if (pdf_need(p, 48))
			complaints_head(p, true);
		complaint_row(p, ac);
		shown++;
	}
	if (shown < ncompl) {
		snprintf(line, sizeof(line), _("%zu more in the action log."), ncompl - shown);
		pdf_note(p, line);
	}
}

void pdf_draw_comments(struct pdf *p)
{
	const struct triage_summary *t = &p->r->triage;
	size_t ncompl = 0, nerr = 0, nsent = 0;
	bool apply = false;
	char line[400];

	pdf_new_page(p);
	pdf_title(p, _("Comments on your videos"), 0);
	for (size_t i = 0; i < t->nacts; i++) {
		apply |= t->acts[i].apply;
		nerr += t->acts[i].result == RES_ERROR;
		nsent += t->acts[i].apply && t->acts[i].result == RES_OK &&
			 (t->acts[i].act == ACT_REPLY || t->acts[i].act == ACT_HIDE);
		ncompl += waiting(&t->acts[i]);
	}
	snprintf(line, sizeof(line), ngettext("%zu comment decided.", "%zu comments decided.",
					      (unsigned long)t->nacts), t->nacts);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), " %s",
		 !apply ? _("Dry run: nothing was sent or hidden.") :
		 nsent ? _("Replies were sent and comments hidden.") : /* with --apply, every write can fail */
		 nerr ? _("No reply or hide went through.") : _("Nothing needed a reply or a hide."));
	pdf_para(p, MARGIN, 10.5, 14, GRAY, CONTENT_W, 3, pdf_dir(p), line);
	snprintf(line, sizeof(line), ngettext("%zu left alone as uncertain: not sure enough to reply or hide.",
					      "%zu left alone as uncertain: not sure enough to reply or hide.",
					      (unsigned long)triage_uncertain(t)),
		 triage_uncertain(t));
	pdf_para(p, MARGIN, 10.5, 14, GRAY, CONTENT_W, 2, pdf_dir(p), line);
	if (nerr) {
		snprintf(line, sizeof(line), ngettext("%zu action failed: see the action log.",
						      "%zu actions failed: see the action log.", (unsigned long)nerr),
			 nerr);
		pdf_para(p, MARGIN, 10.5, 14, BAD, CONTENT_W, 2, pdf_dir(p), line);
	}
	p->y -= 6;
	draw_counts(p, t);
	complaints(p, t, ncompl);
}

void pdf_draw_warnings(struct pdf *p)
{
	if (p->r->nwarn)
		pdf_title(p, _("Warnings"), 40);
	for (size_t i = 0; i < p->r->nwarn; i++) /* technical text: its own direction */
		pdf_callout_line(p, 1, SHAPE_AUTO, p->r->warnings[i]);
	/* no failure: triage off, a refresh token to save or soon expired */
	if (p->r->nnotes)
		pdf_title(p, _("Notes"), 40);
	for (size_t i = 0; i < p->r->nnotes; i++)
		pdf_callout_line(p, 0, SHAPE_AUTO, p->r->notes[i]);
}
