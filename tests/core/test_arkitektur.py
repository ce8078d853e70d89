"""The stages import only downwards (import-linter contract in pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]


def test_importkontraktet_haller():
    lint = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(lint), "--config", str(ROT / "pyproject.toml")], cwd=ROT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout



def test_ingen_modul_over_400_rader():
    langa = {str(p.relative_to(ROT)): n for p in (ROT / "generator").rglob("*.py")
             if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not langa, f"moduler över 400 rader (dela upp dem): {langa}"
