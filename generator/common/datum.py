"""Swedish date formatting: prose ("torsdagen den 6 februari 2025"), ISO in tables."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MANADER = ("januari", "februari", "mars", "april", "maj", "juni", "juli",
           "augusti", "september", "oktober", "november", "december")
VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def idag_stockholm() -> date:
    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


def langt(d: date) -> str:
    """``torsdagen den 6 februari 2025``."""
    return f"{VECKODAGAR[d.weekday()]}en den {d.day} {MANADER[d.month - 1]} {d.year}"


def kort(d: date) -> str:
    """``6 februari 2025``."""
    return f"{d.day} {MANADER[d.month - 1]} {d.year}"


def veckodag(d: date) -> str:
    return VECKODAGAR[d.weekday()]
