/* today_text.h: what `ttreport today` says to people: the figures of today so
 * far, one line per alert, the mail's subject and body. Every label of the
 * today page and mail is in today_text.c, a gettext message (po/), in the
 * language l10n_init() chose; amounts and dates as exporters/l10n.h writes them.
 * Returned strings of the mail functions are malloc'd, the caller's. */
#ifndef TT_TODAY_TEXT_H
#define TT_TODAY_TEXT_H

#include <stddef.h>

#include "core/alerts.h"
#include "core/record.h"

/* The labels of the today page (exporters/pdf_today.c), by number. */
enum today_label {
	TL_TITLE, TL_UNTIL, TL_PROVISIONAL, TL_NOTHING_YET, TL_VS, TL_MADE, TL_ALERTS, TL_NO_ALERT,
	TL_NEW, TL_STILL, TL_SPEND, TL_CONV, TL_CPA, TL_CPA7, TL_YESTERDAY, TL_HOURLY, TL_LEG_TODAY,
	TL_LEG_PROV, TL_LEG_YESTERDAY, TL_LEG_MISSING, TL_PACE, TL_PACE_LINE, TL_PACE_NONE,
	TL_PACE_MORE, TL_WARNINGS, TL_NO_ADVERTISER, TL_DOC_TITLE, TL_FOOTER,
	TL_AL_SPEND, TL_AL_CPA, TL_AL_FAST, TL_AL_SLOW, TL_AL_TRACKING, TL_LVL_ACCOUNT, TL_LVL_CAMPAIGN,
	TL_LVL_ADGROUP, TL_LVL_AD, TL_SUBJ_ALERT, TL_SUBJ_MORE, TL_SUBJ_NONE, TL_BODY_NEW, TL_BODY_STILL,
	TL_BODY_NONE, TL_BODY_ADV, TL_BODY_FILES, TL_COUNT
};
/* The label in the run's language. */
const char *today_label(enum today_label l);
/* A label with a count (TL_PACE_MORE, TL_SUBJ_MORE) in the form n takes. */
const char *today_plural(enum today_label l, unsigned long n);

/* Today so far at the advertiser level, cut at the last reported hour. */
struct today_figures {
	int last_hour;           /* -1: nothing reported yet today */
	mval spend, spend_y;     /* today, yesterday up to the same hour (minor units) */
	mval conv, conv_y;       /* MV_MISSING: not tracked */
	mval cpa, cpa_y, cpa7;   /* today, yesterday same hour, the 7 complete days */
};
void today_figures(const struct advertiser *a, struct today_figures *f);

/* "1 234,56 MAD" ("1 234,56 درهم" in Arabic; missing: "-"). buf >= 48 bytes. */
char *today_money(const struct advertiser *a, mval v, char *buf, size_t n);

/* A count, "-" when missing. */
char *today_count(mval v, char *buf, size_t n);

/* One line for people: "Campaign Soldes: 137,84 MAD spent since midnight, no conversion". */
char *today_alert_text(const struct advertiser *a, const struct alert *al, char *buf, size_t n);
/* The same line in English with the ISO currency code, for the log. */
char *today_alert_log(const struct advertiser *a, const struct alert *al, char *buf, size_t n);

/* "TikTok ads alert: <first fired alert> (+N more)"; without a fired alert
 * "TikTok ads today until HH:00: <spend>". al[i] are r->advs[i]'s alerts. */
char *today_mail_subject(const struct report *r, const struct adv_alerts *al);
/* Both in the labels' language; Arabic numbers keep their digit groups
 * together (l10n_numbers_whole()). The plain-text body: new alerts, alerts still true, each advertiser's
 * figures, the attached files (their names). */
char *today_mail_body(const struct report *r, const struct adv_alerts *al, const char *const *files,
		      size_t nfiles);

#endif
