/* sim_metrics.c: ttsim's own metric table, written from tiktok-api.md (never
 * from the product's catalog), and the canonical text of every served value.
 * A derived metric is num * factor / den of the row's base sums, rounded half
 * up once; "-" when a part is "-" or the denominator is 0. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>

#define BASE(api, kind, slot, truth) { api, kind, slot, -1, -1, 0, 0, truth }
#define RATIO(api, num, den, factor, truth) { api, K_RATIO, -1, num, den, factor, 2, truth }
#define MONEY(api, num, den, factor, truth) { api, K_MONEY, -1, num, den, factor, 0, truth }

/* In the order of the truth file. Sources are sections of
 * /work/shared/tiktok-api.md; "Gotchas" = §4 "Gotchas with specific metrics". */
const struct sim_metric sim_metrics[] = {
	BASE("spend", K_MONEY, S_SPEND, true),
	BASE("impressions", K_COUNT, S_IMPRESSIONS, true),
	BASE("reach", K_COUNT, S_REACH, true),
	/* Gotchas: "frequency = impressions ÷ reach" */
	RATIO("frequency", S_IMPRESSIONS, S_REACH, 1, true),
	BASE("clicks", K_COUNT, S_CLICKS, true),
	/* Gotchas: "ctr = clicks ÷ impressions × 100"; §4 Percent metrics: "1.09" = 1.09% */
	RATIO("ctr", S_CLICKS, S_IMPRESSIONS, 100, true),
	/* Gotchas: "cpc = spend ÷ clicks" (money: the account's currency, §7 Currency) */
	MONEY("cpc", S_SPEND, S_CLICKS, 1, true),
	/* Gotchas: "cpm = spend ÷ impressions × 1000" */
	MONEY("cpm", S_SPEND, S_IMPRESSIONS, 1000, true),
	BASE("conversion", K_COUNT, S_CONVERSION, true),
	/* Gotchas: "cost_per_conversion = spend ÷ conversion" */
	MONEY("cost_per_conversion", S_SPEND, S_CONVERSION, 1, true),
	/* Gotchas: "conversion_rate_v2 = conversion ÷ impressions × 100 ... It is *not*
	 * conversions ÷ clicks: typical values are around 0.1, not 5." */
	RATIO("conversion_rate_v2", S_CONVERSION, S_IMPRESSIONS, 100, true),
	BASE("complete_payment", K_COUNT, S_PURCHASES, true),
	/* Gotchas: "total_complete_payment_rate is the *total payment value* (website),
	 * not a rate" */
	BASE("total_complete_payment_rate", K_MONEY, S_VALUE, true),
	/* Gotchas: "complete_payment_roas = total_complete_payment_rate ÷ spend" */
	RATIO("complete_payment_roas", S_VALUE, S_SPEND, 1, true),
	BASE("video_play_actions", K_COUNT, S_VIDEO_PLAYS, true),
	BASE("video_watched_2s", K_COUNT, S_VIDEO_2S, true),
	BASE("video_views_p100", K_COUNT, S_VIDEO_P100, true),
	BASE("likes", K_COUNT, S_LIKES, true),
	BASE("comments", K_COUNT, S_COMMENTS, true),
	BASE("shares", K_COUNT, S_SHARES, true),
	BASE("follows", K_COUNT, S_FOLLOWS, true),
	BASE("profile_visits", K_COUNT, S_PROFILE_VISITS, true),
	/* served, not in the truth (ttreport does not ask for them) */
	/* §7 "real_time_* metrics are counted by conversion time and so do not rewrite
	 * past days" */
	BASE("real_time_conversion", K_COUNT, S_RT_CONVERSION, false),
	/* Gotchas: "real_time_conversion_rate_v2 is the same with real_time_conversion" */
	RATIO("real_time_conversion_rate_v2", S_RT_CONVERSION, S_IMPRESSIONS, 100, false),
	/* §4 metric names: real_time_cost_per_conversion, as cost_per_conversion */
	MONEY("real_time_cost_per_conversion", S_SPEND, S_RT_CONVERSION, 1, false),
};
const int sim_nmetrics = (int)(sizeof(sim_metrics) / sizeof(sim_metrics[0]));

