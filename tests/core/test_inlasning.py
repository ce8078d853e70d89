"""Loading never fails with a traceback, and accepts BOM, CRLF and NFD text."""
from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from generator.rules import las_arkiv
from tests.conftest import BAS, kor_anslag

PARAGRAF = "ks/2025-02-25/03-bredband.md"


def test_bom_crlf_och_nfd_normaliseras(bas_kopia: Path):
    f = bas_kopia / PARAGRAF
    text = f.read_text(encoding="utf-8").replace("Bredbandsstöd", "Bredbandsstöd för Åsa")
    nfd = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    f.write_bytes(b"\xef\xbb\xbf" + nfd.encode("utf-8"))
    sm = bas_kopia / "ks/2025-02-25/sammantrade.md"
    sm.write_bytes(unicodedata.normalize("NFD", sm.read_text(encoding="utf-8")).encode())
    arkiv, rapport = las_arkiv(bas_kopia)
    assert not rapport.har_fel, rapport.sorterade()
    p = arkiv.paragraf("ks", date(2025, 2, 25), 3)
    assert p.rubrik == unicodedata.normalize("NFC", "Bredbandsstöd för Åsa")
    assert "\r" not in p.sektioner[0].text
    m = arkiv.sammantrade("ks", date(2025, 2, 25))
    assert str(m.ordforande) == "Eva Exempelsson" and m.plats == "Stora salen, Exempelby kommunhus"


def test_citerade_och_ociterade_datum_ar_lika(bas_kopia: Path):
    sm = bas_kopia / "ks/2025-02-25/sammantrade.md"
    sm.write_text(sm.read_text(encoding="utf-8").replace("uppsatt: 2025-02-28",
                                                         "uppsatt: \"2025-02-28\""), encoding="utf-8")
    arkiv, rapport = las_arkiv(bas_kopia)
    assert not rapport.har_fel
    assert arkiv.sammantrade("ks", date(2025, 2, 25)).anslag.uppsatt == date(2025, 2, 28)


def test_felaktig_innehallsmapp_ger_exit_1():
    k = kor_anslag("kontrollera", "--innehall", "/finns/inte")
    assert k.kod == 1 and "mappen finns inte" in k.fel


def test_okant_kommando_och_felaktigt_datum_ger_exit_2():
    assert kor_anslag("publicera").kod == 2
    k = kor_anslag("status", "--idag", "20 februari")
    assert k.kod == 2 and "ÅÅÅÅ-MM-DD" in k.fel
    assert kor_anslag().kod == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=200),
    st.text(max_size=300).map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["paragraf:", " 3", "tre", "rubrik:", "[", "]", "{", "}", "\n",
                              "- ", "dnr:", "beredning:", "KS 2025-01-01 § 1", "omrostning:",
                              "  ja:", "sekretess:", "null", "~", "&a", "*a", "!!python/object",
                              "---", "beslutsunderlag:", "  - fil: ", "../x", "\t", "\"", "'"]),
             max_size=40).map(lambda xs: ("---\n" + "".join(xs) + "\n---\ntext\n").encode()),
))
def test_skrap_ger_aldrig_traceback(tmp_path_factory, innehall: bytes):
    import shutil
    dst = tmp_path_factory.mktemp("skrap") / "innehall"
    shutil.copytree(BAS, dst)
    (dst / "ks/2025-02-25/04-skrap.md").write_bytes(innehall)
    (dst / "ks/2025-04-01/sammantrade.md").write_bytes(innehall)
    arkiv, rapport = las_arkiv(dst)   # must not raise
    for d in rapport.poster:
        assert d.niva in ("fel", "varning") and d.path and d.nyckel and d.meddelande


def test_tolkminnet_ger_samma_arkiv_och_ser_andringar(exempel_kopia: Path, tmp_path: Path):
    """anslag bygg remembers parsed files between runs: the model must be the same as a
    fresh read, a changed file must be read again, and a broken one still reported."""
    minne = tmp_path / "frontmatter.pickle"
    farsk, _ = las_arkiv(exempel_kopia)
    forsta, _ = las_arkiv(exempel_kopia, minne)
    andra, r2 = las_arkiv(exempel_kopia, minne)          # now every file comes from the memo
    assert minne.stat().st_size > 10_000
    assert repr(forsta) == repr(farsk) and repr(andra) == repr(farsk)

    par = next((exempel_kopia / "fun" / "2025-02-06").glob("03-*.md"))
    par.write_text(par.read_text(encoding="utf-8").replace("godkänns", "godkänns inte"),
                   encoding="utf-8")
    efter, _ = las_arkiv(exempel_kopia, minne)
    p3 = next(p for p in efter.organ["fun"].sammantraden[-1].paragrafer if p.nummer == 3)
    assert "godkänns inte" in p3.beslut.text

    par.write_text("---\nparagraf: [3\n---\nText\n", encoding="utf-8")
    _, rapport = las_arkiv(exempel_kopia, minne)
    assert any(d.path.endswith(par.name) and d.niva == "fel" for d in rapport.sorterade())
