#!/usr/bin/python3
"""Make a fallback font that libharu 2.3.0 can embed.

libharu reads only the BMP part of a font (the Windows Unicode cmap, format 4)
and drops the components of composite glyphs. This script:
  1. keeps only the characters that none of the fonts given with --skip has
     (the main font and earlier fallbacks draw those), so fallbacks never overlap;
  2. moves astral characters (emoji, mathematical letters) into the Private Use
     Area by a fixed table (ASTRAL_TO_PUA below, the same as exporters/fonts.c);
  3. decomposes composite glyphs into simple ones;
  4. writes one format-4 cmap (3,1) and keeps cvt/fpgm/prep, which libharu needs.

usage: fallback_font.py IN.ttf OUT.ttf [--skip FONT.ttf]... [--name PSNAME]
Same input, same bytes (the font's timestamps are kept)."""
import argparse
import os

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4

# (first, end (exclusive), PUA start). Keep in step with exporters/fonts.c.
ASTRAL_TO_PUA = [
    (0x1F000, 0x1FB00, 0xE000),  # emoji, pictographs, symbols: E000-EAFF
    (0x1D400, 0x1D800, 0xEB00),  # mathematical alphanumerics ("bold" names): EB00-EEFF
]


def to_pua(cp):
    for lo, hi, base in ASTRAL_TO_PUA:
        if lo <= cp < hi:
            return base + cp - lo
    return None


def covered(path):
    """What a font draws for libharu: its BMP characters (astral ones in the
    main font, e.g. DejaVu's emoticons, are out of libharu's reach)."""
    return {c for c in TTFont(path, lazy=True).getBestCmap() if c <= 0xFFFF}


def pick(cmap, skip):
    """Code points to keep: BMP outside the PUA, and astral ones with a PUA slot."""
    keep = {}
    for cp, glyph in cmap.items():
        if cp in skip or (0xE000 <= cp <= 0xF8FF):
            continue
        if cp > 0xFFFF:
            if to_pua(cp) is None:
                continue
        elif cp < 0x20:
            continue
        keep[cp] = glyph
    return keep


def flatten(font):
    glyf = font["glyf"]
    gs = font.getGlyphSet()
    n = 0
    for name in font.getGlyphOrder():
        if not glyf[name].isComposite():
            continue
        rec = DecomposingRecordingPen(gs)
        gs[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(pen)
        glyf[name] = pen.glyph()
        n += 1
    return n


def cff_to_glyf(font):
    """PostScript outlines (Unifont's .otf) to TrueType ones: libharu embeds
    only glyf fonts. Cubic curves become quadratic ones (Unifont's pixels are
    straight lines anyway)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    gs = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    font.sfntVersion = "\0\1\0\0"
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for k in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
              "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
              "maxComponentElements", "maxPoints", "maxContours",
              "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, k, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0


def set_cmap(font, mapping):
    sub = cmap_format_4(4)
    sub.platformID, sub.platEncID, sub.language = 3, 1, 0
    sub.cmap = mapping
    table = newTable("cmap")
    table.tableVersion = 0
    table.tables = [sub]
    font["cmap"] = table


def ensure_hint_tables(font):
    """libharu 2.3.0 refuses a TrueType font without cvt, fpgm and prep."""
    if "cvt " not in font:
        font["cvt "] = newTable("cvt ")
        import array
        font["cvt "].values = array.array("h", [0])
    for tag in ("fpgm", "prep"):
        if tag not in font:
            t = newTable(tag)
            from fontTools.ttLib.tables import ttProgram
            t.program = ttProgram.Program()
            t.program.fromBytecode(b"")
            font[tag] = t


def rename(font, psname):
    for rec in font["name"].names:
        if rec.nameID == 6:
            rec.string = psname


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--skip", action="append", default=[],
                    help="a font whose BMP characters this one leaves out")
    ap.add_argument("--skip-all", action="append", default=[],
                    help="a fallback whose every character this one leaves out")
    ap.add_argument("--name")
    a = ap.parse_args()

    skip = set()
    for p in a.skip:
        skip |= covered(p)
    for p in a.skip_all:
        skip |= set(TTFont(p, lazy=True).getBestCmap())
    font = TTFont(a.src, recalcTimestamp=False)
    keep = pick(font.getBestCmap(), skip)

    opts = subset.Options()
    opts.layout_features = []       # libharu does no OpenType layout
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.prune_unicode_ranges = False  # Unifont sets bits fontTools 4.38 refuses
    opts.hinting = True
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "morx", "kern"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=list(keep))
    sub.subset(font)

    best = font.getBestCmap()
    mapping = {}
    for cp, glyph in best.items():
        if cp > 0xFFFF:
            pua = to_pua(cp)
            if pua is not None:
                mapping[pua] = glyph
        elif not (0xE000 <= cp <= 0xF8FF):
            mapping[cp] = glyph
    set_cmap(font, mapping)
    if "CFF " in font:
        cff_to_glyf(font)
    if font["head"].unitsPerEm < 1000:  # Unifont: 64 units a pixel font; viewers drop it
        from fontTools.ttLib.scaleUpem import scale_upem
        scale_upem(font, 1024)
    n = flatten(font)
    ensure_hint_tables(font)
    if a.name:
        rename(font, a.name)
    font.save(a.dst + ".tmp")
    os.replace(a.dst + ".tmp", a.dst)
    astral = sum(1 for c in keep if c > 0xFFFF)
    print("%s: %d characters (%d astral moved to the PUA), %d composites flattened, %d bytes"
          % (os.path.basename(a.dst), len(mapping), astral, n, os.path.getsize(a.dst)))


if __name__ == "__main__":
    main()
