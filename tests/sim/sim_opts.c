/* sim_opts.c: ttsim's command line: the usage text, option parsing and
 * checks. Options point into argv (never copied); --scenario entries live in
 * a static array. Errors are printed here, one line naming the option. */
#include "ttsim.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: ttsim [--port N] [--seed S] [--today YYYY-MM-DD]\n"
	"             [--advertisers N] [--campaigns N] [--adgroups N] [--ads N]\n"
	"             [--videos N] [--comments N] [--days N] [--epoch DATE]\n"
	"             [--token T] [--account-token T] [--business-id ID]\n"
	"             [--app-id ID] [--app-secret S] [--refresh-token T]\n"
	"             [--qps N] [--latency-ms N] [--faults SPEC] [--truth FILE] [--log FILE]\n"
	"             [--now YYYY-MM-DDTHH:MM:SSZ] [--account-token-ttl S] [--business-qpm N]\n"
	"             [--reply-visible-ms N] [--hour-latency-min N] [--scenario NAME@HOUR]...\n"
	"\n"
	"A local stand-in for the TikTok API for Business v1.3, serving deterministic data\n"
	"generated from --seed and --today at http://127.0.0.1:PORT/open_api/v1.3/.\n"
	"Prints 'listening on 127.0.0.1:PORT' first; serves until SIGTERM or SIGINT.\n"
	"\n"
	"  --port N            port on 127.0.0.1 (default 0: any free port)\n"
	"  --seed S            data seed (default 1)\n"
	"  --today DATE        the simulator's clock is DATE at 06:00:00 UTC (default: the\n"
	"                      current UTC date). Each advertiser's local today is the local\n"
	"                      date of that instant in its timezone; data exists up to it\n"
	"                      (local today: the hours served so far, see\n"
	"                      --hour-latency-min). ttreport must be run with\n"
	"                      TTREPORT_NOW=<today>T06:00:00Z to see the same clock.\n"
	"  --now INSTANT       the simulated clock, YYYY-MM-DDTHH:MM:SSZ (default: --today at\n"
	"                      06:00:00Z; --today becomes its UTC date). It stands still;\n"
	"                      only POST /__sim/advance moves it (see below).\n"
	"  --days N            history length in days (default 400)\n"
	"  --epoch DATE        creations and deletions are fixed days around DATE (default\n"
	"                      2026-11-18; the latest deletion is on DATE), so a day's data\n"
	"                      does not depend on --today except for settling: conversions,\n"
	"                      purchases and their value of the last 2 local days grow to\n"
	"                      80% and 93% and are final from day 3. With --today before\n"
	"                      DATE + 2, the layout moves to --today - 2.\n"
	"  --advertisers N     advertisers (default 3; they cycle MAD Africa/Casablanca,\n"
	"                      EUR Europe/Paris, USD Etc/GMT+8)\n"
	"  --campaigns N       campaigns per advertiser (default 4)\n"
	"  --adgroups N        ad groups per campaign (default 2)\n"
	"  --ads N             ads per ad group (default 3)\n"
	"  --videos N          videos of the business (default 5)\n"
	"  --comments N        top-level comments per video (default 20)\n"
	"  --token T           Marketing API token (default sim-token)\n"
	"  --account-token T   TikTok account token for /business/ (default sim-account-token)\n"
	"  --business-id ID    the account's business_id / open_id (default sim-business)\n"
	"  --app-id ID, --app-secret S\n"
	"                      app credentials for the token endpoints (default sim-app-id,\n"
	"                      sim-app-secret); the auth code is always sim-auth-code\n"
	"  --refresh-token T   account refresh token (default sim-refresh-token)\n"
	"  --account-token-ttl S\n"
	"                      account access tokens expire S seconds (simulated clock) after\n"
	"                      they were handed out; /business/ calls then answer 40102\n"
	"                      (default 86400). tt_user/oauth2/refresh_token/ hands out a new\n"
	"                      access token and a new refresh token; a used refresh token\n"
	"                      answers 40107, an expired one 40103; refresh_token_expires_in\n"
	"                      counts down from one year\n"
	"  --business-qpm N    at most N requests per endpoint of /business/ in any sliding\n"
	"                      minute (40100 past it; default 0: no limit)\n"
	"  --reply-visible-ms N\n"
	"                      a reply created while running is listed (reply/list,\n"
	"                      include_replies, the replies count) only N ms later\n"
	"  --hour-latency-min N\n"
	"                      hourly rows of local today are served for hours that ended\n"
	"                      at least N minutes before the clock (default 10); today's\n"
	"                      daily row is the sum of those hours\n"
	"  --scenario NAME@HOUR\n"
	"                      from local HOUR of the day of --now, in every advertiser:\n"
	"                      spend_no_conv, cpa_spike, budget_fast, budget_slow or\n"
	"                      tracking_gone (repeatable; see tests/sim/README.md)\n"
	"  --qps N             answer code 40100 past N requests in any one second\n"
	"  --latency-ms N      delay every answer by N ms\n"
	"  --faults SPEC       KIND:RATE,... with KIND one of 40100 40133 50000 50002 (error\n"
	"                      envelopes), 504 (HTTP 504, HTML body), drop (close without an\n"
	"                      answer), trunc (JSON cut in half), slow (2 s late), dropafter\n"
	"                      (POST writes: apply, then drop), 40067 (report windows wider\n"
	"                      than 7 days). Deterministic from the seed and request counter.\n"
	"  --truth FILE        write the ground truth as JSON (rewritten when a period\n"
	"                      report is served for a new window)\n"
	"  --log FILE          one JSON line per request\n"
	"  --eval-metrics BASES\n"
	"                      print every metric for one row of base values\n"
	"                      (\"spend=20.00,impressions=2000,conversion=3,...\") as JSON, exit\n"
	"\n"
	"Both business/video/list/ and business/videos/list/ answer (same handler).\n"
	"Test control: POST /__sim/advance with {\"seconds\":N} moves the clock N seconds\n"
	"forward (the data of the new local days appears, the truth is rewritten);\n"
	"GET /__sim/clock answers the clock. Neither needs a token.\n";

