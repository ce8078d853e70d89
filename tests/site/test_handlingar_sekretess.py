"""Canary: handlingar that are never public (publiceras: false, sekretess, listed under a
secret kallelse item, cited only by a sekretess §) leave no trace of their text, title or
file name in any public byte (pages, decompressed search index, feeds, calendar, JSON,
CSV, sitemap, file names, PDFs read with pypdf and as raw and inflated bytes), on a day
before the kallelse, between kallelse and meeting, and after the justering of the §§
that cite them. Positive controls show that the scan sees public handling text."""
from __future__ import annotations

from datetime import date

import pytest

from tests.handlingar_hjalp import FORE_KALLELSE, KANARIER, MELLAN, skriv_arkiv
from tests.site.conftest import bygg_site
from tests.site.test_sekretess import _avkodat

DAGAR = {"fore-kallelse": FORE_KALLELSE, "mellan": MELLAN}


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory):
    return skriv_arkiv(tmp_path_factory.mktemp("handlingar-kanarie") / "innehall")


def _fynd(site):
    fynd, publik, filer = [], set(), 0
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        filer += 1
        rel = f.relative_to(site).as_posix()
        fynd += [f"sökväg {rel}" for k in KANARIER if k in rel.lower()]
        for d in _avkodat(rel, f.read_bytes()):
            lag = d.lower()
            fynd += [f"{rel}: {k}" for k in KANARIER if k.encode() in lag]
            fynd += [f"{rel}: personnummer" for pnr in (b"811218-9876", b"8112189876") if pnr in lag]
            for kontroll in (b"vattenkraft", "överskott".encode()):
                if kontroll in lag:
                    publik.add((rel.split("/")[0], kontroll))
    return fynd, publik, filer


@pytest.mark.parametrize("dag", DAGAR, ids=list(DAGAR))
def test_hemliga_handlingar_nar_ingen_publik_byte(arkiv, tmp_path, dag):
    site = bygg_site(arkiv, tmp_path / "ut" / "site", DAGAR[dag])
    fynd, publik, filer = _fynd(site)
    assert not fynd, "hemlig handling i utdata:\n" + "\n".join(sorted(set(fynd)))
    assert filer > 30
    # positive controls: the scan reads the pages and the search index
    assert ("protokoll", "överskott".encode()) in publik       # the § 1 handling's page
    assert ("pagefind", "överskott".encode()) in publik
    if DAGAR[dag] == MELLAN:
        assert ("protokoll", b"vattenkraft") in publik
        assert ("pagefind", b"vattenkraft") in publik
        sida = (site / "protokoll/ks/2025-04-01/index.html").read_text(encoding="utf-8")
        assert "Skrivelse 2025-03-11, lämnas ut på begäran" in sida
        assert "Handling som omfattas av sekretess" in sida
    else:
        assert ("protokoll", b"vattenkraft") not in publik       # not yet issued
        assert not (site / "protokoll/ks/2025-04-01/handlingar").exists()
