"""The example archive (Smedjebacken FUN 2025-02-06) loads with zero errors
and the model carries what the seed says."""
from __future__ import annotations

from datetime import date

import pytest

from generator.archive import anslagstavla as tavla
from generator.rules import las_arkiv
from tests.conftest import EXEMPEL, kor_anslag

FUN = date(2025, 2, 6)
AU = date(2025, 1, 23)


@pytest.fixture(scope="module")
def arkiv():
    a, rapport = las_arkiv(EXEMPEL)
    assert not rapport.har_fel, rapport.sorterade()
    return a


def test_kontrollera_exempel_noll_fel():
    k = kor_anslag("kontrollera")
    assert k.kod == 0
    assert not [r for r in k.rader if ": fel: " in r]
    assert "0 fel" in k.ut


def test_framsida(arkiv):
    m = arkiv.sammantrade("fun", FUN)
    assert m.plats == "Hyttan, Centrumhuset" and m.tid == "09:00–12:00"
    assert str(m.ordforande) == "Matilda Kilström" and [str(j) for j in m.justerare] == ["Gertrud Jernberg-Zernig"]
    assert len(m.beslutande) == 11 and m.justering.datum == date(2025, 2, 7)
    assert m.anslag.uppsatt == date(2025, 2, 7) and m.anslag.nedtas == date(2025, 3, 1)
    assert m.anslag.sista_dag == date(2025, 2, 28)
    assert [p.nummer for p in m.paragrafer] == list(range(1, 17))
    assert m.forvaringsplats == "Familje- och utbildningsförvaltningen"
    assert m.paragrafspann == "§§ 1–16"


def test_beredning_at_bada_hall(arkiv):
    karta = {n: n - 1 for n in range(2, 15)} | {16: 15}
    for n in range(1, 17):
        p = arkiv.paragraf("fun", FUN, n)
        if n in karta:
            assert [r.nyckel for r in p.beredning] == [("fun-au", AU, karta[n])]
            au = arkiv.paragraf("fun-au", AU, karta[n])
            assert au.dnr == p.dnr
            assert [r.nyckel for r in au.vidare_behandling] == [("fun", FUN, n)]
            assert au.vidare_behandling[0].text == f"FUN 2025-02-06 § {n}"
        else:
            assert p.beredning == []


def test_utdragsmoten(arkiv):
    assert arkiv.sammantrade("fun-au", AU).utdrag
    assert arkiv.paragraf("kf", date(2024, 12, 16), 94) is not None
    assert arkiv.paragraf("ks", date(2024, 12, 10), 171) is not None
    p2 = arkiv.paragraf("fun", FUN, 2)
    assert any(r.nyckel == ("kf", date(2024, 12, 16), 94) and r.i_arkivet for r in p2.hanvisningar)


def test_beslut_forst(arkiv):
    p = arkiv.paragraf("fun", FUN, 3)
    assert p.beslut is not None and p.beslut.rubrik == "Familje- och utbildningsnämndens beslut"
    assert "godkänns" in p.beslut.text


def test_arendets_gang(arkiv):
    gang = arkiv.arenden["2024/00392"]
    assert [(p.organ_id, p.nummer) for p in gang] == [("fun-au", 2), ("fun", 3)]


def test_anslagstavlan(arkiv):
    assert [a.id for a in tavla.aktuella_anslag(arkiv, date(2025, 2, 20))] == ["fun-2025-02-06"]
    assert tavla.aktuella_anslag(arkiv, date(2025, 2, 6)) == []
    assert [a.id for a in tavla.aktuella_anslag(arkiv, date(2025, 2, 7))] == ["fun-2025-02-06"]
    assert [a.id for a in tavla.aktuella_anslag(arkiv, date(2025, 2, 28))] == ["fun-2025-02-06"]
    assert tavla.aktuella_anslag(arkiv, date(2025, 3, 1)) == []
    assert [a.id for a in tavla.nedtas_inom(arkiv, date(2025, 2, 24))] == ["fun-2025-02-06"]


def test_status_kommando():
    k = kor_anslag("status", "--idag", "2025-02-20")
    assert k.kod == 0, k.fel
    assert "2025-02-07" in k.ut and "2025-02-28" in k.ut and "2025-03-01" in k.ut
    assert "FUN" in k.ut
    k2 = kor_anslag("status", "--idag", "2025-03-01")
    assert k2.kod == 0 and "2025-02-28" not in k2.ut
