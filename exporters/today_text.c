/* today_text.c: the words of `ttreport today` (labels, alert lines, the mail)
 * and the figures they quote. Every label is in the table below. */
#include "exporters/today_text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/hours.h"
#include "core/strbuf.h"
#include "exporters/today.h"

static const char *const labels[TL_COUNT] = {
	[TL_TITLE] = "Today so far",
	[TL_UNTIL] = "%s \xc2\xb7 %s, until %02d:00",
	[TL_PROVISIONAL] = "the last hour (%02d:00\xe2\x80\x93%02d:00) is provisional",
	[TL_NOTHING_YET] = "%s: no hour of today is reported yet",
	[TL_VS] = "vs yesterday until the same hour \xc2\xb7 %s \xc2\xb7 %s",
	[TL_MADE] = "account %s \xc2\xb7 made %s",
	[TL_ALERTS] = "Alerts",
	[TL_NO_ALERT] = "No alert: nothing unusual so far today.",
	[TL_NEW] = "NEW",
	[TL_STILL] = "still true",
	[TL_SPEND] = "Spend so far",
	[TL_CONV] = "Conversions so far",
	[TL_CPA] = "CPA today",
	[TL_CPA7] = "vs 7 days %s",
	[TL_YESTERDAY] = "yesterday %s",
	[TL_HOURLY] = "Hour by hour",
	[TL_LEG_TODAY] = "spend today (%s)",
	[TL_LEG_PROV] = "provisional",
	[TL_LEG_YESTERDAY] = "yesterday",
	[TL_LEG_MISSING] = "not reported yet",
	[TL_PACE] = "Daily budgets",
	[TL_PACE_LINE] = "%s of %s spent \xc2\xb7 about %s by midnight",
	[TL_PACE_NONE] = "No campaign or ad group with a daily budget.",
	[TL_PACE_MORE] = "%zu more with a daily budget.",
	[TL_WARNINGS] = "Warnings",
	[TL_NO_ADVERTISER] = "No advertiser in this report",
	[TL_DOC_TITLE] = "TikTok ads today %s",
	[TL_FOOTER] = "ttreport today \xc2\xb7 %s",
	[TL_AL_SPEND] = "%s %s: %s spent since midnight, no conversion (limit %s)",
	[TL_AL_CPA] = "%s %s: %s per conversion today (%lld), over the 7-day %s",
	[TL_AL_FAST] = "%s %s: at this pace the daily budget of %s runs out before %02d:00 (%s spent)",
	[TL_AL_SLOW] = "%s %s: at this pace about %s of the daily budget of %s gets spent (%s so far)",
	[TL_AL_TRACKING] = "%s %s: conversions stopped, about %s expected since the last one: "
			   "is the pixel or tracking broken?",
	[TL_LVL_ACCOUNT] = "Account",
	[TL_LVL_CAMPAIGN] = "Campaign",
	[TL_LVL_ADGROUP] = "Ad group",
	[TL_LVL_AD] = "Ad",
	[TL_SUBJ_ALERT] = "TikTok ads alert: %s",
	[TL_SUBJ_MORE] = " (+%ld more)",
	[TL_SUBJ_NONE] = "TikTok ads today until %02d:00: %s",
	[TL_BODY_NEW] = "New alerts:",
	[TL_BODY_STILL] = "Still true (already sent):",
	[TL_BODY_NONE] = "No new alert.",
	[TL_BODY_ADV] = "%s (%s, %s), today until %02d:00, the last hour provisional:",
	[TL_BODY_FILES] = "Attached:",
};


const char *today_label(enum today_label l)
{
	return labels[l];
}

char *today_money(const struct advertiser *a, mval v, char *buf, size_t n)
{
	char t[40];

	if (v == MV_MISSING)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s %s", fx_format_human(money_display(v, a->decimals), a->decimals, t, sizeof(t)),
			 a->currency ? a->currency : "");
	return buf;
}

static mval cpa_of(const struct advertiser *a, mval spend, mval conv)
{
	return conv == MV_MISSING || conv <= 0 ? MV_MISSING : money_div(spend, 1, conv, a->decimals);
}

