"""The deadline engine: last day to appeal and the day the anslag comes down.

Lag (1930:173) om beräkning av lagstadgad tid: a time limit that ends on a
Saturday, Sunday, allmän helgdag, midsommarafton, julafton or nyårsafton moves
to the next day that is none of these. ``holidays.Sweden`` lists the helgdagar
under "public" and the three aftnar only under "de_facto" (measured), so both
categories are used. Sundays are listed as holidays in "public" too; we check
weekends ourselves to be independent of that.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from generator.archive.model import Anslagsdatum, Overklagande


@lru_cache(maxsize=256)
def _helgdagar(ar: int) -> frozenset[date]:
    import holidays   # ~0.1 s of every country's calendar: only when a deadline is computed
    h = holidays.country_holidays("SE", years=ar, categories=("public", "de_facto"))
    return frozenset(h.keys())


def ar_helgdag(d: date) -> bool:
    """True for Saturday, Sunday, allmän helgdag, midsommar-, jul- and nyårsafton."""
    return d.weekday() >= 5 or d in _helgdagar(d.year)


def nasta_vardag(d: date) -> date:
    """``d`` itself if it is a working day, else the next one."""
    while ar_helgdag(d):
        d += timedelta(days=1)
    return d


def sista_dag_att_overklaga(uppsatt: date, veckor: int = 3) -> date:
    return nasta_vardag(uppsatt + timedelta(weeks=veckor))


def anslagsdatum(uppsatt: date, regler: Overklagande = Overklagande(),
                 nedtas: date | None = None) -> Anslagsdatum:
    """The anslag period. An explicit ``nedtas`` later than computed wins;
    an earlier one is a validation error (see rules) and is ignored here."""
    sista = sista_dag_att_overklaga(uppsatt, regler.veckor)
    beraknad = sista + timedelta(days=1)
    if nedtas is None or nedtas < beraknad:
        nedtas = beraknad
    return Anslagsdatum(uppsatt=uppsatt, sista_dag=sista, nedtas=nedtas)
