"""The publishing plan's part for handlingar (content-format "Handlingar").

Called only by ``generator.archive.plan``; nothing else decides whether a handling
is public. The rules:

* a handling listed under a kallelse item is public from ``kallelse.datum``
  (judged on ``idag``);
* one cited by a § (``beslutsunderlag`` with ``fil: handlingar/...``) is public
  when that § is published and has no sekretess;
* never public: ``sekretess`` (listed only as "Handling som omfattas av
  sekretess"), ``publiceras: false`` (listed by typ and datum, "lämnas ut på
  begäran"), a handling listed under a secret kallelse item (not listed at
  all: the item shows only its public title), and one cited only by sekretess §§.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from generator.archive import adresser
from generator.archive.handlingar import normaliserad
from generator.archive.model import Arkiv, Handling, Paragraf, Referens, Sammantrade

Status = Literal["publik", "begaran", "sekretess", "hemlig", "inte_an"]
SEKRETESS_TEXT = "Handling som omfattas av sekretess"


@dataclass(frozen=True, slots=True)
class PubliceradHandling:
    """A public handling: the whole Handling, where it is, and the §§ that decided it."""

    handling: Handling
    organ_id: str
    datum: date                          # the meeting's date
    sida: str | None = None              # site path of its page (Markdown handlingar)
    fil: str | None = None               # site path of the file published as it is
    behandlad: tuple[Referens, ...] = ()  # published §§ without sekretess that cite it

    @property
    def lank(self) -> str:
        return self.sida or self.fil or ""


@dataclass(slots=True)
class Handlingar:
    """One meeting's handlingar as published on ``idag``."""

    publika: dict[str, PubliceradHandling] = field(default_factory=dict)  # fil -> handling
    listade: dict[str, str] = field(default_factory=dict)  # fil -> public text, not public


def sida(oid: str, d: date, h: Handling) -> str:
    return f"{adresser.sammantrade(oid, d)}handlingar/{h.slug}/"


def filadress(oid: str, d: date, h: Handling) -> str:
    return f"{adresser.sammantrade(oid, d)}handlingar/{h.fil[len('handlingar/'):]}"


@dataclass(slots=True)
class Motesindex:
    """Who lists and cites which handling in one meeting, made once per meeting (so that
    deciding every handling is proportional to the meeting, not quadratic in it)."""

    publ: set[str] = field(default_factory=set)     # listed under a public kallelse item
    hemlig: set[str] = field(default_factory=set)   # listed under a secret kallelse item
    citerande: dict[str, list[Paragraf]] = field(default_factory=dict)  # fil -> citing §§

    @classmethod
    def av(cls, m: Sammantrade) -> "Motesindex":
        ix = cls()
        if m.kallelse is not None:
            for a in m.kallelse.arenden:
                (ix.hemlig if a.sekretess else ix.publ).update(b.fil for b in a.handlingar if b.fil)
        for p in m.paragrafer:
            for fil in dict.fromkeys(normaliserad(b.fil) for b in p.beslutsunderlag if b.fil):
                ix.citerande.setdefault(fil, []).append(p)
        return ix


def aldrig_publik(m: Sammantrade, h: Handling, ix: Motesindex | None = None) -> bool:
    """True for a handling that is never published (what the personnummer rule skips)."""
    return status(m, h, date.max, None, ix) in ("begaran", "sekretess", "hemlig")


def status(m: Sammantrade, h: Handling, idag: date, publicerade: set | None,
           ix: Motesindex | None = None) -> Status:
    """What of ``h`` is public on ``idag``. ``publicerade``: keys of published §§
    (None: every § counts as published, for ``aldrig_publik``). ``ix``: the meeting's
    index when the caller decides many handlingar of it."""
    ix = ix if ix is not None else Motesindex.av(m)
    publ, hemlig = ix.publ, ix.hemlig
    citerande = ix.citerande.get(h.fil, [])
    if h.fil in hemlig or (citerande and h.fil not in publ
                           and all(p.ar_sekretess for p in citerande)):
        return "hemlig"
    if h.sekretess:
        return "sekretess"
    if not h.publiceras:
        return "begaran"
    if h.fil in publ and m.kallelse is not None and m.kallelse.datum <= idag:
        return "publik"
    if any(not p.ar_sekretess and (publicerade is None or p.nyckel in publicerade)
           for p in citerande):
        return "publik"
    return "inte_an"


def listad_text(h: Handling, st: Status) -> str:
    if st == "sekretess":
        return SEKRETESS_TEXT
    typ = h.typ or "Handling"
    datum = f" {h.datum.isoformat()}" if h.datum else ""
    return f"{typ}{datum}, lämnas ut på begäran"


def handlingar(arkiv: Arkiv, m: Sammantrade, idag: date, publicerade: set,
               ix: Motesindex | None = None) -> Handlingar:
    ut = Handlingar()
    oid, d = m.organ_id, m.datum
    ix = ix if ix is not None else Motesindex.av(m)
    for fil, h in sorted(m.handlingar.items()):
        st = status(m, h, idag, publicerade, ix)
        if st in ("begaran", "sekretess"):
            ut.listade[fil] = listad_text(h, st)
        if st != "publik":
            continue
        behandlad = tuple(
            Referens(arkiv.referens_text(*p.nyckel), p.organ_id, p.datum, p.nummer, True)
            for p in ix.citerande.get(fil, ()) if not p.ar_sekretess and p.nyckel in publicerade)
        ut.publika[fil] = PubliceradHandling(
            h, oid, d, sida=sida(oid, d, h) if h.markdown else None,
            fil=None if h.markdown else filadress(oid, d, h), behandlad=behandlad)
    return ut


def pdfer(m: Sammantrade, hl: Handlingar, idag: date) -> list:
    """The PDFs of a meeting's public handlingar: one per Markdown handling
    (``handlingar/<slug>.pdf``) and, once the kallelse is issued and something is public,
    ``kallelse-med-handlingar.pdf`` (a convenience copy: kallelse + public handlingar)."""
    from generator.archive.plan import PlaneradPdf
    oid, d = m.organ_id, m.datum
    ut = [PlaneradPdf("handling", pdf_adress(oid, d, ph.handling), oid, d, fil=f)
          for f, ph in hl.publika.items() if ph.handling.markdown]
    if (hl.publika and m.kallelse is not None and m.kallelse.datum <= idag and not m.utdrag
            and any(b.fil in hl.publika for a in m.kallelse.arenden for b in a.handlingar)):
        ut.append(PlaneradPdf("kallelsepaket", paket_adress(oid, d), oid, d))
    return ut


def pdf_adress(oid: str, d: date, h: Handling) -> str:
    return f"{adresser.sammantrade(oid, d)}handlingar/{h.slug}.pdf"


def paket_adress(oid: str, d: date) -> str:
    return f"{adresser.sammantrade(oid, d)}kallelse-med-handlingar.pdf"
