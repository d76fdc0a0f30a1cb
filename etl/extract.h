/* extract.h: pulls everything the report needs from the API into a report:
 * advertisers (given or discovered), their info, the inventory of campaigns,
 * ad groups and ads (deleted ones included), daily reports at every level for
 * the window and the previous one (<= 30-day requests), and period queries
 * for reach and frequency. All requests run concurrently under the QPS limit.
 *
 * A failing advertiser, level or window marks that advertiser failed (its
 * error says where) and the run goes on; an invalid token stops it. */
#ifndef TT_EXTRACT_H
#define TT_EXTRACT_H

#include <time.h>

#include "etl/config.h"
#include "core/err.h"
#include "core/record.h"

struct extract_stats {
	long requests;       /* attempts, retries included */
	long pages;          /* pages taken */
	int failed_advertisers;
	int permission_failures;
};

/* Fill r. Returns 0 (check advertiser.failed for partial results), EXIT_AUTH
 * when the token is refused, EXIT_API when nothing could be fetched, or
 * EXIT_USAGE when advertisers cannot be determined. */
int extract_run(struct report *r, const struct config *c, time_t now,
		struct extract_stats *stats, struct err *e);

/* `ttreport today`: per advertiser, hourly rows of local yesterday and today
 * at every level (one day per request), the inventory, and the daily totals
 * of the 7 complete days before today in entity.cur (advertiser and campaign
 * level; a->win is that week). Returns as extract_run. */
int extract_today(struct report *r, const struct config *c, time_t now,
		  struct extract_stats *stats, struct err *e);

#endif
