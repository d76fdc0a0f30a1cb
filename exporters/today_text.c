/* today_text.c: the words of `ttreport today` (labels, alert lines, the mail)
 * and the figures they quote. Every label is in the table below. */
#include "exporters/today_text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/hours.h"
#include "core/strbuf.h"
#include "exporters/l10n.h"
#include "exporters/today.h"

/* Each label is a gettext message: N_() marks it, today_label() translates
 * it; NC_() gives a word a context, NP_() a plural form (today_plural()). */
struct label {
	const char *msg, *plural;
};

static const struct label labels[TL_COUNT] = {
	/* TRANSLATORS: the today page's title: the hours of today reported so far */
	[TL_TITLE] = { N_("Today so far") },
	/* TRANSLATORS: the title ("Today so far"), the day, and the hour the
	 * reported figures end at (the last reported hour's end, local time) */
	[TL_UNTIL] = { N_("%s \xc2\xb7 %s, until %02d:00") },
	/* TRANSLATORS: the last reported hour, start and end (09:00-10:00):
	 * TikTok may still add to its figures */
	[TL_PROVISIONAL] = { N_("the last hour (%02d:00\xe2\x80\x93%02d:00) is provisional") },
	/* TRANSLATORS: the day; shown soon after midnight, before TikTok reports an hour */
	[TL_NOTHING_YET] = { N_("%s: no hour of today is reported yet") },
	/* TRANSLATORS: what the figures are compared with; then the account's
	 * timezone (Africa/Casablanca) and currency code (MAD) */
	[TL_VS] = { N_("vs yesterday until the same hour \xc2\xb7 %s \xc2\xb7 %s") },
	/* TRANSLATORS: the advertiser account's id, the date and time the page was made */
	[TL_MADE] = { N_("account %s \xc2\xb7 made %s") },
	[TL_ALERTS] = { N_("Alerts") },
	[TL_NO_ALERT] = { N_("No alert: nothing unusual so far today.") },
	/* TRANSLATORS: before an alert mailed by this run for the first time */
	[TL_NEW] = { N_("NEW") },
	/* TRANSLATORS: before an alert already mailed by an earlier run, still true */
	[TL_STILL] = { N_("still true") },
	/* TRANSLATORS: tile titles: spend and conversions since midnight, cost per conversion today */
	[TL_SPEND] = { N_("Spend so far") },
	[TL_CONV] = { N_("Conversions so far") },
	[TL_CPA] = { N_("CPA today") },
	/* TRANSLATORS: under the CPA tile: the cost per conversion of the last 7 complete days */
	[TL_CPA7] = { N_("vs 7 days %s") },
	/* TRANSLATORS: under a tile: yesterday's figure up to the same hour */
	[TL_YESTERDAY] = { N_("yesterday %s") },
	/* TRANSLATORS: the hourly chart's title */
	[TL_HOURLY] = { N_("Hour by hour") },
	/* TRANSLATORS: the chart's legend: the bars (currency), the last hour's
	 * bar, yesterday's line, the hours TikTok has not reported yet */
	[TL_LEG_TODAY] = { N_("spend today (%s)") },
	[TL_LEG_PROV] = { N_("provisional") },
	[TL_LEG_YESTERDAY] = { N_("yesterday") },
	[TL_LEG_MISSING] = { N_("not reported yet") },
	[TL_PACE] = { N_("Daily budgets") },
	/* TRANSLATORS: spent so far, the daily budget, what today's pace spends by midnight */
	[TL_PACE_LINE] = { N_("%s of %s spent \xc2\xb7 about %s by midnight") },
	[TL_PACE_NONE] = { N_("No campaign or ad group with a daily budget.") },
	/* TRANSLATORS: daily budgets the page has no room for */
	[TL_PACE_MORE] = { NP_("%zu more with a daily budget.", "%zu more with a daily budget.") },
	[TL_WARNINGS] = { N_("Warnings") },
	[TL_NO_ADVERTISER] = { N_("No advertiser in this report") },
	/* TRANSLATORS: the PDF's title (document properties): the date and time of the run */
	[TL_DOC_TITLE] = { N_("TikTok ads today %s") },
	/* TRANSLATORS: the today page's footer: the date and time of the run */
	[TL_FOOTER] = { N_("ttreport today \xc2\xb7 %s") },
	/* TRANSLATORS: alert: the level (Campaign, Ad group), its name, the spend
	 * since local midnight, the threshold set in the config */
	[TL_AL_SPEND] = { N_("%s %s: %s spent since midnight, no conversion (limit %s)") },
	/* TRANSLATORS: alert: level, name, today's cost per conversion, today's
	 * conversions, the cost per conversion of the last 7 complete days */
	[TL_AL_CPA] = { N_("%s %s: %s per conversion today (%lld), over the 7-day %s") },
	/* TRANSLATORS: alert: level, name, its daily budget, the hour it runs
	 * out before, what it spent so far */
	[TL_AL_FAST] = { N_("%s %s: at this pace the daily budget of %s runs out before %02d:00 (%s spent)") },
	/* TRANSLATORS: alert: level, name, what today's pace spends by midnight,
	 * the daily budget, what it spent so far */
	[TL_AL_SLOW] = { N_("%s %s: at this pace about %s of the daily budget of %s gets spent (%s so far)") },
	/* TRANSLATORS: alert: level (Account), name, the conversions the spend since
	 * the last one would have bought at the 7-day rate (a decimal: 8,30) */
	[TL_AL_TRACKING] = { N_("%s %s: conversions stopped, about %s expected since the last one: "
				"is the pixel or tracking broken?") },
	/* TRANSLATORS: the level an alert is about, before its name */
	[TL_LVL_ACCOUNT] = { NC_("alert", "Account") },
	[TL_LVL_CAMPAIGN] = { NC_("alert", "Campaign") },
	[TL_LVL_ADGROUP] = { NC_("alert", "Ad group") },
	[TL_LVL_AD] = { NC_("alert", "Ad") },
	/* TRANSLATORS: mail subject: the first new alert's line */
	[TL_SUBJ_ALERT] = { N_("TikTok ads alert: %s") },
	/* TRANSLATORS: mail subject: how many more alerts (or advertisers) */
	[TL_SUBJ_MORE] = { NP_(" (+%ld more)", " (+%ld more)") },
	/* TRANSLATORS: mail subject without an alert (--mail-always): the hour
	 * the figures end at, the first advertiser's spend so far */
	[TL_SUBJ_NONE] = { N_("TikTok ads today until %02d:00: %s") },
	[TL_BODY_NEW] = { N_("New alerts:") },
	/* TRANSLATORS: mail: alerts an earlier run already mailed, still true */
	[TL_BODY_STILL] = { N_("Still true (already sent):") },
	[TL_BODY_NONE] = { N_("No new alert.") },
	/* TRANSLATORS: mail: the advertiser's name, currency, timezone, the hour
	 * the figures end at */
	[TL_BODY_ADV] = { N_("%s (%s, %s), today until %02d:00, the last hour provisional:") },
	[TL_BODY_FILES] = { N_("Attached:") },
};

