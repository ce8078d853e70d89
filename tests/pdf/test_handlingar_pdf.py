"""PDFs of handlingar: each Markdown handling as a PDF/A-2b + PDF/UA-1 tjänsteskrivelse,
and kallelse-med-handlingar.pdf (kallelse + public handlingar, a bookmark per ärende and
per handling, labelled as a convenience copy). Real build of tests/handlingar_hjalp.py,
PDFs read back with pypdf."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.handlingar_hjalp import FORE_KALLELSE, MELLAN, skriv_arkiv
from tests.site.conftest import bygg_site

MOTE = "protokoll/ks/2025-04-01/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    rot = skriv_arkiv(tmp_path_factory.mktemp("hpdf") / "innehall")
    return bygg_site(rot, tmp_path_factory.mktemp("hpdf-ut") / "site", MELLAN)


def _text(pdf) -> str:
    return " ".join("".join(s.extract_text() for s in PdfReader(pdf).pages).split())


def test_tjansteskrivelsen_som_pdf(site):
    pdf = site / MOTE / "handlingar/tjansteskrivelse-budget-2026.pdf"
    t = _text(pdf)
    for bit in ("Exempelby kommun", "TJÄNSTESKRIVELSE", "Kommunledningsförvaltningen",
                "DATUM 2025-03-10", "DIARIENR KS 2025/40",
                "HANDLÄGGARE Anna Ekonom, ekonomichef", "TILL Kommunstyrelsen", "Budget 2026",
                "Förslag till beslut", "vattenkraftsprognosen", "Skickas till",
                "Kommunfullmäktige Ekonomienheten"):
        assert bit in t, bit
    # the handläggare's name under the text, before "Skickas till"
    assert t.index("Anna Ekonom, ekonomichef", t.index("vattenkraftsprognosen")) < t.index(
        "Skickas till")
    r = PdfReader(pdf)
    root = r.trailer["/Root"]
    assert "/StructTreeRoot" in root and str(root["/Lang"]).lower().startswith("sv")
    x = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>|pdfaid:part=\"2\"", x)
    assert re.search(r"<pdfaid:conformance>B</pdfaid:conformance>|pdfaid:conformance=\"B\"", x)
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", x)
    assert r.metadata["/Title"] == "Tjänsteskrivelse: Budget 2026"
    assert r.metadata["/Keywords"] == "KS 2025/40"
    sida = (site / MOTE / "handlingar/tjansteskrivelse-budget-2026/index.html").read_text(
        encoding="utf-8")
    assert 'href="../tjansteskrivelse-budget-2026.pdf"' in sida


def _bokmarken(r: PdfReader, poster=None, niva=0):
    ut = []
    for x in (r.outline if poster is None else poster):
        if isinstance(x, list):
            ut += _bokmarken(r, x, niva + 1)
        else:
            ut.append((niva, x.title, r.get_destination_page_number(x)))
    return ut


def test_kallelse_med_handlingar(site):
    pdf = site / MOTE / "kallelse-med-handlingar.pdf"
    r = PdfReader(pdf)
    assert "inte arkivexemplar" in r.metadata["/Title"]
    assert r.metadata["/Subject"] == "Sammanställning för läsning, inte arkivexemplar"
    # one Typst run (render/pdf/paket.py): the bookmarks are the headings; ärenden
    # without handlingar share a page after the last handling
    assert _bokmarken(r) == [
        (0, "Kommunstyrelsen 2025-04-01 – kallelse med handlingar", 0),
        (0, "Kallelse till sammanträde 2025-04-01", 1),
        (0, "Ärende 1: Budget 2026", 2), (1, "Budget 2026", 2),
        (2, "Förslag till beslut", 2), (2, "Sammanfattning", 2), (2, "Skickas till", 2),
        (1, "Budgetunderlag 2026", 3),
        (0, "Ärende 2: Vägbelysning i Exempelby", 4), (0, "Ärende 3: Taxa för bygglov", 4),
        (0, "Ärende 4: Ärende enligt LVU (sekretess: OSL 26 kap. 1 §)", 4)]
    assert "/StructTreeRoot" in r.trailer["/Root"]   # tagged (outloud: tests/standards)
    t = _text(pdf)
    assert "Detta är inte arkivexemplaret." in t
    assert "vattenkraftsprognosen" in t and "myrstackskalkylen" in t   # both kinds inside
    assert "Kallelse med handlingar (PDF" in (site / MOTE / "index.html").read_text(
        encoding="utf-8")


def test_fore_kallelsedagen_inga_handlings_pdf(tmp_path):
    rot = skriv_arkiv(tmp_path / "innehall")
    site = bygg_site(rot, tmp_path / "ut" / "site", FORE_KALLELSE)
    assert not (site / MOTE / "kallelse-med-handlingar.pdf").exists()
    assert not (site / MOTE / "handlingar").exists()
