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

/* The complaint rules of schemas/rules.conf (triage/classify.c names them). */
static const struct word reasons[] = {
	{ "complaint.order", N_("order late or not received") },
	{ "complaint.status", N_("asks where the order is") },
	{ "complaint.defect", N_("damaged or wrong item") },
	{ "complaint.refund", N_("wants a refund") },
	{ "complaint.fraud", N_("says it is a scam") },
	{ "complaint.service", N_("unhappy with the service") },
	{ "complaint.price", N_("finds it too expensive") },
};

const char *words_complaint_reason(const char *rule, char *buf, size_t n)
{
	if (!rule || !*rule || !strchr(rule, '.')) { /* not a rule of the rules file */
		snprintf(buf, n, "%s", _("flagged by the classifier"));
		return buf;
	}
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(rule, reasons[i].suffix)) {
			/* TRANSLATORS: a complaint's reason, then the rule's name */
			snprintf(buf, n, _("%s (rule %s)"), _(reasons[i].label), rule);
			return buf;
		}
	snprintf(buf, n, _("flagged by rule %s"), rule);
	return buf;
}

const char *words_complaint_line(const char *rule, time_t comment_time, time_t now, char *buf,
				 size_t n)
{
	char ago[80], why[200];

	words_complaint_reason(rule, why, sizeof(why));
	if (comment_time > 0)
		snprintf(buf, n, "%s \xc2\xb7 %s", l10n_ago((long long)(now - comment_time), ago, sizeof(ago)),
			 why);
	else
		snprintf(buf, n, "%s", why);
	return buf;
}

const char *words_budget_mode(const char *api, char *buf, size_t n)
{
	return lookup(budget_modes, sizeof(budget_modes) / sizeof(budget_modes[0]), api, buf, n);
}

const char *words_status(const char *api, char *buf, size_t n)
{
	return lookup(statuses, sizeof(statuses) / sizeof(statuses[0]), api, buf, n);
}
