"""Förtroendevalda: one person per folded name, built from the public meetings.

Every person named among a meeting's ``beslutande`` or ``ersattare`` (the name
without party and without ", ersätter ...") is one förtroendevald. Officials
under ``ovriga`` and the sekreterare are not. Identity is the folded name
(``nyckel``); the name shown is the spelling used most often (the latest on a
tie), the party shown is the latest.

The model is built from the public view only: a meeting counts once its
protokoll is public, a § event (jäv, reservation, vote) only from a public §
without sekretess. Nothing of a sekretess § reaches a person, not even the fact
that a vote was held.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable, Literal

from generator.archive.model import Arkiv, Paragraf, Person, Sammantrade, namnnyckel

Roll = Literal["ordforande", "ledamot", "tjanstgorande", "ersattare"]
ROLLNAMN: dict[str, str] = {"ordforande": "ordförande", "ledamot": "ledamot",
                            "tjanstgorande": "tjänstgörande ersättare",
                            "ersattare": "ej tjänstgörande ersättare"}
Handelsetyp = Literal["jav", "reservation", "ja", "nej", "avstar"]
HANDELSENAMN: dict[str, str] = {"jav": "anmälde jäv", "reservation": "reserverade sig",
                                "ja": "röstade ja", "nej": "röstade nej", "avstar": "avstod"}


nyckel = namnnyckel   # identity of a name: the one folding function (archive.model)


def nastan(namn: str) -> str:
    """Coarser than ``nyckel``: accents and punctuation folded too, for spelling warnings."""
    s = unicodedata.normalize("NFKD", nyckel(namn))
    return "".join(c for c in s if c.isalnum())


def slug_for(namn: str) -> str:
    """URL segment for a person: ``Gertrud Jernberg-Zernig`` -> ``gertrud-jernberg-zernig``."""
    s = unicodedata.normalize("NFKD", nyckel(namn))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s.replace("ß", "ss").replace("ø", "o").replace("æ", "ae"))
    return s.strip("-") or "person"


@dataclass(frozen=True, slots=True)
class Narvaro:
    """One meeting the person took part in (or was listed at, as ej tjänstgörande ersättare)."""

    organ_id: str
    datum: date
    roll: Roll
    parti: str | None = None
    ersatter: str | None = None         # the ledamot a tjänstgörande ersättare stood in for


@dataclass(frozen=True, slots=True)
class Handelse:
    """A public § where the person reported jäv, reserved herself or voted."""

    organ_id: str
    datum: date
    nummer: int
    rubrik: str
    typ: Handelsetyp


@dataclass(frozen=True, slots=True)
class Uppdrag:
    """A current assignment: the role in an organ as of its latest meeting."""

    organ_id: str
    roll: Roll                      # ordforande/ledamot, or ersattare (also when tjänstgörande)
    sedan: date                     # first meeting in the organ
    senast: date                    # the organ's latest meeting


@dataclass(slots=True)
class Fortroendevald:
    nyckel: str
    namn: str = ""                  # the spelling shown
    slug: str = ""
    parti: str | None = None        # latest
    partier: list[tuple[date, str]] = field(default_factory=list)   # (first seen, party), in order
    narvaro: list[Narvaro] = field(default_factory=list)            # oldest first
    handelser: list[Handelse] = field(default_factory=list)         # oldest first
    uppdrag: list[Uppdrag] = field(default_factory=list)
    stavningar: Counter = field(default_factory=Counter)

    @property
    def organ(self) -> list[str]:
        return list(dict.fromkeys(n.organ_id for n in self.narvaro))

    def narvaro_per_ar(self) -> dict[int, dict[str, int]]:
        """Year -> {"ledamot": meetings as ledamot or ordförande, "tjanstgorande": as tjänstgörande
        ersättare, "ersattare": listed as ej tjänstgörande ersättare}; newest year first."""
        ut: dict[int, dict[str, int]] = {}
        for n in self.narvaro:
            rad = ut.setdefault(n.datum.year, {"ledamot": 0, "tjanstgorande": 0, "ersattare": 0})
            rad["ledamot" if n.roll == "ordforande" else n.roll] += 1
        return dict(sorted(ut.items(), reverse=True))


@dataclass(slots=True)
class Ledamotsregister:
    personer: dict[str, Fortroendevald]             # slug -> person, sorted by name
    organ_ledamoter: dict[str, list[tuple[Fortroendevald | None, str, Roll]]]
    # organ id -> the members as of its latest meeting: (person or None, name, role)
    senaste_mote: dict[str, date]

    def per_nyckel(self) -> dict[str, Fortroendevald]:
        return {p.nyckel: p for p in self.personer.values()}


def mote_roller(m: Sammantrade) -> Iterable[tuple[Person, Roll]]:
    """The förtroendevalda of one meeting with their role."""
    for p in m.beslutande:
        if p.ersatter is not None:
            yield p, "tjanstgorande"
        elif m.ar_ordforande(p):
            yield p, "ordforande"
        else:
            yield p, "ledamot"
    for p in m.ersattare:
        yield p, "ersattare"


def _handelser(p: Paragraf) -> Iterable[tuple[Person, Handelsetyp]]:
    if p.ar_sekretess:          # the public view has dropped them already; never rely on it alone
        return
    for n in p.jav:
        yield n, "jav"
    for n in p.reservationer:
        yield n, "reservation"
    if p.omrostning is not None:
        yield from ((n, typ) for typ, n in p.omrostning.roster())


def bygg_register(arkiv: Arkiv, moten_publika: Callable[[Sammantrade], bool]) -> Ledamotsregister:
    """The förtroendevalda of a PUBLIC archive (``plan(...).arkiv``, generator.archive.plan). ``moten_publika(m)``
    says whether a meeting's protokoll (and so its attendance list) is public."""
    personer: dict[str, Fortroendevald] = {}

    def person(namn: str) -> Fortroendevald:
        k = nyckel(namn)
        fv = personer.get(k)
        if fv is None:
            fv = personer[k] = Fortroendevald(k)
        return fv

    moten = sorted((m for o in arkiv.organ.values() for m in o.sammantraden),
                   key=lambda m: (m.datum, m.organ_id))
    senaste: dict[str, Sammantrade] = {}
    for m in moten:
        if not moten_publika(m) or not (m.beslutande or m.ersattare):
            continue
        senaste[m.organ_id] = m
        for p, roll in mote_roller(m):
            fv = person(p.namn)
            fv.stavningar[p.namn] += 1
            if p.parti and (not fv.partier or fv.partier[-1][1] != p.parti):
                fv.partier.append((m.datum, p.parti))
            fv.narvaro.append(Narvaro(m.organ_id, m.datum, roll, p.parti,
                                      p.ersatter.kort if p.ersatter else None))
    for m in moten:
        for par in m.paragrafer:
            for namn, typ in _handelser(par):
                fv = personer.get(namn.nyckel)
                if fv is not None:
                    fv.handelser.append(Handelse(par.organ_id, par.datum, par.nummer,
                                                 par.publik_rubrik, typ))
    for fv in personer.values():
        # most frequent spelling; on a tie the latest one used
        sista = {n: i for i, n in enumerate(_stavningsordning(fv))}
        fv.namn = max(fv.stavningar, key=lambda n: (fv.stavningar[n], sista.get(n, -1)))
        fv.parti = fv.partier[-1][1] if fv.partier else None
        fv.uppdrag = _uppdrag(fv, senaste)
    register = _med_slugs(personer)
    organ_ledamoter = {oid: _ledamoter(m, register.per_nyckel()) for oid, m in senaste.items()}
    register.organ_ledamoter = organ_ledamoter
    register.senaste_mote = {oid: m.datum for oid, m in senaste.items()}
    return register


