/* advertisers.c: which advertisers a run reports, and their advertiser/info/
 * (name, currency, timezone): the calls made before the report requests. */
#include "etl/advertisers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/api.h"
#include "core/arena.h"
#include "core/http.h"
#include "core/log.h"
#include "etl/normalize.h"

int extract_discover(const struct config *c, const char *token, char ***ids, size_t *n,
		     struct err *e)
{
	struct http_opts ho = config_http_opts(c);
	const char *pairs[] = { "app_id", c->app_id, "secret", c->app_secret, NULL };
	struct api_status st;
	char *body = NULL, *url = api_url(c->api_base, "oauth2/advertiser/get/", pairs);
	size_t len = 0;
	int rc = api_call(&ho, c->max_tries, url, NULL, token, &body, &len, &st, e);

	free(url);
	*ids = NULL;
	*n = 0;
	if (rc)
		return err_wrap(e, "oauth2/advertiser/get/");
	rc = norm_advertiser_list(body, len, ids, n, &st, e);
	free(body);
	if (rc != NORM_OK)
		return err_wrap(e, "oauth2/advertiser/get/");
	return 0;
}

/* Advertisers from the config, else every one the token can see. */
int advertisers_resolve(struct report *r, const struct config *c, struct err *e)
{
	char **ids = NULL;
	size_t n = 0;
	int rc;

	if (c->advertisers.n) {
		for (size_t i = 0; i < c->advertisers.n; i++)
			if (!report_find_advertiser(r, c->advertisers.v[i]))
				report_add_advertiser(r, c->advertisers.v[i]);
		return 0;
	}
	if (!c->app_id || !c->app_secret)
		return errf(e, EXIT_USAGE, "no advertisers: set TIKTOK_ADVERTISER_IDS, --advertiser, "
			    "or TIKTOK_APP_ID and TIKTOK_APP_SECRET to discover them");
	if ((rc = extract_discover(c, c->access_token, &ids, &n, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		report_add_advertiser(r, ids[i]);
		free(ids[i]);
	}
	free(ids);
	if (!n)
		return errf(e, EXIT_USAGE, "the access token sees no advertiser");
	log_info("discovered %zu advertiser(s)", n);
	return 0;
}

/* advertiser/info/ for advs[from..to). EXIT_AUTH with st's code when refused. */
static int info_batch(struct report *r, const struct config *c, size_t from, size_t to,
		      struct api_status *st, struct err *e)
{
	struct http_opts ho = config_http_opts(c);
	size_t cap = 64, o;
	char *ids, *url, *body = NULL;
	size_t len = 0;
	int rc;

	for (size_t k = from; k < to; k++)
		cap += strlen(r->advs[k].id) + 3;
	ids = xmalloc(cap);
	o = (size_t)snprintf(ids, cap, "[");
	for (size_t k = from; k < to; k++)
		o += (size_t)snprintf(ids + o, cap - o, "%s\"%s\"", k > from ? "," : "", r->advs[k].id);
	snprintf(ids + o, cap - o, "]");
	{
		const char *pairs[] = { "advertiser_ids", ids, "fields",
					"[\"advertiser_id\",\"name\",\"currency\",\"timezone\","
					"\"display_timezone\",\"status\"]", NULL };
		url = api_url(c->api_base, "advertiser/info/", pairs);
	}
	free(ids);
	rc = api_call(&ho, c->max_tries, url, NULL, c->access_token, &body, &len, st, e);
	free(url);
	if (rc)
		return rc;
	rc = norm_advertiser_info(body, len, r, st, e);
	free(body);
	return rc ? EXIT_API : 0;
}

/* advertiser/info/ in batches of 100 ids. A batch refused for permission (one
 * advertiser the token may not see) is asked again one id at a time, so that
 * advertiser alone fails; a refused token stops the run. */
int advertisers_info(struct report *r, const struct config *c, struct err *e)
{
	for (size_t i = 0; i < r->nadv; i += 100) {
		size_t end = i + 100 < r->nadv ? i + 100 : r->nadv;
		struct api_status st;
		int rc = info_batch(r, c, i, end, &st, e);

		if (rc == EXIT_AUTH && api_classify(st.code) == API_PERM) {
			for (size_t k = i; k < end; k++) {
				struct err pe = { 0 };
				if ((rc = info_batch(r, c, k, k + 1, &st, &pe)) == 0)
					continue;
				if (rc == EXIT_AUTH && api_classify(st.code) != API_PERM)
					return *e = pe, err_wrap(e, "advertiser/info/");
				r->advs[k].failed = true;
				r->advs[k].denied = true;
				snprintf(r->advs[k].error, sizeof(r->advs[k].error),
					 "advertiser %s: advertiser/info/: %s", r->advs[k].id, pe.msg);
				utf8_cut(r->advs[k].error);
				report_warn(r, "%s", r->advs[k].error);
				log_error("%s", r->advs[k].error);
			}
			continue;
		}
		if (rc)
			return err_wrap(e, "advertiser/info/");
	}
	return 0;
}
