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
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from generator.archive.plan import Publiceringsplan
from generator.render.pdf.data import Data
from generator.render.pdf.jobb import Jobb, dokument, fingeravtryck
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

    # Build the job list meeting by meeting; identical documents (a public and
    # an internal copy without sekretess) are rendered once. A meeting whose
    # fingerprint is in the cache index, with every PDF cached, is not even
    # turned into data (warm rebuilds cost a few file copies).
    jobb: list[Jobb] = []
    nya_index: list[tuple[str, list[Jobb], Path, Path | None]] = []
    motor_nyckel = mot.nyckel(b"")
    for mp in plan.moten.values():
        oid, d = mp.nyckel
        pub = site / "protokoll" / oid / d.isoformat()
        ark = intern / oid / d.isoformat() if intern is not None else None
        fp = fingeravtryck(motor_nyckel, arkiv, mp, intern is not None)
        fran_index = cache.las_index(fp, pub, ark)
        if fran_index is not None:
            jobb.extend(Jobb(b"", mal, k) for k, mal in fran_index)
            continue
        per_nyckel: dict[str, Jobb] = {}
        for data, mal in dokument(arkiv, mp, site, intern):
            b = json_bytes(data)
            k = mot.nyckel(b)
            if k in per_nyckel:
                per_nyckel[k].mal.append(mal)
            else:
                per_nyckel[k] = Jobb(b, [mal], k)
                jobb.append(per_nyckel[k])
        nya_index.append((fp, list(per_nyckel.values()), pub, ark))

    _rendera(jobb, mot, cache, stat, framsteg)
    for fp, mjobb, pub, ark in nya_index:
        cache.skriv_index(fp, [(j.nyckel, j.mal) for j in mjobb], pub, ark)

    # The reading packets, made from the protokoll just written (named by its PDF key:
    # an unchanged packet is found without making any data).
    nycklar = {mal: j.nyckel for j in jobb for mal in j.mal}
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


def _rendera(jobb: list[Jobb], mot: Motor, cache: Cache, stat: PdfStatistik,
             framsteg: Framsteg | None) -> None:
    """Write every job: copied from the cache, or rendered (in threads) and cached."""
    totalt = len(jobb)
    klara = 0
    las = threading.Lock()

    def klar() -> None:
        nonlocal klara
        klara += 1
        if framsteg is not None:
            framsteg(klara, totalt)

    def skriv(j: Jobb, pdf: bytes | None, kalla: Path | None) -> None:
        for mal in j.mal:   # a PDF this stage already put there is left in place
            cache.lagg(j.nyckel, mal, pdf)
            stat.filer += 1

    missar: list[Jobb] = []
    for j in jobb:
        traff = cache.finns(j.nyckel)
        if traff is not None:
            skriv(j, None, traff)
            stat.cachade += 1
            klar()
        elif not j.data:
            raise RenderingsFel(f"PDF-cachen ändrades under bygget ({j.nyckel}); bygg igen")
        else:
            missar.append(j)

    def arbeta(j: Jobb) -> tuple[Jobb, bytes, float]:
        t = time.perf_counter()
        pdf = mot.rendera(j.data)
        return j, pdf, time.perf_counter() - t

    def spara(j: Jobb, pdf: bytes, s: float) -> None:
        cache.spara(j.nyckel, pdf)
        skriv(j, pdf, None)
        stat.renderade += 1
        stat.render_sekunder += s
        klar()

    if not missar:
        return
    arbetare = max(1, min(len(missar), os.cpu_count() or 1, 8))
    if arbetare == 1:
        resultat: Iterator = (arbeta(j) for j in missar)
        for j, pdf, s in resultat:
            spara(j, pdf, s)
        return
    with ThreadPoolExecutor(max_workers=arbetare, thread_name_prefix="pdf") as ex:
        kvar = iter(missar)
        aktiva: set[Future] = set()

        def fyll() -> None:
            for j in kvar:
                aktiva.add(ex.submit(arbeta, j))
                if len(aktiva) >= arbetare * 4:
                    break

        fyll()
        while aktiva:
            gjorda, _ = wait(aktiva, return_when=FIRST_COMPLETED)
            for f in gjorda:
                aktiva.discard(f)
                with las:
                    spara(*f.result())
            fyll()


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
