/* mail_text.c: the words of the report mail: its subject and its plain-text
 * body (per advertiser the KPIs with their change and what to look at, the
 * comments handled, the warnings, the files attached), rendered from the report
 * and its KPIs. The transport (MIME, SMTP) is etl/mail.c. */
#include "exporters/mail_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "exporters/kpi.h"
#include "exporters/l10n.h"
#include "exporters/words.h"

#define COMPLAINTS_MAX 200 /* as in the PDF */
#define CAPTION_CHARS 60   /* a caption longer than this is shortened */

/* "18–20 Nov", "30 Oct–2 Nov", "30 Dec 2025–2 Jan 2026", "18 Nov" in the
 * labels' language; with_year adds the year to the end of a span within one year. */
static char *window_text(struct window w, bool with_year, char *buf, size_t n)
{
	return l10n_window(w, with_year, buf, n);
}

/* The value of a KPI for people, with the currency code for money. */
static char *kpi_value(const struct advertiser *a, enum metric m, mval v, char *buf, size_t n)
{
	if (v == MV_MISSING) {
		snprintf(buf, n, "-");
		return buf;
	}
	metric_format(m, v, a->decimals, true, buf, n);
	if (metric_defs[m].type == MT_MONEY && a->currency) {
		size_t k = strlen(buf);
		snprintf(buf + k, n - k, " %s", l10n_currency(a->currency));
	}
	return buf;
}

static bool has_data(const struct advertiser *a)
{
	return !a->failed && a->currency && a->nents[LVL_ADVERTISER] > 0;
}

char *mail_subject(const struct report *r)
{
	struct strbuf b = { 0 };
	const struct advertiser *first = NULL;
	size_t more = 0;
	bool partial = r->nwarn > 0;
	char w[100], v[64], ch[32], fig[200];

	for (size_t i = 0; i < r->nadv; i++) {
		if (r->advs[i].failed)
			partial = true;
		if (!first && has_data(&r->advs[i]))
			first = &r->advs[i];
		else
			more++;
	}
	if (!first) {
		if (r->span.since && r->span.until)
			strbuf_printf(&b, _("TikTok ads %s: no data"), window_text(r->span, false, w, sizeof(w)));
		else
			strbuf_puts(&b, _("TikTok ads: no data"));
		return l10n_numbers_whole(strbuf_take(&b));
	}
	{
		struct kpi k[KPI_MAX];
		int nk = kpi_list(first, k, KPI_MAX);
		const struct kpi *spend = kpi_find(k, nk, M_SPEND), *roas = kpi_find(k, nk, M_ROAS);
		size_t o;

		snprintf(fig, sizeof(fig), "%s", spend && spend->cur != MV_MISSING ?
			 kpi_value(first, M_SPEND, spend->cur, v, sizeof(v)) : _("no spend"));
		if (roas && roas->cur != MV_MISSING) {
			o = strlen(fig);
			snprintf(fig + o, sizeof(fig) - o, "%s%s %s", C_("list", ", "), _("ROAS"),
				 kpi_value(first, M_ROAS, roas->cur, v, sizeof(v)));
			o = strlen(fig);
			if (roas->has_change)
				snprintf(fig + o, sizeof(fig) - o, " (%s)", kpi_change_text(roas, ch, sizeof(ch)));
		}
		/* TRANSLATORS: mail subject: the window, then the figures */
		strbuf_printf(&b, _("TikTok ads %s: %s"), window_text(first->win, false, w, sizeof(w)), fig);
	}
	if (more) /* TRANSLATORS: mail subject: more advertisers */
		strbuf_printf(&b, ngettext(" +%zu more", " +%zu more", (unsigned long)more), more);
	if (partial)
		strbuf_printf(&b, " %s", _("(partial)"));
	return l10n_numbers_whole(strbuf_take(&b));
}

const char *mail_file_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Characters of UTF-8 s: the columns it takes in a plain-text mail. */
static int chars(const char *s)
{
	int n = 0;

	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		n += (*u & 0xC0) != 0x80;
	return n;
}

