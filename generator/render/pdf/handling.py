"""PDFs of handlingar (content-format "Handlingar").

``handling_data``: a Markdown handling as PDF/A-2b + PDF/UA-1 data for
theme/pdf/handling.typ, laid out like a Swedish tjänsteskrivelse (kommun and
förvaltning, DATUM, DIARIENR, HANDLÄGGARE, rubrik, sections, the handläggare's
names under the text, "Skickas till").

``gor_kallelsepaket``: kallelse-med-handlingar.pdf, a convenience copy (cover + the
kallelse + every public handling, rendered ones and published PDF files), one bookmark
per ärende and per handling. Merged with pypdf, so not PDF/A; the cover and the
metadata say it is not the archival original. Only what the plan made public is read:
``MotesPlan.handlingar.publika`` and the public kallelse of ``MotesPlan.pdf_mote``.
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from generator.archive.model import Arkiv, Handling, Organ, Sammantrade
from generator.archive.plan import MotesPlan
from generator.common.cache import nyckel
from generator.common.filer import ar_pdf, sha256_fil
from generator.render.pdf.data import Data, _bas, _meta, lasexemplar_omslag
from generator.render.pdf.markdown import noder, ren_text
from generator.render.pdf.motor import Cache, Motor, json_bytes
from generator.render.pdf.paket import lasexemplar


def _t(s: str | None) -> str | None:
    return ren_text(s) if s else None


def handling_data(arkiv: Arkiv, organ: Organ, m: Sammantrade, h: Handling) -> Data:
    typ = h.typ or "Handling"
    d = _bas(arkiv, organ, m)
    d.update({
        "typ": "handling",
        "doktyp": ren_text(typ).upper(),
        "organ": ren_text(h.avsandare or organ.namn),
        "datum": h.datum.isoformat() if h.datum else m.datum.isoformat(),
        "datumetikett": "Datum",
        "sidfot": None,
        "handling": {
            "rubrik": ren_text(h.titel),
            "datum": h.datum.isoformat() if h.datum else None,
            "dnr": _t(h.dnr),
            "handlaggare": [ren_text(x) for x in h.handlaggare],
            "namn": [ren_text(x.split(",", 1)[0]) for x in h.handlaggare],
            "till": _t(h.till),
            "skickas_till": [ren_text(x) for x in h.skickas_till],
            "ingress": noder(h.ingress, arkiv.kommun.webbplats),
            "sektioner": [{"rubrik": ren_text(s.rubrik),
                           "innehall": noder(s.text, arkiv.kommun.webbplats)}
                          for s in h.sektioner],
            "sammantrade": f"Handling till {ren_text(organ.namn)}s sammanträde {m.datum.isoformat()}",
        },
    })
    d["meta"] = _meta(f"{typ}: {h.titel}", arkiv.kommun.namn,
                      f"{typ} till {organ.namn}s sammanträde {m.datum.isoformat()}",
                      [ren_text(h.dnr)] if h.dnr else [], h.datum or m.datum)
    return d


# ------------------------------------------------------------------ the packet

@dataclass(slots=True)
class Del:
    titel: str
    pdf: Path            # the rendered handling PDF (site) or the published PDF file
    sha256: str


@dataclass(slots=True)
class Paketresultat:
    renderad: bool = False
    sekunder: float = 0.0
    varningar: list[str] = field(default_factory=list)


def _delar(mp: MotesPlan, site: Path, summa=sha256_fil) -> list[tuple[str, list[Del]]]:
    """(ärende, its public handlingar as PDFs) in kallelse order; a handling once."""
    publ = mp.handlingar.publika
    k = mp.pdf_mote.kallelse
    sedda: set[str] = set()
    ut: list[tuple[str, list[Del]]] = []
    for a in (k.arenden if k else ()):
        delar = []
        for b in a.handlingar:
            ph = publ.get(b.fil or "")
            if ph is None or ph.handling.fil in sedda:
                continue
            h = ph.handling
            if h.markdown:
                pdf = site / next(d.sokvag for d in mp.pdfer if d.fil == h.fil)
            elif h.kalla.suffix.lower() == ".pdf" or ar_pdf(h.kalla):
                pdf = h.kalla
            else:
                continue   # a docx or xlsx is published as it is, not bundled
            sedda.add(h.fil)
            delar.append(Del(ren_text(f"{h.typ}: {h.titel}" if h.markdown else h.titel), pdf,
                             summa(pdf)))
        ut.append((ren_text(a.rubrik), delar))
    return ut


def omslag(arkiv: Arkiv, organ: Organ, m: Sammantrade, delar: list[Data]) -> Data:
    """Cover page of kallelse-med-handlingar.pdf (not the archival copy)."""
    return lasexemplar_omslag(
        arkiv, organ, m, delar, slag="kallelse med handlingar",
        upplysning=("Denna fil är en sammanställning för läsning av kallelsen och de "
                    "handlingar som publiceras. Kallelsen (kallelse.pdf) och handlingarna "
                    "var för sig är originalen."),
        dnr=[], datum=m.kallelse.datum if m.kallelse else m.datum)


def bygg(omslag_pdf: bytes, kallelse: Path, arenden: list[tuple[str, list[Del]]], *, titel: str,
         forfattare: str) -> tuple[bytes, list[str]]:
    varningar: list[str] = []
    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(omslag_pdf)), outline_item="Om denna sammanställning",
             import_outline=False)
    kallelse_sida = len(w.pages)
    w.append(PdfReader(kallelse), outline_item="Kallelse", import_outline=False)
    for i, (rubrik, delar) in enumerate(arenden, 1):
        tillagda: list[tuple[str, int]] = []
        for x in delar:
            start = len(w.pages)
            try:
                r = PdfReader(x.pdf)
                if r.is_encrypted:
                    raise ValueError("krypterad PDF")
                w.append(r, import_outline=False)
            except Exception as e:  # noqa: BLE001 - a broken file must not stop the build
                varningar.append(f"{x.pdf.name}: kunde inte läggas i kallelse-med-handlingar.pdf ({e})")
                continue
            tillagda.append((x.titel, start))
        # the ärende's bookmark opens its first handling (or the kallelse when it has none)
        arende = w.add_outline_item(title=f"Ärende {i}: {rubrik}",
                                    page_number=tillagda[0][1] if tillagda else kallelse_sida)
        for namn, start in tillagda:
            w.add_outline_item(title=namn, page_number=start, parent=arende)
    return lasexemplar(w, titel, forfattare), varningar


def gor_kallelsepaket(arkiv: Arkiv, mp: MotesPlan, site: Path, mot: Motor,
                      cache: Cache) -> Paketresultat:
    """Write the planned kallelse-med-handlingar.pdf from the kallelse and handling PDFs
    already in ``site`` and the published PDF files. Cached by content."""
    from generator.render.pdf.jobb import kod
    ut = Paketresultat()
    o, m = mp.organ, mp.pdf_mote
    mal = site / mp.pdf("kallelsepaket")
    kallelse = site / mp.pdf("kallelse")
    arenden = _delar(mp, site, cache.summa)
    kal_sha = cache.summa(kallelse)
    delar = [{"titel": "Kallelse (kallelse.pdf)", "paragraf": None, "sha256": kal_sha}]
    delar += [{"titel": x.titel, "paragraf": None, "sha256": x.sha256}
              for _r, xs in arenden for x in xs]
    omslag_json = json_bytes(omslag(arkiv, o, m, delar))
    k = nyckel(b"kallelsepaket", kod(), mot.nyckel(omslag_json), kal_sha,
               [(r, [(x.titel, x.sha256) for x in xs]) for r, xs in arenden])
    if cache.finns(k) is not None:
        cache.lagg(k, mal)
        return ut
    t = time.perf_counter()
    pdf, ut.varningar = bygg(mot.rendera(omslag_json), kallelse, arenden,
                             titel=f"Kallelse med handlingar {o.namn} {m.datum.isoformat()} "
                                   "(inte arkivexemplar)", forfattare=arkiv.kommun.namn)
    ut.sekunder = time.perf_counter() - t
    ut.renderad = True
    if not ut.varningar:
        cache.spara(k, pdf)
    cache.lagg(k, mal, pdf)
    return ut
