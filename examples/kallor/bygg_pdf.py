"""Build the example's plain-file PDF handling from its Typst source.

Run from the repository root:  .venv/bin/python examples/kallor/bygg_pdf.py
The source is a faithful text rendering of a seed document (see docs/exempelarkivet.md);
the fonts are the PDF stage's own (theme/pdf/fonts), so no system font is needed.
"""
from pathlib import Path

import typst

ROT = Path(__file__).resolve().parents[2]
KALLA = ROT / "examples/kallor/avsiktsforklaring-barn-och-unga-2024-2027.typ"
MAL = ROT / "examples/flen/san/2024-03-21/handlingar/avsiktsforklaring-barn-och-unga-2024-2027.pdf"

if __name__ == "__main__":
    MAL.write_bytes(typst.compile(str(KALLA), font_paths=[str(ROT / "theme/pdf/fonts")]))
    print(MAL.relative_to(ROT))
