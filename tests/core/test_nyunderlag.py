"""`anslag ny` reads only the meetings it copies from (commands.nyunderlag): the files it
writes are the ones the whole model gives, for every organ and many dates."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.commands import ny
from generator.commands.kontroll import kontrollera
from generator.commands.nyunderlag import underlag
from generator.rules import las_arkiv

ROT = Path(__file__).resolve().parents[2]


def _filer(organ, datum: date, sista: int) -> list[tuple[str, str]]:
    kalla = ny._forlaga(organ, datum)
    m = organ.sammantrade(datum)
    arenden = list(m.kallelse.arenden) if m and m.kallelse else []
    return ([("sammantrade.md", ny.sammantrade_text(organ, datum, kalla, date(2026, 1, 1),
                                                     True)),
             ("kalla", f"{kalla.organ_id} {kalla.datum}" if kalla else "")]
            + ny._stubbar(organ, sista + 1, 3, arenden) + [("sista", str(sista))])


def _datum(arkiv) -> list[tuple[str, date]]:
    ut = []
    for oid, o in sorted(arkiv.organ.items()):
        d = sorted({m.datum for m in o.sammantraden})
        valda = d[:2] + d[len(d) // 2:len(d) // 2 + 1] + d[-2:] if d else []
        for x in valda:
            ut += [(oid, x), (oid, x + timedelta(days=1)), (oid, x - timedelta(days=1))]
        ut += [(oid, date(1990, 1, 1)), (oid, date(2031, 6, 1))]
    return ut


def _jamfor(rot: Path, cache: Path) -> int:
    res = kontrollera(rot, cache)
    arkiv = las_arkiv(rot)[0]
    fall = 0
    for oid, datum in _datum(arkiv):
        u = underlag(rot, oid, datum, res)
        assert u is not None
        organ = arkiv.organ[oid]
        hela = _filer(organ, datum, ny.sista_paragraf(organ, datum.year))
        assert _filer(u.arkiv.organ[oid], datum, u.sista) == hela, (oid, datum)
        fall += 1
    return fall


@pytest.fixture(scope="module")
def genererat(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("gen") / "arkiv"
    subprocess.run([sys.executable, str(ROT / "scripts/generate-archive"), "--paragrafer",
                    "300", "--ut", str(ut), "--handlingar", "1"], check=True,
                   stdout=subprocess.DEVNULL)
    return ut


def test_genererat_arkiv(genererat: Path, tmp_path: Path):
    assert _jamfor(genererat, tmp_path / "cache") >= 30


def test_senaste_motena_utan_justerare(genererat: Path, tmp_path: Path):
    """The newest meetings of every organ not held (no justerare): more batches are read."""
    rot = tmp_path / "arkiv"
    shutil.copytree(genererat, rot)
    for organ in (p for p in rot.iterdir() if p.is_dir()):
        for mapp in sorted(p for p in organ.iterdir() if p.is_dir())[-6:]:
            sm = mapp / "sammantrade.md"
            rader = sm.read_text(encoding="utf-8").split("\n")
            i = next((i for i, r in enumerate(rader) if r.startswith("justerare:")), None)
            if i is None:
                continue
            j = i + 1
            while j < len(rader) and rader[j].startswith("  - "):
                j += 1
            sm.write_text("\n".join(rader[:i] + rader[j:]), encoding="utf-8")
    assert _jamfor(rot, tmp_path / "cache") >= 30


def test_exempelarkivet(exempel_kopia: Path, tmp_path: Path):
    """Organs with only utdrag meetings (no held one: every meeting is read)."""
    assert _jamfor(exempel_kopia, tmp_path / "cache") > 10