/* ---- options ---- */

static int num_opt(const char *name, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr, "ttsim: --%s: expected an integer in [%ld, %ld], got '%s'\n", name, lo,
			hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int str_opt(int c, const char *arg, struct sim_opts *o)
{
	char msg[256];

	switch (c) {
	case 'k': o->token = arg; break;
	case 'K': o->account_token = arg; break;
	case 'f': o->faults = arg; break;
	case 'T': o->truth = arg; break;
	case 'L': o->log = arg; break;
	case 'b': o->business_id = arg; break;
	case 'a': o->app_id = arg; break;
	case 'S': o->app_secret = arg; break;
	case 'r': o->refresh_token = arg; break;
	case 'e': o->eval = arg; break;
	case 'Z':
		if (o->nscen == 16) {
			fprintf(stderr, "ttsim: --scenario: at most 16\n");
			return -1;
		}
		if (scenario_parse(arg, &o->scen[o->nscen], msg, sizeof(msg))) {
			fprintf(stderr, "ttsim: %s\n", msg);
			return -1;
		}
		o->nscen++;
		break;
	default: return 1;
	}
	return 0;
}

static int time_opt(int c, const char *arg, struct sim_opts *o)
{
	char *end;

	switch (c) {
	case 's':
		errno = 0;
		o->seed = strtoull(arg, &end, 10);
		if (!*arg || *end || errno || *arg == '-') {
			fprintf(stderr, "ttsim: --seed: expected a non-negative integer\n");
			return -1;
		}
		return 0;
	case 't': case 'E':
		if (sim_date_parse(arg, c == 't' ? &o->today : &o->epoch)) {
			fprintf(stderr, "ttsim: --%s: expected YYYY-MM-DD, got '%s'\n",
				c == 't' ? "today" : "epoch", arg);
			return -1;
		}
		return 0;
	case 'N':
		if (sim_instant_parse(arg, &o->now)) {
			fprintf(stderr, "ttsim: --now: expected YYYY-MM-DDTHH:MM:SSZ, got '%s'\n", arg);
			return -1;
		}
		return 0;
	default: return 1;
	}
}

static int num_opt_c(int c, const char *name, const char *arg, struct sim_opts *o)
{
	static const struct { int c; long lo, hi; size_t off; bool is_long; } t[] = {
		{ 'p', 0, 65535, offsetof(struct sim_opts, port), false },
		{ 'A', 1, 1000, offsetof(struct sim_opts, n_adv), false },
		{ 'C', 1, 1000, offsetof(struct sim_opts, n_camp), false },
		{ 'G', 1, 1000, offsetof(struct sim_opts, n_adg), false },
		{ 'D', 1, 1000, offsetof(struct sim_opts, n_ads), false },
		{ 'V', 0, 1000, offsetof(struct sim_opts, n_videos), false },
		{ 'M', 0, 100000, offsetof(struct sim_opts, n_comments), false },
		{ 'q', 0, 1000000, offsetof(struct sim_opts, qps), false },
		{ 'l', 0, 600000, offsetof(struct sim_opts, latency_ms), false },
		{ 'd', 31, 3650, offsetof(struct sim_opts, days), false },
		{ 'Q', 0, 100000, offsetof(struct sim_opts, business_qpm), false },
		{ 'H', 0, 1440, offsetof(struct sim_opts, hour_latency_min), false },
		{ 'X', 1, 315360000, offsetof(struct sim_opts, account_ttl), true },
		{ 'R', 0, 3600000, offsetof(struct sim_opts, reply_visible_ms), true },
	};
	long v;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].c != c)
			continue;
		if (num_opt(name, arg, t[i].lo, t[i].hi, &v))
			return -1;
		if (t[i].is_long)
			*(long *)((char *)o + t[i].off) = v;
		else
			*(int *)((char *)o + t[i].off) = (int)v;
		return 0;
	}
	return 1;
}

