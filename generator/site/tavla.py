"""What is on the board: a thin wrapper over ``generator.anslagstavla``.

The board rules (which anslag are current, kungörelser, coming meetings) belong
to the core module so that ``anslag status`` and the site agree. Until it is
available a minimal local version with the same signatures is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Anslagsdatum, Arkiv, Organ, Paragraf, Sammantrade

try:  # pragma: no cover - depends on the core module being present
    from ..anslagstavla import (Anslag, Kungorelse, aktuella_anslag, alla_anslag,  # type: ignore
                                kommande_sammantraden, kungorelser)
except ImportError:  # pragma: no cover
    @dataclass(slots=True)
    class Anslag:  # type: ignore[no-redef]
        id: str
        organ: Organ
        sammantrade: Sammantrade
        paragrafer: list[Paragraf]
        justeringsdatum: date
        datum: Anslagsdatum
        forvaringsplats: str
        omedelbart: bool

    @dataclass(slots=True)
    class Kungorelse:  # type: ignore[no-redef]
        organ: Organ
        sammantrade: Sammantrade
        fran: date
        till: date

    def alla_anslag(arkiv: Arkiv) -> list[Anslag]:  # type: ignore[misc]
        ut: list[Anslag] = []
        for o in arkiv.organ.values():
            for m in o.sammantraden:
                if m.utdrag:
                    continue
                if m.anslag and m.justering:
                    ut.append(Anslag(f"{o.id}-{m.datum}", o, m,
                                     [p for p in m.paragrafer if not p.omedelbart_justerad],
                                     m.justering.datum, m.anslag, m.forvaringsplats or "", False))
                for p in m.paragrafer:
                    if p.omedelbart_justerad and p.anslag:
                        ut.append(Anslag(f"{o.id}-{m.datum}-{p.nummer}", o, m, [p], m.datum,
                                         p.anslag, m.forvaringsplats or "", True))
        ut.sort(key=lambda a: (a.datum.uppsatt, a.id), reverse=True)
        return ut

    def aktuella_anslag(arkiv: Arkiv, idag: date) -> list[Anslag]:  # type: ignore[misc]
        return [a for a in alla_anslag(arkiv) if a.datum.uppsatt <= idag < a.datum.nedtas]

    def kungorelser(arkiv: Arkiv, idag: date) -> list[Kungorelse]:  # type: ignore[misc]
        ut = []
        for o in arkiv.organ.values():
            if o.typ != "fullmaktige":
                continue
            for m in o.sammantraden:
                if m.kallelse and m.kallelse.datum <= idag <= m.datum:
                    ut.append(Kungorelse(o, m, m.kallelse.datum, m.datum))
        return sorted(ut, key=lambda k: k.sammantrade.datum)

    def kommande_sammantraden(arkiv: Arkiv, idag: date) -> list[Sammantrade]:  # type: ignore[misc]
        return sorted((m for m in arkiv.alla_sammantraden() if m.datum >= idag and not m.utdrag),
                      key=lambda m: (m.datum, m.organ_id))

__all__ = ["Anslag", "Kungorelse", "aktuella_anslag", "alla_anslag", "kommande_sammantraden",
           "kungorelser", "nedtas_kungorelse"]


def nedtas_kungorelse(k: Kungorelse) -> date:
    """A kungörelse stays up through the meeting day."""
    return k.till + timedelta(days=1)
