#include "helper_fake.h"

#include <stdio.h>
#include <string.h>

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static const char *const camp_names[] = {
	"Promo Black Friday – Abayas", "تخفيضات رمضان", "🔥 Flash sale 🔥", "東京セール",
	"Soldes d'hiver", "عبايات جديدة 2026", "Sacs à main ✨", "حقائب يد فاخرة",
};

static void fill(struct mrow *v, uint64_t h, bool conv_missing)
{
	int64_t impr = 200 + (int64_t)(h % 5000);
	mrow_clear(v);
	v->s[S_IMPRESSIONS] = impr;
	v->s[S_REACH] = impr * 10 / 13;
	v->s[S_FREQUENCY] = 1300000;
	v->s[S_CLICKS] = impr / 60 + (int64_t)(h >> 20) % 7;
	v->s[S_SPEND] = money_from_minor(impr * 4 + (int64_t)(h >> 8) % 100, 2);
	if (!conv_missing) {
		v->s[S_CONVERSION] = v->s[S_CLICKS] / 12;
		v->s[S_PURCHASES] = v->s[S_CONVERSION] / 2;
		v->s[S_VALUE] = money_from_minor(v->s[S_PURCHASES] * 25000, 2);
	}
	v->s[S_VIDEO_PLAYS] = impr * 9 / 10;
	v->s[S_VIDEO_2S] = impr * 4 / 10;
	v->s[S_VIDEO_P100] = impr / 20;
	v->s[S_LIKES] = impr / 100;
	v->s[S_COMMENTS] = impr / 700;
	v->s[S_SHARES] = impr / 900;
	v->s[S_FOLLOWS] = impr / 1000;
	v->s[S_PROFILE_VISITS] = impr / 300;
}

struct report *fake_report(int ncamp, int nadg, int nads, int ndays)
{
	static const char *const cur[] = { "MAD", "EUR" };
	static const char *const tz[] = { "Africa/Casablanca", "Europe/Paris" };
	static const char *const names[] = { "Ammani Store", "Ammani Europe" };
	struct report *r = report_new(1795154400); /* 2026-11-20 06:00 UTC */
	int until = days_from_civil(2026, 11, 19);
	char id[32], name[96];

