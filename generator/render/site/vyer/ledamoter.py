"""Förtroendevalda: /ledamoter/ (everyone by party and by organ) and one page per person
(assignments, attendance per year, meetings with role, the §§ with jäv, reservation or vote).

Built from ``generator.render.site.ledamoter.register``: the public view only, so nothing of a
sekretess § is here. No pages at all when kommun.yml says ``personsidor: false``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from generator.archive.model import Organ
from generator.archive.personer import (Fortroendevald, Handelse, Ledamotsregister, Narvaro,
                                        svensk_sortering)
from generator.render.site import ledamoter as lm
from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import ALLMANT, Sida
from generator.render.site.webbplats import Webbplats

Brodsmulor = list[tuple[str, str | None]]
UPPDRAGSROLL = {"ordforande": "ordförande", "ledamot": "ledamot", "ersattare": "ersättare"}
MOTESROLL = {"ordforande": "Ordförande", "ledamot": "Ledamot",
             "tjanstgorande": "Tjänstgörande ersättare", "ersattare": "Ej tjänstgörande ersättare"}
HANDELSE = {"jav": "Anmälde jäv", "reservation": "Reserverade sig", "ja": "Röstade ja",
            "nej": "Röstade nej", "avstar": "Avstod från att rösta"}
UTAN_PARTI = "Utan partibeteckning"


@dataclass(slots=True)
class UppdragRad:
    organ: Organ
    roll: str                      # "ordförande", "ledamot", "ersättare"
    sedan: date


@dataclass(slots=True)
class PersonRad:
    person: Fortroendevald
    uppdrag: list[UppdragRad]
    senast: date                   # the latest meeting the person took part in


@dataclass(slots=True)
class Medlem:
    namn: str                      # as written at the meeting, "Namn (Parti)"
    slug: str | None               # the person's page, None when the person has none
    roll: str


@dataclass(slots=True)
class OrganLedamoter:
    organ: Organ
    datum: date                    # the organ's latest meeting
    ledamoter: list[Medlem]
    ersattare: list[Medlem]


@dataclass(slots=True)
class LedamoterVy:
    kommun: str
    partier: list[tuple[str, list[PersonRad]]]
    organ: list[OrganLedamoter]
    antal: int


@dataclass(slots=True)
class MoteRad:
    narvaro: Narvaro
    organ: Organ
    roll: str


@dataclass(slots=True)
class HandelseRad:
    handelse: Handelse
    organ: Organ
    vad: str


@dataclass(slots=True)
class LedamotVy:
    person: Fortroendevald
    uppdrag: list[UppdragRad]
    partier: list[tuple[date, str]]
    narvaro: list[tuple[int, dict[str, int]]]
    moten: list[tuple[int, list[MoteRad]]]      # per year, newest first
    handelser: list[HandelseRad]                # newest first
    brodsmulor: Brodsmulor


def _uppdrag(w: Webbplats, fv: Fortroendevald) -> list[UppdragRad]:
    return [UppdragRad(w.arkiv.organ[u.organ_id], UPPDRAGSROLL[u.roll], u.sedan)
            for u in fv.uppdrag if u.organ_id in w.arkiv.organ]


def organ_ledamoter(w: Webbplats, o: Organ) -> OrganLedamoter | None:
    """The members of ``o`` as of its latest public meeting (for the organ page too)."""
    reg = lm.register(w)
    if reg is None or o.id not in reg.organ_ledamoter:
        return None
    led, ers = [], []
    for fv, namn, roll in reg.organ_ledamoter[o.id]:
        (ers if roll == "ersattare" else led).append(
            Medlem(namn, fv.slug if fv else None, UPPDRAGSROLL[roll]))
    return OrganLedamoter(o, reg.senaste_mote[o.id], led, ers)


def ledamoter_index(w: Webbplats, reg: Ledamotsregister) -> Sida:
    per_parti: dict[str, list[PersonRad]] = defaultdict(list)
    for fv in reg.personer.values():
        per_parti[fv.parti or UTAN_PARTI].append(
            PersonRad(fv, _uppdrag(w, fv), fv.narvaro[-1].datum))
    partier = sorted(per_parti.items(), key=lambda x: (x[0] == UTAN_PARTI, svensk_sortering(x[0])))
    organ = [x for x in (organ_ledamoter(w, o) for o in w.organ) if x is not None]
    vy = LedamoterVy(w.kommun.namn, partier, organ, len(reg.personer))
    return Sida(urls.LEDAMOTER, "Förtroendevalda", rendera("ledamoter.html", urls.LEDAMOTER, vy),
                nav=True, sok=ALLMANT,
                beskrivning=f"Förtroendevalda i {w.kommun.namn}: uppdrag, närvaro och röster.")


def ledamot_sida(w: Webbplats, fv: Fortroendevald) -> Sida:
    fran = urls.ledamot(fv.slug)
    per_ar: dict[int, list[MoteRad]] = defaultdict(list)
    for n in reversed(fv.narvaro):
        roll = MOTESROLL[n.roll] + (f", ersätter {n.ersatter}" if n.ersatter else "")
        per_ar[n.datum.year].append(MoteRad(n, w.arkiv.organ[n.organ_id], roll))
    handelser = [HandelseRad(h, w.arkiv.organ[h.organ_id], HANDELSE[h.typ])
                 for h in reversed(fv.handelser)]
    vy = LedamotVy(fv, _uppdrag(w, fv), fv.partier, list(fv.narvaro_per_ar().items()),
                   sorted(per_ar.items(), reverse=True), handelser,
                   [("Förtroendevalda", urls.LEDAMOTER), (fv.namn, None)])
    titel = f"{fv.namn} ({fv.parti})" if fv.parti else fv.namn
    return Sida(fran, titel, rendera("ledamot.html", fran, vy), sok=ALLMANT,
                beskrivning=f"{titel}: uppdrag, närvaro, jäv, reservationer och röster.")


def ledamot_sidor(w: Webbplats) -> Iterator[Sida]:
    """/ledamoter/ and one page per förtroendevald; nothing when person pages are off."""
    reg = lm.register(w)
    if reg is None:
        return
    yield ledamoter_index(w, reg)
    for fv in reg.personer.values():
        yield ledamot_sida(w, fv)
