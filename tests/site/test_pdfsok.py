"""The text of published PDF files for search (render/site/pdfsok.py) is extracted once per
file content and kept in our cache folder, keyed by the file's SHA-256 and the code that
extracted it (issue 11: every build used to parse every published PDF again)."""
from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

from generator.archive.plan import plan
from generator.render.site import pdfsok
from generator.rules import las_arkiv
from tests.site.conftest import ROT

FLEN = ROT / "examples" / "flen"
PDF = "san/2024-03-21/handlingar/avsiktsforklaring-barn-och-unga-2024-2027.pdf"


def _poster(innehall: Path, cache: Path, buckets=None) -> dict:
    arkiv, rapport = las_arkiv(innehall)
    assert arkiv is not None and not rapport.har_fel
    return pdfsok.poster(plan(arkiv, date(2024, 3, 15), pdf=True), buckets, cache)


def _texter(poster: dict) -> list[str]:
    return [text for rader in poster.values() for url, text, _t in rader if url.endswith(".pdf")]


def test_texten_tas_ur_cachen_efter_filens_innehall(tmp_path: Path):
    innehall = tmp_path / "flen"
    shutil.copytree(FLEN, innehall)
    cache = tmp_path / "cache"
    forsta = _texter(_poster(innehall, cache))
    assert any("lägesrapportering" in t.lower() for t in forsta)
    h = hashlib.sha256((innehall / PDF).read_bytes()).hexdigest()
    lagrat = pdfsok.textcache(cache).las()
    assert set(lagrat) == {h}
    # the next build takes the text from the cache (marked here), without parsing the file
    pdfsok.textcache(cache).spara({h: "FRAN-CACHEN"})
    assert _texter(_poster(innehall, cache)) == ["FRAN-CACHEN"]
    # a bucket not indexed this time is not read, and its text stays cached
    assert _poster(innehall, cache, buckets=["2023"]) == {}
    assert pdfsok.textcache(cache).las() == {h: "FRAN-CACHEN"}
    # another file content (the kommun replaced the PDF) is parsed again
    (innehall / PDF).write_bytes((innehall / PDF).read_bytes() + b"\n% ny version\n")
    assert any("lägesrapportering" in t.lower() for t in _texter(_poster(innehall, cache)))


def test_cachen_galler_bara_for_sin_kod(tmp_path: Path):
    cache = tmp_path / "cache"
    h = hashlib.sha256((FLEN / PDF).read_bytes()).hexdigest()
    pdfsok.Cachefil(cache / "pdftext.pickle", "annan kod").spara({h: "FRAN-ANNAN-KOD"})
    texter = _texter(_poster(FLEN, cache))
    assert texter and "FRAN-ANNAN-KOD" not in texter
