"""Site benchmark for both engines (issue 10, item 7; issue 3): `anslag bygg --utan-pdf` with
MkDocs and with Zensical against each engine's own bare build of the same text, side by side.

``bench_site(...)`` returns rows (min and median of ``n`` runs); scripts/bench-site and
scripts/bench print them. In each of the ``n`` rounds, in this order so that the load of the
shared machine falls on all of them alike:

1. a bare `mkdocs build` (Material, no plugin) of as many plain pages as the archive has §§,
   with the same text, plus Pagefind over its output: the MkDocs reference;
2. a bare `zensical build` of the same pages with the settings the adapter uses (Zensical's
   search and link validation off) plus Pagefind: the Zensical reference;
3. per engine: `anslag bygg` of the archive into a new folder (cold: no cache), then again
   after one new meeting (one-meeting rebuild), then again with nothing changed.

Targets: cold <= 1.3 x the engine's reference, one-meeting rebuild <= 25 % of cold, peak
memory <= 3 GB. Not a test: the machine is shared and noisy; the ratios are what to read.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
IDAG = "2025-06-30"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Rad:
    """One figure: ``varden`` per run; printed as min and median, with its target."""
    namn: str
    varden: list[float]
    enhet: str = "s"
    mal: float | None = None           # the figure must be <= mal
    topp_mib: float | None = None
    noter: list[str] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.varden)

    @property
    def median(self) -> float:
        return statistics.median(self.varden)

    def __str__(self) -> str:
        f = {"s": "{:7.1f}", "%": "{:7.1f}", "MiB": "{:7.0f}"}.get(self.enhet, "{:7.2f}")
        text = (f"  {self.namn:<56} min {f.format(self.min)} {self.enhet:<2} "
                f"median {f.format(self.median)} {self.enhet:<2}")
        if self.mal is not None:
            ok = "ok" if self.min <= self.mal else "ÖVER MÅLET"
            text += f" (mål ≤ {self.mal:g}{'' if self.enhet == 'x' else ' '}{self.enhet}: {ok})"
        if self.topp_mib is not None:
            text += f", topp {self.topp_mib:.0f} MiB"
        return text + "".join(f"; {n}" for n in self.noter)


def kvot(namn: str, taljare: Rad, namnare: Rad, mal: float | None,
         procent: bool = False) -> Rad:
    """taljare / namnare per run (runs of one round are side by side)."""
    k = 100 if procent else 1
    return Rad(namn, [k * a / b for a, b in zip(taljare.varden, namnare.varden)],
               "%" if procent else "x", mal)


def kor(cmd: list[str], cwd: Path = ROT) -> tuple[float, float]:
    """Run ``cmd``; (seconds, peak RSS MiB of it and its waited-for children)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    fel = p.stderr.read()   # (a full pipe would stall the command)
    _, status, ru = os.wait4(p.pid, 0)
    sek = time.perf_counter() - t0
    kod = os.waitstatus_to_exitcode(status)
    if kod != 0:
        raise SystemExit(f"{' '.join(cmd)} -> {kod}\n{fel.decode(errors='replace')[-3000:]}")
    return sek, ru.ru_maxrss / 1024


def _trad(pid: int) -> list[int]:
    """``pid`` and every process below it (Linux /proc)."""
    ut, kvar = [], [pid]
    while kvar:
        p = kvar.pop()
        ut.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    kvar.extend(int(x) for x in f.read().split())
        except OSError:
            pass
    return ut


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for rad in f:
                if rad.startswith("Pss:"):
                    return int(rad.split()[1])
    except OSError:
        pass
    return 0


