"""The anslagstavla as a domain: which anslag and kungörelser exist, and which
are on the board on a given day (KL 8 kap. 9-13 §§).

One anslag per justerat meeting (its ordinary §§) plus one per omedelbart
justerad §. Utdrag meetings never appear on the board.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.archive.model import Anslagsdatum, Arkiv, Organ, Paragraf, Sammantrade


@dataclass(frozen=True, slots=True)
class Anslag:
    id: str                       # stable: "fun-2025-02-06", "fun-2025-02-06-p7"
    organ: Organ
    sammantrade: Sammantrade
    paragrafer: tuple[Paragraf, ...]
    justeringsdatum: date
    datum: Anslagsdatum
    forvaringsplats: str
    omedelbart: bool = False

    def pa_tavlan(self, idag: date) -> bool:
        return self.datum.uppsatt <= idag < self.datum.nedtas

    @property
    def paragrafspann(self) -> str:
        nr = [p.nummer for p in self.paragrafer]
        if len(nr) == 1:
            return f"§ {nr[0]}"
        if nr == list(range(nr[0], nr[-1] + 1)):
            return f"§§ {nr[0]}–{nr[-1]}"
        return "§§ " + ", ".join(map(str, nr))


def dagar_till_nedtagning(a: Anslag, idag: date) -> int:
    return (a.datum.nedtas - idag).days


@dataclass(frozen=True, slots=True)
class Kungorelse:
    """A fullmäktige meeting announced on the board from kallelse.datum to the meeting day."""

    organ: Organ
    sammantrade: Sammantrade
    fran: date
    till: date                    # the meeting day (inclusive)

    @property
    def id(self) -> str:
        return f"kungorelse-{self.organ.id}-{self.sammantrade.datum.isoformat()}"

    def pa_tavlan(self, idag: date) -> bool:
        return self.fran <= idag <= self.till


def _forvaring(arkiv: Arkiv, m: Sammantrade) -> str:
    return m.forvaringsplats or arkiv.kommun.forvaringsplats or arkiv.kommun.namn


def alla_anslag(arkiv: Arkiv) -> list[Anslag]:
    ut: list[Anslag] = []
    for organ in arkiv.organ.values():
        for m in organ.sammantraden:
            if m.utdrag:
                continue
            for p in m.paragrafer:
                if p.omedelbart_justerad and p.anslag:
                    ut.append(Anslag(f"{organ.id}-{m.datum.isoformat()}-p{p.nummer}", organ, m,
                                     (p,), m.datum, p.anslag, _forvaring(arkiv, m), True))
            vanliga = tuple(p for p in m.paragrafer if not p.omedelbart_justerad)
            if m.justering and m.anslag and vanliga:
                ut.append(Anslag(f"{organ.id}-{m.datum.isoformat()}", organ, m, vanliga,
                                 m.justering.datum, m.anslag, _forvaring(arkiv, m)))
    ut.sort(key=lambda a: (a.datum.uppsatt, a.organ.id, a.sammantrade.datum, a.id))
    return ut


def aktuella_anslag(arkiv: Arkiv, idag: date) -> list[Anslag]:
    """On the board today: uppsatt <= idag < nedtas."""
    return [a for a in alla_anslag(arkiv) if a.pa_tavlan(idag)]


def nedtas_inom(arkiv: Arkiv, idag: date, dagar: int = 7) -> list[Anslag]:
    return [a for a in aktuella_anslag(arkiv, idag) if a.datum.nedtas <= idag + timedelta(days=dagar)]


def alla_kungorelser(arkiv: Arkiv) -> list[Kungorelse]:
    ut = []
    for organ in arkiv.organ.values():
        if organ.typ != "fullmaktige":
            continue
        for m in organ.sammantraden:
            if m.kallelse and not m.utdrag:
                ut.append(Kungorelse(organ, m, m.kallelse.datum, m.datum))
    return sorted(ut, key=lambda k: (k.till, k.organ.id))


def kungorelser(arkiv: Arkiv, idag: date) -> list[Kungorelse]:
    return [k for k in alla_kungorelser(arkiv) if k.pa_tavlan(idag)]


def kommande_sammantraden(arkiv: Arkiv, idag: date) -> list[Sammantrade]:
    """Meetings on or after today that have not been held (no §§ yet)."""
    return sorted((m for m in arkiv.alla_sammantraden()
                   if m.datum >= idag and m.planerat and not m.utdrag),
                  key=lambda m: (m.datum, m.organ_id))


def ej_tillkannagivna(arkiv: Arkiv) -> list[Sammantrade]:
    """Justerade meetings whose justering has not been announced (no anslag yet)."""
    return [m for m in arkiv.alla_sammantraden()
            if m.justering and not m.anslag and not m.utdrag and m.paragrafer]


def ej_justerade(arkiv: Arkiv, idag: date, dagar: int) -> list[Sammantrade]:
    """Held meetings older than ``dagar`` days without justering."""
    return [m for m in arkiv.alla_sammantraden()
            if m.paragrafer and not m.justering and not m.utdrag
            and (idag - m.datum).days > dagar]
