"""The person pages in a real browser (Debian's Chromium): from /ledamoter/ to a person, her
roles in two organs, and from her vote to the § page; and WCAG 2.1 AA (axe) on both pages."""
from __future__ import annotations

from datetime import date

import pytest

from tests.site.conftest import bygg_site
from tests.site.personer_hjalp import personarkiv


@pytest.fixture(scope="module")
def person_url(tmp_path_factory, serva) -> str:
    rot = tmp_path_factory.mktemp("personer-webb")
    site = bygg_site(personarkiv(rot / "innehall"), rot / "ut" / "site", date(2025, 6, 30),
                     utan_pdf=True)
    return serva(site)


def test_fran_ledamoter_till_person_och_vidare_till_omrostningen(sida, person_url):
    sida.goto(person_url)
    sida.get_by_role("navigation").get_by_role("link", name="Förtroendevalda").first.click()
    sida.wait_for_url("**/ledamoter/")
    sida.get_by_role("link", name="Lisa Provare", exact=True).click()
    sida.wait_for_url("**/ledamoter/lisa-provare/")
    assert sida.get_by_role("heading", level=1).inner_text() == "Lisa Provare (C)"

    uppdrag = sida.get_by_role("table", name="Aktuella uppdrag")
    assert uppdrag.get_by_role("row").all_inner_texts()[1:] == [
        "Kommunstyrelsens arbetsutskott\tledamot\t2025-02-11",
        "Kommunstyrelsen\tledamot\t2025-02-25"]
    roller = sida.get_by_role("table", name="Sammanträden 2025").get_by_role("row").all_inner_texts()
    assert "2025-02-11\tKommunstyrelsens arbetsutskott\tLedamot" in roller
    assert "2025-02-25\tKommunstyrelsen\tLedamot" in roller

    rad = sida.get_by_role("table", name="Jäv, reservationer och omröstningar").get_by_role(
        "row").filter(has_text="Röstade nej")
    rad.get_by_role("link", name="KS AU § 2").click()
    sida.wait_for_url("**/protokoll/ks-au/2025-02-11/2/")
    assert sida.get_by_role("heading", name="Omröstning").is_visible()
    assert sida.get_by_role("row", name="Lisa Provare (C) Nej").is_visible()


@pytest.mark.parametrize("sokvag", ["ledamoter/", "ledamoter/lisa-provare/", "protokoll/ks/"])
def test_axe_wcag21_aa_personsidor(sida, person_url, sokvag):
    from axe_playwright_python.sync_playwright import Axe
    sida.goto(person_url + sokvag)
    sida.wait_for_load_state("load")
    res = Axe().run(sida, options={"runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]})
    assert res.violations_count == 0, res.generate_report()
