"""The reading copies: protokoll-med-bilagor.pdf (here) and kallelse-med-handlingar.pdf
(``handling.gor_kallelsepaket``), each made in ONE Typst run by theme/pdf/paket.typ.

Our own documents (cover, protokoll, kallelse, Markdown handlingar) are set natively from
the same data as their own PDFs, so they are tagged like them; each page of the kommun's
own PDF files (bilagor, PDF handlingar) is embedded with Typst's PDF-image support as a
figure whose alternative text is that page's text (extracted with pypdf) and where the
original file is published. Bookmarks are the headings: the cover, the protokoll's (one per
§) and "Bilaga: <titel> (§ n)"; or the kallelse and "Ärende n: ..." with its handlingar.

Typst refuses to embed PDFs under its PDF/A and PDF/UA export modes, so a reading copy is
exported as a tagged PDF 1.7 and then marked as PDF/UA-1 (``/DisplayDocTitle`` and
``pdfuaid:part`` in an incremental update): the parts are the same templates that Typst's
PDF/UA mode checks in every other PDF, the embedded pages are figures with alternative text,
and the tests run outloud over every reading copy. It is never PDF/A: the cover and the
title say it is not the archival copy.
"""
from __future__ import annotations

import io
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import typst
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject

from generator.archive.model import Arkiv
from generator.archive.plan import MotesPlan, PlaneradPdf
from generator.common.cache import nyckel
from generator.common.filer import sha256_fil
from generator.render.pdf.data import Data, omslag_data
from generator.render.pdf.jobb import data_for, kod
from generator.render.pdf.markdown import ren_text
from generator.render.pdf.motor import HUVUDFIL, Cache, Motor, RenderingsFel, json_bytes

# The alternative text of a page without extractable text (a scan).
UTAN_TEXT = "Sidan har ingen text som kan läsas ut (troligen en inskannad bild)."


@dataclass(slots=True)
class Extern:
    """A PDF file of the kommun's, embedded page by page."""
    fil: Path
    rubrik: str          # its heading (and bookmark)
    namn: str            # file name shown with every page
    adress: str          # where the original is published
    niva: int = 1
    fore: list[Data] = field(default_factory=list)   # headings set before it
    sha256: str = ""

    def __post_init__(self) -> None:
        self.sha256 = self.sha256 or sha256_fil(self.fil)


@dataclass(slots=True)
class Paketresultat:
    renderad: bool = False
    sekunder: float = 0.0
    varningar: list[str] = field(default_factory=list)


def dokumentdel(data: Data, fore: list[Data] | None = None, offset: int = 0) -> Data:
    return {"slag": "dokument", "data": data, "fore": fore or [], "offset": offset}


@dataclass(slots=True)
class Egen:
    """One of our documents in a packet, named by the cache key of its own PDF (made from
    the same data): its data is made only when the packet has to be rendered, so an
    unchanged packet costs no Markdown or data work."""
    nyckel: str                     # the key of its own PDF (Motor.nyckel of its data)
    gor: Callable[[], Data]
    fore: list[Data] = field(default_factory=list)
    offset: int = 0

    def del_(self) -> Data:
        return dokumentdel(self.gor(), self.fore, self.offset)


Nycklar = dict[Path, str]   # target file -> key of the PDF put there (this build's jobs)


def egen(arkiv: Arkiv, mp: MotesPlan, d: PlaneradPdf, mal: Path, nycklar: Nycklar | None,
         fore: list[Data] | None = None, offset: int = 0) -> Data | Egen:
    """The packet part of the planned document ``d`` (written to ``mal`` by this build):
    by its PDF key when known, else its data at once."""
    k = (nycklar or {}).get(mal)
    if k is None:
        return dokumentdel(data_for(arkiv, mp, d), fore, offset)
    return Egen(k, lambda: data_for(arkiv, mp, d), fore or [], offset)


def rubrik(niva: int, text: str) -> Data:
    return {"niva": niva, "text": ren_text(text)}


def adress(arkiv: Arkiv, sokvag: str) -> str:
    return arkiv.kommun.webbplats.rstrip("/") + "/" + sokvag.lstrip("/")


def sidtexter(fil: Path, namn: str, adress: str) -> list[str]:
    """One alternative text per page of ``fil``: which page of which file, where the
    original is, and the page's extracted text. Raises on a file that cannot be read
    (encrypted, broken)."""
    r = PdfReader(fil)
    if r.is_encrypted:
        raise ValueError("krypterad PDF")
    ut = []
    for i, sida in enumerate(r.pages, 1):
        text = " ".join(ren_text(sida.extract_text() or "").split())
        ut.append(f"Sida {i} av {len(r.pages)} i {namn} (originalet: {adress}). "
                  + (text or UTAN_TEXT))
    return ut


