#!/bin/sh
# make bench: sh tests/bench/run.sh BUILD. Every benchmark, then a summary of
# the ratios against their floors and goals (see BENCHMARKS.md):
#   1. 30-day backfill, 15,000 ads, ttsim --qps 10 --latency-ms 150:
#      wall / (requests / QPS), goal <= 1.15; and parallel = 1 vs 8
#   2. tests/bench/xlsx.sh (1M ad-day rows vs raw libxlsxwriter), if present
#   3. tests/bench/normalize.sh (1M ad-day rows: JSON pages -> records -> XLSX)
#   4. tests/bench/pdf.sh, if present
#   5. the nightly job of a small store (1 advertiser, 200 ads, 600 comments)
#   6. `ttreport today` on a day of hourly data: the small store, and an agency of
#      50 advertisers: wall / (requests / QPS)
#   7. tests/bench/classify.sh: comment model load + 10,000 comments classified
# Exit 1 when a benchmark could not run; a missed goal is printed as MISS.
build=${1:-build}
out=$build/bench-out
mkdir -p "$out"
fail=0
echo "bench: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"

sh tests/bench/bench_backfill.sh "$build" 8 1 | tee "$out/backfill.txt" || fail=1
for s in xlsx normalize pdf; do
	if [ -f "tests/bench/$s.sh" ]; then
		sh "tests/bench/$s.sh" "$build" | tee "$out/$s.txt" || { fail=1; echo "bench: $s.sh failed"; }
	else
		echo "bench: tests/bench/$s.sh not present: skipped" | tee "$out/$s.txt"
	fi
done
sh tests/bench/bench_nightly.sh "$build" | tee "$out/nightly.txt" || fail=1
sh tests/bench/bench_today.sh "$build" | tee "$out/today.txt" || fail=1
sh tests/bench/classify.sh "$build" | tee "$out/classify.txt" || { fail=1; echo "bench: classify.sh failed"; }

echo "---- summary"
awk '
/^backfill: parallel=8 wall/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v8[kv[1]] = kv[2] } }
/^backfill: parallel=1 wall/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v1[kv[1]] = kv[2] } }
END {
	if (v8["ratio"] != "") {
		printf "backfill (parallel 8): %s for %s requests, floor %s: ratio %.3f, goal <= 1.15: %s\n",
			v8["wall"], v8["requests"], v8["floor"], v8["ratio"], v8["ratio"] <= 1.15 ? "ok" : "MISS"
	}
	if (v1["ratio"] != "" && v8["wall"] != "") {
		w1 = v1["wall"]; w8 = v8["wall"]; sub("s", "", w1); sub("s", "", w8)
		printf "backfill (parallel 1): %s, ratio %.3f to its floor; parallel 8 is %.2fx faster\n",
			v1["wall"], v1["ratio"], w1 / w8
	}
}' "$out/backfill.txt"
grep -h '^xlsx:' "$out/xlsx.txt" 2>/dev/null
grep -h -i 'ratio\|^pdf:' "$out/pdf.txt" 2>/dev/null | head -n 3
grep -h '^nightly: ttreport' "$out/nightly.txt"
grep -h '^today [a-z]*: wall' "$out/today.txt"
grep -h '^classify: model' "$out/classify.txt"
[ $fail -eq 0 ]
