"""The published checksum manifest: ``/data/sha256.txt``.

One line per public PDF and bilaga under ``protokoll/`` in the ``sha256sum``
format (``<64 hex>  <path>``), the path relative to the site root, sorted by
path. Anyone can check a downloaded copy with ``anslag verifiera FIL``, or
without the tool::

    cd site && sha256sum -c data/sha256.txt

What counts as a published document: every ``*.pdf`` under ``protokoll/`` and
every other file there that is not a web page or page asset (HTML, CSS,
JavaScript, JSON, XML, iCalendar, source maps, compressed variants) or a
checksum list (``bilagor/SHA256SUMS``). Bilagor
are published at their path in the meeting folder (``generator.render.site.urls.
bilaga``), so a ``.docx`` or ``.xlsx`` bilaga is covered too. Files of a
sekretess paragraph are never in the public site, so never in the manifest.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.common.filer import sha256_fil, skriv_atomiskt

MANIFEST = "data/sha256.txt"
PROTOKOLL = "protokoll"

SIDFILER = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".xml", ".ics", ".map",
            ".gz", ".br", ".webmanifest", ".md"}


KONTROLLFILER = {"sha256sums", "sha256sums.txt", "sha256.txt", "md5sums"}


def ar_dokument(path: Path) -> bool:
    if path.name.startswith(".") or path.name.lower() in KONTROLLFILER:
        return False
    if path.suffix.lower() in (".sha256", ".md5"):
        return False
    suffix = path.suffix.lower()
    return suffix == ".pdf" or suffix not in SIDFILER


def _dokument(rot: Path) -> list[os.DirEntry]:
    """The documents under ``rot``. Inside a meeting folder (``<organ>/<datum>/``) only its
    files and its ``bilagor/`` tree hold documents; the § page folders are skipped."""
    if not rot.is_dir():
        return []
    ut: list[os.DirEntry] = []

    def gå(mapp: str, djup: int) -> None:
        with os.scandir(mapp) as it:
            poster = sorted(it, key=lambda e: e.name)
        for e in poster:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                if djup != 2 or e.name == "bilagor":   # at depth 2: a meeting folder
                    gå(e.path, djup + 1)
            elif e.is_file(follow_symlinks=False) and ar_dokument(Path(e.name)):
                ut.append(e)

    gå(str(rot), 0)
    return ut


Minne = dict[str, tuple[int, int, int, str]]   # relpath -> (size, mtime_ns, inode, sha256)


def kontrollsummor(site_dir: Path, under: str = PROTOKOLL,
                   minne: Minne | None = None) -> dict[str, str]:
    """relpath (to the site root, with /) -> sha256 for the documents under ``under``.

    ``minne`` (optional, updated in place) remembers earlier sums by size, mtime and
    inode, so a file that was not rewritten since the last build is not read again."""
    site_dir = Path(site_dir)
    bas = str(site_dir)
    ut: dict[str, str] = {}
    for e in _dokument(site_dir / under):
        rel = os.path.relpath(e.path, bas).replace(os.sep, "/")
        st = e.stat(follow_symlinks=False)
        nyckel = (st.st_size, st.st_mtime_ns, st.st_ino)
        kand = minne.get(rel) if minne is not None else None
        if kand is not None and kand[:3] == nyckel:
            ut[rel] = kand[3]
            continue
        ut[rel] = sha256_fil(Path(e.path))
        if minne is not None:
            minne[rel] = (*nyckel, ut[rel])
    if minne is not None:
        for rel in set(minne) - set(ut):
            if rel.startswith(under.rstrip("/") + "/"):
                del minne[rel]
    return dict(sorted(ut.items()))


def manifest_text(summor: dict[str, str]) -> str:
    return "".join(f"{h}  {rel}\n" for rel, h in sorted(summor.items()))


def skriv_manifest(site_dir: Path, summor: dict[str, str] | None = None) -> Path:
    """Write ``site_dir/data/sha256.txt`` for every public PDF and bilaga under
    ``site_dir/protokoll`` (or for ``summor`` when given) and return its path.
    Call it after the PDFs and bilagor have been written into the site folder."""
    site_dir = Path(site_dir)
    ut = site_dir / MANIFEST
    if summor is None:
        summor = kontrollsummor(site_dir)
    skriv_atomiskt(ut, manifest_text(summor).encode("utf-8"))
    return ut


def manifest_for_sammantrade(site_dir: Path, organ: str, datum) -> dict[str, str]:
    """The published documents of one meeting: relpath (to the site root, as in
    sha256.txt) -> sha256. ``datum`` is a date or an ISO string."""
    d = datum.isoformat() if hasattr(datum, "isoformat") else str(datum)
    return kontrollsummor(Path(site_dir), f"{PROTOKOLL}/{organ}/{d}")


def per_sammantrade(summor: dict[str, str]) -> dict[tuple[str, str], dict[str, str]]:
    """``summor`` (from ``kontrollsummor``) grouped by meeting: (organ, ISO date) -> {relpath: sha256}."""
    ut: dict[tuple[str, str], dict[str, str]] = {}
    for rel, h in summor.items():
        delar = rel.split("/")
        if len(delar) >= 4:
            ut.setdefault((delar[1], delar[2]), {})[rel] = h
    return ut


def las_manifest(path: Path) -> dict[str, str]:
    """Read a sha256sum-format file: relpath -> sha256 (lines that do not
    parse are skipped). Raises OSError/UnicodeDecodeError when unreadable."""
    ut: dict[str, str] = {}
    for rad in Path(path).read_text(encoding="utf-8").splitlines():
        rad = rad.rstrip("\r")
        if len(rad) < 67 or rad[64:66] not in ("  ", " *"):
            continue
        h = rad[:64].lower()
        if all(c in "0123456789abcdef" for c in h):
            ut[rad[66:]] = h
    return ut
