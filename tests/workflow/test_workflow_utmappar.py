"""The output folders (contract: "Output folders"): `anslag bygg` never writes into,
over or around the content folder, never empties a folder it did not create, and
keeps the site and the archive apart. Each case runs the real command line and
checks that every file that was there before is still there, byte for byte."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from arbetsflode_hjalp import kor
from tests.conftest import BAS

MARKOR = ".anslag-utdata"


def _avtryck(rot: Path) -> dict[str, str]:
    return {p.relative_to(rot).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(rot.rglob("*")) if p.is_file()}


@pytest.fixture
def hem(tmp_path: Path) -> Path:
    """tmp/hem/innehall (a copy of the fixture archive) and a user's file beside it."""
    innehall = tmp_path / "hem" / "innehall"
    shutil.copytree(BAS, innehall)
    (tmp_path / "hem" / "anteckningar.txt").write_text("mina anteckningar\n", encoding="utf-8")
    return tmp_path / "hem"


def _bygg(hem: Path, ut, arkiv) -> object:
    return kor("bygg", "--innehall", hem / "innehall", "--ut", ut, "--arkiv", arkiv,
               "--idag", "2025-03-20", "--utan-pdf", "--tyst")


def _vagrar(hem: Path, ut, arkiv, ord: str) -> None:
    fore = _avtryck(hem.parent)
    r = _bygg(hem, ut, arkiv)
    assert r.kod == 2, r.allt
    assert ord in r.fel and "Inget byggdes" in r.fel, r.fel
    assert _avtryck(hem.parent) == fore      # nothing touched, nothing added
    assert not (hem.parent / ".cache").exists() and not (hem / ".cache").exists()


def test_ut_ar_innehallsmappen(hem: Path):
    _vagrar(hem, hem / "innehall", hem / "arkiv", "är innehållsmappen")


def test_ut_innehaller_innehallsmappen(hem: Path):
    _vagrar(hem, hem, hem.parent / "arkiv", "innehåller innehållsmappen")


def test_ut_inne_i_innehallsmappen(hem: Path):
    _vagrar(hem, hem / "innehall" / "site", hem / "arkiv", "ligger inne i innehållsmappen")


def test_arkiv_ar_innehallsmappen(hem: Path):
    _vagrar(hem, hem / "site", hem / "innehall", "är innehållsmappen")


def test_arkiv_lika_med_ut_med_annan_stavning(hem: Path):
    (hem / "x").mkdir()
    _vagrar(hem, hem / "site", hem / "x" / ".." / "site", "samma mapp")


def test_arkiv_ar_en_lank_till_ut(hem: Path):
    os.symlink(hem / "site", hem / "arkivlank")
    _vagrar(hem, hem / "site", hem / "arkivlank", "samma mapp")


def test_ut_ar_en_lank_till_innehallet(hem: Path):
    os.symlink(hem / "innehall", hem / "sitelank")
    _vagrar(hem, hem / "sitelank", hem / "arkiv", "är innehållsmappen")


def test_befintlig_frammande_mapp_toms_aldrig(hem: Path):
    ut = hem / "dokument"
    ut.mkdir()
    (ut / "viktigt.docx").write_bytes(b"mitt arbete")
    (ut / "index.html").write_text("<p>min egen sida</p>", encoding="utf-8")
    _vagrar(hem, ut, hem / "arkiv", "skapades inte av \"anslag bygg\"")
    assert (ut / "viktigt.docx").read_bytes() == b"mitt arbete"


def test_befintlig_frammande_arkivmapp_toms_aldrig(hem: Path):
    (hem / "arkiv").mkdir()
    (hem / "arkiv" / "gammalt.pdf").write_bytes(b"%PDF-1.4 eget\n")
    _vagrar(hem, hem / "site", hem / "arkiv", "--arkiv")


def test_markor_i_bada_mapparna_och_ombyggnad_gar(hem: Path):
    (hem / "site").mkdir()                     # an empty folder is taken over
    (hem / "arkiv").mkdir()
    r = _bygg(hem, hem / "site", hem / "arkiv")
    assert r.kod == 0, r.allt
    assert (hem / "site" / MARKOR).is_file() and (hem / "arkiv" / MARKOR).is_file()
    assert (hem / "site" / "index.html").is_file()
    r = _bygg(hem, hem / "site", hem / "arkiv")
    assert r.kod == 0, r.allt
    assert (hem / "site" / MARKOR).is_file()
    assert (hem / "anteckningar.txt").read_text(encoding="utf-8") == "mina anteckningar\n"


def test_frammande_mapp_med_byggets_mellanlagringsnamn_lamnas(hem: Path):
    """The build removes leftovers of interrupted builds beside --ut only when they are ours."""
    frammande = hem / ".site.ny-4242"
    frammande.mkdir()
    (frammande / "fil.txt").write_text("inte byggets\n", encoding="utf-8")
    r = _bygg(hem, hem / "site", hem / "arkiv")
    assert r.kod == 0, r.allt
    assert (frammande / "fil.txt").read_text(encoding="utf-8") == "inte byggets\n"


def test_ny_skriver_aldrig_genom_en_lank_ut_ur_innehallet(hem: Path, tmp_path: Path):
    """`anslag ny` writes only inside the content folder: an organ folder that is a link
    to a folder outside is an error and nothing is created there."""
    ute = tmp_path / "ute"
    shutil.copytree(hem / "innehall" / "ks", ute)
    os.symlink(ute, hem / "innehall" / "ks2")
    fore = _avtryck(ute)
    r = kor("ny", "ks2", "2025-05-01", "--innehall", hem / "innehall")
    assert r.kod == 1, r.allt
    assert _avtryck(ute) == fore and not (ute / "2025-05-01").exists()
    k = kor("kontrollera", "--innehall", hem / "innehall")
    assert k.kod == 1 and "ks2: fel: lank: " in k.fel, k.fel
