/* Unit tests for core/record: records: upsert, totals and reconciliation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/dates.h"
#include "core/metrics.h"
#include "core/record.h"
#include "helper_fake.h"

static void records_upsert_and_totals(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = report_add_advertiser(r, "1");
	struct mrow v;
	long e;
	(void)st;
	a->win = (struct window){ 10, 12 };
	a->prev = window_previous(a->win);
	e = adv_entity(r, a, LVL_CAMPAIGN, "c1", true);
	assert_int_equal(adv_entity(r, a, LVL_CAMPAIGN, "c1", true), e);
	assert_int_equal(adv_entity(r, a, LVL_CAMPAIGN, "c2", false), -1);
	mrow_clear(&v);
	v.s[S_SPEND] = 100;
	adv_add_day(a, LVL_CAMPAIGN, e, 12, &v);
	adv_add_day(a, LVL_CAMPAIGN, e, 11, &v);
	adv_add_day(a, LVL_CAMPAIGN, e, 12, &v); /* same day again: kept once */
	adv_add_day(a, LVL_CAMPAIGN, e, 8, &v);  /* previous window */
	adv_add_day(a, LVL_CAMPAIGN, e, 2, &v);  /* outside both: ignored */
	report_finish(r);
	assert_int_equal(a->nrows[LVL_CAMPAIGN], 2);
	assert_int_equal(a->rows[LVL_CAMPAIGN][0].day, 11);
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_SPEND] == 200);
	assert_true(a->ents[LVL_CAMPAIGN][0].prev.s[S_SPEND] == 100);
	assert_non_null(adv_find(a, LVL_CAMPAIGN, "c1"));
	assert_null(adv_find(a, LVL_CAMPAIGN, "zz"));
	report_free(r);
}

static void reconciliation(void **st)
{
	struct report *r = fake_report(4, 2, 3, 3);
	struct advertiser *a = &r->advs[0];
	(void)st;
	assert_true(a->recon.checks > 0);
	assert_int_equal(a->recon.mismatches, 0);
	/* break one ad: the mismatch is found and named */
	a->ents[LVL_AD][0].cur.s[S_SPEND] += 1;
	adv_reconcile(a);
	assert_int_equal(a->recon.mismatches, 1);
	assert_non_null(strstr(a->recon.detail, "spend"));
	report_free(r);
}

/* Issue 14: the advertiser level is reconciled day by day too: moving spend
 * from one day of the account's rows to another leaves the window totals
 * equal (the old check passed) but two days disagree with the campaigns. */
static void advertiser_days_reconciled(void **st)
{
	struct report *r = fake_report(4, 2, 3, 3);
	struct advertiser *a = &r->advs[0];
	(void)st;
	assert_int_equal(a->recon.mismatches, 0);
	assert_true(a->nrows[LVL_ADVERTISER] == 3);
	a->rows[LVL_ADVERTISER][0].v.s[S_SPEND] += money_from_minor(500, 2);
	a->rows[LVL_ADVERTISER][1].v.s[S_SPEND] -= money_from_minor(500, 2);
	a->rows[LVL_ADVERTISER][2].v.s[S_CLICKS] += 1;
	a->rows[LVL_ADVERTISER][1].v.s[S_CLICKS] -= 1;
	adv_reconcile(a);
	assert_int_equal(a->recon.mismatches, 4);
	assert_non_null(strstr(a->recon.detail, "advertiser 7100000000000000001 on 2026-11-17: spend is"));
	report_free(r);
}

/* Issue 14: rows of one request wait in a stage; fetched again, the stage is
 * dropped; committed, its rows join the records (window and previous ones). */
static void staged_rows(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = report_add_advertiser(r, "1");
	struct row_stage s = { 0 };
	struct mrow v;
	long e;
	(void)st;
	a->win = (struct window){ 10, 12 };
	a->prev = window_previous(a->win);
	e = adv_entity(r, a, LVL_CAMPAIGN, "c1", true);
	mrow_clear(&v);
	v.s[S_SPEND] = 7;
	stage_add(&s, e, 11, &v);
	stage_clear(&s); /* the totals changed: fetched again */
	assert_int_equal(s.n, 0);
	v.s[S_SPEND] = 5;
	stage_add(&s, e, 11, &v);
	stage_add(&s, e, 8, &v);
	stage_add(&s, e, 1, &v); /* outside both windows */
	assert_int_equal(adv_stage_commit(a, LVL_CAMPAIGN, &s), 2);
	assert_null(s.rows);
	report_finish(r);
	assert_true(a->ents[LVL_CAMPAIGN][0].cur.s[S_SPEND] == 5);
	assert_true(a->ents[LVL_CAMPAIGN][0].prev.s[S_SPEND] == 5);
	report_free(r);
}

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
		if (!n)
			return false;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

