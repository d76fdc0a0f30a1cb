/* metrics.h: the metric catalog (schemas/metrics.def) as enums and tables, exact
 * fixed-point values, and their text forms. Pure functions; nothing here allocates.
 *
 * A value is an int64 (mval): counts as is, money in millionths of the currency
 * unit (MONEY_SCALE: whatever decimals the API sends are kept, up to 6, and
 * summed exactly; money is rounded to the currency's minor unit once, for
 * display: money_display()), ratios in millionths. MV_MISSING is the API's "-":
 * missing, never zero. */
#ifndef TT_METRICS_H
#define TT_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t mval;
#define MV_MISSING INT64_MIN
#define RATIO_SCALE 1000000 /* ratios are held in millionths */
#define MONEY_SCALE 6       /* money is held in millionths of the currency unit */

enum metric_type { MT_COUNT, MT_MONEY, MT_RATIO };
enum metric_agg { AGG_SUM, AGG_PERIOD, AGG_DERIVED };

/* Every metric, in display order: M_SPEND, M_IMPRESSIONS, ... M_COUNT. */
enum metric {
#define STORED(id, ...) M_##id,
#define DERIVED(id, ...) M_##id,
#include "schemas/metrics.def"
#undef STORED
#undef DERIVED
	M_COUNT
};

/* Stored metrics only (slots of struct mrow): S_SPEND, ... S_COUNT. */
enum stored_slot {
#define STORED(id, ...) S_##id,
#define DERIVED(id, ...)
#include "schemas/metrics.def"
#undef STORED
#undef DERIVED
	S_COUNT
};

struct metric_def {
	const char *api;        /* API name, also the CSV header */
	const char *label;      /* human label for XLSX/PDF */
	enum metric_type type;
	enum metric_agg agg;
	int decimals;           /* printed decimals (money: the currency's) */
	int slot;               /* stored slot, or -1 for derived */
	enum metric num, den;   /* derived: num * factor / den */
	int factor;
};

extern const struct metric_def metric_defs[M_COUNT];

/* The stored values of one entity for one day or one window. */
struct mrow {
	mval s[S_COUNT];
};

void mrow_clear(struct mrow *r);          /* every value missing */
/* dst += src for AGG_SUM slots (missing + x = x); period slots are not touched. */
void mrow_add(struct mrow *dst, const struct mrow *src);
/* Any metric: stored slots as held; derived recomputed from the held values and
 * rounded once: ratios to their printed decimals, money to the currency's minor
 * unit (still held at MONEY_SCALE). */
mval mrow_get(const struct mrow *r, enum metric m, int currency_decimals);

/* Money held at MONEY_SCALE, rounded half away from zero once to the currency's
 * minor unit (currency_decimals digits): the value every output shows. */
mval money_display(mval v, int currency_decimals);
/* v in the currency's minor unit, held at MONEY_SCALE (exact). */
mval money_from_minor(int64_t v, int currency_decimals);
/* Money num * mul / den (den a count: CPA, CPC...), rounded once to the
 * currency's minor unit, held at MONEY_SCALE; MV_MISSING when a part is
 * missing or den is 0. */
mval money_div(mval num, int64_t mul, mval den, int currency_decimals);

/* Catalog look-up by API name; -1 when unknown. */
int metric_by_api(const char *api);

/* Digits after the decimal point of a currency (ISO 4217; 2 when unknown). */
int currency_decimals(const char *iso);

/* Parse decimal text ("20.00", "-", "1.09%", "4696", "1e3" is rejected) into a
 * value with `scale` decimals, rounding extra digits half up. Returns 0, or -1
 * when the text is not a number. "-" and "" give MV_MISSING and return 0. */
int fx_parse(const char *s, int scale, mval *out);
/* Value with `scale` decimals as plain text ("1234.56"); "" when missing. */
char *fx_format(mval v, int scale, char *buf, size_t n);
/* Same, for a person: "1 234,56" (French grouping, as the store reads it). */
char *fx_format_human(mval v, int scale, char *buf, size_t n);

/* Printed scale of metric m: money uses the currency (money_display), ratios
 * their decimals (from millionths), counts 0. Format v accordingly (plain or
 * human). */
char *metric_format(enum metric m, mval v, int currency_decimals, bool human,
		    char *buf, size_t n);

/* Round num * mul / den half up (num, den >= 0 expected; signs handled). */
int64_t div_round(int64_t num, int64_t mul, int64_t den);

#endif
