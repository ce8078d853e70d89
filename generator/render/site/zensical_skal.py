"""Zensical's page around the archive's pages, rendered once per kind of page (the Zensical
adapter's speed trick, like the MkDocs plugin's shell in ``plugin.py``).

Outside the navigation, what Zensical's theme puts around a page depends only on the page's
depth (its relative links), its top folder and whether it has a description. For each such
kind that is needed, Zensical renders one stand-in page (under ``<top folder>/.../anslag-skal-N/``)
with markers for the title, the description and the body; every page of that kind is then
the stand-in with the markers filled in. Zensical's Markdown pass over the body (Python-Markdown,
which leaves our HTML as it is) is skipped with it: that pass and the per-page template work
were nearly all of Zensical's time. ``tests/site/test_zensical_inkrementell.py`` builds with
and without shells and requires the same site.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from generator.render.site.sida import Sida

M_TITEL = "ANSLAGSKALTITEL"
M_BESKR = "ANSLAGSKALBESKRIVNING"
M_INNEHALL = '<h1 data-anslag-innehall=""></h1>'
MAPP = "anslag-skal-"


def far_skal(s: Sida) -> bool:
    """Pages outside the navigation at least two folders down (a top-level page is the only
    one of its top folder: it is rendered as it is)."""
    return not s.nav and s.sokvag.count("/") >= 2


def nyckel(s: Sida) -> tuple[int, str, bool]:
    return s.sokvag.count("/"), s.sokvag.split("/", 1)[0], bool(s.beskrivning)


class Skal:
    """The stand-ins of one build: ``kalla`` gives their sources, ``fyll`` the pages."""

    def __init__(self) -> None:
        self.sokvagar: dict[tuple[int, str, bool], str] = {}
        self._delar: dict[tuple[int, str, bool], tuple[str, str]] = {}

    def behov(self, s: Sida) -> None:
        k = nyckel(s)
        if k not in self.sokvagar:
            djup, topp, _ = k
            self.sokvagar[k] = topp + "/" + "s/" * (djup - 2) + f"{MAPP}{len(self.sokvagar)}/"

    def kallor(self) -> list[tuple[str, bytes]]:
        """(site path, page source) of every stand-in needed."""
        ut = []
        for (_, _, beskr), sokvag in self.sokvagar.items():
            meta = [f"title: {json.dumps(M_TITEL)}"]
            if beskr:
                meta.append(f"description: {json.dumps(M_BESKR)}")
            ut.append((sokvag, ("---\n" + "\n".join(meta) + "\n---\n" + M_INNEHALL + "\n")
                       .encode("utf-8")))
        return ut

    def las(self, ut: Path) -> None:
        """Read the rendered stand-ins from Zensical's output ``ut`` and remove them there."""
        for k, sokvag in self.sokvagar.items():
            f = ut / sokvag / "index.html"
            text = f.read_text(encoding="utf-8")
            fore, mitt, efter = text.partition(M_INNEHALL)
            if not mitt:
                raise RuntimeError(f"Zensical skrev inte sidans innehåll i {sokvag}")
            self._delar[k] = (fore, efter)
            f.unlink()
            mapp = f.parent
            while mapp != ut and not any(mapp.iterdir()):
                mapp.rmdir()
                mapp = mapp.parent

    def fyll(self, s: Sida) -> bytes:
        """Page ``s`` in Zensical's theme (title and description escaped as the theme would
        get them from the page's front matter, see ``trad.sidkalla``)."""
        fore, efter = self._delar[nyckel(s)]
        titel = html.escape(s.titel, quote=True)
        beskr = html.escape(s.beskrivning, quote=True) if s.beskrivning else ""
        delar = [x.replace(M_TITEL, titel).replace(M_BESKR, beskr) for x in (fore, efter)]
        return (delar[0] + (s.html or "") + delar[1]).encode("utf-8")
