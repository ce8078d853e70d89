"""Shared fixtures: the example archive, the minimal fixture archive, and the CLI."""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parent.parent
EXEMPEL = ROT / "content"
BAS = Path(__file__).resolve().parent / "fixtures" / "bas"


@dataclass
class Korning:
    kod: int
    ut: str
    fel: str

    @property
    def rader(self) -> list[str]:
        return [r for r in self.fel.splitlines() if r.strip()]


def kor_anslag(*args: str, cwd: Path | None = None) -> Korning:
    """Run the real `anslag` command line in a subprocess."""
    p = subprocess.run([sys.executable, "-m", "generator.commands.cli", *args], capture_output=True,
                       text=True, cwd=cwd or ROT, timeout=600)
    return Korning(p.returncode, p.stdout, p.stderr)


@pytest.fixture
def bas_kopia(tmp_path: Path) -> Path:
    dst = tmp_path / "innehall"
    shutil.copytree(BAS, dst)
    return dst


@pytest.fixture
def exempel_kopia(tmp_path: Path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(EXEMPEL, dst)
    return dst
