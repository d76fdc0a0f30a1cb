#!/bin/sh
# libFuzzer targets: sh tests/fuzz/run.sh [SECONDS]   (make fuzz FUZZ_SECONDS=60)
# Builds the program's sources (core/ triage/ exporters/ etl/, but etl/main.c) with clang
# -fsanitize=fuzzer-no-link,address,undefined into build/fuzz/obj, links one
# binary per tests/fuzz/fuzz_*.c, replays tests/fuzz/regress/NAME/ (inputs of
# past findings), seeds build/fuzz/corpus/NAME from fixtures/, and runs each for
# SECONDS (default 60), two at a time. A crash, leak, UB or timeout leaves
# build/fuzz/NAME-crash-* and fails the run: fix it, add a
# tests/unit/test_regress_*.c and copy the input into tests/fuzz/regress/NAME/. Env: FUZZ_JOBS (targets at once, 2),
# FUZZ_TARGETS (names to run, default all), CLANG (clang).
secs=${1:-60}
jobs=${FUZZ_JOBS:-2}
CLANG=${CLANG:-clang}
out=build/fuzz
PKGS="libcurl xlsxwriter jansson fribidi libutf8proc inih zlib"
command -v "$CLANG" >/dev/null || { echo "fuzz: $CLANG not found (apt-get install clang libclang-rt-14-dev)"; exit 1; }
mkdir -p "$out/obj" "$out/corpus" "$out/work" || exit 1
root=$(pwd)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CF="-g -O1 -std=c11 -D_GNU_SOURCE -I. $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lhpdf -llinear -lm"

echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
	>"$out/probe.c"
"$CLANG" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>"$out/probe.err" ||
	{ cat "$out/probe.err"; echo "fuzz: $CLANG cannot build libFuzzer targets (libclang-rt-14-dev?)"; exit 1; }

