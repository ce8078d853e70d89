"""The daily rebuild with nothing changed keeps the published site as it is (issue 14.3,
``generator/commands/publicerad.py``): no file of the site or the archive folder is
touched, and the shortcut is taken only when that equals a clean build. Every way the
output can differ must rebuild: another day (an anslag taken down), edited content (also
when ``anslag kontrollera`` saw the edit first), and a published file changed or removed."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from generator.commands.bygg import bygg
from generator.commands.kontroll import kontrollera
from generator.commands.publicerad import filer

IDAG = date(2025, 3, 10)
SENARE = date(2025, 4, 15)          # the anslag of 2025-03-07 is taken down by then
MEDDELANDE = "Inget har ändrats sedan förra bygget; webbplatsen är oförändrad."


def _innehall(rot: Path, hjalp) -> Path:
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.paragraf(rot, "2025-03-05", "01.md", "paragraf: 1\nrubrik: Budget\ndnr: 2025/00001",
                   "## Socialnämndens beslut\n\nGodkänns.")
    return rot


def _bygg(capsys, rot: Path, ut: Path, idag: date, utan_pdf: bool = True) -> str:
    """``anslag bygg`` in-process with its progress output (stderr); returns what it printed."""
    capsys.readouterr()
    kod = bygg(rot, ut, ut.parent / "arkiv", idag, utan_pdf)
    out, err = capsys.readouterr()
    assert kod == 0, err
    return out + err


def _bytes(rot: Path) -> dict[str, str]:
    return {p.relative_to(rot).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(rot.rglob("*")) if p.is_file()
            and not p.relative_to(rot).as_posix().startswith(("pagefind/", "sitemap.xml"))}


def _som_ren(capsys, rot: Path, ut: Path, ren: Path, idag: date, utan_pdf: bool = True) -> None:
    _bygg(capsys, rot, ren, idag, utan_pdf)
    efter, facit = _bytes(ut), _bytes(ren)
    assert sorted(k for k in set(efter) | set(facit) if efter.get(k) != facit.get(k)) == []


def test_samma_dag_utan_andring_rors_ingen_fil(tmp_path, hjalp, capsys):
    rot = _innehall(tmp_path / "innehall", hjalp)
    ut = tmp_path / "ut" / "site"
    assert MEDDELANDE not in _bygg(capsys, rot, ut, IDAG, utan_pdf=False)
    fore, arkiv = filer(ut), filer(ut.parent / "arkiv")
    assert any(k.endswith(".pdf") for k in fore) and arkiv

    (rot / "sn/2025-03-05/01.md").touch()        # touched, not changed
    assert MEDDELANDE in _bygg(capsys, rot, ut, IDAG, utan_pdf=False)
    assert filer(ut) == fore and filer(ut.parent / "arkiv") == arkiv   # size, mtime, inode
    _som_ren(capsys, rot, ut, tmp_path / "ren" / "site", IDAG, utan_pdf=False)
    # the other setting (without PDFs) is another output: built, not kept
    assert MEDDELANDE not in _bygg(capsys, rot, ut, IDAG)


def test_ny_dag_som_tar_ned_ett_anslag_bygger_om(tmp_path, hjalp, capsys):
    """Also the organ's year page (a reused unit, ``minne.ar``): a planned meeting that has
    been held by the later day has another status."""
    rot = _innehall(tmp_path / "innehall", hjalp)
    hjalp.mote(rot, "2025-03-20", "2025-03-24", "2025-03-24")
    ut = tmp_path / "ut" / "site"
    _bygg(capsys, rot, ut, IDAG)
    tavla = (ut / "index.html").read_bytes()
    assert "Sista dag för överklagande".encode() in tavla
    ar = ut / "protokoll/sn/2025/index.html"
    assert "Planerat" in ar.read_text(encoding="utf-8")

    assert MEDDELANDE not in _bygg(capsys, rot, ut, SENARE)
    assert "Sista dag för överklagande".encode() not in (ut / "index.html").read_bytes()
    assert "Planerat" not in ar.read_text(encoding="utf-8")
    _som_ren(capsys, rot, ut, tmp_path / "ren" / "site", SENARE)
    assert MEDDELANDE in _bygg(capsys, rot, ut, SENARE)


def test_andrat_innehall_bygger_om_aven_efter_kontrollera(tmp_path, hjalp, capsys):
    rot = _innehall(tmp_path / "innehall", hjalp)
    ut = tmp_path / "ut" / "site"
    _bygg(capsys, rot, ut, IDAG)
    p = rot / "sn/2025-03-05/01.md"
    p.write_text(p.read_text(encoding="utf-8").replace("Budget", "Budgeten"), encoding="utf-8")
    # the check cache sees the edit first: the build's own check then finds nothing new
    kontrollera(rot, ut.parent / ".cache" / f"anslag-{ut.name}")
    assert MEDDELANDE not in _bygg(capsys, rot, ut, IDAG)
    assert "Budgeten" in (ut / "protokoll/sn/2025-03-05/1/index.html").read_text(
        encoding="utf-8")
    _som_ren(capsys, rot, ut, tmp_path / "ren" / "site", IDAG)


def test_andrad_eller_borttagen_fil_i_webbplatsen_bygger_om(tmp_path, hjalp, capsys):
    rot = _innehall(tmp_path / "innehall", hjalp)
    ut = tmp_path / "ut" / "site"
    _bygg(capsys, rot, ut, IDAG)
    sida = ut / "protokoll/sn/2025-03-05/1/index.html"
    original = sida.read_bytes()
    sida.write_bytes(original.replace(b"Budget", b"Bodget"))
    assert MEDDELANDE not in _bygg(capsys, rot, ut, IDAG)
    assert sida.read_bytes() == original

    (ut / "data/sha256.txt").unlink()
    assert MEDDELANDE not in _bygg(capsys, rot, ut, IDAG)
    _som_ren(capsys, rot, ut, tmp_path / "ren" / "site", IDAG)
    assert MEDDELANDE in _bygg(capsys, rot, ut, IDAG)
