"""The engine-neutral site: pages, navigation, generated files, bilagor and static assets.

``trad(w)`` lists everything the site consists of for one ``Webbplats``; nothing in it
knows an engine. An adapter per engine builds it: the MkDocs plugin (``plugin.py``) hands
the pages to MkDocs in memory (with Material-specific speed tricks kept there), and the
Zensical adapter (``zensical.py``) writes files first (pages, ``skriv_filer``), because
Zensical runs no MkDocs plugins.
"""
from __future__ import annotations

import html
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from generator.render.site import floden, halvor, urls
from generator.render.site.sida import Sida
from generator.render.site.sidor import enheter
from generator.render.site.webbplats import Webbplats

TILLGANGAR = Path(__file__).resolve().parents[3] / "theme" / "sidor"   # CSS, JS, favicon

# The main pages in the navigation, in this order (the rest is reached from them).
NAVIGERING = [urls.TAVLA, urls.PROTOKOLL, urls.ARENDEN, urls.LEDAMOTER, urls.OVERKLAGA, urls.SOK,
              urls.DATA]


@dataclass(slots=True)
class Trad:
    sidor: list[Sida]
    filer: list[tuple[str, bytes]]         # (site path, bytes): feeds, open data, robots.txt
    bilagor: list[tuple[str, Path]]        # (site path, source file)
    nav: list[tuple[str, str]]             # (title, site path)


def navigering(alla: Iterable[Sida]) -> list[tuple[str, str]]:
    titlar = {s.sokvag: s.titel for s in alla if s.nav}
    return [(titlar[v], v) for v in NAVIGERING if v in titlar]


def trad(w: Webbplats, listade: Callable[[list[Sida]], None] | None = None) -> Trad:
    """The whole site; on a large build the meetings are made ahead in two processes
    (``halvor.py``), with the same result. ``listade`` is called with the pages as soon as
    they are made, before the feeds and open data (the MkDocs adapter starts the search
    index there, on the core the rest of the listing leaves idle)."""
    enh = enheter(w)
    halvor.forbered(w, enh)
    alla = [s for e in enh for s in e.sidor(w)]
    if listade is not None:
        listade(alla)
    return Trad(alla, list(floden.filer(w)), list(floden.bilagor(w)), navigering(alla))


def sidkalla(sida: Sida) -> str:
    """A page as a source file for an engine that reads Markdown: front matter (title and
    description HTML-escaped, since themes print them unescaped) and the body HTML, which
    Markdown passes through untouched (every body starts each top-level element on its own
    line with a block-level tag)."""
    meta = [f"title: {json.dumps(html.escape(sida.titel, quote=True))}"]
    if sida.beskrivning:
        meta.append(f"description: {json.dumps(html.escape(sida.beskrivning, quote=True))}")
    return "---\n" + "\n".join(meta) + "\n---\n" + (sida.html or "") + "\n"


def skriv_filer(t: Trad, mal: Path, tillgangar: Path = TILLGANGAR) -> None:
    """Write the tree's files besides the pages under ``mal``: feeds and open data, the
    bilagor (hard links where possible) and the static assets of ``tillgangar``."""
    for sokvag, data in t.filer:
        _skriv(mal / sokvag, data)
    for sokvag, kalla in t.bilagor:
        fil = mal / sokvag
        fil.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(kalla, fil)
        except OSError:
            shutil.copy2(kalla, fil)
    for f in (p for p in tillgangar.rglob("*") if p.is_file()):
        fil = mal / f.relative_to(tillgangar)
        fil.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, fil)


def _skriv(p: Path, data: bytes) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
