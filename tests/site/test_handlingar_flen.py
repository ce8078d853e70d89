"""The Flen example (examples/flen, transcribed from the Flen seed: SAN 2024-03-21 at the
kallelse stage) in Chromium on a day between the kallelse (2024-03-11) and the meeting:
every handling is found from the meeting page and read as a page and as a PDF, and a word
that occurs only inside the attached PDF handling is found through the search page. Every
request to another host fails the test (tests/site/conftest.py)."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.site.conftest import ROT, bygg_site

FLEN = ROT / "examples" / "flen"
MOTE = "protokoll/san/2024-03-21/"
MELLAN = date(2024, 3, 15)


@pytest.fixture(scope="module")
def url(tmp_path_factory, serva):
    return serva(bygg_site(FLEN, tmp_path_factory.mktemp("flen") / "site", MELLAN))


def test_varje_handling_las_som_sida_och_pdf(sida, url):
    sida.goto(url + MOTE)
    lankar = sida.locator(".kallelse ul.handlingar a")
    hrefs = [lankar.nth(i).get_attribute("href") for i in range(lankar.count())]
    mappar = sorted(p.name for p in (FLEN / "san/2024-03-21/handlingar").iterdir())
    # every file in handlingar/ is linked once: a Markdown one by its page, the PDF as is
    assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs) == sorted(
        m[:-3] if m.endswith(".md") else m for m in mappar)
    assert len(hrefs) >= 9
    for href in hrefs:
        if href.endswith("/"):    # a page (a PDF is fetched, not opened in the viewer)
            sida.goto(url + MOTE + href)
            sida.wait_for_load_state("load")
            artikel = sida.locator("article.handling")
            assert artikel.locator("h1").inner_text().strip()
            pdf_lank = artikel.locator("p.dokument a").get_attribute("href")
            svar = sida.request.get(sida.url + pdf_lank)
        else:
            svar = sida.request.get(url + MOTE + href)
        assert svar.ok, href
        text = "".join(s.extract_text() for s in PdfReader(BytesIO(svar.body())).pages)
        assert len(text) > 200, href
    paket = sida.request.get(url + MOTE + "kallelse-med-handlingar.pdf")
    assert paket.ok and len(PdfReader(BytesIO(paket.body())).outline) >= 12


def test_ord_som_bara_finns_i_den_bifogade_pdf_filen(sida, url):
    andra = " ".join(p.read_text(encoding="utf-8") for p in FLEN.rglob("*.md")).lower()
    assert "lägesrapportering" not in andra
    sida.goto(url + "sok/?q=lägesrapportering")
    traff = sida.locator('.pagefind-ui__result-link[href$="/avsiktsforklaring-barn-och-unga-2024-2027.pdf"]')
    traff.first.wait_for(timeout=15000)
    assert traff.count() == 1
