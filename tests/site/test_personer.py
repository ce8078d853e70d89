"""Förtroendevalda: the person model as published (personer.json, omrostningar.csv, and the
/ledamoter/ pages), built for real from tests/site/personer_hjalp.py's archive."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests.site.conftest import bygg_site
from tests.site.personer_hjalp import personarkiv

IDAG = date(2025, 6, 30)


@pytest.fixture(scope="module")
def person_site(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("personer")
    return bygg_site(personarkiv(rot / "innehall"), rot / "ut" / "site", IDAG, utan_pdf=True)


def _personer(site: Path) -> dict[str, dict]:
    data = json.loads((site / "data/personer.json").read_text(encoding="utf-8"))
    return {p["namn"]: p for p in data["personer"]}


def test_bara_fortroendevalda_far_en_post(person_site):
    namn = set(_personer(person_site))
    assert namn == {"Eva Exempelsson", "Karl Testberg", "Lisa Provare", "Per Persson",
                    "Eva Eriksson", "Stina Suppleant"}
    # the sekreterare (also under ovriga) and the ledamot replaced by an ersättare are not
    assert "Olle Protokollsson" not in namn and "Nils Nilsson" not in namn


def test_roller_parti_och_narvaro(person_site):
    p = _personer(person_site)
    lisa = p["Lisa Provare"]
    assert lisa["parti"] == "C"
    assert [x["parti"] for x in lisa["partier"]] == ["M", "C"]
    assert lisa["url"] == "https://anslagstavla.exempelby.example/ledamoter/lisa-provare/"
    assert {(x["organ"], x["roll"]) for x in lisa["uppdrag"]} == {("ks-au", "ledamot"),
                                                                  ("ks", "ledamot")}
    assert p["Eva Exempelsson"]["sammantraden"][0]["roll"] == "ordförande"
    per = p["Per Persson"]["sammantraden"]
    assert per == [{"organ": "ks", "datum": "2025-02-25", "roll": "tjänstgörande ersättare",
                    "ersatter": "Nils Nilsson (S)",
                    "url": "https://anslagstavla.exempelby.example/protokoll/ks/2025-02-25/"}]
    assert p["Per Persson"]["narvaro"] == [{"ar": 2025, "som_ledamot": 0,
                                            "som_tjanstgorande_ersattare": 1,
                                            "som_ej_tjanstgorande_ersattare": 0}]
    assert p["Stina Suppleant"]["sammantraden"][0]["roll"] == "ej tjänstgörande ersättare"
    assert p["Karl Testberg"]["narvaro"][0]["som_ledamot"] == 2


def test_jav_reservationer_och_roster_per_paragraf(person_site):
    p = _personer(person_site)
    karl = {(x["organ"], x["paragraf"], x["typ"], x.get("rost")) for x in
            p["Karl Testberg"]["paragrafer"]}
    assert karl == {("ks-au", 2, "röst", "ja"), ("ks", 1, "röst", "ja")}
    eva = {(x["organ"], x["paragraf"], x["typ"], x.get("rost")) for x in
           p["Eva Eriksson"]["paragrafer"]}
    assert eva == {("ks", 1, "reservation", None), ("ks", 1, "röst", "nej")}
    assert [(x["typ"], x["url"]) for x in p["Per Persson"]["paragrafer"]] == [
        ("jäv", "https://anslagstavla.exempelby.example/protokoll/ks/2025-02-25/1/")]


def test_omrostningar_csv(person_site):
    data = (person_site / "data/omrostningar.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rader = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rader[0] == ["organ", "datum", "paragraf", "person", "parti", "röst"]
    assert sorted(rader[1:]) == sorted([
        ["ks-au", "2025-02-11", "2", "Eva Exempelsson", "S", "ja"],
        ["ks-au", "2025-02-11", "2", "Karl Testberg", "M", "ja"],
        ["ks-au", "2025-02-11", "2", "Lisa Provare", "M", "nej"],   # her party at that meeting
        ["ks", "2025-02-25", "1", "Eva Exempelsson", "S", "ja"],
        ["ks", "2025-02-25", "1", "Karl Testberg", "M", "ja"],
        ["ks", "2025-02-25", "1", "Lisa Provare", "C", "ja"],
        ["ks", "2025-02-25", "1", "Eva Eriksson", "V", "nej"]])


def test_personsidor_false_stanger_av_sidor_och_filer(tmp_path):
    site = bygg_site(personarkiv(tmp_path / "in", personsidor=False), tmp_path / "ut" / "site",
                     IDAG, utan_pdf=True)
    assert (site / "data/paragrafer.csv").exists()
    assert not (site / "data/personer.json").exists()
    assert not (site / "data/omrostningar.csv").exists()
    assert not (site / "ledamoter").exists()
    assert "ledamoter/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # no link to the missing pages: not in the navigation, the organ pages or the data page
    for sida in ("index.html", "protokoll/ks/index.html", "data/index.html"):
        assert "ledamoter" not in (site / sida).read_text(encoding="utf-8"), sida
    assert "personer.json" not in (site / "data/index.html").read_text(encoding="utf-8")


def _html(site: Path, sokvag: str) -> str:
    return (site / sokvag / "index.html").read_text(encoding="utf-8")


def test_ledamotssidan_visar_roller_narvaro_och_roster(person_site):
    h = _html(person_site, "ledamoter/lisa-provare")
    assert "<h1>Lisa Provare (C)</h1>" in h
    assert "M från" in h and "C från" in h           # party over time
    # assignments in two organs, attendance per year as ledamot
    assert '<a href="../../protokoll/ks-au/">Kommunstyrelsens arbetsutskott</a></td><td>ledamot' in h
    assert '<a href="../../protokoll/ks/">Kommunstyrelsen</a></td><td>ledamot' in h
    assert "<tr><td>2025</td><td>2</td><td>0</td><td>0</td></tr>" in h
    # her vote and reservation in KS AU and her vote in KS link to the § pages
    assert ('<a href="../../protokoll/ks-au/2025-02-11/2/">KS AU § 2</a></td>'
            "<td>Delegationsbeslut</td><td>Reserverade sig</td>") in h
    assert "<td>Delegationsbeslut</td><td>Röstade nej</td>" in h
    assert '<a href="../../protokoll/ks/2025-02-25/1/">KS § 1</a>' in h
    per = _html(person_site, "ledamoter/per-persson")
    assert "Tjänstgörande ersättare, ersätter Nils Nilsson (S)" in per
    assert "<td>Anmälde jäv</td>" in per


def test_ledamoterindex_per_parti_och_organ(person_site):
    h = _html(person_site, "ledamoter")
    for parti in ("C", "M", "S", "V"):
        assert f"<caption>Förtroendevalda, {parti}</caption>" in h
    assert h.index("Förtroendevalda, C<") < h.index("Förtroendevalda, M<") < h.index(
        "Förtroendevalda, S<")
    assert '<a href="karl-testberg/">Karl Testberg</a></td><td>KS AU: ledamot, KS: ledamot' in h
    assert '<h3 id="organ-ks"><a href="../protokoll/ks/">Kommunstyrelsen</a></h3>' in h
    assert "Olle Protokollsson" not in h


def test_organsidan_listar_ledamoter_vid_senaste_motet(person_site):
    h = _html(person_site, "protokoll/ks")
    assert 'Ledamöter och ersättare vid sammanträdet <time datetime="2025-02-25">' in h
    assert '<td><a href="../../ledamoter/per-persson/">Per Persson (S)</a></td><td>ersättare' in h
    # the ledamot Per Persson stood in for has no page of his own but is a member
    assert "<tr><td>Nils Nilsson (S)</td><td>ledamot</td></tr>" in h


def test_datasidan_beskriver_personfilerna(person_site):
    h = _html(person_site, "data")
    assert '<a href="personer.json">personer.json</a>' in h
    assert '<a href="omrostningar.csv">omrostningar.csv</a>' in h and "byteordningsmärke" in h


ELAK = "=cmd|' /C calc'!A0 <script>alert`xss`</script> \"Citat\" &amp; <b>Fet</b>"


def test_namn_och_parti_escapas_i_sidor_json_och_csv(tmp_path):
    from tests.site.personer_hjalp import ersatt
    rot = personarkiv(tmp_path / "in")
    elak = ELAK.replace('"', '\\"')
    ersatt(rot / "ks/2025-02-25/sammantrade.md", "  - Eva Eriksson (V)\n",
           f"  - Eva Eriksson (V)\n  - \"{elak} (<i>P</i>)\"\n")
    ersatt(rot / "ks/2025-02-25/01-arsredovisning.md", "  nej: [Eva Eriksson (V)]",
           f"  nej: [Eva Eriksson (V), \"{elak} (<i>P</i>)\"]")
    site = bygg_site(rot, tmp_path / "ut" / "site", IDAG, utan_pdf=True)
    sidor = [p for p in (site / "ledamoter").rglob("index.html")] + [site / "protokoll/ks/index.html"]
    assert len(sidor) == 9
    for p in sidor:
        h = p.read_text(encoding="utf-8")
        for ra in ("<script>alert", "<b>Fet", "<i>P"):
            assert ra not in h, (p, ra)
    h = next(p for p in sidor if "cmd" in p.parent.name).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert`xss`&lt;/script&gt;" in h and "&lt;i&gt;P&lt;/i&gt;" in h
    data = json.loads((site / "data/personer.json").read_text(encoding="utf-8"))
    assert any(p["namn"].startswith("=cmd") and "<script>" in p["namn"] for p in data["personer"])
    assert b"<script>" not in (site / "data/personer.json").read_bytes()
    rader = list(csv.reader(io.StringIO(
        (site / "data/omrostningar.csv").read_bytes().decode("utf-8-sig"), newline="")))
    elaka = [r for r in rader if "cmd" in r[3]]
    assert len(elaka) == 1
    assert elaka[0][3].startswith("'=cmd") and "<script>" not in elaka[0][3]
    assert elaka[0][4] == "&lt;i&gt;P&lt;/i&gt;"
