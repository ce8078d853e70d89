"""The PDF stage's work list: the plan's documents of one meeting -> (data, target).

Which documents exist, and what a public one may show, is the publishing
plan's decision (``generator.archive.plan``): public PDFs are made from
``MotesPlan.pdf_mote`` (sekretess §§ already reduced, the public kallelse),
internal archive copies from the full meeting.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.archive.model import Arkiv
from generator.archive.plan import MotesPlan, PlaneradPdf
from generator.common.cache import kodavtryck, nyckel
from generator.render.pdf.data import Data, kallelse_data, protokoll_data, utdrag_data

# The code that turns the model into PDF data and PDFs: this stage and every stage under it.
KOD = ("generator.common", "generator.archive", "generator.render.markup", "generator.render.pdf")
BIBLIOTEK = ("markdown", "typst", "pypdf")


PAKET = ("paket", "kallelsepaket")   # merged from finished PDFs, after the rendering


def kod() -> str:
    return kodavtryck(*KOD, bibliotek=BIBLIOTEK)


@dataclass(slots=True)
class Jobb:
    data: bytes
    mal: list[Path]
    nyckel: str = ""


def data_for(arkiv: Arkiv, mp: MotesPlan, d: PlaneradPdf) -> Data:
    """The template data of one planned document (not the packet)."""
    o = mp.organ
    m = mp.pdf_mote if d.publik else mp.sammantrade
    if d.slag == "kallelse":
        return kallelse_data(arkiv, o, m)
    if d.slag == "protokoll":
        return protokoll_data(arkiv, o, m, publik=d.publik)
    if d.slag == "handling":
        from generator.render.pdf.handling import handling_data
        return handling_data(arkiv, o, m, m.handlingar[d.fil])
    if d.slag == "utdrag":
        p = m.paragraf(d.nummer)
        assert p is not None, d
        return utdrag_data(arkiv, o, m, p, publik=d.publik)
    raise ValueError(f"inget data för {d.slag}")


def dokument(arkiv: Arkiv, mp: MotesPlan, site: Path,
             intern: Path | None) -> list[tuple[Data, Path]]:
    """(data, target file) of every PDF the plan lists for the meeting, except the packet
    (made from the finished protokoll). No internal copies without an archive folder."""
    ut = [(data_for(arkiv, mp, d), site / d.sokvag) for d in mp.pdfer if d.slag not in PAKET]
    if intern is not None:
        ut += [(data_for(arkiv, mp, d), intern / d.sokvag) for d in mp.interna]
    return ut


def fingeravtryck(motor_nyckel: str, arkiv: Arkiv, mp: MotesPlan, med_arkiv: bool) -> str:
    """Key of a meeting's index entry: everything its PDFs are made from."""
    k, o = arkiv.kommun, mp.organ
    return nyckel(b"index", kod(), motor_nyckel,
                  (k.namn, k.webbplats, o.id, o.namn, o.kortnamn, o.typ, o.sidfot, med_arkiv),
                  [d for d in mp.pdfer if d.slag not in PAKET], mp.interna if med_arkiv else (),
                  mp.pdf_mote, mp.sammantrade if med_arkiv else None)
