"""Zensical rebuilds (issue 10, item 7): `anslag bygg --motor zensical` hands Zensical only
the pages whose source changed and links the rest from its previous build
(generator/render/site/zensical_forra.py). Whatever changed, the rebuilt site must be byte
for byte a clean build of the same input - every page, the sitemap, the feeds and the search
bundles - and the pages that did not change must really have been reused."""
from __future__ import annotations

import hashlib
import re
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
    # a meeting of an earlier year: its search bucket (2024) is one no change touches
    hjalp.mote(rot, "2024-11-05", "2024-11-07", "2024-11-07")
    hjalp.paragraf(rot, "2024-11-05", "01.md", "paragraf: 1\nrubrik: Tillsyn 2024\ndnr: 2024/00001",
                   "## Socialnämndens beslut\n\nGodkänns (2024).")
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
    # the search bundles: 2024 is untouched, 2025 changes but keeps its name
    bundle = {b: ut / "pagefind" / b / "pagefind-entry.json" for b in ("2024", "2025")}
    bundle_inod = {b: f.stat().st_ino for b, f in bundle.items()}

    ANDRINGAR[andring](rot, hjalp)
    efter = _bygg(hjalp, rot, ut)
    facit = _bygg(hjalp, rot, tmp_path / "ren" / "site")
    skillnad = sorted(k for k in set(efter) | set(facit) if efter.get(k) != facit.get(k))
    assert not skillnad, skillnad
    assert efter != fore, "ändringen syns inte i webbplatsen: testet prövar ingenting"
    # the unchanged page was linked from the previous build, not rendered again
    assert orord.stat().st_ino == inod
    # the untouched bucket's bundle was kept as it was, the changed one indexed again
    assert bundle["2024"].stat().st_ino == bundle_inod["2024"]
    assert bundle["2025"].stat().st_ino != bundle_inod["2025"]
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


def _sida(t: str) -> str:
    """A page up to whitespace between tags: Zensical's Markdown pass puts every top-level
    HTML block of a body on a line of its own, the shell does not pass the body through it."""
    return re.sub(r">\s+<", "><", t).strip()


def test_skal_ger_samma_sidor_som_zensical(tmp_path, hjalp, monkeypatch):
    """The shell (zensical_skal) against Zensical rendering every page itself: the same
    files, the same pages, escaping included (a title and a description with < > & " ')."""
    import generator.render.site.zensical as zensical
    rot = tmp_path / "innehall"
    _arkiv(hjalp, rot)
    hjalp.paragraf(rot, "2025-03-05", "03.md",
                   "paragraf: 5\nrubrik: 'Taxa <b>\"&amp;\" ''x'' & <script>'\ndnr: 2025/00009",
                   "## Socialnämndens beslut\n\nGodkänns <i>&</i>.")
    monkeypatch.chdir(ROT)
    sites = {}
    for skal in (True, False):
        monkeypatch.setattr(zensical, "SKAL", skal)
        sites[skal] = tmp_path / f"skal-{skal}" / "site"
        _bygg(hjalp, rot, sites[skal])
    med, utan = _filer(sites[True]), _filer(sites[False])
    assert set(med) == set(utan)
    olika = []
    for rel in med:
        if rel.startswith("pagefind/") or med[rel] == utan[rel]:
            continue
        a, b = ((sites[k] / rel).read_text(encoding="utf-8") for k in (True, False))
        if not rel.endswith(".html") or _sida(a) != _sida(b):
            olika.append(rel)
    assert not olika, olika
    sida = (sites[True] / "protokoll/sn/2025-03-05/5/index.html").read_text(encoding="utf-8")
    assert "<b>" not in sida and "&lt;b&gt;" in sida and "&lt;script&gt;" in sida
    assert sum(1 for r in med if r.endswith("index.html") and med[r] != utan[r]) > 0, \
        "inga sidor fylldes i skal: testet prövar ingenting"
