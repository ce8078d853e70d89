"""The published build: when ``anslag bygg`` can keep the site as it is.

After every successful swap ``anslag bygg`` records, in its cache folder
(``publicerad.pickle``, one ``Cachefil``), the check cache's stamp of the content it
built (``commands/kontroll.py``: it changes with every change of the content) and the
size, mtime_ns and inode of every file it published (the site folder, and the archive
folder when PDFs are made). The record's key is everything else the output is made of:
the site cache's key (code of the site's stages, theme, ``mkdocs.yml``, kommun.yml,
organ.yml, the engine's libraries), the code of the whole generator and the versions of
every library that renders (PDFs, search), every theme file (PDF templates and fonts
included), the folders, the engine, PDFs on or off, the day the build is for and
whether that day is today (the board says so).

A later build with the same key, the same stamp and every published file as recorded
has nothing to do: the result would be byte-identical to what is there. Any other
build invalidates the record before it swaps a new site in and records again after.
"""
from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

from generator.common.cache import Cachefil, kodavtryck, nyckel
from generator.common.datum import idag_stockholm

FIL = "publicerad.pickle"
ROT = Path(__file__).resolve().parents[2]
BIBLIOTEK = ("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe", "Markdown", "PyYAML",
             "regex", "pagefind", "pagefind_bin_extended", "pypdf", "typst", "zensical")

Stat = tuple[int, int, int]


def _pdftema(mkdocs_yml: Path) -> list[tuple[str, bytes]]:
    """The theme's PDF templates and fonts: the rest of the theme is in the site cache's
    key already (``render/site/sidcache.avtryck``), so it is not read a second time."""
    filer: set[Path] = set()
    for tema in {Path(mkdocs_yml).parent / "theme", ROT / "theme"}:
        filer |= {p for p in (tema / "pdf").rglob("*") if p.is_file()}
    return [(str(p), p.read_bytes()) for p in sorted(filer)]


def avtryck(sidavtryck: str, mkdocs_yml: Path, innehall: Path, ut: Path, arkiv_dir: Path,
            pdf: bool, motor: str) -> str:
    """The record's key (see the module doc); ``sidavtryck`` is the site cache's. The day
    is not in it but in the record, so a build for another day still finds what it
    published (``avvikande``)."""
    return nyckel(b"publicerad", sidavtryck, kodavtryck("generator", bibliotek=BIBLIOTEK),
                  _pdftema(mkdocs_yml), str(Path(innehall).resolve()), str(ut), str(arkiv_dir),
                  pdf, motor)


def dag(idag: date) -> tuple[str, bool]:
    """What of the day is in the output: the day, and whether it is today."""
    return idag.isoformat(), idag == idag_stockholm()


def filer(mapp: Path) -> dict[str, Stat]:
    """Every file under ``mapp``: relative path -> (size, mtime_ns, inode). One
    ``scandir`` per folder and one ``lstat`` per file (a site has a folder per page)."""
    ut: dict[str, Stat] = {}
    kvar = [(str(mapp), "")]
    while kvar:
        mapp_, fore = kvar.pop()
        with os.scandir(mapp_) as poster:
            for p in poster:
                if p.is_dir(follow_symlinks=False):
                    kvar.append((p.path, f"{fore}{p.name}/"))
                else:
                    st = p.stat(follow_symlinks=False)
                    ut[fore + p.name] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return ut


class Publicerad:
    """The record of the published build in ``cache`` under the key ``avtryck_``, for a
    build of the day ``dag_`` (``dag``)."""

    def __init__(self, cache: Path, avtryck_: str, ut: Path, arkiv_dir: Path | None,
                 dag_: tuple[str, bool]) -> None:
        self.fil = Cachefil(Path(cache) / FIL, avtryck_)
        self.ut = ut
        self.arkiv_dir = arkiv_dir          # None: no PDFs, the archive folder is not output
        self.dag = dag_
        self._forra: dict | None = None
        self._nu: dict[str, dict[str, Stat]] | None = None

    def _mappar(self) -> dict[str, dict[str, Stat]]:
        ut = {"ut": filer(self.ut) if self.ut.is_dir() else {}}
        if self.arkiv_dir is not None:
            ut["arkiv"] = filer(self.arkiv_dir) if self.arkiv_dir.is_dir() else {}
        return ut

    def _post(self) -> dict:
        if self._forra is None:
            self._forra = self.fil.las()
        return self._forra

    def _las(self) -> tuple[dict, dict[str, dict[str, Stat]]]:
        if self._nu is None:
            self._nu = self._mappar() if self._post().get("mappar") else {}
        return self._forra or {}, self._nu

    def samma_dag(self) -> bool:
        """Whether the record is of a build for this day (read without scanning the
        folders): on another day the site is built again, whatever else is the same."""
        forra = self._post()
        return bool(forra.get("stampel")) and forra.get("dag") == self.dag

    def stampel(self) -> bytes | None:
        """The content stamp of the published build, when the record has this key and this
        day and every published file is as it was recorded; otherwise None."""
        if not self.samma_dag():
            return None
        forra, nu = self._las()
        return forra["stampel"] if forra["mappar"] == nu else None

    def avvikande(self) -> list[str]:
        """Files of the site folder that are not as this record's build wrote them (changed
        or replaced since); empty without a record."""
        forra, nu = self._las()
        gamla, nya = forra.get("mappar", {}).get("ut", {}), nu.get("ut", {})
        return sorted(rel for rel, st in nya.items() if rel in gamla and gamla[rel] != st)

    def publicerade(self) -> list[str] | None:
        """The files of the site folder as this build found them before it began (scanned
        when the record was read); None when they were not scanned (no record)."""
        _forra, nu = self._las()
        return list(nu["ut"]) if "ut" in nu else None

    def glom(self) -> None:
        self.fil.fil.unlink(missing_ok=True)

    def spara(self, stampel: bytes) -> None:
        """Record the site just swapped in; a record that cannot be made is none (the next
        build then builds), never a failed build: the new site is already published."""
        try:
            self.fil.spara({"stampel": stampel, "dag": self.dag, "mappar": self._mappar()})
        except OSError:
            with contextlib.suppress(OSError):
                self.glom()
