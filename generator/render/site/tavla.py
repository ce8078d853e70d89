"""What is on the board: the core rules of ``generator.archive.anslagstavla``, so that
``anslag status`` and the site always agree. Always called with the public view."""
from __future__ import annotations

from datetime import date, timedelta

from generator.archive.anslagstavla import (Anslag, Kungorelse, aktuella_anslag, alla_anslag,
                            kommande_sammantraden, kungorelser)

__all__ = ["Anslag", "Kungorelse", "aktuella_anslag", "alla_anslag", "kommande_sammantraden",
           "kungorelser", "nedtas_kungorelse"]


def nedtas_kungorelse(k: Kungorelse) -> date:
    """A kungörelse stays up through the meeting day; the script hides it the day after."""
    return k.till + timedelta(days=1)