int sim_metric_find(const char *api)
{
	for (int i = 0; api && i < sim_nmetrics; i++)
		if (!strcmp(sim_metrics[i].api, api))
			return i;
	return -1;
}

/* ISO 4217 minor units of the currencies ttsim may serve */
int sim_currency_decimals(const char *iso)
{
	static const struct { const char *iso; int dec; } t[] = {
		{ "MAD", 2 }, { "EUR", 2 }, { "USD", 2 }, { "JPY", 0 }, { "KRW", 0 }, { "IDR", 2 },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].iso, iso))
			return t[i].dec;
	return 2;
}

static int64_t ten(int n)
{
	int64_t v = 1;
	while (n-- > 0)
		v *= 10;
	return v;
}

char *sim_fixed(sv v, int dec, char *buf)
{
	if (dec <= 0) {
		snprintf(buf, 32, "%lld", (long long)v);
		return buf;
	}
	int64_t p = ten(dec);
	snprintf(buf, 32, "%s%lld.%0*lld", v < 0 ? "-" : "", (long long)(llabs(v) / p), dec,
		 (long long)(llabs(v) % p));
	return buf;
}

/* num * mul * 10^scale / den rounded half up once, printed with `shown` decimals */
static bool quot(sv num, int64_t mul, sv den, int scale, int shown, char *buf)
{
	if (num == SV_MISSING || den == SV_MISSING || den == 0)
		return false;
	__int128 n = (__int128)num * mul * ten(scale);
	__int128 q = (2 * n + den) / (2 * (__int128)den);
	sim_fixed((int64_t)q, shown, buf);
	return true;
}

bool sim_metric_str(const struct drow *r, int m, int dec, char *buf)
{
	const struct sim_metric *d = &sim_metrics[m];
	const sv *v = r->v;

	if (d->slot >= 0) {
		if (v[d->slot] == SV_MISSING)
			return false;
		sim_fixed(v[d->slot], d->kind == K_MONEY ? dec : 0, buf);
		return true;
	}
	if (d->kind == K_MONEY) /* minor units / count -> minor units */
		return quot(v[d->num], d->factor, v[d->den], 0, dec, buf);
	return quot(v[d->num], d->factor, v[d->den], d->decimals, d->decimals, buf);
}

/* "12.34" with 2 decimals -> 1234; "-" -> missing */
static int parse_value(const char *s, int dec, sv *out)
{
	sv v = 0;
	int frac = -1;

	if (!strcmp(s, "-")) {
		*out = SV_MISSING;
		return 0;
	}
	for (; *s; s++) {
		if (*s == '.' && frac < 0)
			frac = 0;
		else if (*s >= '0' && *s <= '9' && frac < dec)
			v = v * 10 + (*s - '0'), frac += frac >= 0;
		else
			return -1;
	}
	for (frac = frac < 0 ? 0 : frac; frac < dec; frac++)
		v *= 10;
	*out = v;
	return 0;
}

int sim_eval_metrics(const char *spec, FILE *out)
{
	struct drow r;
	char *copy = strdup(spec), *save = NULL, buf[40];

	if (!copy)
		abort();
	for (int s = 0; s < S_COUNT; s++)
		r.v[s] = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(t, '=');
		int m = eq ? (*eq = '\0', sim_metric_find(t)) : -1;
		if (m < 0 || sim_metrics[m].slot < 0 ||
		    parse_value(eq + 1, sim_metrics[m].kind == K_MONEY ? 2 : 0, &r.v[sim_metrics[m].slot])) {
			fprintf(stderr, "ttsim: --eval-metrics: '%s': expected BASE_METRIC=VALUE\n", t);
			free(copy);
			return -1;
		}
	}
	free(copy);
	fputc('{', out);
	for (int m = 0; m < sim_nmetrics; m++) {
		bool ok = sim_metric_str(&r, m, 2, buf);
		fprintf(out, "%s\"%s\":\"%s\"", m ? "," : "", sim_metrics[m].api, ok ? buf : "-");
	}
	fputs("}\n", out);
	return 0;
}