void today_figures(const struct advertiser *a, struct today_figures *f)
{
	struct hseries t, y;
	struct mrow c, cy;
	const struct entity *e = a->nents[LVL_ADVERTISER] ? &a->ents[LVL_ADVERTISER][0] : NULL;

	memset(f, 0, sizeof(*f));
	f->last_hour = a->last_hour;
	f->spend = f->spend_y = f->conv = f->conv_y = f->cpa = f->cpa_y = f->cpa7 = MV_MISSING;
	if (!e)
		return;
	f->cpa7 = cpa_of(a, mrow_or0(&e->cur, S_SPEND), e->cur.s[S_CONVERSION]);
	if (a->last_hour < 0)
		return;
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today, &t);
	adv_hour_series(a, LVL_ADVERTISER, 0, a->today - 1, &y);
	hseries_cum(&t, a->last_hour, &c);
	hseries_cum(&y, a->last_hour, &cy);
	f->spend = mrow_or0(&c, S_SPEND);
	f->spend_y = mrow_or0(&cy, S_SPEND);
	f->conv = c.s[S_CONVERSION];
	f->conv_y = cy.s[S_CONVERSION];
	f->cpa = cpa_of(a, f->spend, f->conv);
	f->cpa_y = cpa_of(a, f->spend_y, f->conv_y);
}

static const char *ent_name(const struct advertiser *a, const struct alert *al)
{
	const struct entity *e = &a->ents[al->level][al->ent];

	if (al->level == LVL_ADVERTISER)
		return a->name && *a->name ? a->name : a->id;
	return e->name && *e->name ? e->name : e->id;
}

char *today_alert_text(const struct advertiser *a, const struct alert *al, char *buf, size_t n)
{
	const char *lvl = labels[TL_LVL_ACCOUNT + al->level], *name = ent_name(a, al);
	char s[48], r[48], p[48];

	today_money(a, al->spend, s, sizeof(s));
	today_money(a, al->ref, r, sizeof(r));
	switch (al->rule) {
	case AL_SPEND_NO_CONV:
		snprintf(buf, n, labels[TL_AL_SPEND], lvl, name, s, r);
		break;
	case AL_CPA:
		today_money(a, money_div(al->spend, 1, al->conv > 0 ? al->conv : 1, a->decimals), p, sizeof(p));
		snprintf(buf, n, labels[TL_AL_CPA], lvl, name, p, (long long)al->conv, r);
		break;
	case AL_BUDGET_FAST:
		snprintf(buf, n, labels[TL_AL_FAST], lvl, name, r, ALERT_EXHAUST_HOUR, s);
		break;
	case AL_BUDGET_SLOW:
		snprintf(buf, n, labels[TL_AL_SLOW], lvl, name, today_money(a, al->projected, p, sizeof(p)), r, s);
		break;
	default:
		snprintf(buf, n, labels[TL_AL_TRACKING], lvl, name, fx_format_human(al->ref, 2, p, sizeof(p)));
		break;
	}
	return buf;
}

char *today_mail_subject(const struct report *r, const struct adv_alerts *al)
{
	struct strbuf b = { 0 };
	char line[400], m[48];
	long fired = 0;
	const struct alert *first = NULL;
	const struct advertiser *fa = NULL;

	for (size_t i = 0; i < r->nadv; i++) {
		for (long k = 0; k < al[i].n && k < ALERTS_MAX; k++)
			if (al[i].v[k].fired && !first)
				first = &al[i].v[k], fa = &r->advs[i];
		fired += al[i].fired;
	}
	if (first) {
		strbuf_printf(&b, labels[TL_SUBJ_ALERT], today_alert_text(fa, first, line, sizeof(line)));
		if (fired > 1)
			strbuf_printf(&b, labels[TL_SUBJ_MORE], fired - 1);
	} else if (r->nadv) {
		struct today_figures f;
		today_figures(&r->advs[0], &f);
		strbuf_printf(&b, labels[TL_SUBJ_NONE], f.last_hour + 1, today_money(&r->advs[0], f.spend, m, sizeof(m)));
		if (r->nadv > 1)
			strbuf_printf(&b, labels[TL_SUBJ_MORE], (long)r->nadv - 1);
	}
	return strbuf_take(&b);
}

