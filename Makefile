# ttreport: plain make + pkg-config. `make help` lists the targets.
#
# `make check` and `make demo` first run scripts/setup.sh (installs missing Debian
# packages as root, else prints the apt-get line), then re-enter make so that
# pkg-config is asked only after the packages are there.

BUILD   ?= build
PREFIX  ?= /usr/local
CC      ?= cc
PYTHON  ?= /usr/bin/python3
V       ?= 0
ifeq ($(V),0)
Q = @
say = @printf '  %-6s %s\n' $(1) $(2)
else
Q =
say = @true
endif

PKGS    := libcurl xlsxwriter jansson fribidi libutf8proc inih zlib
SIMPKGS := libmicrohttpd jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(SIMPKGS) cmocka 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -llinear -lm
SIM_LIBS   := $(shell pkg-config --libs $(SIMPKGS) 2>/dev/null) -lm
TEST_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null)

OPT     ?= -O2
SAN     ?=
CFLAGS  ?= $(OPT) -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
	-Wno-missing-field-initializers -Wno-format-truncation -I. $(PKG_CFLAGS) $(SAN) \
	-DTT_SHARE_DIR='"$(PREFIX)/share/ttreport"'
override LDFLAGS += $(SAN)

# Every .c under the four product folders is part of the program (layers, bottom up:
# core/, then exporters/ and triage/, then etl/ with main.c). Includes name their folder.
LIB_SRC  := $(filter-out etl/main.c,$(wildcard core/*.c triage/*.c exporters/*.c etl/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/etl/main.o
SIM_SRC  := $(wildcard tests/sim/*.c)
SIM_OBJ  := $(SIM_SRC:%.c=$(BUILD)/obj/%.o)
# ttsim shares no code with the product: its objects are built without the
# product's include folders and it links none of the product's objects.
SIM_CFLAGS := $(filter-out -I%,$(CFLAGS)) $(shell pkg-config --cflags $(SIMPKGS) 2>/dev/null)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELP_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard tests/unit/helper_*.c))
# Unit tests that make curl fail on demand (tests/unit/fault_curl.c) link with
# these wrappers; every other binary links the real curl calls only.
CURL_WRAP := -Wl,--wrap=curl_multi_perform,--wrap=curl_multi_poll,--wrap=curl_multi_info_read,--wrap=curl_easy_init,--wrap=curl_multi_add_handle
CURL_FAULT_TESTS := test_http test_extract
FONT     := $(BUILD)/DejaVuSans-flat.ttf
# The comment model, trained at build time from the corpus (tools/ttlearn.c).
MODEL    := $(BUILD)/comments.model
CORPUS   := $(sort $(wildcard fixtures/comments/corpus/*.tsv))
EVALSETS := fixtures/comments/dev.tsv fixtures/comments/challenge.tsv fixtures/comments/heldout.tsv
OWN_DOMAINS = $(shell sed -n 's/^own_domain *= *//p' schemas/rules.conf)

.PHONY: all check demo asan bench soak soak-long fuzz valgrind install setup clean help \
	unit e2e _check _demo

all: $(BUILD)/ttreport $(BUILD)/ttsim $(FONT) $(MODEL)

help:
	@echo "make            build $(BUILD)/ttreport and $(BUILD)/ttsim"
	@echo "make demo       install deps, start ttsim, run the nightly job, write out/demo/"
	@echo "make check      install deps, build, run unit and end-to-end tests"
	@echo "make asan       the whole suite under AddressSanitizer + UBSan"
	@echo "make valgrind   end-to-end runs under valgrind memcheck"
	@echo "make bench      benchmarks (see BENCHMARKS.md)"
	@echo "make soak       randomized fault seeds against ttsim (SOAK_SEEDS=500)"
	@echo "make fuzz       libFuzzer targets, FUZZ_SECONDS each (default 60)"
	@echo "make install    PREFIX=$(PREFIX)"

$(BUILD)/obj/%.o: %.c
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/ttreport: $(MAIN_OBJ) $(LIB_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/obj/tests/sim/%.o: tests/sim/%.c
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(SIM_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/ttsim: $(SIM_OBJ)
	$(call say,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(SIM_LIBS) -lpthread

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(LIB_OBJ) $(TEST_HELP_OBJ)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) $(if $(filter $(CURL_FAULT_TESTS),$(notdir $@)),$(CURL_WRAP)) -o $@ $^ \
		$(PKG_LIBS) $(TEST_LIBS)

$(addprefix $(BUILD)/tests/,$(CURL_FAULT_TESTS)): $(BUILD)/obj/tests/unit/fault_curl.o

.PRECIOUS: $(BUILD)/obj/tools/%.o
$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(LIB_OBJ)
	$(call say,LINK,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Training rows equal or near an evaluation row are dropped (listed in dedupe.txt).
$(BUILD)/comments/train.tsv: $(CORPUS) $(EVALSETS) scripts/corpus_dedupe.py
	$(call say,DEDUPE,$@)
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) scripts/corpus_dedupe.py --out $@.tmp --report $(BUILD)/comments/dedupe.txt \
		--eval $(EVALSETS) -- $(CORPUS) && mv $@.tmp $@

$(BUILD)/comments/train.norm: $(BUILD)/comments/train.tsv $(BUILD)/tools/ttnorm schemas/rules.conf
	$(call say,NORM,$@)
	$(Q)$(BUILD)/tools/ttnorm --tsv $(addprefix --own-domain ,$(OWN_DOMAINS)) <$< >$@.tmp && mv $@.tmp $@

$(MODEL): $(BUILD)/comments/train.norm $(BUILD)/tools/ttlearn
	$(call say,TRAIN,$@)
	$(Q)$(BUILD)/tools/ttlearn $< $@.tmp && mv $@.tmp $@

# libharu 2.3.0 drops parts of composite glyphs (Arabic dots, hamzas): flatten them.
$(FONT): scripts/flatten_font.py
	$(call say,FONT,$@)
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) scripts/flatten_font.py /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf $@

setup:
	$(Q)sh scripts/setup.sh

unit: $(TEST_BIN) $(MODEL)
	$(Q)sh tests/run_unit.sh $(BUILD) $(TEST_BIN)

e2e: all
	$(Q)sh tests/e2e/run.sh $(BUILD)

_check: all unit e2e

check: setup
	$(Q)$(MAKE) --no-print-directory _check

_demo: all
	$(Q)sh scripts/demo.sh $(BUILD)

demo: setup
	$(Q)$(MAKE) --no-print-directory _demo

asan: setup
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
		SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' _check

valgrind: all
	$(Q)sh tests/valgrind.sh $(BUILD)

bench: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tests/bench/run.sh $(BUILD)

SOAK_SEEDS ?= 500
soak: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tests/soak.sh $(BUILD) $(SOAK_SEEDS)

FUZZ_SECONDS ?= 60
fuzz: setup
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ttreport \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/ttreport $(DESTDIR)$(PREFIX)/bin/ttreport
	install -m 644 $(FONT) $(DESTDIR)$(PREFIX)/share/ttreport/DejaVuSans-flat.ttf
	install -m 644 schemas/rules.conf schemas/replies.conf $(MODEL) $(DESTDIR)$(PREFIX)/share/ttreport/
	install -m 644 docs/ttreport.1 $(DESTDIR)$(PREFIX)/share/man/man1/ttreport.1

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
-include po/i18n.mk
