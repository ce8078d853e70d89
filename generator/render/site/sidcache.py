"""What a build of the site keeps for the next one, on the one cache scheme
(``generator.common.cache``).

One ``Cachefil`` (``<cache>/sidor.pickle``) holds the previous build's

* ``manifest``: site file (a page's ``src_uri`` or a generated file's path) -> hash of
  what was written there, so an unchanged page or file is not handed to the engine to
  be written again (pages are kept in memory from generation to output: no page-source
  files are written at all);
* ``minne``: the memo of generated units (``minne.py``), so an unchanged meeting is not
  even generated again.

Its key (``avtryck``) is everything besides the meetings that shapes every page: the
code of every stage the site is made by (found through the import system, never a
hand-kept list), the versions of the engine, its theme and the libraries that render,
``mkdocs.yml``, the theme folders (beside ``mkdocs.yml`` and the project's own page
templates, PDF templates excepted) and the content's ``kommun.yml`` and ``organ.yml``
(the kommun's name is in every page's header). When any of it changes the cache reads
as empty and everything is built again.

The cache describes one site folder: ``anslag bygg`` invalidates it before it swaps a
new site in and saves it only after the swap, so a build killed in between leaves no
cache that describes a site which is not there.
"""
from __future__ import annotations

from pathlib import Path

from generator.common.cache import Cachefil, kodavtryck, nyckel

ROT = Path(__file__).resolve().parents[3]
FIL = "sidor.pickle"

# The code that makes the pages: every stage under the site and the site stage itself.
KOD = ("generator.common", "generator.content", "generator.schema", "generator.archive",
       "generator.rules", "generator.render.markup", "generator.render.manifest",
       "generator.render.site")
BIBLIOTEK = ("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe", "Markdown", "PyYAML")


def kod() -> str:
    return kodavtryck(*KOD, bibliotek=BIBLIOTEK)


def _tema(mkdocs_yml: Path) -> list[tuple[str, bytes]]:
    filer = []
    for tema in {mkdocs_yml.parent / "theme", ROT / "theme"}:
        filer += [p for p in tema.rglob("*")
                  if p.is_file() and p.relative_to(tema).parts[0] != "pdf"]
    return [(str(p), p.read_bytes()) for p in sorted(set(filer))]


def avtryck(mkdocs_yml: Path, pdf: bool, innehall: Path | None = None) -> str:
    """The key of the site cache (see the module doc)."""
    innehall_filer = []
    if innehall is not None:
        for p in [innehall / "kommun.yml", *sorted(innehall.glob("*/organ.yml"))]:
            if p.is_file():
                innehall_filer.append((p.relative_to(innehall).as_posix(), p.read_bytes()))
    return nyckel(b"sidor", kod(), pdf, Path(mkdocs_yml).read_bytes(), _tema(Path(mkdocs_yml)),
                  innehall_filer)


def cachefil(cache: Path, avtryck_: str) -> Cachefil:
    return Cachefil(Path(cache) / FIL, avtryck_)
