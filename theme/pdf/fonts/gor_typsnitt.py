#!/usr/bin/env python3
"""Make Anslag Sans (the PDF stage's font) from Liberation Sans 2.1.5.

Usage: python3 theme/pdf/fonts/gor_typsnitt.py DIR_WITH_LIBERATION_SANS_TTF

The four Liberation Sans files (Debian package fonts-liberation2) without their
TrueType hinting (the instructions in every glyph and the fpgm/prep/cvt tables) and
without glyph names in ``post``: every glyph, outline, metric, kerning pair and
OpenType feature is kept, so text is laid out exactly as with Liberation Sans. Typst
embeds a subset of the font in every PDF and compresses it; without the hinting the
subsets are about half as big, which makes every PDF smaller and faster to write.
The SIL Open Font License reserves the name "Liberation" (and "Arimo") for the
unmodified fonts, so the modified family is called "Anslag Sans" (OFL.txt).
The output is byte-identical run to run (fontTools version permitting).
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HIT = Path(__file__).resolve().parent
STILAR = ("Regular", "Bold", "Italic", "BoldItalic")


def byt_namn(font: TTFont) -> None:
    for rec in font["name"].names:
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21):
            s = rec.toUnicode()
            s = s.replace("Liberation Sans", "Anslag Sans").replace("LiberationSans", "AnslagSans")
            rec.string = s
        assert "Liberation" not in rec.toUnicode() or rec.nameID in (0, 7, 10, 13, 14), rec


def gor(kalla: Path, mal: Path) -> None:
    font = TTFont(kalla, recalcTimestamp=False)
    opt = subset.Options()
    opt.hinting = False
    opt.glyph_names = False
    opt.layout_features = ["*"]
    opt.layout_scripts = ["*"]
    opt.name_IDs = ["*"]
    opt.name_languages = ["*"]
    opt.name_legacy = True
    opt.notdef_outline = True
    opt.legacy_kern = True
    opt.drop_tables = ["FFTM"]
    opt.recalc_timestamp = False
    s = subset.Subsetter(opt)
    s.populate(glyphs=font.getGlyphOrder())
    s.subset(font)
    byt_namn(font)
    font.save(mal)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    kalla = Path(sys.argv[1])
    for stil in STILAR:
        gor(kalla / f"LiberationSans-{stil}.ttf", HIT / f"AnslagSans-{stil}.ttf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
