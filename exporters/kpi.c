/* kpi.c: summary KPIs, their change against the previous window, and the
 * plain-language callouts (kpi.h). Pure functions; nothing allocates. */
#include "exporters/kpi.h"

#include "exporters/l10n.h"

#include <stdio.h>
#include <string.h>

static const enum metric kpi_metrics[] = {
	M_SPEND, M_IMPRESSIONS, M_REACH, M_CLICKS, M_CTR, M_CPC,
	M_CPM, M_CONVERSION, M_CPA, M_VALUE, M_ROAS,
};

/* +1 when a rise is good, -1 when a rise is bad (costs), 0 when neither (spend). */
static int rise_is(enum metric m)
{
	switch (m) {
	case M_SPEND:
		return 0;
	case M_CPC:
	case M_CPM:
	case M_CPA:
		return -1;
	default:
		return 1;
	}
}

/* The advertiser-level entity (the account totals), or NULL. */
static const struct entity *account(const struct advertiser *a)
{
	const struct entity *e = a->id ? adv_find(a, LVL_ADVERTISER, a->id) : NULL;

	if (!e && a->nents[LVL_ADVERTISER] > 0)
		e = &a->ents[LVL_ADVERTISER][0];
	return e;
}

int kpi_list(const struct advertiser *a, struct kpi *out, int cap)
{
	const struct entity *acc = account(a);
	int n = 0;

	for (size_t i = 0; i < sizeof(kpi_metrics) / sizeof(kpi_metrics[0]) && n < cap; i++) {
		struct kpi *k = &out[n++];
		enum metric m = kpi_metrics[i];

		memset(k, 0, sizeof(*k));
		k->m = m;
		k->cur = acc ? mrow_get(&acc->cur, m, a->decimals) : MV_MISSING;
		k->prev = acc ? mrow_get(&acc->prev, m, a->decimals) : MV_MISSING;
		k->has_change = k->cur != MV_MISSING && k->prev != MV_MISSING && k->prev != 0;
		if (!k->has_change)
			continue;
		k->change_pct = ((double)k->cur - (double)k->prev) / (double)k->prev * 100.0;
		if (k->cur != k->prev)
			k->good = rise_is(m) * (k->cur > k->prev ? 1 : -1);
	}
	return n;
}

char *kpi_change_text(const struct kpi *k, char *buf, size_t n)
{
	double p;
	long tenths;

	if (!k->has_change) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	p = k->change_pct;
	tenths = (long)(p * 10.0 + (p < 0 ? -0.5 : 0.5));
	if (tenths == 0)
		snprintf(buf, n, "0 %%");
	else if (tenths >= 100 || tenths <= -100) /* whole percents from 10 % up */
		snprintf(buf, n, "%+ld %%", (tenths + (tenths < 0 ? -5 : 5)) / 10);
	else
		snprintf(buf, n, "%c%ld,%ld %%", tenths < 0 ? '-' : '+',
			 (tenths < 0 ? -tenths : tenths) / 10, (tenths < 0 ? -tenths : tenths) % 10);
	return buf;
}

/* ---- callouts ---- */

struct sink {
	struct callout *out;
	int cap, n;
};

static struct callout *add(struct sink *s, enum callout_kind kind, int severity)
{
	struct callout *c;

	if (s->n >= s->cap)
		return NULL;
	c = &s->out[s->n++];
	c->kind = kind;
	c->severity = severity;
	c->text[0] = '\0';
	return c;
}

/* A name cut to at most max bytes on a UTF-8 character boundary. */
static const char *short_name(const char *name, char *buf, size_t max)
{
	size_t len;

	if (!name || !*name)
		name = _("(no name)");
	len = strlen(name);
	if (len < max)
		return name;
	len = max - 4;
	while (len > 0 && ((unsigned char)name[len] & 0xC0) == 0x80)
		len--;
	while (len > 0 && name[len - 1] == ' ')
		len--;
	memcpy(buf, name, len);
	memcpy(buf + len, "\xe2\x80\xa6", 4); /* "…" and the NUL */
	return buf;
}

static char *money(const struct advertiser *a, mval v, char *buf, size_t n)
{
	char num[48];

	snprintf(buf, n, "%s %s", fx_format_human(money_display(v, a->decimals), a->decimals, num, sizeof(num)),
		 l10n_currency(a->currency));
	return buf;
}

const struct kpi *kpi_find(const struct kpi *k, int n, enum metric m)
{
	for (int i = 0; i < n; i++)
		if (k[i].m == m)
			return &k[i];
	return NULL;
}

