"""protokoll-med-bilagor.pdf: a reading copy (cover + protokoll + PDF bilagor).

Merged with pypdf, so it is not PDF/A; the cover page and the metadata say it
is not the archival copy. Bookmarks: the cover, the protokoll's own bookmarks
(one per §), then "Bilaga: <titel> (§ n)" for each bilaga.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject


@dataclass(frozen=True, slots=True)
class PaketBilaga:
    titel: str
    paragraf: int
    fil: Path
    sha256: str


def ar_pdf(fil: Path) -> bool:
    try:
        with open(fil, "rb") as fh:
            return b"%PDF-" in fh.read(1024)
    except OSError:
        return False


def bygg_paket(omslag: bytes, protokoll: Path, bilagor: list[PaketBilaga], *, titel: str,
               forfattare: str) -> tuple[bytes, list[str]]:
    """Returns the packet's bytes and warnings (bilagor that could not be read)."""
    varningar: list[str] = []
    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(omslag)), outline_item="Om denna sammanställning",
             import_outline=False)
    w.append(PdfReader(protokoll), import_outline=True)
    for b in bilagor:
        try:
            r = PdfReader(b.fil)
            if r.is_encrypted:
                raise ValueError("krypterad PDF")
            w.append(r, outline_item=f"Bilaga: {b.titel} (§ {b.paragraf})", import_outline=False)
        except Exception as e:  # a broken bilaga must not stop the build
            varningar.append(f"{b.fil.name}: kunde inte läggas i protokoll-med-bilagor.pdf ({e})")
    # Not an archival copy: no XMP claiming PDF/A, clear title saying so.
    rot = w._root_object
    for nyckel in ("/Metadata", "/StructTreeRoot", "/MarkInfo"):
        if nyckel in rot:
            del rot[nyckel]
    rot[NameObject("/Lang")] = TextStringObject("sv")
    w.add_metadata({"/Title": titel, "/Author": forfattare,
                    "/Subject": "Sammanställning för läsning, inte arkivexemplar"})
    w.page_mode = "/UseOutlines"
    ut = io.BytesIO()
    w.write(ut)
    return ut.getvalue(), varningar