/* The KPI lines: labels padded to the longest, values right-aligned, in
 * characters (a byte count would misalign "درهم" or "Dépenses"). */
static void kpi_lines(struct strbuf *b, const struct advertiser *a)
{
	struct kpi k[KPI_MAX];
	int nk = kpi_list(a, k, KPI_MAX), lw = 13, vw = 0; /* labels: 13 columns at least */
	char v[64], ch[32];

	for (int i = 0; i < nk; i++) {
		int l = chars(_(metric_defs[k[i].m].label)), w = chars(kpi_value(a, k[i].m, k[i].cur, v, sizeof(v)));
		lw = l > lw ? l : lw;
		vw = w > vw ? w : vw;
	}
	for (int i = 0; i < nk; i++) {
		const char *label = _(metric_defs[k[i].m].label);
		kpi_value(a, k[i].m, k[i].cur, v, sizeof(v));
		kpi_change_text(&k[i], ch, sizeof(ch));
		strbuf_printf(b, "  %s%*s %*s%s%s%s\n", label, lw - chars(label), "", vw - chars(v), "", v,
			      *ch ? "  " : "", ch);
	}
}

static void body_advertiser(struct strbuf *b, const struct mail_text_opts *c, const struct advertiser *a)
{
	char w[100], pw[100];
	struct callout co[6];
	int nco;

	strbuf_printf(b, "%s (%s)\n", a->name && *a->name ? a->name : a->id, a->id);
	if (!has_data(a)) {
		strbuf_puts(b, "  ");
		strbuf_printf(b, _("could not be fetched: %s"), a->error[0] ? a->error : _("no data"));
		strbuf_puts(b, "\n\n");
		return;
	}
	/* TRANSLATORS: window, currency, previous window */
	strbuf_printf(b, _("%s, %s, compared with %s"), window_text(a->win, true, w, sizeof(w)), a->currency,
		      window_text(a->prev, true, pw, sizeof(pw)));
	strbuf_puts(b, "\n");
	kpi_lines(b, a);
	nco = callouts_for(a, kpi_min_spend(a, c->min_spend), co, 6);
	for (int i = 0; i < nco; i++)
		if (co[i].severity >= 1)
			strbuf_printf(b, "  ! %s\n", co[i].text);
	if (window_has(a->win, a->provisional_from)) {
		strbuf_puts(b, "  ");
		strbuf_printf(b, _("Figures from %s on may still change (TikTok restates recent days)."),
			      window_text((struct window){ a->provisional_from, a->provisional_from }, true, w,
					  sizeof(w)));
		strbuf_puts(b, "\n");
	}
	strbuf_puts(b, "\n");
}

static void body_comments(struct strbuf *b, const struct mail_text_opts *c, const struct report *r)
{
	/* TRANSLATORS: comments the run replied to, hid, flagged for the owner, ... */
	static const char *const done[ACT_COUNT] = { N_("replied"), N_("hidden"), N_("flagged for you"),
						     N_("left alone"), N_("skipped") };
	/* TRANSLATORS: dry run: comments that would get a reply, ... */
	static const char *const planned[ACT_COUNT] = { N_("to reply"), N_("to hide"), N_("to flag"),
							N_("left alone"), N_("skipped") };
	size_t per[ACT_COUNT] = { 0 }, total = 0;
	bool first = true;

	if (!r->triage.ran)
		return;
	for (int cat = 0; cat < CAT_COUNT; cat++)
		for (int act = 0; act < ACT_COUNT; act++) {
			per[act] += r->triage.counts[cat][act];
			total += r->triage.counts[cat][act];
		}
	strbuf_printf(b, ngettext("Comments: %zu handled", "Comments: %zu handled", (unsigned long)total), total);
	if (!c->apply)
		strbuf_puts(b, _(" (dry run: nothing was changed)"));
	for (int act = 0; act < ACT_COUNT; act++) {
		if (!per[act])
			continue;
		/* TRANSLATORS: before a list / between its items ("Comments: 3 handled: 1 replied, 2 hidden") */
		strbuf_printf(b, "%s%zu %s", first ? C_("list", ": ") : C_("list", ", "), per[act],
			      _((c->apply ? done : planned)[act]));
		first = false;
	}
	strbuf_puts(b, "\n\n");
}

