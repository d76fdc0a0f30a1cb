#!/usr/bin/python3
"""Decompose composite glyphs of a TrueType font (libharu 2.3.0 drops the
components of composite glyphs: Arabic dots and hamzas would vanish).
usage: flatten_font.py IN.ttf OUT.ttf"""
import os
import sys

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont


def main():
    src, dst = sys.argv[1], sys.argv[2]
    font = TTFont(src, recalcTimestamp=False)  # same input, same bytes
    glyf = font["glyf"]
    gs = font.getGlyphSet()
    flattened = 0
    for name in font.getGlyphOrder():
        g = glyf[name]
        if not g.isComposite():
            continue
        rec = DecomposingRecordingPen(gs)
        gs[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(pen)
        glyf[name] = pen.glyph()
        flattened += 1
    # Simple glyphs keep their hinting; TTGlyphPen gives each flattened glyph an
    # empty program (composite instructions referred to the components).
    # libharu needs cvt/fpgm/prep to exist, so those tables stay.
    font.save(dst + ".tmp")
    os.replace(dst + ".tmp", dst)
    print("flattened %d composite glyphs" % flattened)


if __name__ == "__main__":
    main()