/* "- [account] alert" lines of the alerts with fired == want. */
static size_t body_alerts(struct strbuf *b, const struct report *r, const struct adv_alerts *al, bool want)
{
	char line[400];
	size_t n = 0;

	for (size_t i = 0; i < r->nadv; i++)
		for (long k = 0; k < al[i].n && k < ALERTS_MAX; k++) {
			const struct advertiser *a = &r->advs[i];
			if (al[i].v[k].fired != want)
				continue;
			strbuf_printf(b, "- [%s] %s\n", a->name && *a->name ? a->name : a->id,
				      today_alert_text(a, &al[i].v[k], line, sizeof(line)));
			n++;
		}
	return n;
}

char *today_count(mval v, char *buf, size_t n)
{
	if (v == MV_MISSING)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%lld", (long long)v);
	return buf;
}

/* "  Spend so far   137,84 MAD  (yesterday 120,00 MAD)" and the like */
static void body_line(struct strbuf *b, enum today_label what, const char *v, enum today_label ref,
		      const char *rv)
{
	strbuf_printf(b, "  %-20s %s  (", labels[what], v);
	strbuf_printf(b, labels[ref], rv);
	strbuf_puts(b, ")\n");
}

static void body_figures(struct strbuf *b, const struct advertiser *a)
{
	const char *name = a->name && *a->name ? a->name : a->id;
	struct today_figures f;
	char x[48], y[48];

	today_figures(a, &f);
	if (f.last_hour < 0) {
		strbuf_printf(b, labels[TL_NOTHING_YET], name);
		strbuf_puts(b, "\n\n");
		return;
	}
	strbuf_printf(b, labels[TL_BODY_ADV], name, a->currency ? a->currency : "?",
		      a->timezone ? a->timezone : "?", f.last_hour + 1);
	strbuf_puts(b, "\n");
	body_line(b, TL_SPEND, today_money(a, f.spend, x, sizeof(x)), TL_YESTERDAY,
		  today_money(a, f.spend_y, y, sizeof(y)));
	body_line(b, TL_CONV, today_count(f.conv, x, sizeof(x)), TL_YESTERDAY, today_count(f.conv_y, y, sizeof(y)));
	body_line(b, TL_CPA, today_money(a, f.cpa, x, sizeof(x)), TL_CPA7, today_money(a, f.cpa7, y, sizeof(y)));
	strbuf_puts(b, "\n");
}

char *today_mail_body(const struct report *r, const struct adv_alerts *al, const char *const *files,
		      size_t nfiles)
{
	struct strbuf b = { 0 };
	long fired = 0, held = 0;

	for (size_t i = 0; i < r->nadv; i++)
		fired += al[i].fired, held += al[i].n < ALERTS_MAX ? al[i].n : ALERTS_MAX;
	strbuf_printf(&b, "%s\n", labels[fired ? TL_BODY_NEW : TL_BODY_NONE]);
	body_alerts(&b, r, al, true);
	if (held > fired) {
		strbuf_printf(&b, "\n%s\n", labels[TL_BODY_STILL]);
		body_alerts(&b, r, al, false);
	}
	strbuf_puts(&b, "\n");
	for (size_t i = 0; i < r->nadv; i++)
		body_figures(&b, &r->advs[i]);
	for (size_t i = 0; i < r->nwarn; i++)
		strbuf_printf(&b, "! %s\n", r->warnings[i]);
	if (nfiles)
		strbuf_printf(&b, "%s\n", labels[TL_BODY_FILES]);
	for (size_t i = 0; i < nfiles; i++) {
		const char *slash = strrchr(files[i], '/');
		strbuf_printf(&b, "  %s\n", slash ? slash + 1 : files[i]);
	}
	return strbuf_take(&b);
}

void today_path(const struct report *r, const char *outdir, const char *what, const char *ext,
		char *out, size_t n)
{
	struct tm tm;
	time_t t = r->made;
	char day[16], hh[8];

	localtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	strftime(hh, sizeof(hh), "%H", &tm);
	snprintf(out, n, "%s/ttreport_today_%s_%s.%s", outdir, day, what ? what : hh, ext);
}

char *today_stamp(const struct report *r, char *buf, size_t n)
{
	struct tm tm;
	time_t t = r->made;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
	return buf;
}
