#!/bin/sh
# ttsim Accounts API: video list paging (both paths), comment cursor paging
# with short pages, hide/unhide, replies (150 code points), delete rules; the
# truth's comment states follow the actions.
BUILD=${1:-build}
. tests/sim/simlib.sh

sim a --seed 7 --today 2026-11-20 --comments 40 --truth "$TMP/truth.json"
timeout 120 $PY $SIMTEST comments "$BASE" 40 || die "comment checks failed"
# the truth is rewritten on the next new period window: serve one, then compare
A=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["advertisers"][0]["advertiser_id"])' "$TMP/truth.json")
curl -s -G -H 'Access-Token: sim-token' "${BASE}report/integrated/get/" \
	--data-urlencode advertiser_id="$A" --data-urlencode report_type=BASIC \
	--data-urlencode data_level=AUCTION_ADVERTISER --data-urlencode 'dimensions=["advertiser_id"]' \
	--data-urlencode start_date=2026-11-02 --data-urlencode end_date=2026-11-13 | grep -q '"code":0' \
	|| die "period report failed"
timeout 60 $PY $SIMTEST comment_truth "$BASE" "$TMP/truth.json" || die "comment truth differs"
stop "$PID"
echo "sim comments: ok"
