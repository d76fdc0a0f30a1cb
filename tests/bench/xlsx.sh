#!/bin/sh
# XLSX benchmark: ~1M ad-day rows through exporter_xlsx vs libxlsxwriter alone
# writing as many rows of the same cells (constant_memory). Each run in its own
# process. Goal: within 1.3x and the export under 200 MB.
#   sh tests/bench/xlsx.sh [BUILD]     (needs `make all` first; NCAMP=50 by default)
build=${1:-build}
ncamp=${NCAMP:-50}
set -e
out=$build/bench-out/xlsx
rm -rf "$out"
mkdir -p "$out/t" "$out/r"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -I. -Itests/unit \
	-o "$build/bench_xlsx" tests/bench/bench_xlsx.c \
	$(for f in core/*.c triage/*.c exporters/*.c etl/*.c; do [ "$f" = etl/main.c ] || echo "$build/obj/${f%.c}.o"; done) "$build/obj/tests/unit/helper_fake.o" \
	$(pkg-config --libs libcurl xlsxwriter jansson fribidi libutf8proc inih zlib) -lhpdf -llinear -lm
t=$("$build/bench_xlsx" ttreport "$out/t" "$ncamp")
rows=$(echo "$t" | sed 's/.* rows=\([0-9]*\).*/\1/')
r=$("$build/bench_xlsx" raw "$out/r" "$rows")
echo "ttreport: $t"
echo "raw:      $r"
ts=$(echo "$t" | sed 's/secs=\([0-9.]*\).*/\1/')
rs=$(echo "$r" | sed 's/secs=\([0-9.]*\).*/\1/')
peak=$(echo "$t" | sed 's/.*export_mb=\([0-9.-]*\).*/\1/')
total=$(echo "$t" | sed 's/.*peak_mb=\([0-9]*\).*/\1/')
ls -l "$out"/t/*.xlsx "$out"/r/raw.xlsx | awk '{print "file: " $5 " bytes " $9}'
awk -v t="$ts" -v r="$rs" -v p="$peak" -v tot="$total" 'BEGIN {
	printf "xlsx: ttreport %.2fs / raw libxlsxwriter %.2fs = %.2fx, peak RSS %.1f MB (export; %d MB with the report it reads)\n", t, r, t / r, p, tot }'
rm -rf "$out"