/* A caption cut to CAPTION_CHARS characters (at a space when one is near),
 * "…" when cut; newlines as spaces. */
static const char *short_caption(const char *s, char *buf, size_t n)
{
	size_t o = 0, space = 0;
	int chars = 0, space_chars = 0;

	for (const unsigned char *u = (const unsigned char *)s; *u && o + 5 < n; u++) {
		char c = *u == '\n' || *u == '\r' || *u == '\t' ? ' ' : (char)*u;
		if ((*u & 0xC0) != 0x80 && ++chars > CAPTION_CHARS) {
			if (space && chars - space_chars < 15)
				o = space; /* the last whole word */
			memcpy(buf + o, "\xe2\x80\xa6", 3);
			o += 3;
			break;
		}
		if (c == ' ') {
			space = o;
			space_chars = chars;
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
	return buf;
}

/* The complaints waiting, as on the PDF's comments page: the video (caption
 * and link), how long ago, why; never the comment's text or author. */
static void body_complaints(struct strbuf *b, const struct report *r)
{
	const struct triage_summary *t = &r->triage;
	size_t shown = 0, n = 0;
	char cap[300], why[300];

	for (size_t i = 0; i < t->nacts; i++)
		n += t->acts[i].cat == CAT_COMPLAINT && t->acts[i].act == ACT_FLAG;
	if (!n)
		return;
	strbuf_printf(b, "%s\n", _("Complaints waiting for you:"));
	for (size_t i = 0; i < t->nacts && shown < COMPLAINTS_MAX; i++) {
		const struct action_rec *ac = &t->acts[i];
		if (ac->cat != CAT_COMPLAINT || ac->act != ACT_FLAG)
			continue;
		if (ac->video_caption && *ac->video_caption)
			short_caption(ac->video_caption, cap, sizeof(cap));
		else
			snprintf(cap, sizeof(cap), _("video %s"), ac->video_id ? ac->video_id : "-");
		strbuf_printf(b, "  - %s\n", cap);
		if (ac->video_url)
			strbuf_printf(b, "    %s\n", ac->video_url);
		strbuf_printf(b, "    %s\n", words_complaint_line(ac->rule, ac->comment_time, r->made, why,
								sizeof(why)));
		shown++;
	}
	if (shown < n) {
		strbuf_puts(b, "  ");
		strbuf_printf(b, _("%zu more in the action log."), n - shown);
		strbuf_puts(b, "\n");
	}
	strbuf_puts(b, "\n");
}

char *mail_body(const struct mail_text_opts *c, const struct report *r, const char *const *files,
		size_t nfiles)
{
	struct strbuf b = { 0 };
	char w[100];

	if (r->span.since && r->span.until)
		strbuf_printf(&b, _("TikTok ads report, %s"), window_text(r->span, true, w, sizeof(w)));
	else
		strbuf_puts(&b, _("TikTok ads report"));
	strbuf_puts(&b, "\n\n");
	for (size_t i = 0; i < r->nadv; i++)
		body_advertiser(&b, c, &r->advs[i]);
	body_comments(&b, c, r);
	body_complaints(&b, r);
	if (r->nwarn) {
		strbuf_printf(&b, "%s\n", _("Warnings:"));
		for (size_t i = 0; i < r->nwarn; i++)
			strbuf_printf(&b, "  - %s\n", r->warnings[i]);
		strbuf_puts(&b, "\n");
	}
	if (nfiles) {
		strbuf_puts(&b, _("Attached:"));
		for (size_t i = 0; i < nfiles; i++)
			strbuf_printf(&b, "%s %s", i ? "," : "", mail_file_name(files[i]));
		strbuf_puts(&b, "\n");
	}
	strbuf_puts(&b, "\n-- \nttreport\n");
	return l10n_numbers_whole(strbuf_take(&b));
}
