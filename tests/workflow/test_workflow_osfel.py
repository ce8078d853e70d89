"""Operating-system errors during a build are Swedish messages that say what to do,
never the raw English OSError, and the previous site stays as it was."""
from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from arbetsflode_hjalp import ROT, kor
from tests.conftest import BAS


def _innehall(tmp_path: Path) -> Path:
    rot = tmp_path / "innehall"
    shutil.copytree(BAS, rot)
    return rot


def test_arkivmapp_som_inte_kan_skapas(tmp_path: Path):
    rot = _innehall(tmp_path)
    (tmp_path / "fil.txt").write_text("x\n", encoding="utf-8")
    r = kor("bygg", "--innehall", rot, "--ut", tmp_path / "site", "--arkiv",
            tmp_path / "fil.txt" / "arkiv", "--idag", "2025-03-20", "--tyst")
    assert r.kod == 1
    assert "en del av sökvägen är en fil, inte en mapp. Kontrollera sökvägen." in r.fel, r.fel
    assert "Errno" not in r.fel and "Not a directory" not in r.fel
    assert not (tmp_path / "site").exists()


def _full_disk() -> None:   # runs in the child: writes beyond 30 kB fail with EFBIG
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))


def test_full_disk_lamnar_webbplatsen_orord(tmp_path: Path):
    rot = _innehall(tmp_path)
    site = tmp_path / "site"
    assert kor("bygg", "--innehall", rot, "--ut", site, "--arkiv", tmp_path / "arkiv",
               "--idag", "2025-03-20", "--utan-pdf", "--tyst").kod == 0
    fore = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    shutil.rmtree(tmp_path / ".cache")          # a clean build: every file is written again
    p = subprocess.run([sys.executable, "-m", "generator.commands.cli", "bygg", "--innehall",
                        str(rot), "--ut", str(site), "--arkiv", str(tmp_path / "arkiv"),
                        "--idag", "2025-03-20", "--utan-pdf", "--tyst"],
                       preexec_fn=_full_disk, capture_output=True, text=True, cwd=ROT,
                       timeout=300)
    assert p.returncode == 1, p.stderr
    assert "Frigör utrymme" in p.stderr and f"{site} är oförändrad" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr and "Errno" not in p.stderr and "internt fel" not in p.stderr
    assert sorted(x.relative_to(site).as_posix() for x in site.rglob("*")) == fore
