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
    """A change of the generator code: the code that makes the meeting and § pages (a
    memoised unit, reused between builds) behaves differently, and the code fingerprint,
    which ``generator.common.cache.kodavtryck`` takes from every module of the site's
    stages, differs (as it does when any of those files changes: tests/core/test_plan_cache)."""
    import generator.render.site.sidcache as sidcache
    import generator.render.site.vyer.mote as mote
    orig_kod, orig_rendera = sidcache.kod, mote.rendera
    monkeypatch.setattr(sidcache, "kod", lambda: orig_kod() + "-ändrad")

    def rendera(mall, sokvag, vy):
        return orig_rendera(mall, sokvag, vy).replace("</h1>", " (ändrad kod)</h1>", 1)
    monkeypatch.setattr(mote, "rendera", rendera)


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


def test_ombygge_utan_andring_lamnar_pdf_och_sidor_pa_plats(tmp_path, hjalp):
    """The daily rebuild with nothing changed (issue 14.3): every PDF and every page of the
    previous build is left in place (same inode: neither rendered, copied nor re-linked
    from the cache), nothing published disappears, and the result is byte-identical to a
    clean build of the same content."""
    rot = tmp_path / "innehall"
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.paragraf(rot, "2025-03-05", "01.md", "paragraf: 1\nrubrik: Budget\ndnr: 2025/00001",
                   "## Socialnämndens beslut\n\nGodkänns.")
    ut = tmp_path / "ut" / "site"
    hjalp.bygg_site(rot, ut, IDAG)
    pdfer = sorted(ut.rglob("*.pdf"))
    assert len(pdfer) >= 2
    sidor = sorted(ut.rglob("protokoll/**/index.html"))
    fore = {p: p.stat().st_ino for p in [*pdfer, *sidor]}
    summor = (ut / "data/sha256.txt").read_bytes()

    hjalp.bygg_site(rot, ut, IDAG)
    assert {p: p.stat().st_ino for p in fore if p.exists()} == fore
    assert (ut / "data/sha256.txt").read_bytes() == summor
    ren = hjalp.bygg_site(rot, tmp_path / "ren" / "site", IDAG)
    efter, facit = _avtryck(ut), _avtryck(ren)
    assert sorted(k for k in set(efter) | set(facit) if efter.get(k) != facit.get(k)) == []
