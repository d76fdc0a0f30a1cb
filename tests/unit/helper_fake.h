/* helper_fake.h: a deterministic synthetic report for exporter tests: two
 * advertisers (MAD, Africa/Casablanca; EUR, Europe/Paris), names in French,
 * Arabic, with emoji and one in Japanese, deleted entities, "-" values, a
 * previous period, reach from a "period query". The caller frees it. */
#ifndef TT_HELPER_FAKE_H
#define TT_HELPER_FAKE_H

#include "core/record.h"

/* ncamp campaigns x nadg ad groups x nads ads per advertiser, ndays window
 * days ending 2026-11-19 (plus the previous window). */
struct report *fake_report(int ncamp, int nadg, int nads, int ndays);

#endif
