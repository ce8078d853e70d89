"""Benchmarks of the secretary's waits (issue 14): `anslag kontrollera` cold, warm and after one
edit, and `status`, `ny`, `justera` warm, the way a secretary meets them: `ny` for one meeting
after another (each run after the previous one changed the archive), `status` after each of
those, `justera` of one meeting after another. ``bench_kommandon(...)`` returns rows;
scripts/bench prints them. Each figure is min and median of ``n`` runs of the real command
line in a subprocess, with its CPU time and peak memory. Not a test: the machine is shared
and noisy (on a busy machine the CPU time is the steadier figure).

    scripts/bench_kommandon.py [KONTROLL_PARAGRAFER [KOMMANDO_PARAGRAFER]]
        [--kontroll-arkiv MAPP] [--kommando-arkiv MAPP]

An archive given is copied (never changed) instead of generated."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent


@dataclass
class Rad:
    namn: str
    min_s: float
    median_s: float
    mal_s: float
    topp_mib: float
    cpu_min_s: float          # user + system CPU of the process: less noisy on a shared machine

    def __str__(self) -> str:
        ok = "ok" if self.min_s <= self.mal_s else "över målet"
        return (f"  {self.namn:<42} min {self.min_s:6.2f} s  median {self.median_s:6.2f} s  "
                f"(mål ≤ {self.mal_s:g} s: {ok}), cpu min {self.cpu_min_s:5.2f} s, "
                f"topp {self.topp_mib:7.1f} MiB")


def _kor(args: list[str], cwd: Path) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", *args], cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    fel = p.stderr.read()   # (a full pipe would stall the command)
    _pid, status, rusage = os.wait4(p.pid, 0)
    sek = time.perf_counter() - t0
    kod = os.waitstatus_to_exitcode(status)
    if kod not in (0, 1) or b"Traceback" in fel or b"No module named" in fel:
        # a crash is not a figure: a command that never ran must not be reported as fast
        raise SystemExit(f"anslag {' '.join(args)} -> {kod}\n{fel.decode(errors='replace')[-3000:]}")
    if kod != 0 and args[0] != "kontrollera":
        print(f"  (anslag {' '.join(args[:3])}: exit {kod})")
    return sek, rusage.ru_maxrss / 1024, rusage.ru_utime + rusage.ru_stime


def _rad(namn: str, mal: float, matningar: list[tuple[float, float, float]]) -> Rad:
    tider = [t for t, _m, _c in matningar]
    return Rad(namn, min(tider), statistics.median(tider), mal,
               max(m for _t, m, _c in matningar), min(c for _t, _m, c in matningar))


def _generera(n: int, ut: Path) -> None:
    subprocess.run([sys.executable, str(ROT / "scripts/generate-archive"), "--paragrafer", str(n),
                    "--ut", str(ut)], check=True, stdout=subprocess.DEVNULL)


def _redigera(rot: Path, i: int) -> None:
    fil = sorted(rot.glob("*/*/[0-9]*.md"))[i * 97]
    fil.write_text(fil.read_text(encoding="utf-8") + f"\nRedigerad {i}.\n", encoding="utf-8")


def _numrera_om(rot: Path, i: int) -> None:
    """A new § number: the cross-meeting rules run again (over the kept facts)."""
    fil = sorted(rot.glob("*/*/[0-9]*.md"))[i * 97]
    text = fil.read_text(encoding="utf-8")
    fil.write_text(text.replace("\nparagraf: ", "\nparagraf: 9", 1), encoding="utf-8")


def _arkiv(n: int, kalla: Path | None, ut: Path) -> None:
    if kalla is None:
        _generera(n, ut)
    else:
        shutil.copytree(kalla, ut, symlinks=True)


def _bench_kontroll(tmp: Path, kontroll: int, n: int, kontroll_arkiv: Path | None,
                    kalla_rundor: int | None) -> list[Rad]:
    rader: list[Rad] = []
    rot = tmp / f"arkiv-{kontroll}"
    _arkiv(kontroll, kontroll_arkiv, rot)
    k = ["kontrollera", "--innehall", str(rot)]
    kalla = []
    for i in range(n if kalla_rundor is None else max(1, kalla_rundor)):
        shutil.rmtree(tmp / ".cache", ignore_errors=True)
        kalla.append(_kor(k, tmp))
    rader.append(_rad(f"kontrollera {kontroll} §§ kall", 10, kalla))
    rader.append(_rad(f"kontrollera {kontroll} §§ varm, inget ändrat", 2,
                      [_kor(k, tmp) for _ in range(n)]))
    efter = []
    for i in range(n):
        _redigera(rot, i)
        efter.append(_kor(k, tmp))
    rader.append(_rad(f"kontrollera {kontroll} §§ efter en ändrad §", 3, efter))
    efter = []
    for i in range(n):
        _numrera_om(rot, i + n)
        efter.append(_kor(k, tmp))
    rader.append(_rad(f"kontrollera {kontroll} §§ efter ett nytt §-nummer", 3, efter))
    shutil.rmtree(rot)
    return rader


def bench_kommandon(kontroll: int = 50_000, kommandon: int = 20_000, n: int = 3,
                    kontroll_arkiv: Path | None = None,
                    kommando_arkiv: Path | None = None, kalla_rundor: int | None = None
                    ) -> list[Rad]:
    rader: list[Rad] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if kontroll:
            rader += _bench_kontroll(tmp, kontroll, n, kontroll_arkiv, kalla_rundor)
        rot = tmp / f"arkiv-{kommandon}"
        _arkiv(kommandon, kommando_arkiv, rot)
        shutil.rmtree(tmp / ".cache", ignore_errors=True)
        _kor(["status", "--innehall", str(rot)], tmp)          # fills the cache
        rader.append(_rad(f"status {kommandon} §§ varm", 2,
                          [_kor(["status", "--innehall", str(rot)], tmp) for _ in range(n)]))
        organ = sorted(p.name for p in rot.iterdir() if p.is_dir() and p.name[0] != ".")[0]
        ny, status = [], []
        for i in range(n):     # a meeting after another, and status after each
            ny.append(_kor(["ny", organ, f"2026-0{i + 1}-15", "--innehall", str(rot),
                            "--arenden", "3"], tmp))
            status.append(_kor(["status", "--innehall", str(rot)], tmp))
        rader.append(_rad(f"ny {kommandon} §§ varm, möte efter möte", 2, ny))
        rader.append(_rad(f"status {kommandon} §§ efter ett ny", 2, status))
        for i in range(n):     # the new meetings: fill in the stubs so that they can be justerade
            for f in (rot / organ / f"2026-0{i + 1}-15").glob("[0-9]*.md"):
                text = f.read_text(encoding="utf-8")
                f.write_text(text.replace("Rubrik för §", "Ärende").replace(
                    "Skriv beslutet här.", "Beslut.").replace(
                    "Skriv ärendebeskrivningen här.", "Text."), encoding="utf-8")
        _kor(["kontrollera", "--innehall", str(rot)], tmp)
        rader.append(_rad(f"justera {kommandon} §§ varm, möte efter möte", 2, [
            _kor(["justera", organ, f"2026-0{i + 1}-15", "--innehall", str(rot),
                  "--datum", f"2026-0{i + 1}-16", "--uppsatt", f"2026-0{i + 1}-17"], tmp)
            for i in range(n)]))
    return rader


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="anslag kontrollera, status, ny, justera (issue 14)")
    ap.add_argument("kontroll", nargs="?", type=int, default=50_000,
                    help="0: only status, ny and justera")
    ap.add_argument("kommandon", nargs="?", type=int, default=20_000)
    ap.add_argument("--rundor", type=int, default=3)
    ap.add_argument("--kontroll-arkiv", type=Path)
    ap.add_argument("--kommando-arkiv", type=Path)
    ap.add_argument("--kalla-rundor", type=int, help="cold checks (default --rundor; at least 1, "
                    "it fills the cache)")
    a = ap.parse_args()
    print("anslag kontrollera, status, ny, justera (issue 14)")
    for r in bench_kommandon(a.kontroll, a.kommandon, a.rundor, a.kontroll_arkiv,
                             a.kommando_arkiv, a.kalla_rundor):
        print(r, flush=True)
