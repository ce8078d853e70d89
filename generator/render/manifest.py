"""The published checksums: ``/data/sha256.txt`` and each meeting's ``bilagor/SHA256SUMS``.

One line per published document in the ``sha256sum`` format (``<64 hex>
<path>``), the path relative to the site root, sorted by path. Anyone can check
a downloaded copy with ``anslag verifiera FIL``, or without the tool::

    cd site && sha256sum -c data/sha256.txt

Which files are documents is the publishing plan's list
(``generator.archive.plan``: ``MotesPlan.dokument`` = its PDFs and bilagor),
never a guess from file names: a page, a feed or a checksum list is not in
it, and a file of a sekretess paragraph is never in the plan, so never here.
A planned document missing from the site folder is an error (a stage did not
make what the plan promised).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from generator.archive import adresser
from generator.archive.plan import Publiceringsplan
from generator.common.cache import Cachefil, kodavtryck
from generator.common.filer import sha256_fil, skriv_atomiskt

MANIFEST = "data/sha256.txt"

Minne = dict[str, tuple[int, int, int, str]]   # relpath -> (size, mtime_ns, inode, sha256)


class PlaneradFilSaknas(FileNotFoundError):
    """A document of the plan is not in the site folder."""


def dokument(plan: Publiceringsplan, *, pdfer: bool = True) -> list[str]:
    """Site paths of every published document of ``plan`` (``pdfer`` False: the bilagor
    only, for a site built without the PDF stage)."""
    ut = [f.sokvag for f in plan.filer()]
    if pdfer:
        ut += [d.sokvag for mp in plan.moten.values() for d in mp.pdfer]
    return sorted(ut)


def kontrollsummor(site_dir: Path, sokvagar: Iterable[str],
                   minne: Minne | None = None) -> dict[str, str]:
    """site path -> sha256 of each file in ``sokvagar`` under ``site_dir``.

    ``minne`` (optional, replaced in place) remembers earlier sums by size, mtime and
    inode, so a file that was not rewritten since the last build is not read again."""
    bas = Path(site_dir)
    ut: dict[str, str] = {}
    for rel in sorted(set(sokvagar)):
        f = bas / rel
        try:
            st = os.stat(f, follow_symlinks=False)
        except FileNotFoundError:
            raise PlaneradFilSaknas(f"{rel}: planerad för publicering men skapades inte") from None
        nyckel = (st.st_size, st.st_mtime_ns, st.st_ino)
        kand = minne.get(rel) if minne is not None else None
        ut[rel] = kand[3] if kand is not None and kand[:3] == nyckel else sha256_fil(f)
        if minne is not None:
            minne[rel] = (*nyckel, ut[rel])
    if minne is not None:
        for rel in set(minne) - set(ut):
            del minne[rel]
    return ut


def manifest_text(summor: dict[str, str]) -> str:
    return "".join(f"{h}  {rel}\n" for rel, h in sorted(summor.items()))


def skriv_manifest(site_dir: Path, summor: dict[str, str]) -> Path:
    """Write ``site_dir/data/sha256.txt`` for ``summor`` and return its path."""
    ut = Path(site_dir) / MANIFEST
    _skriv_om_andrad(ut, manifest_text(summor).encode("utf-8"))
    return ut


def _skriv_om_andrad(fil: Path, data: bytes) -> None:
    """Write ``fil`` (atomically: a new inode) only when its bytes change; an unchanged
    file keeps its inode and mtime (the daily rebuild touches only what changes)."""
    try:
        if fil.stat().st_size == len(data) and fil.read_bytes() == data:
            return
    except OSError:
        pass
    skriv_atomiskt(fil, data)


def skriv_bilagesummor(site_dir: Path, plan: Publiceringsplan, summor: dict[str, str]) -> None:
    """Each meeting's ``bilagor/SHA256SUMS`` (paths relative to that folder) for its
    published bilagor; removed where a meeting has none (any more)."""
    for (oid, d), mp in plan.moten.items():
        fil = Path(site_dir) / adresser.bilagesummor(oid, d)
        if not mp.filer:
            fil.unlink(missing_ok=True)
            continue
        bas = adresser.sammantrade(oid, d) + "bilagor/"
        text = "".join(f"{summor[f.sokvag]}  {f.sokvag[len(bas):]}\n"
                       for f in sorted(mp.filer, key=lambda f: f.sokvag))
        _skriv_om_andrad(fil, text.encode("utf-8"))


def publicera(site_dir: Path, plan: Publiceringsplan, *, pdfer: bool = True,
              minne: Minne | None = None) -> dict[str, str]:
    """Checksum every published document of ``plan`` (they must all be in ``site_dir``),
    write ``data/sha256.txt`` and the ``bilagor/SHA256SUMS`` files; returns the sums."""
    summor = kontrollsummor(site_dir, dokument(plan, pdfer=pdfer), minne)
    skriv_bilagesummor(site_dir, plan, summor)
    skriv_manifest(site_dir, summor)
    return summor


def per_sammantrade(summor: dict[str, str]) -> dict[tuple[str, str], dict[str, str]]:
    """``summor`` grouped by meeting: (organ, ISO date) -> {relpath: sha256}."""
    ut: dict[tuple[str, str], dict[str, str]] = {}
    for rel, h in summor.items():
        delar = rel.split("/")
        if len(delar) >= 4:
            ut.setdefault((delar[1], delar[2]), {})[rel] = h
    return ut


def publicera_i_bygget(site: Path, plan: Publiceringsplan, cache: Path | None = None) -> set[str]:
    """``data/sha256.txt`` and ``bilagor/SHA256SUMS`` for every document of the publishing
    plan, and the same sums per meeting in its JSON (key ``dokument``), once the PDFs
    are in the site folder. With ``cache``, files not rewritten since the last build are
    not read again, and a meeting JSON that is still the file this step wrote, with the
    same sums, is left as it is (not read, parsed or written). Returns the checksum lists
    it put in the site (site paths; an unchanged one is left as it was, not rewritten)."""
    cf = summornas_cache(cache) if cache is not None else None
    minne = cf.las() if cf is not None else None
    jf = motesjson_cache(cache) if cache is not None else None
    forra = jf.las() if jf is not None else {}
    nya: dict[str, tuple] = {}
    summor = publicera(site, plan, pdfer=plan.pdf, minne=minne)
    for (oid, datum), moteslista in per_sammantrade(summor).items():
        rel = f"data/sammantraden/{oid}/{datum}.json"
        dok = tuple(sorted(moteslista.items()))
        post = _skriv_dokumentlista(site / rel, dok, forra.get(rel))
        if post is not None:
            nya[rel] = post
    if cf is not None:
        cf.spara(minne)
    if jf is not None:
        jf.spara(nya)
    return {MANIFEST} | {adresser.bilagesummor(oid, d) for (oid, d), mp in plan.moten.items()
                         if mp.filer}


def _skriv_dokumentlista(fil: Path, dok: tuple, forra: tuple | None) -> tuple | None:
    """Put ``dok`` into the meeting JSON ``fil`` (key ``dokument``) unless the file is the
    one written last time (size, mtime, inode) with the same list. Returns what to
    remember: (size, mtime_ns, inode, dok), None when there is no such file."""
    from generator.render.site.floden import json_bytes
    try:
        st = os.stat(fil, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if forra == (st.st_size, st.st_mtime_ns, st.st_ino, dok):
        return forra
    gammal = fil.read_bytes()
    d = json.loads(gammal)
    d["dokument"] = [{"fil": rel, "sha256": h} for rel, h in dok]
    ny = json_bytes(d)
    if ny != gammal:
        skriv_atomiskt(fil, ny)   # a new inode: the previous build's hard link is untouched
        st = os.stat(fil)
    return (st.st_size, st.st_mtime_ns, st.st_ino, dok)


def summornas_cache(cache: Path) -> Cachefil:
    """relpath -> (size, mtime_ns, inode, sha256) of the files this build wrote (an
    unchanged file keeps its inode and mtime: it is not read again)."""
    return Cachefil(Path(cache) / "sha256.pickle", kodavtryck("generator.common.filer"))


def motesjson_cache(cache: Path) -> Cachefil:
    """meeting JSON relpath -> (size, mtime_ns, inode, its ``dokument`` list) as this step
    last wrote it (the JSON's other keys are the site's: a rewritten file has a new inode)."""
    return Cachefil(Path(cache) / "motesjson.pickle",
                    kodavtryck("generator.common.filer", "generator.render.manifest",
                               "generator.render.site.floden"))


def manifest_for_sammantrade(site_dir: Path, organ: str, datum) -> dict[str, str]:
    """The published documents of one meeting as ``data/sha256.txt`` lists them:
    relpath -> sha256. ``datum`` is a date or an ISO string."""
    d = datum.isoformat() if hasattr(datum, "isoformat") else str(datum)
    return per_sammantrade(las_manifest(Path(site_dir) / MANIFEST)).get((organ, d), {})


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
