#!/bin/sh
# PDF benchmark: fake_report(100, 4, 5, 30) (100 campaigns, 2,000 ads per
# advertiser, two advertisers, 30 days) through exporter_pdf, best of 5 runs.
# Goal: well under a second.   sh tests/bench/pdf.sh [BUILD]   (after `make all`)
build=${1:-build}
set -e
out=$build/bench-out/pdf
rm -rf "$out"
mkdir -p "$out"
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -I. -Itests/unit \
	-o "$build/bench_pdf" tests/bench/bench_pdf.c \
	$(for f in core/*.c triage/*.c exporters/*.c etl/*.c; do [ "$f" = etl/main.c ] || echo "$build/obj/${f%.c}.o"; done) "$build/obj/tests/unit/helper_fake.o" \
	$(pkg-config --libs libcurl xlsxwriter jansson fribidi libutf8proc inih zlib) -lhpdf -llinear -lm
"$build/bench_pdf" "$out" "$build/DejaVuSans-flat.ttf" 5
pages=$(pdfinfo "$out"/ttreport_*.pdf 2>/dev/null | sed -n 's/^Pages: *//p')
[ -n "$pages" ] && echo "pdf: $pages pages"
rm -rf "$out"
