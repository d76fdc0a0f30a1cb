#!/bin/sh
# The comment classifier in the nightly run: model load (median of 5) and
# rules + model + policy over 10,000 comments (the heldout set, cycled), with
# the model size. Goal: load < 100 ms.
#   sh tests/bench/classify.sh [BUILD]     (needs `make all` first)
build=${1:-build}
set -e
libs="$(pkg-config --libs libcurl xlsxwriter jansson fribidi libutf8proc inih zlib) -lhpdf -llinear -lm"
# the objects of today's sources (a stale object of a moved file would clash)
objs=$(ls core/*.c triage/*.c exporters/*.c etl/*.c | grep -v '^etl/main\.c$' | sed "s|^\(.*\)\.c\$|$build/obj/\1.o|")
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers -I. \
	-o "$build/bench_classify" tests/bench/bench_classify.c $objs $libs
r=$("$build/bench_classify" "$build/comments.model" schemas/rules.conf fixtures/comments/heldout.tsv 10000)
echo "$r"
echo "$r" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
END { printf "classify: model %.1f MB, load %s ms (goal < 100 ms: %s), 10,000 comments in %s s (%s us each)\n",
	v["model_bytes"] / 1048576, v["load_ms"], v["load_ms"] < 100 ? "ok" : "MISS", v["secs"], v["per_comment_us"] }'
