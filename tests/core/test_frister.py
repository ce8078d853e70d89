"""The deadline engine: lag (1930:173) om beräkning av lagstadgad tid."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from generator.archive.frister import anslagsdatum, ar_helgdag, sista_dag_att_overklaga
from generator.archive.model import Overklagande


@pytest.mark.parametrize("uppsatt, sista, nedtas", [
    ("2025-02-07", "2025-02-28", "2025-03-01"),
    ("2025-05-30", "2025-06-23", "2025-06-24"),   # 20 juni midsommarafton, 21 midsommardagen, 22 sön
    ("2025-12-03", "2025-12-29", "2025-12-30"),   # 24 julafton: 24 -> 25, 26, 27, 28 -> 29
    ("2025-12-10", "2026-01-02", "2026-01-03"),   # 31 nyårsafton, 1 nyårsdagen
    ("2023-04-27", "2023-05-19", "2023-05-20"),   # 18 maj Kristi himmelfärd
])
def test_kanda_frister(uppsatt, sista, nedtas):
    a = anslagsdatum(date.fromisoformat(uppsatt))
    assert a.sista_dag == date.fromisoformat(sista)
    assert a.nedtas == date.fromisoformat(nedtas)


@pytest.mark.parametrize("dag", ["2025-06-20", "2025-12-24", "2025-12-31", "2025-06-06",
                                 "2025-05-01", "2025-04-18", "2025-04-21", "2025-11-01"])
def test_helgdagar_och_aftnar(dag):
    assert ar_helgdag(date.fromisoformat(dag))


@pytest.mark.parametrize("dag", ["2025-02-28", "2025-12-23", "2025-12-29", "2025-06-19"])
def test_vardagar(dag):
    assert not ar_helgdag(date.fromisoformat(dag))


def test_explicit_senare_nedtagning_galler():
    a = anslagsdatum(date(2025, 2, 7), nedtas=date(2025, 3, 10))
    assert a.nedtas == date(2025, 3, 10) and a.sista_dag == date(2025, 2, 28)


def test_veckor_styrs_av_kommun():
    a = anslagsdatum(date(2025, 2, 7), Overklagande(veckor=2))
    assert a.sista_dag == date(2025, 2, 21)


@settings(max_examples=3000, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_sista_dagen_egenskaper(uppsatt):
    sista = sista_dag_att_overklaga(uppsatt)
    assert sista.weekday() < 5
    assert not ar_helgdag(sista)
    assert sista >= uppsatt + timedelta(days=21)
    d = uppsatt + timedelta(days=21)
    while d < sista:                       # no earlier valid day exists
        assert ar_helgdag(d)
        d += timedelta(days=1)
    assert anslagsdatum(uppsatt).nedtas == sista + timedelta(days=1)
