"""`anslag ny --handlingar` and the kallelse section of `anslag status` (content-format
"Handlingar"), through the real CLI."""
from __future__ import annotations

from tests.conftest import kor_anslag
from tests.handlingar_hjalp import skriv_arkiv


def test_ny_med_handlingar_skapar_en_tjansteskrivelse(tmp_path):
    rot = skriv_arkiv(tmp_path / "innehall")
    r = kor_anslag("ny", "ks", "2025-05-06", "--innehall", str(rot), "--handlingar")
    assert r.kod == 0, r.fel
    stubb = rot / "ks/2025-05-06/handlingar/tjansteskrivelse.md"
    text = stubb.read_text(encoding="utf-8")
    assert text.startswith("---\ntyp: Tjänsteskrivelse\n") and "## Förslag till beslut" in text
    assert "till: Kommunstyrelsen" in text
    # valid: only the reminder that no kallelse item lists it yet
    k = kor_anslag("kontrollera", "--innehall", str(rot))
    assert k.kod == 0, k.fel
    assert [x for x in k.rader if "2025-05-06" in x] == [
        x for x in k.rader if x.startswith("ks/2025-05-06/handlingar/tjansteskrivelse.md: "
                                           "varning: handlingar: ")]
    # in an existing planned meeting: the stub is added, never overwritten
    r2 = kor_anslag("ny", "ks", "2025-05-06", "--innehall", str(rot), "--handlingar")
    assert r2.kod == 1 and "finns redan" in r2.fel
    assert stubb.read_text(encoding="utf-8") == text


def test_utan_flaggan_ingen_handlingsmapp(tmp_path):
    rot = skriv_arkiv(tmp_path / "innehall")
    assert kor_anslag("ny", "ks", "2025-05-06", "--innehall", str(rot)).kod == 0
    assert not (rot / "ks/2025-05-06/handlingar").exists()


def test_status_visar_utfardade_kallelser_och_handlingarna(tmp_path):
    rot = skriv_arkiv(tmp_path / "innehall")
    r = kor_anslag("status", "--innehall", str(rot), "--idag", "2025-03-25")
    assert r.kod == 0, r.fel
    assert ("KS 2025-04-01: kallelse 2025-03-20, handlingar: 3 av 4 ärenden har handlingar; "
            "saknas för: Taxa för bygglov") in r.ut
    fore = kor_anslag("status", "--innehall", str(rot), "--idag", "2025-03-19")
    assert "Utfärdade kallelser och handlingar: inga utfärdade kallelser" in fore.ut
    sm = rot / "ks/2025-04-01/sammantrade.md"
    sm.write_text(sm.read_text(encoding="utf-8").replace(
        "      andring: reviderat\n",
        "      andring: reviderat\n      handlingar: [{titel: Taxa, fil: handlingar/budgetunderlag.pdf}]\n"),
        encoding="utf-8")
    klar = kor_anslag("status", "--innehall", str(rot), "--idag", "2025-03-25")
    assert "KS 2025-04-01: kallelse 2025-03-20, handlingar: kompletta (6 handlingar)" in klar.ut
