/* kpi.h: what the summary says, shared by the XLSX Summary sheet, the PDF and
 * the email: KPI values for the window and the previous one, their change and
 * whether the change is good, and plain-language callouts. Pure functions over
 * a const advertiser; nothing allocates. */
#ifndef TT_KPI_H
#define TT_KPI_H

#include <stdbool.h>

#include "core/record.h"

/* Summary KPIs in display order: spend, impressions, reach, clicks, CTR, CPC,
 * CPM, conversions, CPA, conversion value, ROAS. */
#define KPI_MAX 12

struct kpi {
	enum metric m;
	mval cur, prev;     /* advertiser-level window / previous window values */
	bool has_change;    /* both present and prev != 0 */
	double change_pct;  /* (cur - prev) / prev * 100, for display only */
	int good;           /* +1 the change is good, -1 bad, 0 neutral (spend) or none */
};

/* Fill out[] with the summary KPIs of advertiser a; returns how many. */
int kpi_list(const struct advertiser *a, struct kpi *out, int cap);

/* The KPI of metric m in k[0..n), or NULL. */
const struct kpi *kpi_find(const struct kpi *k, int n, enum metric m);

/* "+12 %", "-3,4 %", "" when there is no change to show. */
char *kpi_change_text(const struct kpi *k, char *buf, size_t n);

enum callout_kind {
	CO_CPA_UP,          /* CPA up more than 30 % */
	CO_CTR_DOWN,        /* CTR down more than 20 % */
	CO_SPEND_NO_CONV,   /* a campaign spent (>= min spend) with zero conversions */
	CO_OVER_BUDGET,     /* a daily-budget campaign spent more than its budget on a day */
	CO_RECON_FAILED,    /* levels do not add up */
	CO_PARTIAL,         /* some data could not be fetched */
};

struct callout {
	enum callout_kind kind;
	int severity;       /* 2 alert, 1 warning, 0 info */
	char text[400];     /* one plain sentence, names the campaign when there is one */
};

/* A minimum spend in whole currency units, as money is held (MONEY_SCALE). */
long kpi_min_spend(const struct advertiser *a, long whole);

/* The callouts for advertiser a (min_spend as money is held), most severe first;
 * returns how many. */
int callouts_for(const struct advertiser *a, long min_spend, struct callout *out, int cap);

#endif
