# po/i18n.mk: the languages and the fonts of every glyph (included by the Makefile).
#
# Catalogs: po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/ttreport.mo (msgfmt
# --check: a bad format string fails the build). ttreport finds them beside its
# executable (a build tree) or in PREFIX/share/locale (make install).
# Fallback fonts: scripts/fallback_font.py makes libharu-usable subsets of
# Symbola (emoji, symbols), Droid Sans Fallback (CJK) and Unifont Upper (newer
# emoji) from their Debian packages.

LINGUAS  := fr ar
MO_FILES := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/ttreport.mo)
SYMBOLA_SRC := /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
DROID_SRC   := /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
UNIFONT_SRC := /usr/share/fonts/opentype/unifont/unifont_upper.otf
FALLBACK_FONTS := $(BUILD)/Symbola-fallback.ttf $(BUILD)/DroidSansFallback-flat.ttf \
	$(BUILD)/Unifont-upper.ttf

all: $(MO_FILES) $(FALLBACK_FONTS)
unit: $(MO_FILES) $(FALLBACK_FONTS) $(FONT)

$(BUILD)/locale/%/LC_MESSAGES/ttreport.mo: po/%.po
	$(call say,MSGFMT,$@)
	@mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

# Each fallback keeps only what the fonts before it lack (no overlap).
$(BUILD)/Symbola-fallback.ttf: scripts/fallback_font.py $(FONT)
	$(call say,FONT,$@)
	$(Q)$(PYTHON) scripts/fallback_font.py $(SYMBOLA_SRC) $@ --skip $(FONT) >/dev/null

$(BUILD)/DroidSansFallback-flat.ttf: scripts/fallback_font.py $(FONT)
	$(call say,FONT,$@)
	$(Q)$(PYTHON) scripts/fallback_font.py $(DROID_SRC) $@ --skip $(FONT) --skip $(SYMBOLA_SRC) >/dev/null

# Unifont (PostScript outlines, converted): emoji newer than Symbola's Unicode 9.
$(BUILD)/Unifont-upper.ttf: scripts/fallback_font.py $(FONT)
	$(call say,FONT,$@)
	$(Q)$(PYTHON) scripts/fallback_font.py $(UNIFONT_SRC) $@ --skip $(FONT) \
		--skip-all $(SYMBOLA_SRC) --skip-all $(DROID_SRC) >/dev/null 2>&1

# The catalogs against the template: every message translated, none fuzzy.
.PHONY: po-check pot install-i18n
po-check:
	$(Q)sh po/check.sh

# The template from the sources (and the metric labels of schemas/metrics.def),
# then each catalog merged with it: new messages come out untranslated, changed
# ones fuzzy, and po-check fails until a translator has seen them.
pot:
	xgettext --from-code=UTF-8 -L C -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kNP_:1,2 -kngettext:1,2 --add-comments=TRANSLATORS: \
		--package-name=ttreport --sort-by-file -o po/ttreport.pot \
		$$(grep -l -E '\b(_|N_|NC_|NP_|ngettext)\(' core/*.c exporters/*.c etl/*.c triage/*.c)
	xgettext --from-code=UTF-8 -L C -j -kSTORED:5 -kDERIVED:4 -o po/ttreport.pot schemas/metrics.def
	xgettext --from-code=UTF-8 -L C -j -kLEVEL:7 -o po/ttreport.pot schemas/levels.def
	xgettext --from-code=UTF-8 -L C -j -kLEVEL:8 -o po/ttreport.pot schemas/levels.def
	for l in $(LINGUAS); do msgmerge -q --update --backup=none po/$$l.po po/ttreport.pot || exit 1; done

install: install-i18n
install-i18n: $(MO_FILES) $(FALLBACK_FONTS)
	install -d $(DESTDIR)$(PREFIX)/share/ttreport
	install -m 644 $(FALLBACK_FONTS) $(DESTDIR)$(PREFIX)/share/ttreport/
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/ttreport.mo \
			$(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/ttreport.mo || exit 1; \
	done
