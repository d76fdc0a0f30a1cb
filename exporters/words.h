/* words.h: TikTok's enumerations as words for people ("Daily budget", not
 * BUDGET_MODE_DAY; "Active", not CAMPAIGN_STATUS_ENABLE), in the language of
 * the labels (gettext). Pure functions: the result is a translated constant,
 * or the value itself made readable in the caller's buffer when unknown. */
#ifndef TT_WORDS_H
#define TT_WORDS_H

#include <stddef.h>

const char *words_budget_mode(const char *api, char *buf, size_t n);
const char *words_status(const char *api, char *buf, size_t n);

#endif