static int check_opts(struct sim_opts *o, bool have_now)
{
	if (have_now)
		o->today = (int)(o->now / 86400);
	else
		o->now = (time_t)o->today * 86400 + 6 * 3600;
	if ((long long)o->n_adv * o->n_camp * o->n_adg * o->n_ads > 2000000) {
		fprintf(stderr, "ttsim: too many ads (advertisers * campaigns * adgroups * ads > 2000000)\n");
		return -1;
	}
	if (!strcmp(o->token, o->account_token)) {
		fprintf(stderr, "ttsim: --token and --account-token must differ\n");
		return -1;
	}
	return 0;
}

int sim_parse_opts(int argc, char **argv, struct sim_opts *o)
{
	static const struct option lo[] = {
		{ "port", 1, 0, 'p' }, { "seed", 1, 0, 's' }, { "today", 1, 0, 't' },
		{ "advertisers", 1, 0, 'A' }, { "campaigns", 1, 0, 'C' }, { "adgroups", 1, 0, 'G' },
		{ "ads", 1, 0, 'D' }, { "videos", 1, 0, 'V' }, { "comments", 1, 0, 'M' },
		{ "token", 1, 0, 'k' }, { "account-token", 1, 0, 'K' }, { "qps", 1, 0, 'q' },
		{ "latency-ms", 1, 0, 'l' }, { "faults", 1, 0, 'f' }, { "truth", 1, 0, 'T' },
		{ "log", 1, 0, 'L' }, { "days", 1, 0, 'd' }, { "business-id", 1, 0, 'b' },
		{ "app-id", 1, 0, 'a' }, { "app-secret", 1, 0, 'S' }, { "refresh-token", 1, 0, 'r' },
		{ "epoch", 1, 0, 'E' }, { "now", 1, 0, 'N' }, { "account-token-ttl", 1, 0, 'X' },
		{ "business-qpm", 1, 0, 'Q' }, { "reply-visible-ms", 1, 0, 'R' },
		{ "hour-latency-min", 1, 0, 'H' }, { "scenario", 1, 0, 'Z' },
		{ "eval-metrics", 1, 0, 'e' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 },
	};
	static struct scenario scen[16];
	bool have_now = false;
	int c, rc;

	*o = (struct sim_opts){
		.seed = 1, .today = (int)(time(NULL) / 86400), .days = 400, .n_adv = 3, .n_camp = 4,
		.n_adg = 2, .n_ads = 3, .n_videos = 5, .n_comments = 20, .token = "sim-token",
		.account_token = "sim-account-token", .business_id = "sim-business",
		.app_id = "sim-app-id", .app_secret = "sim-app-secret",
		.refresh_token = "sim-refresh-token", .epoch = sim_days(2026, 11, 18),
		.account_ttl = 86400, .hour_latency_min = 10, .scen = scen,
	};
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		const char *name = "";
		for (int i = 0; lo[i].name; i++)
			if (lo[i].val == c)
				name = lo[i].name;
		if (c == 'h') {
			fputs(usage, stdout);
			exit(0);
		}
		have_now |= c == 'N';
		if ((rc = num_opt_c(c, name, optarg, o)) == 1 && (rc = str_opt(c, optarg, o)) == 1 &&
		    (rc = time_opt(c, optarg, o)) == 1) {
			fputs(usage, stderr);
			return -1;
		}
		if (rc)
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "ttsim: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return check_opts(o, have_now);
}

