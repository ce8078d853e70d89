"""protokoll-med-bilagor.pdf: a reading copy (cover + protokoll + PDF bilagor).

Merged with pypdf, so it is not PDF/A; the cover page and the metadata say it
is not the archival copy. Bookmarks: the cover, the protokoll's own bookmarks
(one per §), then "Bilaga: <titel> (§ n)" for each bilaga.
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from generator.archive.model import Arkiv
from generator.archive.plan import MotesPlan
from generator.common.cache import nyckel
from generator.render.pdf.data import omslag_data
from generator.render.pdf.jobb import kod
from generator.render.pdf.markdown import ren_text
from generator.render.pdf.motor import Cache, Motor, json_bytes


@dataclass(frozen=True, slots=True)
class PaketBilaga:
    titel: str
    paragraf: int
    fil: Path
    sha256: str


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
    return lasexemplar(w, titel, forfattare), varningar


def lasexemplar(w: PdfWriter, titel: str, forfattare: str) -> bytes:
    """The bytes of a merged reading copy. Not an archival copy: no XMP claiming PDF/A (nor a
    structure tree that pypdf's merge cannot keep whole), a title saying what it is, Swedish."""
    rot = w._root_object
    for k in ("/Metadata", "/StructTreeRoot", "/MarkInfo"):
        if k in rot:
            del rot[k]
    rot[NameObject("/Lang")] = TextStringObject("sv")
    w.add_metadata({"/Title": titel, "/Author": forfattare,
                    "/Subject": "Sammanställning för läsning, inte arkivexemplar"})
    w.page_mode = "/UseOutlines"
    ut = io.BytesIO()
    w.write(ut)
    return ut.getvalue()


@dataclass(slots=True)
class Paketresultat:
    renderad: bool = False
    sekunder: float = 0.0
    varningar: list[str] = field(default_factory=list)


def gor_paket(arkiv: Arkiv, mp: MotesPlan, site: Path, mot: Motor, cache: Cache) -> Paketresultat:
    """Write the meeting's planned protokoll-med-bilagor.pdf from its protokoll.pdf (already
    in ``site``) and the plan's PDF bilagor, read from their source files. Cached by
    the cover data, the protokoll's and bilagor's SHA-256 and the stage's code."""
    ut = Paketresultat()
    mal = site / mp.pdf("paket")
    protokoll = site / mp.pdf("protokoll")
    o, m = mp.organ, mp.pdf_mote
    prot_sha = cache.summa(protokoll)
    bilagor = [PaketBilaga(ren_text(f.titel), f.nummer, f.kalla, cache.summa(f.kalla))
               for f in mp.filer if f.ar_pdf]
    delar = [{"titel": "Sammanträdesprotokoll (protokoll.pdf)", "paragraf": m.paragrafspann,
              "sha256": prot_sha}]
    delar += [{"titel": f"Bilaga: {b.titel}", "paragraf": f"§ {b.paragraf}", "sha256": b.sha256}
              for b in bilagor]
    omslag = json_bytes(omslag_data(arkiv, o, m, delar))
    k = nyckel(b"paket", kod(), mot.nyckel(omslag), prot_sha,
               [(b.titel, b.paragraf, b.sha256) for b in bilagor])
    if cache.finns(k) is not None:
        cache.lagg(k, mal)
        return ut
    t = time.perf_counter()
    paket, ut.varningar = bygg_paket(
        mot.rendera(omslag), protokoll, bilagor,
        titel=f"Protokoll med bilagor {o.namn} {m.datum.isoformat()} (inte arkivexemplar)",
        forfattare=arkiv.kommun.namn)
    ut.sekunder = time.perf_counter() - t
    ut.renderad = True
    if not ut.varningar:
        cache.spara(k, paket)
    cache.lagg(k, mal, paket)
    return ut
