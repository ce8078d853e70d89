"""Build benchmark as functions (issue 14, items 3-5; issue 11's build time with handlingar).

``bench_bygg(...)`` returns rows ``(namn, sekunder: list[float], referens)`` for:

* ``kall``: a cold full build (no output, empty cache folder) with ``anslag bygg``;
* ``ingen ändring``: the same build again with nothing changed (the same day);
* ``ny dag, inget ändrat``: the build for the next day (``--idag`` one day later), content
  untouched: THE daily rebuild (the board changes with the date);
* ``ett sammanträde``: the build after one meeting was added (scripts/bench-site's copy);
* the floors of a cold build without PDFs: ``pagefind`` alone over the output, the Markdown
  conversion of every body (``generator.render.markup``), and writing every page's bytes;
  ``golv`` is their sum.

``bench_pdf(...)``: cold PDFs per second (``scripts/bench-pdf``'s synthetic archive).
Every figure is measured ``korningar`` times in the same run; report min and median and
the ratios (the machine is shared: seconds vary, ratios within a run are what counts).

Deleted inodes: every cold build (and its floors) runs first, the rebuilds after, and
nothing is removed until the end. On ext4 without a journal (these machines) a new file
or folder skips every inode freed in the last 5 s, or 300 s while its inode-table block
is unwritten, looking each one up: a cold build started right after removing the previous
run's 60,000 files spent 28 % of all its CPU in ``recently_deleted`` (perf, 2026-11-29),
and the floors measured after it varied from 2.2 to 9.2 s. A kommun's server builds once a
day; the benchmark should not measure its own clean-up. Do not run it right after the test
suite or a large ``rm -rf`` either. Each rebuild after the first swaps a new site in and
removes the old one in the background, so the next run's rebuilds start within that window:
``--vila 310`` waits before each run's rebuilds (what a daily build sees: yesterday's removal
is a day old; it adds about five minutes per run).

    scripts/benchbygg.py --paragrafer 5000 --handlingar 2 [--pdf] [--korningar 3]

The umbrella ``scripts/bench`` imports this module.
"""
from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
IDAG = "2025-06-30"
NY_DAG = "2025-07-01"     # the daily rebuild: the day after the cold build's


@dataclass
class Rad:
    namn: str
    sekunder: list[float] = field(default_factory=list)
    referens: str | None = None      # the row this one is a share of
    cpu: list[float] = field(default_factory=list)   # CPU seconds (user + sys), where measured
    enhet: str = "s"                 # the unit of ``sekunder`` (PDF/s for bench_pdf's rows)
    pdfer: int = 0                   # PDFs rendered per run (bench_pdf)

    @property
    def minst(self) -> float:
        return min(self.sekunder)

    @property
    def median(self) -> float:
        return statistics.median(self.sekunder)


_CPU: list[float] = []   # CPU seconds of the last _tid (the command and its children)


def _barnens_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _tid(cmd: list[str], **kw) -> float:
    t, c = time.perf_counter(), _barnens_cpu()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    s = time.perf_counter() - t
    _CPU[:] = [_barnens_cpu() - c]
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} -> {r.returncode}\n"
                         f"{r.stderr.decode(errors='replace')[-3000:]}")
    return s


def _skript(namn: str):
    """A script of scripts/ (no .py suffix) as a module, to use its functions, not copies."""
    lad = importlib.machinery.SourceFileLoader(namn.replace("-", "_"), str(ROT / "scripts" / namn))
    spec = importlib.util.spec_from_loader(lad.name, lad)
    mod = importlib.util.module_from_spec(spec)
    lad.exec_module(mod)
    return mod


def _bench_site():
    """scripts/bench_site.py (where bench-site's helpers live since it became a module)."""
    sys.path.insert(0, str(ROT / "scripts"))
    import bench_site
    return bench_site


def bench_pdf(paragrafer: int = 2000, korningar: int = 3) -> Rad:
    """Cold PDFs per second (scripts/bench-pdf's synthetic archive, fresh cache each run);
    the row's values are PDFs/s, not seconds. Target >= 150 on 2 cores. The row's ``cpu``
    holds the CPU seconds of each run (all threads): PDFs per CPU second x 2 is what two
    idle cores would give, the figure to trust on a busy machine."""
    mod = _skript("bench-pdf")
    rad = Rad("PDF/s kall", enhet="PDF/s")
    tmp = Path(tempfile.mkdtemp(prefix="benchpdf-"))
    try:
        for i in range(korningar):   # each run's files kept until the end (deleted inodes)
            c = time.process_time()
            antal, sek = mod.pdf_per_sekund(paragrafer, mapp=tmp / str(i))
            rad.cpu.append(time.process_time() - c)
            rad.sekunder.append(antal / sek)
            rad.pdfer = antal
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rad