const char *today_label(enum today_label l)
{
	return l10n_ctx_gettext(labels[l].msg);
}

const char *today_plural(enum today_label l, unsigned long n)
{
	return labels[l].plural ? ngettext(labels[l].msg, labels[l].plural, n) : today_label(l);
}

/* The English label (log lines stay English, as every other one): the
 * message without its context. */
static const char *label_en(enum today_label l)
{
	const char *sep = strchr(labels[l].msg, '\004');

	return sep ? sep + 1 : labels[l].msg;
}

/* "3 356,69 MAD" ("3 356,69 درهم" in Arabic); people false: the ISO code. */
static char *money_in(const struct advertiser *a, mval v, bool people, char *buf, size_t n)
{
	char t[40];
	const char *cur = a->currency ? a->currency : "";

	if (v == MV_MISSING)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s %s", fx_format_human(money_display(v, a->decimals), a->decimals, t, sizeof(t)),
			 people ? l10n_currency(cur) : cur);
	return buf;
}

char *today_money(const struct advertiser *a, mval v, char *buf, size_t n)
{
	return money_in(a, v, true, buf, n);
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

/* One alert's line, for people (the labels' language) or for the log (English). */
static char *alert_line(const struct advertiser *a, const struct alert *al, bool people, char *buf,
			size_t n)
{
	const char *(*lab)(enum today_label) = people ? today_label : label_en;
	const char *lvl = lab((enum today_label)(TL_LVL_ACCOUNT + al->level)), *name = ent_name(a, al);
	char s[48], r[48], p[48];

	money_in(a, al->spend, people, s, sizeof(s));
	money_in(a, al->ref, people, r, sizeof(r));
	switch (al->rule) {
	case AL_SPEND_NO_CONV:
		snprintf(buf, n, lab(TL_AL_SPEND), lvl, name, s, r);
		break;
	case AL_CPA:
		money_in(a, money_div(al->spend, 1, al->conv > 0 ? al->conv : 1, a->decimals), people, p,
			 sizeof(p));
		snprintf(buf, n, lab(TL_AL_CPA), lvl, name, p, (long long)al->conv, r);
		break;
	case AL_BUDGET_FAST:
		snprintf(buf, n, lab(TL_AL_FAST), lvl, name, r, ALERT_EXHAUST_HOUR, s);
		break;
	case AL_BUDGET_SLOW:
		snprintf(buf, n, lab(TL_AL_SLOW), lvl, name, money_in(a, al->projected, people, p, sizeof(p)), r, s);
		break;
	default:
		snprintf(buf, n, lab(TL_AL_TRACKING), lvl, name, fx_format_human(al->ref, 2, p, sizeof(p)));
		break;
	}
	return buf;
}

char *today_alert_text(const struct advertiser *a, const struct alert *al, char *buf, size_t n)
{
	return alert_line(a, al, true, buf, n);
}

char *today_alert_log(const struct advertiser *a, const struct alert *al, char *buf, size_t n)
{
	return alert_line(a, al, false, buf, n);
}

char *today_mail_subject(const struct report *r, const struct adv_alerts *al)
{
	struct strbuf b = { 0 };
	char line[480], m[48];
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
		strbuf_printf(&b, today_label(TL_SUBJ_ALERT), today_alert_text(fa, first, line, sizeof(line)));
		if (fired > 1)
			strbuf_printf(&b, today_plural(TL_SUBJ_MORE, (unsigned long)(fired - 1)), fired - 1);
	} else if (r->nadv) {
		struct today_figures f;
		today_figures(&r->advs[0], &f);
		strbuf_printf(&b, today_label(TL_SUBJ_NONE), f.last_hour + 1,
			      today_money(&r->advs[0], f.spend, m, sizeof(m)));
		if (r->nadv > 1)
			strbuf_printf(&b, today_plural(TL_SUBJ_MORE, (unsigned long)(r->nadv - 1)),
				      (long)r->nadv - 1);
	}
	return l10n_numbers_whole(strbuf_take(&b));
}