def _stavningsordning(fv: Fortroendevald) -> list[str]:
    return list(fv.stavningar)      # Counter keeps insertion order: first use, oldest first


def _uppdrag(fv: Fortroendevald, senaste: dict[str, Sammantrade]) -> list[Uppdrag]:
    ut = []
    for oid in fv.organ:
        m = senaste[oid]
        egna = [n for n in fv.narvaro if n.organ_id == oid]
        vid_senaste = [n for n in egna if n.datum == m.datum]
        if not vid_senaste:
            continue
        roll = vid_senaste[0].roll
        ut.append(Uppdrag(oid, "ersattare" if roll == "tjanstgorande" else roll,
                          egna[0].datum, m.datum))
    return ut


def _ledamoter(m: Sammantrade, per_nyckel: dict[str, Fortroendevald]
               ) -> list[tuple[Fortroendevald | None, str, Roll]]:
    """The members of an organ as of meeting ``m``: ledamöter (those replaced at the meeting
    included) first, then ersättare."""
    ledamoter: list[tuple[Fortroendevald | None, str, Roll]] = []
    ersattare: list[tuple[Fortroendevald | None, str, Roll]] = []
    for p, roll in mote_roller(m):
        fv = per_nyckel.get(nyckel(p.namn))
        if roll == "tjanstgorande":
            ersatt = p.ersatter
            ledamoter.append((per_nyckel.get(nyckel(ersatt.namn)), ersatt.kort, "ledamot"))
            ersattare.append((fv, p.kort, "ersattare"))
        elif roll == "ersattare":
            ersattare.append((fv, p.kort, "ersattare"))
        else:
            ledamoter.append((fv, p.kort, roll))
    return ledamoter + ersattare


def _med_slugs(personer: dict[str, Fortroendevald]) -> Ledamotsregister:
    ordnade = sorted(personer.values(), key=lambda fv: (_sortnamn(fv.namn), fv.nyckel))
    ut: dict[str, Fortroendevald] = {}
    for fv in ordnade:
        bas = slug_for(fv.namn)
        slug, i = bas, 2
        while slug in ut:
            slug, i = f"{bas}-{i}", i + 1
        fv.slug = slug
        ut[slug] = fv
    return Ledamotsregister(ut, {}, {})


_SVENSK_ORDNING = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def svensk_sortering(text: str) -> str:
    """Sort key in Swedish alphabetical order (... z, å, ä, ö), accents otherwise ignored."""
    s = nyckel(text).translate(_SVENSK_ORDNING)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _sortnamn(namn: str) -> str:
    """Swedish order by last name, then first name."""
    delar = nyckel(namn).split(" ")
    return svensk_sortering(" ".join(delar[-1:] + delar[:-1]))
