#!/bin/sh
# Normalize + render 1,000,000 ad-day rows (JSON pages -> records -> XLSX) against
# libxlsxwriter alone writing the same cells (bench_xlsx raw). Goal: <= 1.3x, < 200 MB.
#   sh tests/bench/normalize.sh [BUILD]     (needs `make all` first)
build=${1:-build}
set -e
out=$build/bench-out/normalize
rm -rf "$out"
mkdir -p "$out/t" "$out/r"
libs="$(pkg-config --libs libcurl xlsxwriter jansson fribidi libutf8proc inih zlib) -lhpdf -llinear -lm"
objs="$(for f in core/*.c triage/*.c exporters/*.c etl/*.c; do [ "$f" = etl/main.c ] || echo "$build/obj/${f%.c}.o"; done)"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -I. \
	-o "$build/bench_normalize" tests/bench/bench_normalize.c $objs $libs
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -I. -Itests/unit \
	-o "$build/bench_xlsx" tests/bench/bench_xlsx.c $objs "$build/obj/tests/unit/helper_fake.o" $libs
t=$("$build/bench_normalize" "$out/t" 33334 30)
rows=$(echo "$t" | sed 's/.* rows=\([0-9]*\).*/\1/')
r=$("$build/bench_xlsx" raw "$out/r" "$rows")
echo "ttreport: $t"
echo "raw:      $r"
ts=$(echo "$t" | sed 's/secs=\([0-9.]*\).*/\1/')
rs=$(echo "$r" | sed 's/secs=\([0-9.]*\).*/\1/')
peak=$(echo "$t" | sed 's/.*peak_mb=\([0-9]*\).*/\1/')
awk -v t="$ts" -v r="$rs" -v p="$peak" 'BEGIN {
	printf "normalize+render: ttreport %.2fs / raw libxlsxwriter %.2fs = %.2fx, peak RSS %d MB (goal <= 1.3x, < 200 MB)\n", t, r, t / r, p }'
rm -rf "$out"