def kor_summerat(cmd: list[str], cwd: Path = ROT, intervall: float = 0.25
                 ) -> tuple[float, float, float]:
    """Run ``cmd``; (seconds, peak RSS MiB of its largest process, peak MiB of the PSS
    summed over it and every process below it at the same moment, sampled every
    ``intervall`` s). A build that forks or starts helpers (the page split, Pagefind's
    services, Typst) uses the sum; PSS counts pages shared after a fork once."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as fel:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=fel, env=ENV)
        topp = 0
        while p.poll() is None:
            topp = max(topp, sum(_pss_kib(q) for q in _trad(p.pid)))
            time.sleep(intervall)
        sek = time.perf_counter() - t0
        if p.returncode != 0:
            fel.seek(0)
            text = fel.read().decode(errors="replace")[-3000:]
            raise SystemExit(f"{' '.join(cmd)} -> {p.returncode}\n{text}")
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return sek, ru.ru_maxrss / 1024, topp / 1024


def generera(n: int, ut: Path, handlingar: int = 0) -> None:
    cmd = [sys.executable, str(ROT / "scripts/generate-archive"), "--paragrafer", str(n),
           "--ut", str(ut)]
    if handlingar:
        cmd += ["--handlingar", str(handlingar)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def bara_sidor(innehall: Path, mapp: Path) -> int:
    """Plain pages with the same text as the archive's §§, not in the nav, and the two
    engines' configurations for them (Zensical: the adapter's settings)."""
    docs = mapp / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    n = 0
    for f in sorted(innehall.glob("*/*/*.md")):
        if f.name == "sammantrade.md" or f.parent.name == "handlingar":
            continue
        text = f.read_text(encoding="utf-8")
        kropp = text.split("---", 2)[2] if text.startswith("---") else text
        rubrik = re.search(r"^rubrik:\s*(.+)$", text, re.M)
        d = docs / f"p{n // 1000}"
        d.mkdir(exist_ok=True)
        (d / f"s{n}.md").write_text(f"# {rubrik.group(1) if rubrik else n}\n\n{kropp}",
                                    encoding="utf-8")
        n += 1
    (mapp / "mkdocs.yml").write_text(
        "site_name: Bar\ntheme:\n  name: material\n  language: sv\n  font: false\n"
        "plugins: []\nnav:\n  - index.md\nnot_in_nav: |\n  /p*/\n", encoding="utf-8")
    (mapp / "zensical.yml").write_text(
        "site_name: Bar\ntheme:\n  name: material\n  variant: classic\n  language: sv\n"
        "  font: false\nplugins:\n  search:\n    enabled: false\nvalidation: false\n"
        "nav:\n  - index.md\n", encoding="utf-8")
    return n


def lagg_till_mote(innehall: Path) -> str:
    """Copy the newest meeting of the first organ to a new date, §§ renumbered after it."""
    organ = sorted(p for p in innehall.iterdir() if p.is_dir())[0]
    moten = sorted(p for p in organ.iterdir() if re.match(r"\d{4}-\d{2}-\d{2}$", p.name))
    sista = moten[-1]
    ny_dag = date.fromisoformat(sista.name) + timedelta(days=7)
    ny = organ / ny_dag.isoformat()
    shutil.copytree(sista, ny)
    (ny / "justering.lock").unlink(missing_ok=True)
    nummer = []
    for m in moten:
        if m.name[:4] == sista.name[:4]:
            nummer += [int(x) for x in re.findall(r"^paragraf:\s*\"?(\d+)", "\n".join(
                f.read_text(encoding="utf-8") for f in m.glob("*.md")), re.M)]
    start = max(nummer, default=0) + 1 if ny_dag.year == date.fromisoformat(sista.name).year else 1
    for f in ny.rglob("*.md"):
        t = f.read_text(encoding="utf-8").replace(sista.name, ny_dag.isoformat())
        if f.parent == ny and f.name != "sammantrade.md":
            t = re.sub(r"^paragraf:.*$", "paragraf: __N__", t, flags=re.M)
        f.write_text(t, encoding="utf-8")
    for i, f in enumerate(sorted(p for p in ny.glob("*.md") if p.name != "sammantrade.md")):
        f.write_text(f.read_text(encoding="utf-8").replace("__N__", str(start + i)),
                     encoding="utf-8")
    # dates in sammantrade.md (justering, anslag, kallelse) move with the meeting
    sm = ny / "sammantrade.md"
    sm.write_text(re.sub(r"\d{4}-\d{2}-\d{2}", ny_dag.isoformat(), sm.read_text("utf-8")),
                  encoding="utf-8")
    return f"{organ.name} {ny_dag.isoformat()}"


def _ta_bort(p: Path) -> None:
    shutil.rmtree(p, ignore_errors=True)


def bench_site(paragrafer: int = 20_000, motorer: tuple[str, ...] = ("mkdocs", "zensical"),
               n: int = 3, handlingar: int = 0, arbete: Path | None = None,
               logg=print) -> list[Rad]:
    """The rows of the site benchmark (see the module doc)."""
    egen = arbete is None
    arbete = Path(tempfile.mkdtemp(prefix="bench-site-")) if egen else Path(arbete)
    _ta_bort(arbete)
    arbete.mkdir(parents=True)
    try:
        bas = arbete / "innehall"
        generera(paragrafer, bas, handlingar)
        bar = arbete / "bar"
        sidor = bara_sidor(bas, bar)
        matt: dict[str, list[tuple[float, float]]] = {}

        def spara(nyckel: str, v: tuple[float, float]) -> None:
            matt.setdefault(nyckel, []).append(v)
            logg(f"    {nyckel}: {v[0]:.1f} s, topp {v[1]:.0f} MiB")

        for motor in motorer:
            shutil.copytree(bas, arbete / f"innehall-{motor}")
        for runda in range(n):
            logg(f"  runda {runda + 1} av {n}")
            for motor in motorer:
                _ta_bort(bar / "site")
                cmd = ([sys.executable, "-m", "mkdocs", "build", "-q"] if motor == "mkdocs" else
                       [sys.executable, "-m", "zensical", "build", "-f", "zensical.yml"])
                if motor == "zensical":
                    _ta_bort(bar / ".cache")
                spara(f"bar {motor}", kor(cmd, cwd=bar))
                spara(f"pagefind {motor}", kor([sys.executable, "-m", "pagefind", "--site",
                                                str(bar / "site"), "--force-language", "sv",
                                                "--silent"]))
            for motor in motorer:
                innehall = arbete / f"innehall-{motor}"
                ut = arbete / f"ut-{motor}-{runda}"
                bygg = [sys.executable, "-m", "generator.commands.cli", "bygg", "--innehall",
                        str(innehall), "--ut", str(ut / "site"), "--arkiv", str(ut / "arkiv"),
                        "--idag", IDAG, "--utan-pdf", "--tyst", "--motor", motor]
                spara(f"kall {motor}", kor(bygg))
                lagg_till_mote(innehall)
                spara(f"ett möte {motor}", kor(bygg))
                spara(f"inget ändrat {motor}", kor(bygg))
                _ta_bort(ut)
        antal = "" if handlingar == 0 else f", {handlingar} handlingar/§"
        rader: list[Rad] = []
        for motor in motorer:
            def rad(nyckel: str, namn: str, mal: float | None = None) -> Rad:
                v = matt[f"{nyckel} {motor}"]
                return Rad(namn, [t for t, _ in v], mal=mal, topp_mib=max(m for _, m in v))
            ref = Rad(f"[{motor}] referens: bar build + Pagefind, {sidor} sidor",
                      [a + b for (a, _), (b, _) in zip(matt[f"bar {motor}"],
                                                       matt[f"pagefind {motor}"])])
            kall = rad("kall", f"[{motor}] anslag bygg kallt ({paragrafer} §§{antal})")
            ett = rad("ett möte", f"[{motor}] ombygge efter ett nytt sammanträde")
            inget = rad("inget ändrat", f"[{motor}] ombygge, inget ändrat")
            rader += [ref, kall, kvot(f"[{motor}] kallt / referensen", kall, ref, 1.3),
                      ett, kvot(f"[{motor}] ett möte / kallt", ett, kall, 25, procent=True),
                      inget, kvot(f"[{motor}] inget ändrat / kallt", inget, kall, None, procent=True)]
            rader.append(Rad(f"[{motor}] toppminne anslag bygg",
                             [max(kall.topp_mib, ett.topp_mib, inget.topp_mib)], "MiB", 3072))
        return rader
    finally:
        if egen:
            _ta_bort(arbete)