def rendera(mot: Motor, meta: Data, delar: list[Data | Extern], varningar: list[str],
            mal_namn: str) -> bytes:
    """Render a reading copy: ``delar`` are document parts (``dokumentdel``), heading
    parts and ``Extern`` files. A file that cannot be read is left out with a warning."""
    with tempfile.TemporaryDirectory(prefix="anslag-paket-") as tmp:
        rot = Path(tmp)
        for f in mot.mall_dir.glob("*.typ"):
            shutil.copyfile(f, rot / f.name)
        (rot / "ext").mkdir()
        json_delar: list[Data] = []
        for i, x in enumerate(delar):
            if not isinstance(x, Extern):
                json_delar.append(x)
                continue
            try:
                sidor = sidtexter(x.fil, x.namn, x.adress)
            except Exception as e:  # noqa: BLE001 - a broken file must not stop the build
                varningar.append(f"{x.fil.name}: kunde inte läggas i {mal_namn} ({e})")
                continue
            shutil.copyfile(x.fil, rot / "ext" / f"{i}.pdf")
            json_delar.append({"slag": "pdf", "fil": f"/ext/{i}.pdf", "rubrik": x.rubrik,
                               "niva": x.niva, "fore": x.fore, "namn": x.namn,
                               "adress": x.adress, "sidor": sidor})
        data = json_bytes({"typ": "paket", "meta": meta, "delar": json_delar})
        c = typst.Compiler(input=str(rot / HUVUDFIL), root=str(rot),
                           font_paths=[str(mot.fontdir)], ignore_system_fonts=True)
        try:
            pdf = c.compile(sys_inputs={"data": data.decode("utf-8")}, format="pdf")
        except typst.TypstError as e:
            raise RenderingsFel(f"Typst kunde inte rendera {mal_namn}: {e}\n"
                                f"{getattr(e, 'diagnostic', '')}") from e
    assert isinstance(pdf, bytes)
    return markera_ua(pdf)


_UA = ('<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
       '<pdfuaid:part>1</pdfuaid:part></rdf:Description>')


def markera_ua(pdf: bytes) -> bytes:
    """Typst's tagged PDF 1.7 + what PDF/UA-1 asks of the catalog and the metadata (the
    title shown in the window, ``pdfuaid:part`` 1), appended as an incremental update."""
    w = PdfWriter(io.BytesIO(pdf), incremental=True)
    rot = w.root_object
    vp = rot.get("/ViewerPreferences")
    vp = vp.get_object() if vp is not None else DictionaryObject()
    vp[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    rot[NameObject("/ViewerPreferences")] = vp
    meta = rot["/Metadata"].get_object()
    xmp = meta.get_data().decode("utf-8")
    if "pdfuaid:part" not in xmp:
        meta.set_data(xmp.replace("</rdf:RDF>", _UA + "</rdf:RDF>", 1).encode("utf-8"))
    ut = io.BytesIO()
    w.write(ut)
    return ut.getvalue()


def gor_paket(arkiv: Arkiv, mp: MotesPlan, site: Path, mot: Motor, cache: Cache,
              nycklar: Nycklar | None = None) -> Paketresultat:
    """Write the meeting's planned protokoll-med-bilagor.pdf: cover, the public protokoll
    (the data of its protokoll.pdf) and the plan's PDF bilagor. Cached by content;
    ``nycklar`` (target -> PDF key of this build) names the protokoll by its key."""
    ut = Paketresultat()
    mal = site / mp.pdf("paket")
    o, m = mp.organ, mp.pdf_mote
    prot_sha = cache.summa(site / mp.pdf("protokoll"))
    filer = [f for f in mp.filer if f.ar_pdf]
    bilagor = [Extern(f.kalla, f"Bilaga: {ren_text(f.titel)} (§ {f.nummer})", f.kalla.name,
                      adress(arkiv, f.sokvag), sha256=cache.summa(f.kalla)) for f in filer]
    delar_omslag = [{"titel": "Sammanträdesprotokoll (protokoll.pdf)",
                     "paragraf": m.paragrafspann, "sha256": prot_sha}]
    delar_omslag += [{"titel": f"Bilaga: {ren_text(f.titel)}", "paragraf": f"§ {f.nummer}",
                      "sha256": b.sha256} for f, b in zip(filer, bilagor)]
    omslag = omslag_data(arkiv, o, m, delar_omslag)
    prot = next(d for d in mp.pdfer if d.slag == "protokoll")
    delar: list[Data | Extern | Egen] = [dokumentdel(omslag),
                                         egen(arkiv, mp, prot, site / prot.sokvag, nycklar),
                                         *bilagor]
    return skriv_paket(mot, cache, b"paket", omslag["meta"], delar, mal, ut)


def _nyckeldel(x: Data | Extern | Egen) -> object:
    if isinstance(x, Extern):
        return (x.rubrik, x.namn, x.adress, x.niva, x.fore, x.sha256)
    if isinstance(x, Egen):
        return ("egen", x.nyckel, json_bytes(x.fore), x.offset)
    return json_bytes(x)


def skriv_paket(mot: Motor, cache: Cache, slag: bytes, meta: Data,
                delar: list[Data | Extern | Egen], mal: Path, ut: Paketresultat) -> Paketresultat:
    """Copy from the cache or render, then write ``mal`` (a packet with a warning is not
    cached, so a fixed file is picked up next time)."""
    k = nyckel(slag, kod(), mot.nyckel(json_bytes(meta)), [_nyckeldel(x) for x in delar])
    if cache.finns(k) is not None:
        cache.lagg(k, mal)
        return ut
    t = time.perf_counter()
    delar = [x.del_() if isinstance(x, Egen) else x for x in delar]
    pdf = rendera(mot, meta, delar, ut.varningar, mal.name)
    ut.sekunder = time.perf_counter() - t
    ut.renderad = True
    if not ut.varningar:
        cache.spara(k, pdf)
    cache.lagg(k, mal, pdf)
    return ut