/* Regression (issue 14): messages cut by snprintf could end in half a UTF-8
 * character (an Arabic campaign name in an error, a warning). */
static void messages_cut_on_characters(void **st)
{
	char name[600] = "", b[8];
	struct err e = { 0 };
	struct report *r = report_new(0);
	(void)st;
	for (int i = 0; i < 120; i++)
		strcat(name, "\xd8\xb9"); /* "ع", 2 bytes each */
	for (int shift = 0; shift < 4; shift++) {
		errf(&e, EXIT_API, "%.*sadvertiser 1: %s", shift, "xyz", name);
		assert_true(valid_utf8(e.msg));
		assert_true(strlen(e.msg) >= sizeof(e.msg) - 3);
		err_wrap(&e, "%.*sctx", shift, "xyz");
		assert_true(valid_utf8(e.msg));
		report_warn(r, "%.*s%s%s%s", shift, "xyz", name, name, name);
		assert_true(valid_utf8(r->warnings[r->nwarn - 1]));
	}
	snprintf(b, sizeof(b), "ab%s", "\xe2\x86\x92\xe2\x86\x92"); /* "ab→→" cut inside the second arrow */
	utf8_cut(b);
	assert_string_equal(b, "ab\xe2\x86\x92");
	snprintf(b, sizeof(b), "%s", "abcd\xf0\x9f\x94\xa5"); /* a 4-byte emoji cut */
	utf8_cut(b);
	assert_string_equal(b, "abcd");
	strcpy(b, "abc");
	utf8_cut(b);
	assert_string_equal(b, "abc");
	report_free(r);
}

/* Regression (make asan): report_finish() on an advertiser with no rows at a
 * level passed a NULL array to qsort() (UBSan). */
static void finish_with_no_rows(void **st)
{
	struct report *r = report_new(0);
	struct advertiser *a = report_add_advertiser(r, "7000000000000000001");
	int d;

	(void)st;
	assert_int_equal(date_parse("2026-11-17", &d), 0);
	a->currency = "MAD";
	a->decimals = 2;
	a->win = (struct window){ d, d + 2 };
	a->prev = window_previous(a->win);
	report_finish(r);
	for (int l = LVL_ADVERTISER; l < LVL_COUNT; l++) {
		assert_int_equal(a->nrows[l], 0);
		assert_int_equal(a->nprev[l], 0);
	}
	report_free(r);
}

static void finish_with_no_advertiser(void **st)
{
	struct report *r = report_new(0);

	(void)st;
	report_finish(r);
	assert_int_equal(r->nadv, 0);
	report_free(r);
}

/* schemas/levels.def: the enum's order, the names the API and the files use,
 * and the labels of the sheets, all from the one list. */
static void levels_from_the_list(void **st)
{
	(void)st;
	assert_int_equal(LVL_COUNT, 4);
	assert_string_equal(level_name(LVL_ADVERTISER), "advertiser");
	assert_string_equal(level_name(LVL_AD), "ad");
	assert_string_equal(level_data_level(LVL_CAMPAIGN), "AUCTION_CAMPAIGN");
	assert_string_equal(level_id_field(LVL_ADGROUP), "adgroup_id");
	assert_null(level_name_field(LVL_ADVERTISER));
	assert_string_equal(level_label(LVL_ADGROUP), "Ad groups");
	assert_string_equal(level_defs[LVL_CAMPAIGN].singular, "Campaign");
	assert_string_equal(level_defs[LVL_CAMPAIGN].id_head, "Campaign ID");
	assert_string_equal(level_defs[LVL_ADGROUP].table, "AdGroupTable");
	for (int l = LVL_CAMPAIGN; l < LVL_COUNT; l++) {
		const struct level_def *d = &level_defs[l];
		/* every level below the account has an inventory naming its own id */
		assert_non_null(d->inv_path);
		assert_non_null(strstr(d->inv_fields, d->id_field));
		assert_non_null(strstr(d->inv_fields, d->name_field));
		assert_non_null(strstr(d->rep_attrs, d->name_field));
	}
	assert_null(level_defs[LVL_ADVERTISER].inv_path);
	assert_string_equal(level_defs[LVL_ADVERTISER].rep_attrs, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(levels_from_the_list),
		cmocka_unit_test(records_upsert_and_totals),
		cmocka_unit_test(reconciliation),
		cmocka_unit_test(finish_with_no_rows),
		cmocka_unit_test(finish_with_no_advertiser),
		cmocka_unit_test(advertiser_days_reconciled),
		cmocka_unit_test(staged_rows),
		cmocka_unit_test(messages_cut_on_characters),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