def pdf_per_cpu(rad: Rad) -> Rad:
    """bench_pdf's row as PDFs per CPU second times 2: an upper estimate of two idle cores
    kept busy (the Python part holds the GIL), for a machine shared with other work."""
    return Rad("PDF/s ur CPU-tid x 2", [2 * rad.pdfer / c for c in rad.cpu], enhet="PDF/s")


def generera(n: int, ut: Path, handlingar: int = 0) -> None:
    cmd = [sys.executable, str(ROT / "scripts" / "generate-archive"), "--paragrafer", str(n),
           "--ut", str(ut)]
    if handlingar:
        cmd += ["--handlingar", str(handlingar)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _bygg_cmd(innehall: Path, ut: Path, pdf: bool, motor: str, idag: str = IDAG) -> list[str]:
    cmd = [sys.executable, "-m", "generator.commands.cli", "bygg", "--innehall", str(innehall),
           "--ut", str(ut / "site"), "--arkiv", str(ut / "arkiv"), "--idag", idag, "--tyst",
           "--motor", motor]
    return cmd + ([] if pdf else ["--utan-pdf"])


def _golv_markdown(innehall: Path) -> float:
    """Markdown -> HTML of every body (§§ and Markdown handlingar), in one process."""
    from generator.content.frontmatter import dela
    from generator.render.markup import till_html
    kroppar = []
    for f in innehall.rglob("*.md"):
        if f.name == "sammantrade.md":
            continue
        kroppar.append(dela(f.read_text(encoding="utf-8")).body)
    t = time.perf_counter()
    for k in kroppar:
        till_html(k)
    return time.perf_counter() - t


def _golv_skriv(site: Path, mapp: Path) -> float:
    """Write every page of ``site`` (its bytes read first) into an empty folder (kept until
    the end of the benchmark, see the module doc on deleted inodes)."""
    sidor = [(p.relative_to(site), p.read_bytes()) for p in site.rglob("*.html")]
    t = time.perf_counter()
    for rel, data in sidor:
        mal = mapp / rel
        mal.parent.mkdir(parents=True, exist_ok=True)
        mal.write_bytes(data)
    return time.perf_counter() - t


def _golv_pagefind(site: Path, ut: Path) -> float:
    return _tid([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(ut),
                 "--force-language", "sv", "--silent"])


def bench_bygg(paragrafer: int = 5000, handlingar: int = 0, pdf: bool = False,
               motor: str = "mkdocs", korningar: int = 3, arbete: Path | None = None,
               golv: bool = True, vila: float = 0) -> list[Rad]:
    """Measure (see the module doc); ``arbete`` keeps the work folder (default: a temp one)."""
    tmp = Path(arbete) if arbete else Path(tempfile.mkdtemp(prefix="benchbygg-"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    rader = {n: Rad(n, referens=None if n == "kall" else "kall")
             for n in ("kall", "ingen ändring", "ny dag, inget ändrat", "ett sammanträde")}
    golvrader = {n: Rad(n, referens="kall") for n in ("pagefind", "markdown", "skriva sidorna")}
    skrap: list[Path] = []   # removed at the very end (the module doc: deleted inodes)
    try:
        bas = tmp / "innehall-bas"
        if not bas.is_dir():
            generera(paragrafer, bas, handlingar)
        for i in range(korningar):             # first every cold build, each with its floors
            innehall, ut = tmp / f"innehall-{i}", tmp / f"ut-{i}"
            for gammal in (innehall, ut):   # left in a kept --behall folder by an earlier run
                shutil.rmtree(gammal, ignore_errors=True)
            shutil.copytree(bas, innehall)
            skrap += [innehall, ut]
            cmd = _bygg_cmd(innehall, ut, pdf, motor)
            rader["kall"].sekunder.append(_tid(cmd, cwd=ROT, env=env))
            rader["kall"].cpu.append(_CPU[0])
            if golv and not pdf:
                pf, sk = tmp / f"pf-{i}", tmp / f"sk-{i}"
                skrap += [pf, sk]
                golvrader["pagefind"].sekunder.append(_golv_pagefind(ut / "site", pf))
                golvrader["pagefind"].cpu.append(_CPU[0])
                golvrader["markdown"].sekunder.append(_golv_markdown(innehall))
                golvrader["skriva sidorna"].sekunder.append(_golv_skriv(ut / "site", sk))
        for i in range(korningar):             # then the rebuilds of each cold build's site
            innehall, ut = tmp / f"innehall-{i}", tmp / f"ut-{i}"
            time.sleep(vila)   # past the previous run's removal of its old site (module doc)
            cmd = _bygg_cmd(innehall, ut, pdf, motor)
            rader["ingen ändring"].sekunder.append(_tid(cmd, cwd=ROT, env=env))
            rader["ingen ändring"].cpu.append(_CPU[0])
            cmd = _bygg_cmd(innehall, ut, pdf, motor, NY_DAG)   # the day after, from here on
            rader["ny dag, inget ändrat"].sekunder.append(_tid(cmd, cwd=ROT, env=env))
            rader["ny dag, inget ändrat"].cpu.append(_CPU[0])
            _bench_site().lagg_till_mote(innehall)
            rader["ett sammanträde"].sekunder.append(_tid(cmd, cwd=ROT, env=env))
            rader["ett sammanträde"].cpu.append(_CPU[0])
    finally:
        for p in skrap:
            shutil.rmtree(p, ignore_errors=True)
        if arbete is None:
            shutil.rmtree(tmp, ignore_errors=True)
    ut_rader = list(rader.values())
    if golv and not pdf:
        summa = Rad("golv (summa)", [sum(g.sekunder[i] for g in golvrader.values())
                                     for i in range(korningar)], referens=None)
        ut_rader += [*golvrader.values(), summa]
    return ut_rader


def skriv_rader(rader: list[Rad], rubrik: str) -> None:
    print(rubrik)
    per_namn = {r.namn: r for r in rader}
    for r in rader:
        e = r.enhet
        text = f"  {r.namn:<22} min {r.minst:7.1f} {e}  median {r.median:7.1f} {e}"
        if r.cpu and e == "s":
            text += f"  (CPU min {min(r.cpu):6.1f} s)"
        if r.referens and r.referens in per_namn:
            ref = per_namn[r.referens]
            text += (f"  = {100 * r.minst / ref.minst:5.1f} % av {r.referens} (min/min), "
                     f"{100 * r.median / ref.median:5.1f} % (median/median)")
        print(text)
    if "golv (summa)" in per_namn:
        k, g = per_namn["kall"], per_namn["golv (summa)"]
        print(f"  kall / golv = {k.minst / g.minst:.2f} (min/min), {k.median / g.median:.2f} "
              "(median/median); mål <= 1,3")
    sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragrafer", type=int, default=5000)
    ap.add_argument("--handlingar", type=int, default=0)
    ap.add_argument("--pdf", action="store_true")
    ap.add_argument("--motor", default="mkdocs")
    ap.add_argument("--korningar", type=int, default=3)
    ap.add_argument("--behall", type=Path)
    ap.add_argument("--vila", type=float, default=0, metavar="S",
                    help="seconds to wait before each run's rebuilds (310: past ext4's window)")
    ap.add_argument("--pdf-per-sekund", type=int, metavar="N", help="only cold PDFs/s on N §§")
    a = ap.parse_args()
    if a.pdf_per_sekund:
        r = bench_pdf(a.pdf_per_sekund, a.korningar)
        skriv_rader([r, pdf_per_cpu(r)], f"kall PDF-rendering, {a.pdf_per_sekund} §§, "
                                         f"{r.pdfer} PDF:er (mål >= 150 PDF/s):")
        return
    rader = bench_bygg(a.paragrafer, a.handlingar, a.pdf, a.motor, a.korningar, a.behall,
                       vila=a.vila)
    skriv_rader(rader, f"anslag bygg, {a.paragrafer} §§, {a.handlingar} handlingar/§, "
                       f"{'med' if a.pdf else 'utan'} PDF:er, {a.motor}, {a.korningar} körningar:")


if __name__ == "__main__":
    sys.path.insert(0, str(ROT))
    main()
