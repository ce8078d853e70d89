"""Typed persons (issue 10.3): jäv, reservationer, omröstning and sekreterare are parsed once
into Person values by the model builder and matched by the one folding function. A name
written with or without its party, with other spacing around the party, or as a
tjänstgörande ersättare's whole entry ("..., ersätter ...") is the same förtroendevald as on
the beslutande list: his or her person page lists the §, and the § page shows it as written
(only the spacing around the party is normalised to "Namn (Parti)")."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tests.site.conftest import bygg_site
from tests.site.personer_hjalp import ersatt, personarkiv

IDAG = date(2025, 6, 30)
PAR = "ks/2025-02-25/01-arsredovisning.md"
MOTE = "ks/2025-02-25/sammantrade.md"

# each list names beslutande as the contract allows: party left out, no space before the
# party, extra spaces, another party than on the beslutande list, the whole ersättare entry
VARIANTER = [
    ("jav: [Per Persson (S)]", 'jav: ["Per Persson (S), ersätter Nils Nilsson (S)"]'),
    ("reservationer: [Eva Eriksson (V)]", 'reservationer: ["  Eva Eriksson(V) "]'),
    ("ja: [Eva Exempelsson (S), Karl Testberg (M), Lisa Provare (C)]",
     'ja: [Eva Exempelsson, "Karl Testberg   (M)", Lisa Provare (M)]'),
    ("nej: [Eva Eriksson (V)]", "nej: [Eva Eriksson]"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    rot = tmp_path_factory.mktemp("typade")
    innehall = personarkiv(rot / "innehall", hemlig_persondata=False)
    for gammal, ny in VARIANTER:
        ersatt(innehall / PAR, gammal, ny)
    ersatt(innehall / MOTE, "sekreterare: Olle Protokollsson", "sekreterare: Olle  Protokollsson (ej parti)")
    return bygg_site(innehall, rot / "ut" / "site", IDAG, utan_pdf=True)


def _handelser(site: Path, namn: str) -> set[tuple]:
    data = json.loads((site / "data/personer.json").read_text(encoding="utf-8"))
    p = next(p for p in data["personer"] if p["namn"] == namn)
    return {(x["organ"], x["paragraf"], x["typ"], x.get("rost")) for x in p["paragrafer"]
            if x["organ"] == "ks"}


def test_jav_skrivet_som_ersattarpost_ar_samma_person(site):
    assert _handelser(site, "Per Persson") == {("ks", 1, "jäv", None)}
    sida = (site / "ledamoter/per-persson/index.html").read_text(encoding="utf-8")
    assert "anmälde jäv" in sida.lower() and "Årsredovisning 2024" in sida


def test_reservation_och_rost_med_annat_mellanrum_och_utan_parti(site):
    assert _handelser(site, "Eva Eriksson") == {("ks", 1, "reservation", None),
                                                ("ks", 1, "röst", "nej")}
    sida = (site / "ledamoter/eva-eriksson/index.html").read_text(encoding="utf-8")
    assert "reserverade sig" in sida.lower() and "röstade nej" in sida.lower()


def test_rost_med_annat_parti_raknas_med_partiet_fran_beslutande(site):
    assert ("ks", 1, "röst", "ja") in _handelser(site, "Lisa Provare")
    assert ("ks", 1, "röst", "ja") in _handelser(site, "Karl Testberg")
    assert ("ks", 1, "röst", "ja") in _handelser(site, "Eva Exempelsson")
    data = (site / "data/omrostningar.csv").read_bytes().decode("utf-8-sig")
    rader = {tuple(r) for r in csv.reader(io.StringIO(data, newline=""))}
    assert ("ks", "2025-02-25", "1", "Lisa Provare", "C", "ja") in rader
    assert ("ks", "2025-02-25", "1", "Eva Exempelsson", "S", "ja") in rader


def test_paragrafsidan_och_json_visar_namnen_som_skrivna(site):
    sida = (site / "protokoll/ks/2025-02-25/1/index.html").read_text(encoding="utf-8")
    assert "Per Persson (S), ersätter Nils Nilsson (S) anmäler jäv" in sida
    assert "Eva Eriksson (V) reserverar sig" in sida
    # spacing around the party is written the one way (the name itself is kept as written)
    assert "<td>Karl Testberg (M)</td>" in sida and "<td>Eva Exempelsson</td>" in sida
    d = json.loads((site / "data/sammantraden/ks/2025-02-25.json").read_text(encoding="utf-8"))
    p = d["paragrafer"][0]
    assert p["jav"] == ["Per Persson (S), ersätter Nils Nilsson (S)"]
    assert p["reservationer"] == ["Eva Eriksson (V)"]
    assert p["omrostning"]["ja"] == ["Eva Exempelsson", "Karl Testberg (M)", "Lisa Provare (M)"]
    assert d["sekreterare"] == "Olle  Protokollsson (ej parti)"


def test_sekreteraren_far_ingen_personsida(site):
    data = json.loads((site / "data/personer.json").read_text(encoding="utf-8"))
    assert not any("Protokollsson" in p["namn"] for p in data["personer"])