/* "- [account] alert" lines of the alerts with fired == want. */
static size_t body_alerts(struct strbuf *b, const struct report *r, const struct adv_alerts *al, bool want)
{
	char line[480];
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

/* Characters of UTF-8 s: the columns it takes in a plain-text mail. */
static int chars(const char *s)
{
	int n = 0;

	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		n += (*u & 0xC0) != 0x80;
	return n;
}

/* "  Spend so far        137,84 MAD  (yesterday 120,00 MAD)": the label
 * padded to width characters (not bytes: "Dépenses", Arabic). */
static void body_line(struct strbuf *b, enum today_label what, int width, const char *v,
		      enum today_label ref, const char *rv)
{
	strbuf_printf(b, "  %s%*s %s  (", today_label(what), width - chars(today_label(what)), "", v);
	strbuf_printf(b, today_label(ref), rv);
	strbuf_puts(b, ")\n");
}

static void body_figures(struct strbuf *b, const struct advertiser *a)
{
	const char *name = a->name && *a->name ? a->name : a->id;
	const enum today_label tiles[] = { TL_SPEND, TL_CONV, TL_CPA };
	struct today_figures f;
	char x[48], y[48], day[48];
	int w = 0;

	today_figures(a, &f);
	if (f.last_hour < 0) {
		strbuf_printf(b, today_label(TL_NOTHING_YET), l10n_date(a->today, day, sizeof(day)));
		strbuf_printf(b, " (%s)\n\n", name);
		return;
	}
	for (size_t i = 0; i < sizeof(tiles) / sizeof(tiles[0]); i++)
		if (chars(today_label(tiles[i])) > w)
			w = chars(today_label(tiles[i]));
	strbuf_printf(b, today_label(TL_BODY_ADV), name, a->currency ? l10n_currency(a->currency) : "?",
		      a->timezone ? a->timezone : "?", f.last_hour + 1);
	strbuf_puts(b, "\n");
	body_line(b, TL_SPEND, w, today_money(a, f.spend, x, sizeof(x)), TL_YESTERDAY,
		  today_money(a, f.spend_y, y, sizeof(y)));
	body_line(b, TL_CONV, w, today_count(f.conv, x, sizeof(x)), TL_YESTERDAY,
		  today_count(f.conv_y, y, sizeof(y)));
	body_line(b, TL_CPA, w, today_money(a, f.cpa, x, sizeof(x)), TL_CPA7,
		  today_money(a, f.cpa7, y, sizeof(y)));
	strbuf_puts(b, "\n");
}

char *today_mail_body(const struct report *r, const struct adv_alerts *al, const char *const *files,
		      size_t nfiles)
{
	struct strbuf b = { 0 };
	long fired = 0, held = 0;

	for (size_t i = 0; i < r->nadv; i++)
		fired += al[i].fired, held += al[i].n < ALERTS_MAX ? al[i].n : ALERTS_MAX;
	strbuf_printf(&b, "%s\n", today_label(fired ? TL_BODY_NEW : TL_BODY_NONE));
	body_alerts(&b, r, al, true);
	if (held > fired) {
		strbuf_printf(&b, "\n%s\n", today_label(TL_BODY_STILL));
		body_alerts(&b, r, al, false);
	}
	strbuf_puts(&b, "\n");
	for (size_t i = 0; i < r->nadv; i++)
		body_figures(&b, &r->advs[i]);
	for (size_t i = 0; i < r->nwarn; i++)
		strbuf_printf(&b, "! %s\n", r->warnings[i]);
	if (nfiles)
		strbuf_printf(&b, "%s\n", today_label(TL_BODY_FILES));
	for (size_t i = 0; i < nfiles; i++) {
		const char *slash = strrchr(files[i], '/');
		strbuf_printf(&b, "  %s\n", slash ? slash + 1 : files[i]);
	}
	return l10n_numbers_whole(strbuf_take(&b));
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
	size_t k;

	localtime_r(&t, &tm);
	/* "2026-11-20 10:05" in English, "20 nov. 2026 10:05", "20 نونبر 2026 10:05" */
	l10n_date(days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), buf, n);
	k = strlen(buf);
	strftime(buf + k, n - k, " %H:%M", &tm);
	return buf;
}
