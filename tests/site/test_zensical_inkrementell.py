"""Zensical rebuilds (issue 10, item 7): `anslag bygg --motor zensical` hands Zensical only
the pages whose source changed and links the rest from its previous build
(generator/render/site/zensical_forra.py). Whatever changed, the rebuilt site must be byte
for byte a clean build of the same input - every page, the sitemap, the feeds and the search
bundles - and the pages that did not change must really have been reused."""
from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
IDAG = date(2025, 3, 10)


def _filer(rot: Path) -> dict[str, str]:
    return {p.relative_to(rot).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(rot.rglob("*")) if p.is_file()}


def _arkiv(hjalp, rot: Path) -> None:
    hjalp.grund(rot)
    for datum, just in (("2025-02-05", "2025-02-07"), ("2025-03-05", "2025-03-07")):
        hjalp.mote(rot, datum, just, just)
        for n, rubrik in ((1, "Budget"), (2, "Taxor")):
            nr = n if datum.startswith("2025-02") else n + 2
            hjalp.paragraf(rot, datum, f"0{n}.md",
                           f"paragraf: {nr}\nrubrik: {rubrik} {datum}\ndnr: 2025/0000{nr}",
                           f"## Socialnämndens beslut\n\nGodkänns ({datum}).")


def _bygg(hjalp, rot: Path, ut: Path) -> dict[str, str]:
    hjalp.bygg_site(rot, ut, IDAG, utan_pdf=True, motor="zensical")
    return _filer(ut)


def _ny_text(rot: Path, hjalp) -> None:
    p = rot / "sn/2025-03-05/02.md"
    p.write_text(p.read_text(encoding="utf-8").replace("Godkänns", "Avslås"), encoding="utf-8")


def _nytt_mote(rot: Path, hjalp) -> None:
    hjalp.mote(rot, "2025-03-08", "2025-03-09", "2025-03-09")
    hjalp.paragraf(rot, "2025-03-08", "01.md", "paragraf: 5\nrubrik: Nytt ärende\ndnr: 2025/00005",
                   "## Socialnämndens beslut\n\nBifalls.")


def _borttaget_mote(rot: Path, hjalp) -> None:
    shutil.rmtree(rot / "sn/2025-03-05")


ANDRINGAR = {"ny text": _ny_text, "nytt sammanträde": _nytt_mote,
             "borttaget sammanträde": _borttaget_mote}


@pytest.mark.parametrize("andring", list(ANDRINGAR))
def test_ombygge_ar_ett_rent_bygge(tmp_path, hjalp, monkeypatch, andring):
    rot = tmp_path / "innehall"
    _arkiv(hjalp, rot)
    monkeypatch.chdir(ROT)
    ut = tmp_path / "ut" / "site"
    fore = _bygg(hjalp, rot, ut)
    orord = ut / "protokoll/sn/2025-02-05/1/index.html"   # a page no change touches
    inod = orord.stat().st_ino

    ANDRINGAR[andring](rot, hjalp)
    efter = _bygg(hjalp, rot, ut)
    facit = _bygg(hjalp, rot, tmp_path / "ren" / "site")
    skillnad = sorted(k for k in set(efter) | set(facit) if efter.get(k) != facit.get(k))
    assert not skillnad, skillnad
    assert efter != fore, "ändringen syns inte i webbplatsen: testet prövar ingenting"
    # the unchanged page was linked from the previous build, not rendered again
    assert orord.stat().st_ino == inod
    assert (ut / "sitemap.xml").read_bytes() == (tmp_path / "ren/site/sitemap.xml").read_bytes()


def test_andrad_kommun_bygger_allt(tmp_path, hjalp, monkeypatch):
    """kommun.yml is in the fingerprint: its name is in every page's header."""
    rot = tmp_path / "innehall"
    _arkiv(hjalp, rot)
    monkeypatch.chdir(ROT)
    ut = tmp_path / "ut" / "site"
    _bygg(hjalp, rot, ut)
    k = rot / "kommun.yml"
    k.write_text(k.read_text(encoding="utf-8").replace("Testkommun", "Nykommun"), "utf-8")
    efter = _bygg(hjalp, rot, ut)
    assert efter == _bygg(hjalp, rot, tmp_path / "ren" / "site")
    assert "Nykommun" in (ut / "protokoll/sn/2025-02-05/1/index.html").read_text("utf-8")
