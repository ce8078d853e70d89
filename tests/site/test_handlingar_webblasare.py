"""Handlingar in a real browser (Debian's Chromium, every non-localhost request fails the
test): on a day between kallelse and meeting, find each public handling from the meeting
page, read it as a page (and its PDF when PDFs are built), and find a word that occurs only
inside an attached PDF through the search page. Fixture archive tests/handlingar_hjalp.py
(the Flen example is tested the same way in test_handlingar_flen.py)."""
from __future__ import annotations

import pytest

from tests.handlingar_hjalp import MELLAN, skriv_arkiv
from tests.site.conftest import bygg_site

MOTE = "protokoll/ks/2025-04-01/"


@pytest.fixture(scope="module")
def url(tmp_path_factory, serva):
    rot = skriv_arkiv(tmp_path_factory.mktemp("hwebb") / "innehall")
    return serva(bygg_site(rot, tmp_path_factory.mktemp("hwebb-ut") / "site", MELLAN))


def test_handlingarna_nas_fran_motessidan(sida, url):
    sida.goto(url + MOTE)
    lankar = sida.locator(".kallelse ul.handlingar a")
    hrefs = [lankar.nth(i).get_attribute("href") for i in range(lankar.count())]
    assert hrefs == ["handlingar/tjansteskrivelse-budget-2026/", "handlingar/budgetunderlag.pdf"]
    sida.locator(".kallelse a", has_text="Budget 2026").first.click()
    sida.wait_for_load_state("load")
    assert sida.locator("h1").inner_text() == "Budget 2026"
    assert "Anna Ekonom, ekonomichef" in sida.locator("article.handling").inner_text()
    svar = sida.request.get(url + MOTE + "handlingar/budgetunderlag.pdf")
    assert svar.ok and svar.body().startswith(b"%PDF-")


def test_ett_ord_bara_i_en_bifogad_pdf_hittas(sida, url):
    sida.goto(url + "sok/?q=myrstackskalkylen")
    traff = sida.locator('.pagefind-ui__result-link[href$="/handlingar/budgetunderlag.pdf"]')
    traff.first.wait_for(timeout=15000)
    assert traff.first.inner_text().strip() == "Budgetunderlag 2026"
