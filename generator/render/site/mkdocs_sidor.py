"""The MkDocs objects of our generated pages: a ``File`` kept in memory that knows whether
it changed since the previous build, and a ``Page`` that carries its body HTML (MkDocs'
Markdown pass skipped). Used by the plugin (``plugin.py``)."""
from __future__ import annotations

import functools
import html
from urllib.parse import urlsplit

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.render.site.sida import Sida

SKAL_MALL = "anslag-sida.html"   # the template of pages rendered as a shell (plugin.py)


class GenereradFil(File):
    """A generated page or file kept in memory; ``andrad`` says whether it differs from
    what the previous build wrote into the site folder (a dirty build writes only those)."""

    andrad = True

    def is_modified(self) -> bool:
        return self.andrad


class GenereradSida(Page):
    """A page whose body HTML is the file's content; MkDocs' Markdown is skipped."""

    def __init__(self, sida: Sida, file: File, config) -> None:
        # Material prints page titles and descriptions unescaped: hand it escaped text
        titel = html.escape(sida.titel, quote=True)
        super().__init__(titel, file, config)
        self._titel = titel
        self._beskrivning = html.escape(sida.beskrivning, quote=True) if sida.beskrivning else None
        self._html = ""

    def _set_canonical_url(self, base: str | None) -> None:
        """Same result as MkDocs' urljoin/urlsplit for our plain relative page URLs, without
        parsing two URLs per page (a measurable share of a 30,000-page build)."""
        url = self.url
        if not base or url.startswith("/") or ":" in url or "/." in "/" + url:
            return super()._set_canonical_url(base)
        bas, sokvag = _bas_url(base)
        self.canonical_url = bas + url
        self.abs_url = sokvag + url

    def read_source(self, config) -> None:
        self._html = self.file.content_string
        self.markdown = ""
        self.meta = {"title": self._titel, "hide": ["toc"]}
        if not self.file.inclusion.is_in_nav():
            self.meta["template"] = SKAL_MALL
        if self._beskrivning:
            self.meta["description"] = self._beskrivning

    def render(self, config, files) -> None:
        self.content = self._html
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


@functools.lru_cache(maxsize=8)
def _bas_url(base: str) -> tuple[str, str]:
    bas = base if base.endswith("/") else base + "/"
    return bas, urlsplit(bas).path
