"""The board domain on the fixture archive: omedelbart justerade §§ get their
own anslag, kungörelser run from kallelse.datum to the meeting day."""
from __future__ import annotations

from datetime import date

from generator.archive import anslagstavla as tavla
from generator.rules import las_arkiv
from tests.conftest import BAS


def test_omedelbart_justerad_eget_anslag():
    arkiv, r = las_arkiv(BAS)
    assert not r.har_fel
    ids = [a.id for a in tavla.alla_anslag(arkiv)]
    assert "ks-2025-02-25-p3" in ids and "ks-2025-02-25" in ids
    eget = next(a for a in tavla.alla_anslag(arkiv) if a.id == "ks-2025-02-25-p3")
    assert eget.omedelbart and eget.datum.uppsatt == date(2025, 2, 25)
    vanligt = next(a for a in tavla.alla_anslag(arkiv) if a.id == "ks-2025-02-25")
    assert [p.nummer for p in vanligt.paragrafer] == [1, 2]
    assert vanligt.paragrafspann == "§§ 1–2"
    assert [a.id for a in tavla.aktuella_anslag(arkiv, date(2025, 2, 26))] == \
        ["ks-au-2025-02-11", "ks-2025-02-25-p3"]


def test_kungorelse():
    arkiv, _ = las_arkiv(BAS)
    assert tavla.kungorelser(arkiv, date(2025, 3, 5)) == []
    assert [k.id for k in tavla.kungorelser(arkiv, date(2025, 3, 6))] == ["kungorelse-kf-2025-03-17"]
    assert [k.id for k in tavla.kungorelser(arkiv, date(2025, 3, 17))] == ["kungorelse-kf-2025-03-17"]
    assert tavla.kungorelser(arkiv, date(2025, 3, 18)) == []


def test_kommande_sammantraden():
    arkiv, _ = las_arkiv(BAS)
    assert [(m.organ_id, m.datum) for m in tavla.kommande_sammantraden(arkiv, date(2025, 3, 1))] \
        == [("kf", date(2025, 3, 17)), ("ks", date(2025, 4, 1))]