static void kpi_callouts(struct sink *s, const struct advertiser *a, int severity)
{
	struct kpi k[KPI_MAX];
	int n = kpi_list(a, k, KPI_MAX);
	const struct kpi *cpa = kpi_find(k, n, M_CPA), *ctr = kpi_find(k, n, M_CTR);
	char b1[64], b2[64], pct[32];
	struct callout *c;

	if (severity == 2 && cpa && cpa->has_change && cpa->change_pct > 30.0 &&
	    (c = add(s, CO_CPA_UP, 2)))
		snprintf(c->text, sizeof(c->text),
			 _("Cost per conversion rose %s, from %s to %s."),
			 kpi_change_text(cpa, pct, sizeof(pct)), money(a, cpa->prev, b1, sizeof(b1)),
			 money(a, cpa->cur, b2, sizeof(b2)));
	if (severity == 1 && ctr && ctr->has_change && ctr->change_pct < -20.0 &&
	    (c = add(s, CO_CTR_DOWN, 1)))
		snprintf(c->text, sizeof(c->text),
			 _("Click-through rate fell %s, from %s %% to %s %%: the ads may be tiring."),
			 kpi_change_text(ctr, pct, sizeof(pct)),
			 metric_format(M_CTR, ctr->prev, a->decimals, true, b1, sizeof(b1)),
			 metric_format(M_CTR, ctr->cur, a->decimals, true, b2, sizeof(b2)));
}

/* Campaigns that spent at least min_spend (and something) with exactly zero
 * conversions. Missing conversions ("-": not tracked) are not zero. */
static void no_conv_callouts(struct sink *s, const struct advertiser *a, long min_spend)
{
	for (size_t i = 0; i < a->nents[LVL_CAMPAIGN]; i++) {
		const struct entity *e = &a->ents[LVL_CAMPAIGN][i];
		mval spend = e->cur.s[S_SPEND], conv = e->cur.s[S_CONVERSION];
		char nb[80], mb[64];
		struct callout *c;

		if (spend == MV_MISSING || spend <= 0 || spend < min_spend || conv != 0)
			continue;
		if (!(c = add(s, CO_SPEND_NO_CONV, 2)))
			return;
		snprintf(c->text, sizeof(c->text), _("\"%s\" spent %s with no conversions."),
			 short_name(e->name, nb, 72), money(a, spend, mb, sizeof(mb)));
	}
}

/* Daily-budget campaigns that spent more than their budget on some day: the
 * day with the largest overspend is named. */
static void budget_callouts(struct sink *s, const struct advertiser *a)
{
	const struct day_row *rows = a->rows[LVL_CAMPAIGN];
	size_t nrows = a->nrows[LVL_CAMPAIGN];

	for (size_t r = 0; r < nrows;) {
		const struct entity *e = &a->ents[LVL_CAMPAIGN][rows[r].ent];
		uint32_t ent = rows[r].ent;
		mval over = 0, spent = 0;
		int day = 0;

		for (; r < nrows && rows[r].ent == ent; r++) {
			mval v = rows[r].v.s[S_SPEND];
			if (e->budget == MV_MISSING || e->budget <= 0 || !e->budget_mode ||
			    strcmp(e->budget_mode, "BUDGET_MODE_DAY") != 0 || v == MV_MISSING)
				continue;
			if (v - e->budget > over) {
				over = v - e->budget;
				spent = v;
				day = rows[r].day;
			}
		}
		if (over > 0) {
			char nb[80], b1[64], b2[64], d[40];
			struct callout *c = add(s, CO_OVER_BUDGET, 1);
			if (!c)
				return;
			snprintf(c->text, sizeof(c->text),
				 _("\"%s\" spent %s on %s, over its daily budget of %s."),
				 short_name(e->name, nb, 64), money(a, spent, b1, sizeof(b1)),
				 l10n_date(day, d, sizeof(d)), money(a, e->budget, b2, sizeof(b2)));
		}
	}
}

int callouts_for(const struct advertiser *a, long min_spend, struct callout *out, int cap)
{
	struct sink s = { out, cap, 0 };
	struct callout *c;

	/* generated most severe first, so a short cap keeps the alerts */
	if (a->failed && (c = add(&s, CO_PARTIAL, 2)))
		snprintf(c->text, sizeof(c->text), _("Some data could not be fetched, figures may be low: %s"),
			 a->error[0] ? a->error : _("see the warnings"));
	kpi_callouts(&s, a, 2);
	no_conv_callouts(&s, a, min_spend);
	kpi_callouts(&s, a, 1);
	budget_callouts(&s, a);
	if (a->recon.mismatches > 0 && (c = add(&s, CO_RECON_FAILED, 1)))
		snprintf(c->text, sizeof(c->text), _("Levels do not add up (%d of %d checks): %s"),
			 a->recon.mismatches, a->recon.checks, a->recon.detail);
	for (int i = 0; i < s.n; i++) /* texts cut to fit end on a whole character */
		utf8_cut(out[i].text);
	return s.n;
}

long kpi_min_spend(const struct advertiser *a, long whole)
{
	(void)a;
	return (long)money_from_minor(whole, 0); /* whole units, held at MONEY_SCALE */
}
