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
