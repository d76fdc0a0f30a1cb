#include "core/metrics.h"

#include <stdio.h>
#include <string.h>

const struct metric_def metric_defs[M_COUNT] = {
#define STORED(id, api, type, agg, label, dec) \
	[M_##id] = { api, label, type, agg, dec, S_##id, 0, 0, 0 },
#define DERIVED(id, api, type, label, dec, num, den, factor) \
	[M_##id] = { api, label, type, AGG_DERIVED, dec, -1, M_##num, M_##den, factor },
#include "schemas/metrics.def"
#undef STORED
#undef DERIVED
};

static const int64_t pow10_tab[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

void mrow_clear(struct mrow *r)
{
	for (int i = 0; i < S_COUNT; i++)
		r->s[i] = MV_MISSING;
}

void mrow_add(struct mrow *dst, const struct mrow *src)
{
	for (int m = 0; m < M_COUNT; m++) {
		const struct metric_def *d = &metric_defs[m];
		if (d->agg != AGG_SUM || src->s[d->slot] == MV_MISSING)
			continue;
		if (dst->s[d->slot] == MV_MISSING)
			dst->s[d->slot] = 0;
		dst->s[d->slot] += src->s[d->slot];
	}
}

int64_t div_round(int64_t num, int64_t mul, int64_t den)
{
	__int128 n = (__int128)num * mul;
	int neg = (n < 0) != (den < 0);

	if (n < 0)
		n = -n;
	if (den < 0)
		den = -den;
	n = (n + den / 2) / den;
	return (int64_t)(neg ? -n : n);
}

/* Round n / d half away from zero (d > 0). */
static __int128 round_div(__int128 n, __int128 d)
{
	return n < 0 ? -((-n + d / 2) / d) : (n + d / 2) / d;
}

static int cur_dec(int d)
{
	return d < 0 ? 0 : d > MONEY_SCALE ? MONEY_SCALE : d;
}

mval money_display(mval v, int currency_decimals)
{
	if (v == MV_MISSING)
		return v;
	return (mval)round_div(v, pow10_tab[MONEY_SCALE - cur_dec(currency_decimals)]);
}

mval money_from_minor(int64_t v, int currency_decimals)
{
	if (v == MV_MISSING)
		return v;
	return v * pow10_tab[MONEY_SCALE - cur_dec(currency_decimals)];
}

mval money_div(mval num, int64_t mul, mval den, int currency_decimals)
{
	int64_t unit = pow10_tab[MONEY_SCALE - cur_dec(currency_decimals)];

	if (num == MV_MISSING || den == MV_MISSING || den == 0)
		return MV_MISSING;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	return (mval)(round_div((__int128)num * mul, (__int128)den * unit) * unit);
}

mval mrow_get(const struct mrow *r, enum metric m, int currency_decimals)
{
	const struct metric_def *d = &metric_defs[m];
	mval num, den;

	if (d->slot >= 0)
		return r->s[d->slot];
	num = mrow_get(r, d->num, currency_decimals);
	den = mrow_get(r, d->den, currency_decimals);
	if (num == MV_MISSING || den == MV_MISSING || den == 0)
		return MV_MISSING;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	if (d->type == MT_MONEY) /* money / count, rounded once to the currency */
		return money_div(num, d->factor, den, currency_decimals);
	/* ratio: rounded once to its printed decimals, held in millionths */
	return (mval)round_div((__int128)num * d->factor * pow10_tab[d->decimals], den) *
	       pow10_tab[6 - d->decimals];
}

int metric_by_api(const char *api)
{
	for (int m = 0; m < M_COUNT; m++)
		if (strcmp(metric_defs[m].api, api) == 0)
			return m;
	return -1;
}

int currency_decimals(const char *iso)
{
	static const char zero[] =
		"BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
	static const char three[] = "BHD IQD JOD KWD LYD OMR TND";

	if (!iso || strlen(iso) != 3)
		return 2;
	if (strstr(zero, iso))
		return 0;
	if (strstr(three, iso))
		return 3;
	return 2;
}

int fx_parse(const char *s, int scale, mval *out)
{
	int64_t ip = 0, fp = 0, limit;
	int neg = 0, nd = 0, fd = 0, round_up = 0;
	const char *p = s;

	if (!s || !*s || strcmp(s, "-") == 0) {
		*out = MV_MISSING;
		return 0;
	}
	if (scale < 0 || scale > 9)
		return -1;
	/* the largest integer part whose value (fraction and rounding included)
	 * still fits: ip * 10^scale + (10^scale - 1) + 1 <= INT64_MAX */
	limit = (INT64_MAX - pow10_tab[scale]) / pow10_tab[scale];
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, nd++) {
		if (ip > (limit - (*p - '0')) / 10)
			return -1;
		ip = ip * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, fd++) {
			if (fd < scale)
				fp = fp * 10 + (*p - '0');
			else if (fd == scale)
				round_up = *p >= '5';
		}
	}
	if (*p == '%')
		p++;
	if (*p || (nd == 0 && fd == 0))
		return -1;
	for (int i = fd; i < scale; i++)
		fp *= 10;
	*out = ip * pow10_tab[scale] + fp + round_up;
	if (neg)
		*out = -*out;
	return 0;
}

char *fx_format(mval v, int scale, char *buf, size_t n)
{
	uint64_t a;

	if (v == MV_MISSING) {
		if (n)
			buf[0] = '\0';
		return buf;
	}
	a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	if (scale == 0)
		snprintf(buf, n, "%s%llu", v < 0 ? "-" : "", (unsigned long long)a);
	else
		snprintf(buf, n, "%s%llu.%0*llu", v < 0 ? "-" : "",
			 (unsigned long long)(a / (uint64_t)pow10_tab[scale]), scale,
			 (unsigned long long)(a % (uint64_t)pow10_tab[scale]));
	return buf;
}

char *fx_format_human(mval v, int scale, char *buf, size_t n)
{
	char plain[40], out[64];
	size_t len, ilen, o = 0;
	const char *dot;

	if (v == MV_MISSING) {
		snprintf(buf, n, "-");
		return buf;
	}
	fx_format(v, scale, plain, sizeof(plain));
	dot = strchr(plain, '.');
	len = strlen(plain);
	ilen = dot ? (size_t)(dot - plain) : len;
	for (size_t i = 0; i < ilen; i++) {
		size_t left = ilen - i; /* digits left, counting this one */
		if (plain[i] == '-') {
			out[o++] = '-';
			continue;
		}
		out[o++] = plain[i];
		if (left > 1 && (left - 1) % 3 == 0)
			out[o++] = ' ';
	}
	if (dot) {
		out[o++] = ',';
		memcpy(out + o, dot + 1, len - ilen - 1);
		o += len - ilen - 1;
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

char *metric_format(enum metric m, mval v, int cur_dec_, bool human, char *buf, size_t n)
{
	const struct metric_def *d = &metric_defs[m];
	int scale = d->type == MT_MONEY ? cur_dec(cur_dec_) : d->decimals;

	if (v != MV_MISSING && d->type == MT_RATIO)
		v = div_round(v, 1, pow10_tab[6 - d->decimals]);
	else if (d->type == MT_MONEY)
		v = money_display(v, cur_dec_);
	return human ? fx_format_human(v, scale, buf, n) : fx_format(v, scale, buf, n);
}