# 1. the program's sources, instrumented (-w: other people's warnings are gcc's job)
echo "fuzz: building the sources with $CLANG"
for f in core/*.c triage/*.c exporters/*.c etl/*.c; do
	[ "$f" = etl/main.c ] && continue
	echo "$f"
done | xargs -P "$jobs" -I{} sh -c \
	'o='"$out"'/obj/$(echo {} | tr / _).o; '"$CLANG"' '"$CF $SAN"' -fsanitize=fuzzer-no-link -w -c {} -o $o || echo "fuzz: {} did not compile" >&2'
objs=$(for f in core/*.c triage/*.c exporters/*.c etl/*.c; do [ "$f" = etl/main.c ] || echo "$out/obj/$(echo "$f" | tr / _).o"; done)
for o in $objs; do [ -f "$o" ] || { echo "fuzz: missing $o"; exit 1; }; done

# 2. seed corpora
seed() { # seed NAME FILE...: copy files in, named by content
	d="$out/corpus/$1"; shift
	mkdir -p "$d"
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$d/seed-$(cksum <"$f" | cut -d' ' -f1)"; done
}
lines() { # lines NAME PREFIX FILE: column 4 of a TSV (or whole lines), one file each
	d="$out/corpus/$1"
	mkdir -p "$d"
	/usr/bin/python3 - "$d" "$2" "$3" <<'PY'
import sys, zlib
d, prefix, path = sys.argv[1:4]
for line in open(path, encoding="utf-8", errors="surrogateescape"):
    line = line.rstrip("\n")
    text = line.split("\t")[3] if line.count("\t") >= 3 else line
    b = prefix.encode() + text.encode("utf-8", "surrogateescape")
    open("%s/line-%08x" % (d, zlib.crc32(b)), "wb").write(b)
PY
}
seed report fixtures/api/*.json
seed comments fixtures/api/*.json
for f in fixtures/comments/*.tsv; do lines classify "" "$f"; lines shape "(" "$f"; done
seed config ttreport.conf.example
mkdir -p "$out/corpus/config"
printf '[report]\nlookback = 7\nformat = csv,xlsx\nadvertisers = 1, 2 ,3\n[api]\nqps = 10\nparallel = 2\ntimeout = 30\n[triage]\nmode = apply\n[log]\nlevel = verbose\n' \
	>"$out/corpus/config/seed-sections"
printf '[report]\nsince = 2026-01-01\nuntil = 2026-01-31\n\0\0report\0--since\0002026-02-01\0--until\0002026-02-28\0--format\0pdf\0-q' \
	>"$out/corpus/config/seed-argv"
printf '[mail]\nto = a@b.c\n\0\0run\0--lookback\0003\0--advertiser\0007\0--mail-to\0x@y.z\0--apply\0--api-base\0http://127.0.0.1:1/x' \
	>"$out/corpus/config/seed-run"
[ -f "$out/../DejaVuSans-flat.ttf" ] || make -s build/DejaVuSans-flat.ttf >/dev/null 2>&1

# 3. targets
targets=${FUZZ_TARGETS:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
if ! grep -q 'shape_line' exporters/shape.h 2>/dev/null; then
	echo "fuzz: exporters/shape.h has no shape_line(): shape skipped"
	targets=$(echo "$targets" | tr ' ' '\n' | grep -v '^shape$')
fi
for t in $targets; do
	"$CLANG" $CF $SAN -fsanitize=fuzzer -Wall -Wextra -Werror -o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" $objs $LIBS ||
		{ echo "fuzz: fuzz_$t did not build"; exit 1; }
done

# 4. replay the inputs of past findings (tests/fuzz/regress/NAME/), then fuzz, $jobs at a time
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1
export FUZZ_SCHEMAS="$root/schemas" FUZZ_FONT="$root/build/DejaVuSans-flat.ttf"
for t in $targets; do
	[ -d "tests/fuzz/regress/$t" ] || continue
	mkdir -p "$out/work/$t"
	(cd "$out/work/$t" && "$root/$out/fuzz_$t" "$root"/tests/fuzz/regress/"$t"/* >"$root/$out/$t.regress.log" 2>&1) ||
		{ grep -E 'ERROR|runtime error' "$out/$t.regress.log" | head -n 3
		  echo "fuzz: fuzz_$t fails on an input of tests/fuzz/regress/$t/ (log: $out/$t.regress.log)"; exit 1; }
	echo "fuzz: fuzz_$t replays tests/fuzz/regress/$t/ ($(ls "tests/fuzz/regress/$t" | wc -l) input(s)): ok"
done
run_one() {
	t=$1
	case $t in report|comments) opts="-dict=$root/tests/fuzz/json.dict -max_len=16384" ;; *) opts="-max_len=4096" ;; esac
	rm -f "$out/$t"-crash-* "$out/$t"-leak-* "$out/$t"-timeout-* "$out/$t"-oom-* "$out/$t"-slow-unit-*
	mkdir -p "$out/work/$t"
	# cwd: an empty folder (fuzz_config must not find a ttreport.conf there)
	(cd "$out/work/$t" && \
		"$root/$out/fuzz_$t" $opts -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$root/$out/$t-" \
		"$root/$out/corpus/$t" >"$root/$out/$t.log" 2>&1)
	echo $? >"$out/$t.rc"
}
echo "fuzz: $(echo $targets | wc -w) targets, ${secs}s each, $jobs at a time"
set -- $targets
while [ $# -gt 0 ]; do
	pids=""
	i=0
	while [ $i -lt "$jobs" ] && [ $# -gt 0 ]; do
		run_one "$1" &
		pids="$pids $!"
		shift
		i=$((i + 1))
	done
	wait $pids
done

# 5. report
fail=0
for t in $targets; do
	rc=$(cat "$out/$t.rc")
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/$t.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$t.log" | tail -n 1)
	corp=$(ls "$out/corpus/$t" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "ok    fuzz_$t: ${runs:-?} runs, ${speed:-?}/s, $cov, corpus $corp"
	else
		fail=$((fail + 1))
		echo "FAIL  fuzz_$t (exit $rc): $(ls "$out" | grep -E "^$t-(crash|leak|timeout|oom|slow-unit)-" | tr '\n' ' ')"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$out/$t.log" | head -n 3 | sed 's/^/    /'
		echo "    log: $out/$t.log; reproduce: (cd $out/work/$t && ../../fuzz_$t ../../<artifact>)"
	fi
done
echo "fuzz: $(($(echo $targets | wc -w) - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
