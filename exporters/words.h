/* words.h: TikTok's enumerations as words for people ("Daily budget", not
 * BUDGET_MODE_DAY; "Active", not CAMPAIGN_STATUS_ENABLE), in the language of
 * the labels (gettext). Pure functions: the result is a translated constant,
 * or the value itself made readable in the caller's buffer when unknown. */
#ifndef TT_WORDS_H
#define TT_WORDS_H

#include <stddef.h>
#include <time.h>

const char *words_budget_mode(const char *api, char *buf, size_t n);
const char *words_status(const char *api, char *buf, size_t n);

/* Why a complaint was flagged, for the owner: "order late or not received
 * (rule complaint.order)", "flagged by rule X", "flagged by the classifier". */
const char *words_complaint_reason(const char *rule, char *buf, size_t n);

/* One line for a complaint waiting: "3 hours ago · <reason>" (no age when the
 * comment's time is unknown, comment_time 0). */
const char *words_complaint_line(const char *rule, time_t comment_time, time_t now, char *buf,
				 size_t n);

#endif
