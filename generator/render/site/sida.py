"""One generated page of the site, independent of the engine that wraps it in the theme."""
from __future__ import annotations

from dataclasses import dataclass

ALLMANT = "allmant"   # search bucket for pages that are not tied to one year


@dataclass(slots=True)
class Sida:
    sokvag: str                 # site path, e.g. "protokoll/fun/2025-02-06/3/"
    titel: str
    html: str | None            # body HTML; None for a page reused from the previous build
    nav: bool = False           # listed in the navigation (only a handful of pages)
    sok: str | None = None      # search bucket: a year, ALLMANT, or None (not indexed)
    beskrivning: str | None = None
