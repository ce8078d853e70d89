"""The second example kommun (examples/flen: Flen SAN 2024-03-21, the kallelse stage)
loads with zero errors, and the model carries what the seed says: the planned meeting,
its ärendelista with the /reviderad/ and /tillagd/ markers, and every handling with its
dnr and date. Also the Smedjebacken example's handlingar and the §§ that cite them."""
from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from generator.rules import las_arkiv
from tests.conftest import EXEMPEL, ROT, kor_anslag

FLEN = ROT / "examples" / "flen"
SAN = date(2024, 3, 21)
FUN = date(2025, 2, 6)
PDF = "handlingar/avsiktsforklaring-barn-och-unga-2024-2027.pdf"
RAPPORT = "handlingar/rapport-uppfoljning-intern-kontroll-2023.md"
PDF_ORD = "lägesrapportering"   # occurs only inside the PDF handling (for the search test)

# file -> (datum, dnr) of each tjänsteskrivelse, as printed in the seed's DATUM and DIARIENR fields
TJANSTESKRIVELSER = {
    "handlingar/tjansteskrivelse-delegationsordning-2024.md": ("2024-02-29", "SAN/2024:27"),
    "handlingar/tjansteskrivelse-riktlinje-ersattningsskyldighet.md": ("2024-01-30", "SAN/2024:24"),
    "handlingar/tjansteskrivelse-avsiktsforklaring-yrkesutbildning.md": ("2024-03-07", "SAN/2024:22"),
    "handlingar/tjansteskrivelse-avsiktsforklaring-barn-och-unga.md": ("2024-03-01", "SAN/2024:40"),
    "handlingar/tjansteskrivelse-uppfoljning-intern-kontroll-2023.md": ("2024-03-06", "SAN/2023:15"),
    "handlingar/tjansteskrivelse-arsredovisning-bokslut-2023.md": ("2024-02-22", "SAN/2023:15"),
    "handlingar/tjansteskrivelse-ej-verkstallda-beslut-kvartal-4-2023.md": ("2024-01-30", "SAN/2023:28"),
}

# the kallelse's ÄRENDEN table: (dnr, andring, handlingar)
ARENDEN = [
    ("SAN/2024:27", "reviderat", ["handlingar/tjansteskrivelse-delegationsordning-2024.md"]),
    ("SAN/2024:24", None, ["handlingar/tjansteskrivelse-riktlinje-ersattningsskyldighet.md"]),
    ("SAN/2024:22", None, ["handlingar/tjansteskrivelse-avsiktsforklaring-yrkesutbildning.md"]),
    ("SAN/2024:40", None, ["handlingar/tjansteskrivelse-avsiktsforklaring-barn-och-unga.md", PDF]),
    ("SAN/2023:15", None, ["handlingar/tjansteskrivelse-uppfoljning-intern-kontroll-2023.md",
                           RAPPORT]),
    ("SAN/2023:15", None, ["handlingar/tjansteskrivelse-arsredovisning-bokslut-2023.md"]),
    ("SAN/2023:44", "tillagt", []),
    ("SAN/2023:28", None, ["handlingar/tjansteskrivelse-ej-verkstallda-beslut-kvartal-4-2023.md"]),
    (None, None, []),
    ("SAN/2024:4", None, []),
    (None, None, []),
]


@pytest.fixture(scope="module")
def flen():
    a, rapport = las_arkiv(FLEN)
    assert a is not None and not rapport.har_fel, rapport.sorterade()
    return a


@pytest.fixture(scope="module")
def smedjebacken():
    a, rapport = las_arkiv(EXEMPEL)
    assert a is not None and not rapport.har_fel, rapport.sorterade()
    return a


def test_kontrollera_flen_noll_fel():
    k = kor_anslag("kontrollera", "--innehall", str(FLEN))
    assert k.kod == 0, k.fel
    assert not [r for r in k.rader if ": fel: " in r]
    assert "0 fel" in k.ut


def test_kommun_och_organ(flen):
    assert flen.kommun.namn == "Flens kommun"
    assert flen.kommun.webbplats.startswith("https://") and ".example" in flen.kommun.webbplats
    assert flen.organ["san"].kortnamn == "SAN"
    assert flen.organ["san"].namn == "Social- och arbetsmarknadsnämnden"


