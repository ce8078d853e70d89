"""Incremental builds: everything that feeds a page decides reuse (issue 9, item 6).

The example-like content is built into one output folder, then each input is changed in
turn (kommun.yml, organ.yml, mkdocs.yml, a theme file, the generator code) and built
again into the same folder; after every change the result must be byte-identical to a
clean build of the same input."""
from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
IDAG = date(2025, 3, 10)


def _avtryck(rot: Path) -> dict[str, str]:
    return {p.relative_to(rot).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(rot.rglob("*")) if p.is_file()
            and not p.relative_to(rot).as_posix().startswith(("pagefind/", "sitemap.xml"))}


def _projekt(tmp: Path) -> Path:
    """A project folder of its own (mkdocs.yml + theme without the PDF templates)."""
    proj = tmp / "projekt"
    shutil.copytree(ROT / "theme", proj / "theme", ignore=shutil.ignore_patterns("pdf"))
    shutil.copy(ROT / "mkdocs.yml", proj / "mkdocs.yml")
    return proj


def _ersatt(p: Path, fran: str, till: str) -> None:
    text = p.read_text(encoding="utf-8")
    assert fran in text, (p, fran)
    p.write_text(text.replace(fran, till), encoding="utf-8")


def _kod(monkeypatch, proj: Path) -> None:
    """A change of the generator code: the page code behaves differently and its file
    (in a copy of the code the fingerprint reads) differs."""
    import generator.commands.bygg as bygg_modul
    import generator.render.site.vyer.fasta as fasta
    kopia = proj / "kodkopia"
    shutil.copytree(ROT / "generator", kopia / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (kopia / "generator/render/site/vyer/fasta.py").write_text("# ändrad\n", encoding="utf-8")
    monkeypatch.setattr(bygg_modul, "ROT", kopia)
    orig = fasta.OverklagaVy

    def ny(kommun, veckor):
        return orig(kommun + " (ändrad kod)", veckor)
    monkeypatch.setattr(fasta, "OverklagaVy", ny)


ANDRINGAR = {
    "kommun.yml": lambda rot, proj, mp: _ersatt(rot / "kommun.yml", "Testkommun", "Nykommun"),
    "organ.yml": lambda rot, proj, mp: _ersatt(rot / "sn/organ.yml", "Socialnämnden",
                                                "Social- och omsorgsnämnden"),
    "mkdocs.yml": lambda rot, proj, mp: _ersatt(proj / "mkdocs.yml", "site_dir: site",
                                                 "site_dir: site\nsite_description: Protokoll"),
    "tema": lambda rot, proj, mp: _ersatt(proj / "theme/overrides/main.html",
                                          "Så överklagar du ett beslut</a>",
                                          "Så överklagar du ett kommunalt beslut</a>"),
    "kod": lambda rot, proj, mp: _kod(mp, proj),
}


@pytest.mark.parametrize("andring", list(ANDRINGAR))
def test_varje_indata_avgor_ateranvandning(tmp_path, hjalp, monkeypatch, andring):
    rot = tmp_path / "innehall"
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.paragraf(rot, "2025-03-05", "01.md", "paragraf: 1\nrubrik: Budget\ndnr: 2025/00001",
                   "## Socialnämndens beslut\n\nGodkänns.")
    hjalp.paragraf(rot, "2025-03-05", "02.md", "paragraf: 2\nrubrik: Taxor\ndnr: 2025/00002",
                   "## Socialnämndens beslut\n\nGodkänns.")
    proj = _projekt(tmp_path)
    monkeypatch.chdir(proj)          # anslag bygg takes mkdocs.yml from the working folder
    ut = tmp_path / "ut" / "site"
    hjalp.bygg_site(rot, ut, IDAG, utan_pdf=True)
    fore = _avtryck(ut)

    ANDRINGAR[andring](rot, proj, monkeypatch)
    hjalp.bygg_site(rot, ut, IDAG, utan_pdf=True)
    ren = hjalp.bygg_site(rot, tmp_path / "ren" / "site", IDAG, utan_pdf=True)
    efter, facit = _avtryck(ut), _avtryck(ren)
    skillnad = sorted(k for k in set(efter) | set(facit) if efter.get(k) != facit.get(k))
    assert not skillnad, skillnad
    assert efter != fore, "ändringen syns inte i webbplatsen: testet prövar ingenting"
