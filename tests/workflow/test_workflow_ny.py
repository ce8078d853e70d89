"""`anslag ny`: scaffold a meeting that passes `anslag kontrollera`."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from arbetsflode_hjalp import FUN, kor
from generator.rules import las_arkiv


def _fm(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_planerat_sammantrade_forifyllt_och_godkant(innehall: Path):
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall)
    assert r.kod == 0, r.allt
    assert "Skapade fun/2025-03-06/ (FUN, torsdagen den 6 mars 2025)" in r.ut
    mapp = innehall / "fun" / "2025-03-06"
    assert sorted(p.name for p in mapp.iterdir()) == ["sammantrade.md"]
    fm = _fm(mapp / "sammantrade.md")
    assert fm["plats"] == "Hyttan, Centrumhuset" and fm["tid"] == "09:00–12:00"
    assert fm["ordforande"] == "Matilda Kilström" and fm["sekreterare"] == "Heléne Nyman"
    assert len(fm["beslutande"]) == 11 and fm["ersattare"] == ["Helena Giliusson (M)"]
    assert "justerare" not in fm                      # chosen at the meeting
    assert "justering" not in fm and "anslag" not in fm
    k = kor("kontrollera", "--innehall", innehall)
    assert k.kod == 0, k.allt
    assert "fun/2025-03-06" not in k.fel
    m = las_arkiv(innehall)[0].sammantrade("fun", date(2025, 3, 6))
    assert m.planerat and m.plats == "Hyttan, Centrumhuset"


def test_paragrafstubbar_fortsatter_numreringen(innehall: Path):
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "3")
    assert r.kod == 0, r.allt
    assert "§ 17–19 (numreringen fortsätter efter § 16 i 2025)" in r.ut
    mapp = innehall / "fun" / "2025-03-06"
    filer = sorted(p.name for p in mapp.glob("*.md") if p.name != "sammantrade.md")
    assert filer == ["17-arende.md", "18-arende.md", "19-arende.md"]
    assert [_fm(mapp / f)["paragraf"] for f in filer] == [17, 18, 19]
    stub = (mapp / "17-arende.md").read_text(encoding="utf-8")
    assert "rubrik: Rubrik för § 17" in stub
    assert "## Familje- och utbildningsnämndens beslut" in stub   # the organ's own heading
    assert _fm(mapp / "sammantrade.md")["justerare"] == ["Gertrud Jernberg-Zernig"]
    k = kor("kontrollera", "--innehall", innehall)
    assert k.kod == 0, k.allt
    egna = [r for r in k.fel.splitlines() if r.startswith("fun/2025-03-06")]
    assert egna and all(": varning: " in r and "anslag ny" in r for r in egna)  # stubs: warnings only
    m = las_arkiv(innehall)[0].sammantrade("fun", date(2025, 3, 6))
    assert [p.nummer for p in m.paragrafer] == [17, 18, 19]


def test_nytt_ar_borjar_pa_paragraf_1(innehall: Path):
    r = kor("ny", "fun", "2026-01-15", "--innehall", innehall, "--arenden", "2")
    assert r.kod == 0, r.allt
    assert "§ 1–2 (numreringen fortsätter från § 1 i 2026)" in r.ut
    assert (innehall / "fun" / "2026-01-15" / "01-arende.md").is_file()
    assert kor("kontrollera", "--innehall", innehall).kod == 0


def test_utskott_med_arbetsutskottets_rubrik_och_ingen_foregaende_plats(innehall: Path):
    # FUN AU has only an utdrag meeting: no plats to copy, the stubs still pass
    r = kor("ny", "fun-au", "2025-02-20", "--innehall", innehall)
    assert r.kod == 0, r.allt
    assert "Meddelas senare" in r.ut
    assert _fm(innehall / "fun-au" / "2025-02-20" / "sammantrade.md")["plats"] == "Meddelas senare"
    assert kor("kontrollera", "--innehall", innehall).kod == 0


def test_vagrar_befintlig_mapp_och_okant_organ(innehall: Path):
    fore = {p: p.read_bytes() for p in (innehall / FUN).rglob("*") if p.is_file()}
    r = kor("ny", "fun", "2025-02-06", "--innehall", innehall, "--arenden", "2")
    assert r.kod == 1 and "har redan paragrafer; ingenting skrevs över" in r.fel
    assert {p: p.read_bytes() for p in (innehall / FUN).rglob("*") if p.is_file()} == fore
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall).kod == 0
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall)
    assert r.kod == 1 and "finns redan" in r.fel
    r = kor("ny", "fnu", "2025-03-06", "--innehall", innehall)
    assert r.kod == 1 and 'okänt organ "fnu". Menade du "fun"?' in r.fel
    assert not (innehall / "fnu").exists()
    r = kor("ny", "fun", "2025-03-07", "--innehall", innehall, "--arenden", "-1")
    assert r.kod == 2


def test_stubbar_fran_kallelsens_arendelista(innehall: Path):
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall).kod == 0
    sm = innehall / "fun" / "2025-03-06" / "sammantrade.md"
    text = sm.read_text(encoding="utf-8")
    slut = text.index("\n---\n") + 1
    sm.write_text(text[:slut] + "kallelse:\n  datum: 2025-02-27\n  arenden:\n"
                  "    - rubrik: Bokslut 2025\n      dnr: 2025/00011\n"
                  "    - rubrik: Val av ersättare\n" + text[slut:], encoding="utf-8")
    data = _fm(sm)
    assert [a["rubrik"] for a in data["kallelse"]["arenden"]] == ["Bokslut 2025",
                                                                  "Val av ersättare"]
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "2")
    assert r.kod == 0, r.allt
    assert "från kallelsens ärendelista: § 17–18" in r.ut
    # justerare are elected at the meeting: kontrollera asks for them
    assert "fel: justerare: saknas" in r.fel
    mapp = sm.parent
    f17 = mapp / "17-bokslut-2025.md"
    assert _fm(f17) == {"paragraf": 17, "rubrik": "Bokslut 2025", "dnr": "2025/00011"}
    assert _fm(mapp / "18-val-av-ersattare.md")["rubrik"] == "Val av ersättare"
    sm.write_text(sm.read_text(encoding="utf-8").replace(
        "beslutande:", "justerare: [Björn Wallén]\nbeslutande:"), encoding="utf-8")
    assert kor("kontrollera", "--innehall", innehall).kod == 0
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "2")
    assert r.kod == 1 and "har redan paragrafer" in r.fel


def test_kvarlamnad_stubbtext_varnar_och_stoppar_justeringen(innehall: Path):
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "1").kod == 0
    stubb = innehall / "fun" / "2025-03-06" / "17-arende.md"
    k = kor("kontrollera", "--innehall", innehall)
    assert k.kod == 0, k.allt                                   # still being written: a warning
    assert "fun/2025-03-06/17-arende.md: varning: rubrik:" in k.fel
    assert "Rubrik för § 17" in k.fel
    j = kor("justera", "fun", "2025-03-06", "--innehall", innehall, "--datum", "2025-03-07")
    assert j.kod == 1 and "17-arende.md" in j.fel and "registrerades inte" in j.fel
    assert not (stubb.parent / "justering.lock").exists()
    stubb.write_text(stubb.read_text(encoding="utf-8")
                     .replace("Rubrik för § 17", "Information om skolskjutsar")
                     .replace("Skriv beslutet här.", "Informationen noteras.")
                     .replace("Skriv ärendebeskrivningen här.", "Förvaltningen informerar."),
                     encoding="utf-8")
    j = kor("justera", "fun", "2025-03-06", "--innehall", innehall, "--datum", "2025-03-07")
    assert j.kod == 0, j.allt


def test_sekretessmarkerat_arende_blir_sekretessparagraf(innehall: Path):
    """A kallelse item marked sekretess becomes a sekretess § whose file name does not
    carry the secret rubrik."""
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall).kod == 0
    sm = innehall / "fun" / "2025-03-06" / "sammantrade.md"
    text = sm.read_text(encoding="utf-8")
    slut = text.index("\n---\n") + 1
    sm.write_text(text[:slut] + "kallelse:\n  datum: 2025-02-27\n  arenden:\n"
                  "    - rubrik: Placering av barnet Zqx\n      dnr: 2025/00099\n"
                  "      sekretess: OSL 26 kap. 1 §\n      offentlig_rubrik: Ärende enligt LVU\n"
                  + text[slut:], encoding="utf-8")
    r = kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "1")
    assert r.kod == 0, r.allt
    assert _fm(sm.parent / "17-sekretess.md") == {
        "paragraf": 17, "rubrik": "Placering av barnet Zqx", "dnr": "2025/00099",
        "sekretess": "OSL 26 kap. 1 §", "offentlig_rubrik": "Ärende enligt LVU"}
