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


def generera_arkiv(ut: Path, paragrafer: int, handlingar: int = 1) -> Path:
    """A synthetic archive from scripts/generate-archive (the generator the benchmarks use)."""
    subprocess.run([sys.executable, str(ROT / "scripts" / "generate-archive"), "--paragrafer",
                    str(paragrafer), "--handlingar", str(handlingar), "--ut", str(ut)],
                   check=True, capture_output=True)
    return ut


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


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright, one per test process: Playwright's sync API
    allows only one running instance per process, so every folder's tests share this one."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} saknas: installera Debians chromium (apt-get install chromium); "
                    "testerna laddar aldrig ner någon webbläsare.")
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()
