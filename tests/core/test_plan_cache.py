"""One cache scheme (issue 10.6): every cache keyed by what it was built from, including
the code of the stage that made it, found through the import system (no hand-kept file
lists); pickles only for our own data in our own cache folder."""
from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from generator.common import cache
from generator.common.cache import Cachefil, kodavtryck
from generator.render.pdf import jobb


@pytest.fixture
def paket(tmp_path: Path, monkeypatch):
    rot = tmp_path / "kod"
    (rot / "stegx").mkdir(parents=True)
    (rot / "stegx" / "__init__.py").write_text("")
    (rot / "stegx" / "a.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(rot))
    yield rot / "stegx"
    sys.modules.pop("stegx", None)
    cache._kodavtryck.cache_clear()


def _avtryck() -> str:
    cache._kodavtryck.cache_clear()
    return kodavtryck("stegx")


def test_kodavtrycket_foljer_varje_modul_i_steget(paket: Path):
    fore = _avtryck()
    (paket / "a.py").write_text("X = 2\n")
    andrat = _avtryck()
    assert andrat != fore
    (paket / "ny.py").write_text("")         # a module added later is covered without a list
    assert _avtryck() != andrat
    (paket / "under").mkdir()
    (paket / "under" / "b.py").write_text("")
    assert len({fore, andrat, _avtryck()}) == 3


def test_pdf_stegets_kod_omfattar_paketet_pdf_paket(tmp_path: Path):
    """The PDF cache's old hand-kept list missed render/pdf/paket.py (and, after the move
    into stage folders, listed paths that no longer existed)."""
    filer = {p.resolve() for namn in jobb.KOD for p in cache._kallfiler(namn)}
    pdf = Path(jobb.__file__).resolve().parent
    for namn in ("paket.py", "jobb.py", "data.py", "markdown.py", "motor.py", "__init__.py"):
        assert pdf / namn in filer, namn
    arkiv = Path(cache.__file__).resolve().parents[1] / "archive"
    assert arkiv / "plan.py" in filer and arkiv / "model.py" in filer


def test_cachefil_bara_under_sin_nyckel(tmp_path: Path):
    fil = tmp_path / "c.pickle"
    Cachefil(fil, "kod-1").spara({"a": 1})
    assert Cachefil(fil, "kod-1").las() == {"a": 1}
    assert Cachefil(fil, "kod-2").las() == {}            # other code: an empty cache
    fil.write_bytes(b"not a pickle")
    assert Cachefil(fil, "kod-1").las() == {}            # damaged: an empty cache
    assert Cachefil(tmp_path / "saknas.pickle", "kod-1").las() == {}


def test_markdownminnet_galler_bara_for_sin_kod(tmp_path: Path):
    """The site's Markdown memo survives builds (the page fingerprint does not clear it):
    an entry made by other code is never used, one made by this code is."""
    from generator.commands.bygg import markdown_cache
    from tests.conftest import BAS, kor_anslag

    text = "Beslutet justeras omedelbart."
    gift = {text: "<p>FRAN-ANNAN-KOD</p>"}

    def bygg(namn: str, forbered) -> str:
        ut = tmp_path / namn
        forbered(tmp_path / ".cache" / f"anslag-{namn}")
        k = kor_anslag("bygg", "--innehall", str(BAS), "--ut", str(ut), "--arkiv",
                       str(tmp_path / f"arkiv-{namn}"), "--idag", "2025-03-01", "--utan-pdf")
        assert k.kod == 0, k.fel
        return (ut / "protokoll/ks/2025-02-25/3/index.html").read_text("utf-8")

    def utan_nyckel(c: Path) -> None:      # as builds wrote it before: no code in the key
        c.mkdir(parents=True, exist_ok=True)
        (c / "markdown.pickle").write_bytes(pickle.dumps(gift))

    annan = bygg("a", utan_nyckel)
    assert text in annan and "FRAN-ANNAN-KOD" not in annan
    samma = bygg("b", lambda c: markdown_cache(c).spara(gift))
    assert "FRAN-ANNAN-KOD" in samma      # the key is what keeps a stale entry out
