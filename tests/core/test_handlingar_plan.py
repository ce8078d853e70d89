"""Handlingar in the model and the publishing plan (content-format "Handlingar"): what is
public on which day, what is listed without being public, and the justering lock's
coverage. Real content (tests/handlingar_hjalp.py), the real pipeline and CLI."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.archive.plan import plan
from generator.rules import las_arkiv
from tests.conftest import kor_anslag
from tests.handlingar_hjalp import FORE_KALLELSE, KALLELSEDAG, MELLAN, skriv_arkiv

KS = ("ks", date(2025, 4, 1))
KS0225 = ("ks", date(2025, 2, 25))


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory):
    rot = skriv_arkiv(tmp_path_factory.mktemp("handlingar") / "innehall")
    a, rapport = las_arkiv(rot)
    assert a is not None and not rapport.sorterade(), rapport.sorterade()
    return a


def test_modellen_laser_handlingarna(arkiv):
    m = arkiv.sammantrade(*KS)
    h = m.handlingar["handlingar/tjansteskrivelse-budget-2026.md"]
    assert (h.typ, h.titel, h.datum) == (
        "Tjänsteskrivelse", "Budget 2026", date(2025, 3, 10))
    assert h.handlaggare == ("Anna Ekonom, ekonomichef",)
    assert h.skickas_till == ("Kommunfullmäktige", "Ekonomienheten")
    assert [s.rubrik for s in h.sektioner] == ["Förslag till beslut", "Sammanfattning"]
    assert m.handlingar["handlingar/budgetunderlag.pdf"].titel == "Budgetunderlag 2026"
    assert [a.andring for a in m.kallelse.arenden] == [None, "tillagt", "reviderat", None]


def test_fore_kallelsedagen_ar_inget_publikt(arkiv):
    mp = plan(arkiv, FORE_KALLELSE).moten[KS]
    assert mp.handlingar.publika == {} and mp.handlingsfiler == []


def test_fran_kallelsedagen_publikt_utom_hemligt(arkiv):
    pl = plan(arkiv, KALLELSEDAG)
    mp = pl.moten[KS]
    assert sorted(mp.handlingar.publika) == ["handlingar/budgetunderlag.pdf",
                                             "handlingar/tjansteskrivelse-budget-2026.md"]
    assert mp.handlingar.listade == {
        "handlingar/zqhbegaran-brev.md": "Skrivelse 2025-03-11, lämnas ut på begäran",
        "handlingar/zqhsekretess-yttrande.md": "Handling som omfattas av sekretess"}
    ph = mp.handlingar.publika["handlingar/tjansteskrivelse-budget-2026.md"]
    assert ph.sida == "protokoll/ks/2025-04-01/handlingar/tjansteskrivelse-budget-2026/"
    assert [f.sokvag for f in mp.handlingsfiler] == [
        "protokoll/ks/2025-04-01/handlingar/budgetunderlag.pdf"]
    assert [f.slag for f in mp.handlingsfiler] == ["handling"]
    # the public model names no file of a handling that is not public
    m = pl.arkiv.sammantrade(*KS)
    assert set(m.handlingar) == set(mp.handlingar.publika)
    namn = repr(m)
    for hemlig in ("zqhbegaran", "zqhsekretess", "zqhpost"):
        assert hemlig not in namn.lower()
    assert [b.titel for b in m.kallelse.arenden[1].handlingar] == [
        "Skrivelse 2025-03-11, lämnas ut på begäran", "Handling som omfattas av sekretess"]
    assert m.kallelse.arenden[3].handlingar == ()


def test_en_handling_som_bara_en_paragraf_citerar_foljer_paragrafen(arkiv):
    fore, efter = plan(arkiv, date(2025, 2, 26)), plan(arkiv, date(2025, 2, 27))
    assert fore.moten[KS0225].handlingar.publika == {}
    publ = efter.moten[KS0225].handlingar.publika
    assert list(publ) == ["handlingar/ts-arsredovisning-2024.md"]   # not the sekretess §'s
    ph = publ["handlingar/ts-arsredovisning-2024.md"]
    assert [r.text for r in ph.behandlad] == ["KS 2025-02-25 § 1"]
    assert "zqhparagraf" not in repr(efter.arkiv).lower()


def test_handlingarna_omfattas_av_laset(tmp_path: Path):
    rot = skriv_arkiv(tmp_path / "innehall")
    r = kor_anslag("justera", "ks", "2025-02-25", "--innehall", str(rot), "--datum", "2025-02-27")
    assert r.kod == 0, r.fel
    las = (rot / "ks/2025-02-25/justering.lock").read_text(encoding="utf-8")
    assert "handlingar/ts-arsredovisning-2024.md" in las
    fil = rot / "ks/2025-02-25/handlingar/ts-arsredovisning-2024.md"
    fil.write_text(fil.read_text(encoding="utf-8").replace("överskott", "underskott"),
                   encoding="utf-8")
    k = kor_anslag("kontrollera", "--innehall", str(rot))
    assert k.kod == 1
    assert any(r.startswith("ks/2025-02-25/handlingar/ts-arsredovisning-2024.md: fel: "
                            "justering.lock: Handlingen") for r in k.rader), k.fel
