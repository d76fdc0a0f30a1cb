/* normalize.h: API answers -> records. The only code that touches the JSON
 * library (with normalize_comments.c for the /business/ answers).
 *
 * Each function parses one answer once: the envelope (code, message,
 * request_id) into *st, and on code 0 the data into the report. It returns 0
 * when the data was taken, NORM_API when the envelope carried an error code
 * (st says which), NORM_BAD_JSON when the body is not JSON or cut short
 * (a transient fault: retry), or NORM_BAD_DATA when the JSON has the wrong
 * shape (e describes it: field, value). */
#ifndef TT_NORMALIZE_H
#define TT_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/envelope.h"
#include "core/err.h"
#include "core/record.h"

struct page_info {
	long page, total_page, total_number;
	long rows; /* rows in this page's list */
};

/* oauth2/advertiser/get/: the advertiser ids, appended to *ids (malloc'd strings). */
int norm_advertiser_list(const char *body, size_t len, char ***ids, size_t *n,
			 struct api_status *st, struct err *e);

/* advertiser/info/: name, currency, timezone of the advertisers already in r. */
int norm_advertiser_info(const char *body, size_t len, struct report *r,
			 struct api_status *st, struct err *e);

/* campaign/get/, adgroup/get/, ad/get/ page: entities of level l. */
int norm_entities(const char *body, size_t len, struct report *r, struct advertiser *a,
		  enum level l, struct page_info *pi, struct api_status *st, struct err *e);

/* report/integrated/get/ page at level l. Daily pages (period == NULL) add
 * entity-days; period pages set reach and frequency of entity.cur (when
 * period_is_prev is false) or entity.prev. */
int norm_report_page(const char *body, size_t len, struct report *r, struct advertiser *a,
		     enum level l, bool period, bool period_is_prev, struct page_info *pi,
		     struct api_status *st, struct err *e);
/* A daily page whose rows wait in stage (adv_stage_commit() takes them once
 * every page of the request agrees on the totals). */
int norm_report_page_staged(const char *body, size_t len, struct report *r, struct advertiser *a,
			    enum level l, struct row_stage *stage, struct page_info *pi,
			    struct api_status *st, struct err *e);


#endif
