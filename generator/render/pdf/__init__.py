"""PDF protokoll, protokollsutdrag, kallelse/kungörelse and the reading packet.

Public API (called by the build)::

    rendera_pdfer(plan, site_dir, arkiv_dir, cache_dir=None, framsteg=None)

Which PDFs exist is the publishing plan's decision (``generator.archive.plan``):
this stage renders exactly ``MotesPlan.pdfer`` into ``site_dir`` (public, at
their site paths) and ``MotesPlan.interna`` into ``arkiv_dir`` (full text with
sekretess, "OJUSTERAT" until justerat; never inside ``site_dir``), then the
planned ``protokoll-med-bilagor.pdf`` (reading copy, not PDF/A). Bilagor are
published by the site stage, not here; the packet reads them from their
source files.

All PDFs are PDF/A-2b + PDF/UA-1 (the reading copies PDF/UA-1 only, see paket.py),
tagged, ``/Lang sv``, rendered by Typst from JSON data only, and cached by content hash
(``cache_dir``).
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor,
                                wait)
from dataclasses import dataclass, field
from pathlib import Path

from generator.archive.plan import Publiceringsplan
from generator.render.pdf.data import Data
from generator.render.pdf.jobb import PAKET, Jobb, dokument, fingeravtryck
from generator.render.pdf.motor import Cache, Motor, RenderingsFel, json_bytes
from generator.render.pdf.handling import gor_kallelsepaket
from generator.render.pdf.paket import gor_paket

__all__ = ["rendera_pdfer", "PdfStatistik", "RenderingsFel", "motor", "rendera_data"]

Framsteg = Callable[[int, int], None]


@dataclass(slots=True)
class PdfStatistik:
    renderade: int = 0          # PDFs rendered by Typst in this run
    cachade: int = 0            # PDFs taken from the cache
    filer: int = 0              # PDF files written (public + internal)
    paket: int = 0              # protokoll-med-bilagor.pdf written
    sekunder: float = 0.0       # wall time of rendera_pdfer
    render_sekunder: float = 0.0  # summed Typst time
    varningar: list[str] = field(default_factory=list)
    borttagna: int = 0          # stale files of ours removed from site_dir

    def __str__(self) -> str:
        return (f"PDF: {self.renderade} renderade, {self.cachade} från cache, {self.filer} filer, "
                f"{self.paket} paket, {self.sekunder:.2f} s".replace(".", ","))


_MOTOR: Motor | None = None
_MOTOR_LAS = threading.Lock()


_MOTOR_STAT: tuple = ()


def _mall_stat() -> tuple:
    from generator.render.pdf.motor import MALL_DIR
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                        for p in MALL_DIR.rglob("*") if p.is_file()))


def motor() -> Motor:
    """The process-wide engine (re-created when a template or font file changed)."""
    global _MOTOR, _MOTOR_STAT
    with _MOTOR_LAS:
        st = _mall_stat()
        if _MOTOR is None or st != _MOTOR_STAT:
            _MOTOR = Motor()
            _MOTOR_STAT = st
        return _MOTOR


def rendera_data(data: Data) -> bytes:
    """Render one document's data without cache (tests, benchmark)."""
    return motor().rendera(json_bytes(data))


def _inuti(barn: Path, foralder: Path) -> bool:
    try:
        barn.relative_to(foralder)
        return True
    except ValueError:
        return False