	r->span.since = until - ndays + 1;
	r->span.until = until;
	for (int ai = 0; ai < 2; ai++) {
		struct advertiser *a = report_add_advertiser(r, ai ? "7100000000000000002" : "7100000000000000001");
		long adv;
		a->name = arena_strdup(&r->arena, names[ai]);
		a->currency = cur[ai];
		a->timezone = tz[ai];
		a->decimals = 2;
		a->today = until + 1;
		a->win = (struct window){ until - ndays + 1, until };
		a->prev = window_previous(a->win);
		a->provisional_from = until - 1;
		adv = adv_entity(r, a, LVL_ADVERTISER, a->id, true);
		a->ents[LVL_ADVERTISER][adv].name = a->name;
		for (int c = 0; c < ncamp; c++) {
			long ci;
			snprintf(id, sizeof(id), "17%d%016d", ai, c);
			ci = adv_entity(r, a, LVL_CAMPAIGN, id, true);
			a->ents[LVL_CAMPAIGN][ci].name = arena_strdup(&r->arena, camp_names[c % 8]);
			a->ents[LVL_CAMPAIGN][ci].deleted = c == 3;
			a->ents[LVL_CAMPAIGN][ci].status = c == 3 ? "CAMPAIGN_STATUS_DELETE" : "CAMPAIGN_STATUS_ENABLE";
			a->ents[LVL_CAMPAIGN][ci].budget = money_from_minor(5000, 2);
			a->ents[LVL_CAMPAIGN][ci].budget_mode = "BUDGET_MODE_DAY";
			a->ents[LVL_CAMPAIGN][ci].in_inventory = true;
			for (int g = 0; g < nadg; g++) {
				char gid[32];
				long gi;
				snprintf(gid, sizeof(gid), "18%d%08d%08d", ai, c, g);
				gi = adv_entity(r, a, LVL_ADGROUP, gid, true);
				snprintf(name, sizeof(name), g % 2 ? "Casablanca 18-35 #%d" : "الدار البيضاء %d", g + 1);
				a->ents[LVL_ADGROUP][gi].name = arena_strdup(&r->arena, name);
				a->ents[LVL_ADGROUP][gi].campaign_id = a->ents[LVL_CAMPAIGN][ci].id;
				a->ents[LVL_ADGROUP][gi].deleted = c == 3;
				a->ents[LVL_ADGROUP][gi].in_inventory = true;
				for (int d = 0; d < nads; d++) {
					char did[32];
					long di;
					snprintf(did, sizeof(did), "19%d%06d%06d%05d", ai, c, g, d);
					di = adv_entity(r, a, LVL_AD, did, true);
					snprintf(name, sizeof(name), d % 2 ? "فيديو %d – عباية سوداء" : "Vidéo %d 😍", d + 1);
					a->ents[LVL_AD][di].name = arena_strdup(&r->arena, name);
					a->ents[LVL_AD][di].campaign_id = a->ents[LVL_CAMPAIGN][ci].id;
					a->ents[LVL_AD][di].adgroup_id = a->ents[LVL_ADGROUP][gi].id;
					a->ents[LVL_AD][di].deleted = c == 3 || d == 2;
					a->ents[LVL_AD][di].in_inventory = true;
				}
			}
		}
		/* day by day, ads first, each level the exact sum of the one below */
		for (int day = a->prev.since; day <= a->win.until; day++) {
			struct mrow sa, sc, sg, v;
			long ad = 0, gi = 0;
			mrow_clear(&sa);
			for (int c = 0; c < ncamp; c++) {
				mrow_clear(&sc);
				for (int g = 0; g < nadg; g++, gi++) {
					mrow_clear(&sg);
					for (int d = 0; d < nads; d++, ad++) {
						uint64_t h = mix(((uint64_t)ai << 48) ^ ((uint64_t)c << 36) ^
								 ((uint64_t)g << 24) ^ ((uint64_t)d << 12) ^ (uint64_t)day);
						fill(&v, h, c == 1);
						adv_add_day(a, LVL_AD, ad, day, &v);
						mrow_add(&sg, &v);
					}
					sg.s[S_REACH] = sg.s[S_IMPRESSIONS] * 10 / 14;
					sg.s[S_FREQUENCY] = 1400000;
					adv_add_day(a, LVL_ADGROUP, gi, day, &sg);
					mrow_add(&sc, &sg);
				}
				sc.s[S_REACH] = sc.s[S_IMPRESSIONS] * 10 / 15;
				sc.s[S_FREQUENCY] = 1500000;
				adv_add_day(a, LVL_CAMPAIGN, c, day, &sc);
				mrow_add(&sa, &sc);
			}
			sa.s[S_REACH] = sa.s[S_IMPRESSIONS] * 10 / 16;
			sa.s[S_FREQUENCY] = 1600000;
			adv_add_day(a, LVL_ADVERTISER, adv, day, &sa);
		}
	}
	report_finish(r);
	/* period metrics, as a period query would give them */
	for (size_t ai = 0; ai < r->nadv; ai++) {
		struct advertiser *a = &r->advs[ai];
		for (int l = 0; l < LVL_COUNT; l++)
			for (size_t k = 0; k < a->nents[l]; k++) {
				struct entity *e = &a->ents[l][k];
				if (e->cur.s[S_IMPRESSIONS] != MV_MISSING) {
					e->cur.s[S_REACH] = e->cur.s[S_IMPRESSIONS] * 10 / 18;
					e->cur.s[S_FREQUENCY] = 1800000;
				}
				if (e->prev.s[S_IMPRESSIONS] != MV_MISSING) {
					e->prev.s[S_REACH] = e->prev.s[S_IMPRESSIONS] * 10 / 17;
					e->prev.s[S_FREQUENCY] = 1700000;
				}
			}
	}
	return r;
}
