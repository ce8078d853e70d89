"""Handlingar on the site: the kallelse on the meeting page (tid, plats, program,
ärendelista with /tillagd/ /reviderad/ and the handlingar of each item) from the day it
was issued, a page per Markdown handling with its facts and "Behandlad i", files published
as they are, and beslutsunderlag linking to the handling. Real build of
tests/handlingar_hjalp.py."""
from __future__ import annotations

import re

import pytest

from tests.handlingar_hjalp import FORE_KALLELSE, MELLAN, MOTE, skriv_arkiv
from tests.site.conftest import bygg_site


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory):
    return skriv_arkiv(tmp_path_factory.mktemp("handlingar") / "innehall")


@pytest.fixture(scope="module")
def site(arkiv, tmp_path_factory):
    return bygg_site(arkiv, tmp_path_factory.mktemp("hsite") / "site", MELLAN, utan_pdf=True)


def test_motessidan_visar_kallelsen_med_handlingar(site):
    html = (site / "protokoll" / MOTE.split("/", 1)[0] / "2025-04-01/index.html").read_text(
        encoding="utf-8")
    t = _text(html)
    assert "Kallelsen utfärdades torsdagen den 20 mars 2025" in t
    assert "Tid 09:00–12:00" in t and "Plats Stora salen, Exempelby kommunhus" in t
    assert "Sammanträdet inleds med en dragning om budgetläget." in t     # the program
    assert "/tillagd/ Vägbelysning i Exempelby" in t
    assert "/reviderad/ Taxa för bygglov" in t
    assert "Ärende enligt LVU (sekretess: OSL 26 kap. 1 §)" in t
    assert '<a href="handlingar/tjansteskrivelse-budget-2026/">Tjänsteskrivelse: Budget 2026</a>' in html
    assert '<a href="handlingar/budgetunderlag.pdf">Budgetunderlag 2026</a> (PDF, 11 kB)' in html


def test_handlingens_sida(site):
    html = (site / "protokoll/ks/2025-04-01/handlingar/tjansteskrivelse-budget-2026/index.html"
            ).read_text(encoding="utf-8")
    t = _text(html)
    for rad in ("Tjänsteskrivelse Budget 2026", "Datum 2025-03-10", "Diarienummer KS 2025/40",
                "Avsändare Kommunledningsförvaltningen",
                "Handläggare Anna Ekonom, ekonomichef", "Till Kommunstyrelsen",
                "Förslag till beslut", "vattenkraftsprognosen",
                "Skickas till Kommunfullmäktige Ekonomienheten"):
        assert rad in t, rad
    assert "data-pagefind-body" in html
    assert "Behandlad i" not in t                     # no § has decided it yet


def test_filen_publiceras_som_den_ar(site, arkiv):
    assert (site / "protokoll/ks/2025-04-01/handlingar/budgetunderlag.pdf").read_bytes() == (
        arkiv / MOTE / "handlingar/budgetunderlag.pdf").read_bytes()
    summor = (site / "data/sha256.txt").read_text(encoding="utf-8")
    assert "protokoll/ks/2025-04-01/handlingar/budgetunderlag.pdf" in summor


def test_beslutsunderlaget_lankar_och_handlingen_lankar_tillbaka(site):
    p = (site / "protokoll/ks/2025-02-25/1/index.html").read_text(encoding="utf-8")
    assert ('<a href="../handlingar/ts-arsredovisning-2024/">Tjänsteskrivelse Årsredovisning '
            '2024</a>') in p
    h = (site / "protokoll/ks/2025-02-25/handlingar/ts-arsredovisning-2024/index.html").read_text(
        encoding="utf-8")
    assert 'Behandlad i <a href="../../1/">KS 2025-02-25 § 1</a>' in h
    # the sekretess § 2 names no handling
    assert "handlingar" not in (site / "protokoll/ks/2025-02-25/2/index.html").read_text(
        encoding="utf-8").split("<article", 1)[1]


def test_fore_kallelsedagen_syns_ingen_kallelse(arkiv, tmp_path):
    site = bygg_site(arkiv, tmp_path / "site", FORE_KALLELSE, utan_pdf=True)
    t = _text((site / "protokoll/ks/2025-04-01/index.html").read_text(encoding="utf-8"))
    assert "Budget 2026" not in t and "Vägbelysning" not in t
    assert not (site / "protokoll/ks/2025-04-01/handlingar").exists()


def test_arendets_gang_med_handlingar(site):
    t = _text((site / "arenden/KS 2025-12/index.html").read_text(encoding="utf-8"))
    i_hand = t.index("Tjänsteskrivelse : Årsredovisning 2024")
    assert i_hand < t.index("KS AU 2025-02-11 § 1") < t.index("KS 2025-02-25 § 1")
    # a dnr that so far has only a handling
    t40 = _text((site / "arenden/KS 2025-40/index.html").read_text(encoding="utf-8"))
    assert "Tjänsteskrivelse : Budget 2026" in t40 and "§" not in t40.split("äldst först.")[1]
    index = (site / "arenden/index.html").read_text(encoding="utf-8")
    assert '<a href="KS%202025-40/">KS 2025/40</a></td><td>Budget 2026</td>' in index


def test_oppna_data_och_flode(site):
    import csv
    import io
    import json
    import xml.etree.ElementTree as ET
    raw = (site / "data/handlingar.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")) and b"\r\n" in raw
    rader = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert {(r["sammantrade"], r["titel"]) for r in rader} == {
        ("2025-02-25", "Årsredovisning 2024"), ("2025-04-01", "Budget 2026"),
        ("2025-04-01", "Budgetunderlag 2026")}
    ars = next(r for r in rader if r["titel"] == "Årsredovisning 2024")
    assert ars["behandlad_i"] == "KS 2025-02-25 § 1"
    assert next(r for r in rader if r["titel"] == "Budget 2026")["handlaggare"] == (
        "Anna Ekonom, ekonomichef")
    d = json.loads((site / "data/sammantraden/ks/2025-04-01.json").read_text(encoding="utf-8"))
    assert d["kallelse"]["utfardad"] is True
    assert [a["andring"] for a in d["kallelse"]["arenden"]] == [None, "tillagt", "reviderat", None]
    assert [h["url"] for h in d["kallelse"]["arenden"][1]["handlingar"]] == [None, None]
    assert {h["titel"] for h in d["handlingar"]} == {"Budget 2026", "Budgetunderlag 2026"}
    ns = {"a": "http://www.w3.org/2005/Atom"}
    flode = ET.parse(site / "protokoll/ks/anslag.xml").getroot()
    titlar = [e.findtext("a:title", namespaces=ns) for e in flode.findall("a:entry", ns)]
    assert titlar[0] == "Kommunstyrelsen 2025-04-01: kallelse utfärdad"
    innehall = flode.find("a:entry", ns).findtext("a:content", namespaces=ns)
    assert "handlingar/tjansteskrivelse-budget-2026/" in innehall
