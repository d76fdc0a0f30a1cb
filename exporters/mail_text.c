/* mail_text.c: the words of the report mail: its subject and its plain-text
 * body (per advertiser the KPIs with their change and what to look at, the
 * comments handled, the warnings, the files attached), rendered from the report
 * and its KPIs. The transport (MIME, SMTP) is etl/mail.c. */
#include "exporters/mail_text.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "exporters/kpi.h"

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "18–20 Nov", "30 Oct–2 Nov", "30 Dec 2025–2 Jan 2026", "18 Nov"; with_year
 * adds the year to the end of a span within one year. */
static char *window_text(struct window w, bool with_year, char *buf, size_t n)
{
	int y1, m1, d1, y2, m2, d2;
	const char *dash = "\xe2\x80\x93"; /* en dash */

	civil_from_days(w.since, &y1, &m1, &d1);
	civil_from_days(w.until, &y2, &m2, &d2);
	if (w.since == w.until)
		snprintf(buf, n, "%d %s", d1, months[m1 - 1]);
	else if (y1 != y2)
		snprintf(buf, n, "%d %s %d%s%d %s %d", d1, months[m1 - 1], y1, dash, d2, months[m2 - 1], y2);
	else if (m1 != m2)
		snprintf(buf, n, "%d %s%s%d %s", d1, months[m1 - 1], dash, d2, months[m2 - 1]);
	else
		snprintf(buf, n, "%d%s%d %s", d1, dash, d2, months[m2 - 1]);
	if (with_year && y1 == y2) {
		size_t k = strlen(buf);
		snprintf(buf + k, n - k, " %d", y2);
	}
	return buf;
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
		snprintf(buf + k, n - k, " %s", a->currency);
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
	char w[64], v[64], ch[32];

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
			strbuf_printf(&b, "TikTok ads %s: no data", window_text(r->span, false, w, sizeof(w)));
		else
			strbuf_puts(&b, "TikTok ads: no data");
		return strbuf_take(&b);
	}
	{
		struct kpi k[KPI_MAX];
		int nk = kpi_list(first, k, KPI_MAX);
		const struct kpi *spend = kpi_find(k, nk, M_SPEND), *roas = kpi_find(k, nk, M_ROAS);

		strbuf_printf(&b, "TikTok ads %s: ", window_text(first->win, false, w, sizeof(w)));
		if (spend && spend->cur != MV_MISSING)
			strbuf_puts(&b, kpi_value(first, M_SPEND, spend->cur, v, sizeof(v)));
		else
			strbuf_puts(&b, "no spend");
		if (roas && roas->cur != MV_MISSING) {
			strbuf_printf(&b, ", ROAS %s", kpi_value(first, M_ROAS, roas->cur, v, sizeof(v)));
			if (roas->has_change)
				strbuf_printf(&b, " (%s)", kpi_change_text(roas, ch, sizeof(ch)));
		}
	}
	if (more)
		strbuf_printf(&b, " +%zu more", more);
	if (partial)
		strbuf_puts(&b, " (partial)");
	return strbuf_take(&b);
}

const char *mail_file_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static void body_advertiser(struct strbuf *b, const struct mail_text_opts *c, const struct advertiser *a)
{
	char w[64], pw[64], v[64], ch[32];
	struct kpi k[KPI_MAX];
	struct callout co[6];
	int nk, nco, width = 0;

	strbuf_printf(b, "%s (%s)\n", a->name && *a->name ? a->name : a->id, a->id);
	if (!has_data(a)) {
		strbuf_printf(b, "  could not be fetched: %s\n\n", a->error[0] ? a->error : "no data");
		return;
	}
	strbuf_printf(b, "%s, %s, compared with %s\n", window_text(a->win, true, w, sizeof(w)), a->currency,
		  window_text(a->prev, true, pw, sizeof(pw)));
	nk = kpi_list(a, k, KPI_MAX);
	for (int i = 0; i < nk; i++) {
		int len = (int)strlen(kpi_value(a, k[i].m, k[i].cur, v, sizeof(v)));
		if (len > width)
			width = len;
	}
	for (int i = 0; i < nk; i++) {
		kpi_value(a, k[i].m, k[i].cur, v, sizeof(v));
		kpi_change_text(&k[i], ch, sizeof(ch));
		strbuf_printf(b, "  %-13s %*s%s%s\n", metric_defs[k[i].m].label, width, v, *ch ? "  " : "", ch);
	}
	nco = callouts_for(a, kpi_min_spend(a, c->min_spend), co, 6);
	for (int i = 0; i < nco; i++)
		if (co[i].severity >= 1)
			strbuf_printf(b, "  ! %s\n", co[i].text);
	if (window_has(a->win, a->provisional_from))
		strbuf_printf(b, "  Figures from %s on may still change (TikTok restates recent days).\n",
			  window_text((struct window){ a->provisional_from, a->provisional_from }, true, w,
				      sizeof(w)));
	strbuf_puts(b, "\n");
}

static void body_comments(struct strbuf *b, const struct mail_text_opts *c, const struct report *r)
{
	static const char *const done[ACT_COUNT] = { "replied", "hidden", "flagged for you",
						     "left alone", "skipped" };
	static const char *const planned[ACT_COUNT] = { "to reply", "to hide", "to flag",
							"left alone", "skipped" };
	size_t per[ACT_COUNT] = { 0 }, total = 0;
	bool first = true;

	if (!r->triage.ran)
		return;
	for (int cat = 0; cat < CAT_COUNT; cat++)
		for (int act = 0; act < ACT_COUNT; act++) {
			per[act] += r->triage.counts[cat][act];
			total += r->triage.counts[cat][act];
		}
	strbuf_printf(b, "Comments: %zu handled%s", total, c->apply ? "" : " (dry run: nothing was changed)");
	for (int act = 0; act < ACT_COUNT; act++) {
		if (!per[act])
			continue;
		strbuf_printf(b, "%s%zu %s", first ? ": " : ", ", per[act], (c->apply ? done : planned)[act]);
		first = false;
	}
	strbuf_puts(b, "\n\n");
}

char *mail_body(const struct mail_text_opts *c, const struct report *r, const char *const *files,
		size_t nfiles)
{
	struct strbuf b = { 0 };
	char w[64];

	if (r->span.since && r->span.until)
		strbuf_printf(&b, "TikTok ads report, %s\n\n", window_text(r->span, true, w, sizeof(w)));
	else
		strbuf_puts(&b, "TikTok ads report\n\n");
	for (size_t i = 0; i < r->nadv; i++)
		body_advertiser(&b, c, &r->advs[i]);
	body_comments(&b, c, r);
	if (r->nwarn) {
		strbuf_puts(&b, "Warnings:\n");
		for (size_t i = 0; i < r->nwarn; i++)
			strbuf_printf(&b, "  - %s\n", r->warnings[i]);
		strbuf_puts(&b, "\n");
	}
	if (nfiles) {
		strbuf_puts(&b, "Attached:");
		for (size_t i = 0; i < nfiles; i++)
			strbuf_printf(&b, "%s %s", i ? "," : "", mail_file_name(files[i]));
		strbuf_puts(&b, "\n");
	}
	strbuf_puts(&b, "\n-- \nttreport\n");
	return strbuf_take(&b);
}
