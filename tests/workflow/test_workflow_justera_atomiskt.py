"""`anslag justera` writes the justering and the lock as one step, and `anslag
kontrollera` notices a justerat meeting that has lost its lock once the tool has
locked it. The crashes are real: `anslag justera` runs in a subprocess that is killed
with SIGKILL at the moment between two of its writes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from arbetsflode_hjalp import FUN, PAR3, ROT, kor

BARN = """
import os, signal, sys
import generator.commands.justera as j
def dod(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
if sys.argv[1] == "fore-laset":
    j.skriv_lasfil = dod
else:
    j.journal.avsluta = dod
from generator.commands.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _dod_justering(var: str, innehall: Path) -> None:
    p = subprocess.run([sys.executable, "-c", BARN, var, "justera", "fun", "2025-02-06",
                        "--innehall", str(innehall), "--datum", "2025-02-10"],
                       capture_output=True, text=True, cwd=ROT, timeout=300)
    assert p.returncode == -9, (p.returncode, p.stderr)   # killed, nothing cleaned up


def test_dod_mellan_justering_och_las_rullas_tillbaka(ojusterat: Path):
    sm = ojusterat / FUN / "sammantrade.md"
    fore = sm.read_bytes()
    _dod_justering("fore-laset", ojusterat)
    assert sm.read_bytes() != fore                          # the justering was written...
    assert not (ojusterat / FUN / "justering.lock").exists()   # ...the lock was not
    k = kor("kontrollera", "--innehall", ojusterat)
    assert k.kod == 1
    assert f"{FUN}/.justering-pagar.json: fel: justering.lock: en justering avbröts" in k.fel
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-10")
    assert r.kod == 0, r.allt
    assert "har rullats tillbaka" in r.ut and "Justeringen av FUN 2025-02-06 är registrerad" in r.ut
    assert (ojusterat / FUN / "justering.lock").is_file()
    assert not (ojusterat / FUN / ".justering-pagar.json").exists()
    assert kor("kontrollera", "--innehall", ojusterat).kod == 0


def test_dod_efter_laset_slutfors(ojusterat: Path):
    _dod_justering("efter-laset", ojusterat)
    assert (ojusterat / FUN / "justering.lock").is_file()
    assert kor("kontrollera", "--innehall", ojusterat).kod == 1     # the journal is reported
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-10")
    assert r.kod == 0 and "har slutförts" in r.ut, r.allt
    assert not (ojusterat / FUN / ".justering-pagar.json").exists()
    assert kor("kontrollera", "--innehall", ojusterat).kod == 0


def test_andrad_paragraf_och_borttaget_las_upptacks(ojusterat: Path):
    assert kor("justera", "fun", "2025-02-06", "--innehall", ojusterat,
               "--datum", "2025-02-10").kod == 0
    assert "fun/2025-02-06" in (ojusterat / ".anslag" / "lasta.json").read_text(encoding="utf-8")
    par = ojusterat / PAR3
    par.write_text(par.read_text(encoding="utf-8").replace("godkänns.", "avslås."),
                   encoding="utf-8")
    (ojusterat / FUN / "justering.lock").unlink()
    k = kor("kontrollera", "--innehall", ojusterat)
    assert k.kod == 1
    assert any(r.startswith(f"{FUN}/justering.lock: fel: justering.lock: sammanträdet har "
                            "låsts av \"anslag justera\"") for r in k.fel.splitlines()), k.fel


def test_justerat_fore_verktyget_utan_las_ar_ingen_fel(innehall: Path):
    """The example archive was justerat on paper: no lock, not in the register, no error."""
    assert not (innehall / ".anslag").exists()
    assert kor("kontrollera", "--innehall", innehall).kod == 0
