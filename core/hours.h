/* hours.h: the hourly rows of `ttreport today` (local yesterday and today of
 * each advertiser) and the series read from them. Rows live in the
 * advertiser (struct hour_row, core/record.h) and are freed by report_free().
 *
 * An hour with no row is one of two things: before today's last reported hour
 * it was reported with no delivery (zero); after it, it is not reported yet
 * (missing, never zero). hseries keeps that apart in `have`. */
#ifndef TT_HOURS_H
#define TT_HOURS_H

#include <stdbool.h>

#include "core/record.h"

/* Add the stored values of one entity-hour (local day, hour 0-23). One value per
 * entity and hour is kept (the larger spend when a page repeats it). */
void adv_add_hour(struct advertiser *a, enum level l, long ent, int day, int hour,
		  const struct mrow *v);

/* After all adds: sort by (entity, hour), drop repeats, and set a->last_hour
 * from the rows of a->today (-1 when there are none). */
void adv_hours_finish(struct advertiser *a);

/* The 24 hours of one entity on one local day: v[h] the row (every value
 * missing when none), have[h] whether the API gave a row. */
struct hseries {
	struct mrow v[24];
	bool have[24];
};
void adv_hour_series(const struct advertiser *a, enum level l, uint32_t ent, int day,
		     struct hseries *out);

/* Sum of hours 0..upto of a series (missing + x = x; upto < 0: all missing). */
void hseries_cum(const struct hseries *s, int upto, struct mrow *out);

/* Money or count slot s of a row as a plain number: missing counts as 0. */
static inline mval mrow_or0(const struct mrow *r, int s)
{
	return r->s[s] == MV_MISSING ? 0 : r->s[s];
}

#endif