def rendera_pdfer(plan: Publiceringsplan, site_dir: Path, arkiv_dir: Path | None,
                  cache_dir: Path | None = None,
                  framsteg: Framsteg | None = None) -> PdfStatistik:
    """Render every PDF of ``plan`` (see the module doc).

    ``cache_dir`` None disables the cache. No PDF's content depends on the
    plan's day (only whether it is made), so PDFs stay byte-identical and
    cached across days. ``framsteg(klara, totalt)`` is called as documents finish.
    """
    t0 = time.perf_counter()
    site = Path(site_dir).resolve()
    intern = Path(arkiv_dir).resolve() if arkiv_dir is not None else None
    if intern is not None and (_inuti(intern, site) or _inuti(site, intern)):
        raise ValueError(f"arkivmappen {intern} får inte ligga i eller innehålla webbplatsmappen {site}")
    stat = PdfStatistik()
    mot = motor()
    roter = {"site": site, **({"arkiv": intern} if intern is not None else {})}
    cache = Cache(cache_dir, roter)
    arkiv = plan.arkiv

    # The jobs meeting by meeting, rendered as they come (the data of only a few
    # meetings is in memory at a time); identical documents (a public and an internal
    # copy without sekretess) are rendered once. A meeting whose fingerprint is in the
    # cache index, with every PDF cached, is not even turned into data (an unchanged
    # meeting costs one index read and a stat per PDF).
    nya_index: list[tuple[str, list[tuple[str, list[Path]]], Path, Path | None]] = []
    nycklar: dict[Path, str] = {}   # target -> PDF key, for the packets (not utdrag)
    motor_nyckel = mot.nyckel(b"")

    def alla_jobb() -> Iterator[Jobb]:
        for mp in plan.moten.values():
            oid, d = mp.nyckel
            pub = site / "protokoll" / oid / d.isoformat()
            ark = intern / oid / d.isoformat() if intern is not None else None
            fp = fingeravtryck(motor_nyckel, arkiv, mp, intern is not None)
            fran_index = cache.las_index(fp, pub, ark)
            if fran_index is not None:
                mjobb = [Jobb(b"", mal, k) for k, mal in fran_index]
            else:
                per_nyckel: dict[str, Jobb] = {}
                for data, mal in dokument(arkiv, mp, site, intern):
                    b = json_bytes(data)
                    k = mot.nyckel(b)
                    if k in per_nyckel:
                        per_nyckel[k].mal.append(mal)
                    else:
                        per_nyckel[k] = Jobb(b, [mal], k)
                mjobb = list(per_nyckel.values())
                nya_index.append((fp, [(j.nyckel, list(j.mal)) for j in mjobb], pub, ark))
            for j in mjobb:
                nycklar.update((m, j.nyckel) for m in j.mal if not m.name.startswith("utdrag-"))
            yield from mjobb

    totalt = sum(len([d for d in mp.pdfer if d.slag not in PAKET])
                 + (len(mp.interna) if intern is not None else 0) for mp in plan.moten.values())
    try:
        _rendera(alla_jobb(), totalt, mot, cache, stat, framsteg)
    finally:
        mot.stang()   # the compilers' temporary folders (holding the last data.json)
    for fp, poster, pub, ark in nya_index:
        cache.skriv_index(fp, poster, pub, ark)

    # The reading packets, made from the protokoll just written (named by its PDF key:
    # an unchanged packet is found without making any data).
    for mp in plan.moten.values():
        if mp.pdf("paket"):
            r = gor_paket(arkiv, mp, site, mot, cache, nycklar)
            stat.varningar.extend(r.varningar)
            stat.render_sekunder += r.sekunder
            stat.renderade += r.renderad
            stat.cachade += not r.renderad
            stat.paket += 1
            stat.filer += 1
        if mp.pdf("kallelsepaket"):   # kallelse-med-handlingar.pdf (render/pdf/handling.py)
            r = gor_kallelsepaket(arkiv, mp, site, mot, cache, nycklar)
            stat.varningar.extend(r.varningar)
            stat.renderade += r.renderad
            stat.cachade += not r.renderad
            stat.paket += 1
            stat.filer += 1

    # A file of ours left from an earlier build in a reused site folder (a §
    # that became sekretess, a removed bilaga) must not stay published.
    planerade = {site / v for mp in plan.moten.values() for v in mp.dokument}
    for mp in plan.moten.values():
        oid, d = mp.nyckel
        _stada(site / "protokoll" / oid / d.isoformat(), planerade, stat)
    cache.stang()

    stat.sekunder = time.perf_counter() - t0
    return stat


def _rendera(jobb: Iterable[Jobb], totalt: int, mot: Motor, cache: Cache, stat: PdfStatistik,
             framsteg: Framsteg | None) -> None:
    """Write every job as it comes: from the cache, or rendered (in threads, at most a few
    jobs ahead) and cached. ``totalt``: the target files, for ``framsteg``."""
    klara = 0
    las = threading.Lock()

    def skriv(j: Jobb, pdf: bytes | None) -> None:
        nonlocal klara
        for mal in j.mal:   # a PDF this stage already put there is left in place
            cache.lagg(j.nyckel, mal, pdf)
            stat.filer += 1
        klara += len(j.mal)
        if framsteg is not None:
            framsteg(klara, totalt)

    def arbeta(j: Jobb) -> tuple[Jobb, bytes, float]:
        t = time.perf_counter()
        pdf = mot.rendera(j.data)
        return j, pdf, time.perf_counter() - t

    def spara(j: Jobb, pdf: bytes, s: float) -> None:
        cache.spara(j.nyckel, pdf)
        j.data = b""   # rendered: its data is not kept
        skriv(j, pdf)
        stat.renderade += 1
        stat.render_sekunder += s

    arbetare = max(1, min(os.cpu_count() or 1, 8))
    with ThreadPoolExecutor(max_workers=arbetare, thread_name_prefix="pdf") as ex:
        aktiva: set[Future] = set()

        def klart(alla: bool) -> None:
            gjorda, _ = wait(aktiva, return_when=ALL_COMPLETED if alla else FIRST_COMPLETED)
            for f in gjorda:
                aktiva.discard(f)
                with las:
                    spara(*f.result())

        for j in jobb:
            if cache.finns(j.nyckel) is not None:
                with las:
                    skriv(j, None)
                stat.cachade += 1
            elif not j.data:
                raise RenderingsFel(f"PDF-cachen ändrades under bygget ({j.nyckel}); bygg igen")
            elif arbetare == 1:
                spara(*arbeta(j))
            else:
                aktiva.add(ex.submit(arbeta, j))
                if len(aktiva) >= arbetare * 4:
                    klart(False)
        if aktiva:
            klart(True)


_VARA_PDF = ("protokoll.pdf", "kallelse.pdf", "protokoll-med-bilagor.pdf",
             "kallelse-med-handlingar.pdf")


def _stada(mapp: Path, planerade: set[Path], stat: PdfStatistik) -> None:
    """Remove our PDFs and bilagor in a meeting folder that the plan no longer lists."""
    if not mapp.is_dir():
        return
    gamla = [f for f in mapp.iterdir() if f.is_file()
             and (f.name in _VARA_PDF or re.fullmatch(r"utdrag-\d+\.pdf", f.name))]
    bilagor = mapp / "bilagor"
    if bilagor.is_dir():
        gamla += [f for f in bilagor.rglob("*") if f.is_file() and f.name != "SHA256SUMS"]
    for f in gamla:
        if f not in planerade:
            f.unlink()
            stat.borttagna += 1
