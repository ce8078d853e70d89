"""Helpers for the workflow tests: the real `anslag` command line in a
subprocess (no mocks of our code) and facts about the example archive."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
EXEMPEL = ROT / "content"
FUN = "fun/2025-02-06"
PAR3 = f"{FUN}/03-kvalitetsrapport-ifo-2024.md"
PAR16 = f"{FUN}/16-budgetplaneringsprocess-gallande-budget-2026-samt-plan.md"


@dataclass
class Svar:
    kod: int
    ut: str
    fel: str

    @property
    def allt(self) -> str:
        return self.ut + self.fel


def kor(*args, cwd: Path | None = None) -> Svar:
    """Run `anslag ARGS` as a subprocess; never a traceback, exit 0/1/2."""
    p = subprocess.run([sys.executable, "-m", "generator.commands.cli", *map(str, args)],
                       capture_output=True, text=True, cwd=cwd or ROT, timeout=300)
    svar = Svar(p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in svar.allt, svar.allt
    assert "internt fel" not in svar.allt, svar.allt
    assert svar.kod in (0, 1, 2), svar
    return svar


def utan_justering(text: str) -> str:
    """The example's sammantrade.md as it was before the justering."""
    a = text.index("justering:\n")
    b = text.index("forvaringsplats:")
    return text[:a] + text[b:]


def sha(path: Path) -> str:
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()
