/* words.c: enumerations as words (words.h). */
#include "exporters/words.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "exporters/l10n.h"

struct word {
	const char *suffix; /* the end of the API value */
	const char *label;  /* gettext message */
};

static const struct word budget_modes[] = {
	{ "BUDGET_MODE_DAY", N_("Daily budget") },
	{ "BUDGET_MODE_DYNAMIC_DAILY_BUDGET", N_("Dynamic daily budget") },
	{ "BUDGET_MODE_TOTAL", N_("Lifetime budget") },
	{ "BUDGET_MODE_INFINITE", N_("No budget limit") },
};

/* Campaign, ad group and ad statuses (secondary_status, else operation_status),
 * matched on their ends: CAMPAIGN_STATUS_DELETE and AD_STATUS_DELETE alike. */
static const struct word statuses[] = {
	{ "_DELETE", N_("Deleted") },
	{ "_DELIVERY_OK", N_("Delivering") },
	{ "_NOT_DELIVER", N_("Not delivering") },
	{ "_ENABLE", N_("Active") },
	{ "_DISABLE", N_("Paused") },
	{ "_AUDIT", N_("In review") },
	{ "_REAUDIT", N_("In review") },
	{ "_AUDIT_DENY", N_("Rejected") },
	{ "_REJECT", N_("Rejected") },
	{ "_NOT_START", N_("Not started") },
	{ "_TIME_DONE", N_("Ended") },
	{ "_DONE", N_("Ended") },
	{ "_BUDGET_EXCEED", N_("Out of budget") },
	{ "_BALANCE_EXCEED", N_("Account balance too low") },
	{ "_FROZEN", N_("Frozen") },
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* An unknown value made readable: "ADGROUP_STATUS_LIVE_SOON" -> "Live soon". */
static const char *readable(const char *api, char *buf, size_t n)
{
	const char *s = strstr(api, "STATUS_");
	size_t o = 0;

	s = s ? s + 7 : strncmp(api, "BUDGET_MODE_", 12) == 0 ? api + 12 : api;
	for (; *s && o + 1 < n; s++, o++) {
		unsigned char c = (unsigned char)*s;
		buf[o] = c == '_' ? ' ' : (char)(o == 0 ? toupper(c) : tolower(c));
	}
	buf[o] = '\0';
	return buf;
}

static const char *lookup(const struct word *w, size_t nw, const char *api, char *buf, size_t n)
{
	const struct word *best = NULL;

	if (!api || !*api)
		return "";
	for (size_t i = 0; i < nw; i++) /* the longest matching end wins (_AUDIT_DENY over _DENY) */
		if ((ends_with(api, w[i].suffix) || strcmp(api, w[i].suffix + 1) == 0) &&
		    (!best || strlen(w[i].suffix) > strlen(best->suffix)))
			best = &w[i];
	return best ? _(best->label) : readable(api, buf, n);
}

const char *words_budget_mode(const char *api, char *buf, size_t n)
{
	return lookup(budget_modes, sizeof(budget_modes) / sizeof(budget_modes[0]), api, buf, n);
}

const char *words_status(const char *api, char *buf, size_t n)
{
	return lookup(statuses, sizeof(statuses) / sizeof(statuses[0]), api, buf, n);
}
