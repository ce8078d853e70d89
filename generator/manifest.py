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
are published at their path in the meeting folder (``generator.site.urls.
bilaga``), so a ``.docx`` or ``.xlsx`` bilaga is covered too. Files of a
sekretess paragraph are never in the public site, so never in the manifest.
"""
from __future__ import annotations

import os
from pathlib import Path

from .filer import sha256_fil, skriv_atomiskt

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


def _dokument(rot: Path) -> list[Path]:
    if not rot.is_dir():
        return []
    ut = []
    for dirpath, dirnames, filenames in os.walk(rot):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for namn in filenames:
            p = Path(dirpath) / namn
            if p.is_file() and not p.is_symlink() and ar_dokument(p):
                ut.append(p)
    return ut


def kontrollsummor(site_dir: Path, under: str = PROTOKOLL) -> dict[str, str]:
    """relpath (to the site root, with /) -> sha256 for the documents under ``under``."""
    site_dir = Path(site_dir)
    filer = _dokument(site_dir / under)
    return {p.relative_to(site_dir).as_posix(): sha256_fil(p)
            for p in sorted(filer, key=lambda p: p.relative_to(site_dir).as_posix())}


def manifest_text(summor: dict[str, str]) -> str:
    return "".join(f"{h}  {rel}\n" for rel, h in sorted(summor.items()))


def skriv_manifest(site_dir: Path) -> Path:
    """Write ``site_dir/data/sha256.txt`` for every public PDF and bilaga under
    ``site_dir/protokoll`` and return its path. Call it after the PDFs and
    bilagor have been written into the site folder."""
    site_dir = Path(site_dir)
    ut = site_dir / MANIFEST
    ut.parent.mkdir(parents=True, exist_ok=True)
    skriv_atomiskt(ut, manifest_text(kontrollsummor(site_dir)).encode("utf-8"))
    return ut


def manifest_for_sammantrade(site_dir: Path, organ: str, datum) -> dict[str, str]:
    """The published documents of one meeting: relpath (to the site root, as in
    sha256.txt) -> sha256. ``datum`` is a date or an ISO string."""
    d = datum.isoformat() if hasattr(datum, "isoformat") else str(datum)
    return kontrollsummor(Path(site_dir), f"{PROTOKOLL}/{organ}/{d}")


def per_sammantrade(site_dir: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The published documents grouped by meeting: (organ, ISO date) -> {relpath: sha256}."""
    ut: dict[tuple[str, str], dict[str, str]] = {}
    for rel, h in kontrollsummor(Path(site_dir)).items():
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
