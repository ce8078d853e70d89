"""Archive indexes: /protokoll/, an organ, an organ's year, /arenden/ and ärendets gång."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from generator.archive.model import Organ, Paragraf, Sammantrade, Sektion
from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import ALLMANT, Sida
from generator.render.site.vyer.ledamoter import OrganLedamoter, organ_ledamoter
from generator.render.site.webbplats import ORGANTYP, Webbplats

Brodsmulor = list[tuple[str, str | None]]   # (text, site path or None for the current page)


@dataclass(slots=True)
class Status:
    text: str                      # "Ej justerat", "Planerat" ...
    justerad: date | None = None   # "Justerat <date>"


@dataclass(slots=True)
class MoteRad:
    mote: Sammantrade
    nummer: list[int]
    status: Status
    protokoll_pdf: str | None
    kallelse_pdf: str | None


def status(w: Webbplats, m: Sammantrade) -> Status:
    if m.utdrag:
        return Status("Protokollsutdrag")
    if (m.organ_id, m.datum) in w.publikt.ej_justerade:
        return Status("Ej justerat")
    if m.paragrafer and m.justering:
        return Status("Justerat", m.justering.datum)
    if m.datum >= w.idag:
        return Status("Planerat")
    return Status("Protokoll saknas")


def mote_rad(w: Webbplats, m: Sammantrade) -> MoteRad:
    return MoteRad(m, [p.nummer for p in m.paragrafer], status(w, m), w.protokoll_pdf(m),
                   w.kallelse_pdf(m))


# ------------------------------------------------------------------ /protokoll/

@dataclass(slots=True)
class OrganRad:
    organ: Organ
    typ: str
    under: str | None              # kortnamn of the organ it prepares matters for
    senaste: date | None


@dataclass(slots=True)
class ProtokollVy:
    kommun: str
    rader: list[OrganRad]


def protokoll_index(w: Webbplats) -> Sida:
    rader = []
    for o in w.organ:
        senaste = max((m.datum for m in o.sammantraden if m.datum <= w.idag), default=None)
        under = w.arkiv.organ[o.under].kortnamn if o.under and o.under in w.arkiv.organ else None
        rader.append(OrganRad(o, ORGANTYP.get(o.typ, o.typ), under, senaste))
    vy = ProtokollVy(w.kommun.namn, rader)
    return Sida(urls.PROTOKOLL, "Protokoll", rendera("protokoll.html", urls.PROTOKOLL, vy),
                nav=True)


# ------------------------------------------------------------------ an organ

@dataclass(slots=True)
class OrganVy:
    organ: Organ
    typ: str
    under: Organ | None
    underorgan: list[Organ]
    forvaringsplats: str | None
    ar: list[tuple[int, list[MoteRad]]]     # newest meeting first within a year
    brodsmulor: Brodsmulor
    ledamoter: OrganLedamoter | None = None   # members as of the latest meeting (vyer.ledamoter)


def organ_sida(w: Webbplats, o: Organ) -> Sida:
    fran = urls.organ(o.id)
    per_ar: dict[int, list[Sammantrade]] = defaultdict(list)
    for m in o.sammantraden:
        per_ar[m.ar].append(m)
    ar = [(x, [mote_rad(w, m) for m in sorted(per_ar[x], key=lambda m: m.datum, reverse=True)])
          for x in o.ar]
    vy = OrganVy(o, ORGANTYP.get(o.typ, o.typ),
                 w.arkiv.organ.get(o.under) if o.under else None,
                 [x for x in w.organ if x.under == o.id],
                 o.forvaringsplats or w.kommun.forvaringsplats, ar,
                 [("Protokoll", urls.PROTOKOLL), (o.kortnamn, None)], organ_ledamoter(w, o))
    return Sida(fran, o.namn, rendera("organ.html", fran, vy), sok=ALLMANT,
                beskrivning=f"Protokoll från {o.namn}.")


@dataclass(slots=True)
class OrganArVy:
    organ: Organ
    ar: int
    moten: list[MoteRad]           # oldest first
    brodsmulor: Brodsmulor


def organ_ar_sida(w: Webbplats, o: Organ, ar: int) -> Sida:
    fran = urls.organ_ar(o.id, ar)
    moten = sorted((m for m in o.sammantraden if m.ar == ar), key=lambda m: m.datum)
    vy = OrganArVy(o, ar, [mote_rad(w, m) for m in moten],
                   [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)), (str(ar), None)])
    return Sida(fran, f"{o.namn} {ar}", rendera("organ_ar.html", fran, vy))


# ------------------------------------------------------------------ ärenden

@dataclass(slots=True)
class ArendenVy:
    finns: bool
    rader: list[tuple[str, Paragraf, int]]   # (dnr, its latest §, number of §§)
    bara_handlingar: list[tuple[str, str, date]] = field(default_factory=list)
    # (dnr, title, date) of the ärenden that so far have only handlingar (vyer/handlingar.py)


def arenden_index(w: Webbplats) -> Sida:
    rader = [(dnr, ps[-1], len(ps))
             for dnr, ps in sorted(w.arkiv.arenden.items(), key=lambda x: x[0], reverse=True)
             if urls.arende_sida(dnr)]
    from generator.render.site.vyer.handlingar import bara_handlingar
    andra = bara_handlingar(w)
    vy = ArendenVy(bool(w.arkiv.arenden) or bool(andra), rader, andra)
    return Sida(urls.ARENDEN, "Ärenden", rendera("arenden.html", urls.ARENDEN, vy), nav=True)


@dataclass(slots=True)
class ArendeRad:
    paragraf: Paragraf
    referens: str                  # "KS 2024-12-10 § 5"
    organ_namn: str
    beslut: Sektion | None
    beslut_html: Markup


@dataclass(slots=True)
class ArendeVy:
    dnr: str
    rader: list[ArendeRad]
    brodsmulor: Brodsmulor


def arende_sida(w: Webbplats, dnr: str, ps: list[Paragraf]) -> Sida:
    fran = urls.arende(dnr)
    rader = []
    for p in ps:
        b = p.beslut
        rader.append(ArendeRad(p, w.arkiv.referens_text(p.organ_id, p.datum, p.nummer),
                               w.arkiv.organ[p.organ_id].namn, b,
                               w.md(b.text, fran) if b else Markup("")))
    vy = ArendeVy(dnr, rader, [("Ärenden", urls.ARENDEN), (dnr, None)])
    return Sida(fran, f"Ärendets gång {dnr}", rendera("arende.html", fran, vy))