def test_planerat_sammantrade_med_program(flen):
    m = flen.sammantrade("san", SAN)
    assert m.planerat and m.paragrafer == [] and m.justering is None
    assert m.kallelse.datum == date(2024, 3, 11) and m.kallelse.datum < SAN
    assert m.text.startswith("Information/Diskussion")
    assert "Kl 10.00 – 11.00 Verksamhetsinformation" in m.text
    assert "Kl 16.00 Beslut" in m.text


def test_arendelistan_som_i_kallelsen(flen):
    arenden = flen.sammantrade("san", SAN).kallelse.arenden
    assert [(a.dnr, a.andring, [b.fil for b in a.handlingar]) for a in arenden] == ARENDEN
    assert arenden[0].rubrik == "Social- och arbetsmarknadsnämndens delegationsordning 2024"
    assert arenden[6].rubrik == "Planeringsförutsättningar"
    assert [a.rubrik for a in arenden[8:]] == ["Anmälningsärenden", "Delegationsbeslut", "Synpunkter"]
    assert not any(a.sekretess for a in arenden)


def test_varje_handling_finns_med_dnr_och_datum(flen):
    m = flen.sammantrade("san", SAN)
    assert set(m.handlingar) == set(TJANSTESKRIVELSER) | {RAPPORT, PDF}
    for fil, (datum, dnr) in TJANSTESKRIVELSER.items():
        h = m.handlingar[fil]
        assert h.markdown and h.typ == "Tjänsteskrivelse", fil
        assert (h.datum, h.dnr) == (date.fromisoformat(datum), dnr), fil
        assert h.avsandare == "Socialförvaltningen" and h.handlaggare, fil
        assert h.publiceras and h.sekretess is None, fil
        assert any(s.rubrik == "Förslag till beslut" for s in h.sektioner), fil
        assert h.datum <= m.kallelse.datum
    rapport = m.handlingar[RAPPORT]   # its own "Datum: 2023-03-08"; dnr from the tjänsteskrivelse
    assert (rapport.typ, rapport.datum, rapport.dnr) == ("Rapport", date(2023, 3, 8), "SAN/2023:15")
    assert rapport.avsandare == "Socialförvaltningen/staben"
    ts = m.handlingar["handlingar/tjansteskrivelse-delegationsordning-2024.md"]
    assert ts.handlaggare == ("Cecilia Boström, handläggare",)
    assert ts.skickas_till == ("Kommunstyrelsen", "Akt")
    assert ts.till == "Social- och arbetsmarknadsnämnden"


def test_pdf_handlingen_har_ett_eget_ord(flen):
    h = flen.sammantrade("san", SAN).handlingar[PDF]
    assert not h.markdown and h.titel.startswith("Avsiktsförklaring om samverkan")
    text = "".join(s.extract_text() for s in PdfReader(h.kalla).pages)
    assert PDF_ORD in text and "Uppföljning" in text
    ovriga = [p for p in FLEN.rglob("*") if p.is_file() and p.suffix != ".pdf"]
    assert ovriga and not [p for p in ovriga if PDF_ORD in p.read_text(encoding="utf-8").casefold()]


def test_smedjebacken_handlingar_citeras_av_paragraferna(smedjebacken):
    m = smedjebacken.sammantrade("fun", FUN)
    citerade = {p.nummer: [b.fil for b in p.beslutsunderlag if b.fil] for p in m.paragrafer}
    assert citerade[9] == ["handlingar/rapport-lokal-praktikutveckling.md"]
    assert citerade[15] == ["handlingar/tjansteskrivelse-bokslut-2024.md"]
    assert citerade[16] == ["handlingar/budgetplanering-budget-2026.md"]
    listade = {a.dnr: [b.fil for b in a.handlingar] for a in m.kallelse.arenden if a.handlingar}
    assert listade == {"2024/00380": citerade[9], "2024/00391": citerade[15],
                       "2025/00010": citerade[16]}
    for nr in (9, 15, 16):
        p = m.paragrafer[nr - 1]
        h = m.handlingar[citerade[nr][0]]
        assert h.datum <= m.kallelse.datum
        if h.dnr is not None:
            assert h.dnr == p.dnr
    rapport = m.handlingar["handlingar/rapport-lokal-praktikutveckling.md"]
    assert (rapport.typ, rapport.datum, rapport.dnr) == ("Rapport", date(2024, 8, 5), "2024/00380")
    ts = m.handlingar["handlingar/tjansteskrivelse-bokslut-2024.md"]
    assert (ts.typ, ts.dnr) == ("Tjänsteskrivelse", "2024/00391")
