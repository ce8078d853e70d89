"""Every rule of the content contract has a failing fixture under
tests/fixtures/regler/: a small change to the valid archive tests/fixtures/bas/.
Each test runs the real `anslag kontrollera` and checks the exit code, the file,
the key and the gist of the Swedish message."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import BAS, kor_anslag

REGLER = Path(__file__).resolve().parent.parent / "fixtures" / "regler"
FIXTURER = sorted(REGLER.glob("*.yml"))


def bygg_fixtur(spec: dict, dst: Path) -> None:
    shutil.copytree(BAS, dst)
    for rel in spec.get("ta_bort", []):
        (dst / rel).unlink()
    for fran, till in spec.get("flytta", {}).items():
        (dst / fran).rename(dst / till)
    for rel, text in spec.get("skriv", {}).items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_text(text, encoding="utf-8")
    for rel, par in spec.get("ersatt", {}).items():
        text = (dst / rel).read_text(encoding="utf-8")
        for gammal, ny in par:
            assert gammal in text, f"fixture is stale: {gammal!r} not in {rel}"
            text = text.replace(gammal, ny, 1)
        (dst / rel).write_text(text, encoding="utf-8")
    for rel, kodning in spec.get("kodning", {}).items():
        text = (dst / rel).read_text(encoding="utf-8")
        (dst / rel).write_bytes(text.encode(kodning))
    for rel, mal in spec.get("lank", {}).items():
        os.symlink(mal, dst / rel)


def test_basarkivet_ar_felfritt():
    k = kor_anslag("kontrollera", "--innehall", str(BAS))
    assert k.kod == 0, k.fel
    assert k.rader == [], k.fel


def test_det_finns_fixturer_for_reglerna():
    assert len(FIXTURER) >= 60


@pytest.mark.parametrize("fixtur", FIXTURER, ids=[f.stem for f in FIXTURER])
def test_regel(fixtur: Path, tmp_path: Path):
    spec = yaml.safe_load(fixtur.read_text(encoding="utf-8"))
    dst = tmp_path / "innehall"
    bygg_fixtur(spec, dst)
    k = kor_anslag("kontrollera", "--innehall", str(dst))
    f = spec["forvantat"]
    assert "Traceback" not in k.fel and "internt fel" not in k.fel, k.fel
    assert k.kod == f["exit"], k.fel
    diag = [r for r in k.rader if r.startswith(f"{f['fil']}: ")]
    if f.get("ingen_diagnostik"):
        assert diag == [], k.fel
        return
    prefix = f"{f['fil']}: {f['niva']}: {f['nyckel']}: "
    traffar = [r for r in diag if r.startswith(prefix)]
    assert traffar, f"expected a line starting {prefix!r}; got:\n{k.fel}"
    assert any(f["innehaller"] in r for r in traffar), f"{f['innehaller']!r} not in {traffar}"
