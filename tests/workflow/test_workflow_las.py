"""`anslag kontrollera` verifies every justering.lock; `justera --rattelse` records a rättelse."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from arbetsflode_hjalp import FUN, PAR3, PAR16, kor, sha
from generator.rules import las_arkiv
from generator.common.datum import idag_stockholm

RATTELSE = 'anslag justera fun 2025-02-06 --rattelse "'


def _en_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    i = raw.index(b"godk")           # "godkänns" -> "Godkänns": one byte
    raw[i] = ord("G")
    path.write_bytes(bytes(raw))


def test_exempelarkivet_utan_las_har_inga_fel(innehall: Path):
    # FUN 2025-02-06 is justerat but was never locked (justerat before the tool): allowed
    r = kor("kontrollera", "--innehall", innehall)
    assert r.kod == 0, r.allt
    assert "justering.lock" not in r.allt


def test_last_sammantrade_utan_andringar_gar_igenom(last: Path):
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 0, r.allt
    assert "justering.lock" not in r.fel


def test_en_byte_i_en_last_paragraf_ar_fel_som_namnger_filen(last: Path):
    _en_byte(last / PAR3)
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 1
    rader = [x for x in r.fel.splitlines() if ": fel: " in x]
    assert len(rader) == 1, r.fel
    assert rader[0].startswith(f"{PAR3}: fel: justering.lock: § 3 ")
    assert "har ändrats efter justeringen 2025-02-07" in rader[0]
    assert RATTELSE in rader[0]


def test_tillagd_paragraf_ar_fel(last: Path):
    ny = last / FUN / "17-tillagd-i-efterhand.md"
    ny.write_text("---\nparagraf: 17\nrubrik: Tillagd i efterhand\n---\n## Beslut\n\nText.\n",
                  encoding="utf-8")
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 1
    assert f"{FUN}/17-tillagd-i-efterhand.md: fel: justering.lock: § 17 " in r.fel
    assert "har lagts till efter justeringen" in r.fel and RATTELSE in r.fel


def test_borttagen_paragraf_ar_fel(last: Path):
    (last / PAR16).unlink()
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 1
    assert f"{PAR16}: fel: justering.lock: § 16 " in r.fel
    assert "har tagits bort efter justeringen" in r.fel


def test_utbytt_bilaga_ar_fel(ojusterat: Path):
    mapp = ojusterat / FUN
    (mapp / "bilagor").mkdir()
    pdf = mapp / "bilagor" / "kvalitetsrapport-ifo-2024.pdf"
    pdf.write_bytes(b"%PDF-1.7\nversion 1\n%%EOF\n")
    par = ojusterat / PAR3
    par.write_text(par.read_text(encoding="utf-8").replace(
        "  - Kvalitetsrapport IFO 2024\n",
        "  - titel: Kvalitetsrapport IFO 2024\n    fil: bilagor/kvalitetsrapport-ifo-2024.pdf\n"),
        encoding="utf-8")
    assert kor("justera", "fun", "2025-02-06", "--innehall", ojusterat,
               "--datum", "2025-02-07").kod == 0
    assert kor("kontrollera", "--innehall", ojusterat).kod == 0
    pdf.write_bytes(b"%PDF-1.7\nversion 2\n%%EOF\n")         # same name, other file
    r = kor("kontrollera", "--innehall", ojusterat)
    assert r.kod == 1
    assert (f"{FUN}/bilagor/kvalitetsrapport-ifo-2024.pdf: fel: justering.lock: Bilagan "
            "bilagor/kvalitetsrapport-ifo-2024.pdf (till § 3) har ändrats") in r.fel
    # a bilaga added beside it is caught too
    (mapp / "bilagor" / "extra.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    r = kor("kontrollera", "--innehall", ojusterat)
    assert f"{FUN}/bilagor/extra.pdf: fel: justering.lock:" in r.fel


def test_rattelse_gor_att_kontrollen_gar_igenom_och_syns_i_modellen(last: Path):
    lock = last / FUN / "justering.lock"
    fore = json.loads(lock.read_text(encoding="utf-8"))
    gammal = fore["filer"]["03-kvalitetsrapport-ifo-2024.md"]["sha256"]
    _en_byte(last / PAR3)
    r = kor("justera", "fun", "2025-02-06", "--innehall", last,
            "--rattelse", "Stor bokstav i beslutet i § 3 rättad.")
    assert r.kod == 0, r.allt
    assert "Rättelsen av FUN 2025-02-06 är registrerad" in r.ut
    assert "ändrad: 03-kvalitetsrapport-ifo-2024.md (§ 3)" in r.ut
    assert kor("kontrollera", "--innehall", last).kod == 0

    efter = json.loads(lock.read_text(encoding="utf-8"))
    idag = idag_stockholm()
    assert efter["rattelser"] == [{
        "datum": idag.isoformat(), "orsak": "Stor bokstav i beslutet i § 3 rättad.",
        "filer": {"03-kvalitetsrapport-ifo-2024.md": {"fore": gammal, "efter": sha(last / PAR3)}}}]
    assert efter["skapad"] == fore["skapad"] and efter["justering"] == fore["justering"]
    assert efter["filer"]["03-kvalitetsrapport-ifo-2024.md"]["sha256"] == sha(last / PAR3)

    arkiv, rapport = las_arkiv(last)
    assert not rapport.har_fel
    m = arkiv.sammantrade("fun", date(2025, 2, 6))
    assert m.last
    assert [(r.datum, r.orsak, r.filer) for r in m.rattelser] == [
        (idag, "Stor bokstav i beslutet i § 3 rättad.", ("03-kvalitetsrapport-ifo-2024.md",))]

    # a second rättelse is appended to the history; nothing changed -> refused
    r = kor("justera", "fun", "2025-02-06", "--innehall", last, "--rattelse", "Igen.")
    assert r.kod == 1 and "inga filer" in r.fel
    (last / PAR16).unlink()
    r = kor("justera", "fun", "2025-02-06", "--innehall", last, "--rattelse",
            "§ 16 hörde till ett annat sammanträde.")
    assert r.kod == 0 and "borttagen: " in r.ut and "(§ 16)" in r.ut
    historia = json.loads(lock.read_text(encoding="utf-8"))["rattelser"]
    assert len(historia) == 2
    assert list(historia[1]["filer"].values())[0]["efter"] is None
    assert len(las_arkiv(last)[0].sammantrade("fun", date(2025, 2, 6)).rattelser) == 2


def test_rattelse_av_anslagsdatum_andrar_sammantrade(last: Path):
    sm = last / FUN / "sammantrade.md"
    orsak = "Anslaget sattes upp en dag senare än protokollet angav."
    fore = sm.read_bytes()
    # the explicit nedtas 2025-03-01 is now too early: refused, sammantrade.md rolled back
    r = kor("justera", "fun", "2025-02-06", "--innehall", last, "--uppsatt", "2025-02-08",
            "--rattelse", orsak)
    assert r.kod == 1 and "fel: anslag.nedtas" in r.fel and "återställd" in r.fel
    assert sm.read_bytes() == fore
    sm.write_text(fore.decode().replace("  nedtas: 2025-03-01\n", ""), encoding="utf-8")
    r = kor("justera", "fun", "2025-02-06", "--innehall", last, "--uppsatt", "2025-02-08",
            "--rattelse", orsak)
    assert r.kod == 0, r.allt
    assert "anslag:\n  uppsatt: 2025-02-08\nforvaringsplats:" in sm.read_text(encoding="utf-8")
    assert "ändrad: sammantrade.md" in r.ut
    assert kor("kontrollera", "--innehall", last).kod == 0


def test_rattelse_vagras_nar_det_inte_finns_nagot_att_ratta(ojusterat: Path, innehall: Path):
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--rattelse", "Fel.")
    assert r.kod == 1 and "inte justerat" in r.fel
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--rattelse", "  ")
    assert r.kod == 1 and "förklaring" in r.fel
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--rattelse",
            "Rättat för 19811218-9876.")
    assert r.kod == 1 and "personnummer" in r.fel


def test_rattelse_i_protokoll_justerat_fore_verktyget(innehall: Path):
    _en_byte(innehall / PAR3)
    r = kor("justera", "fun", "2025-02-06", "--innehall", innehall,
            "--rattelse", "Stor bokstav rättad.")
    assert r.kod == 0, r.allt
    assert "tidigare kontrollsummor saknas" in r.ut
    assert kor("kontrollera", "--innehall", innehall).kod == 0
    m = las_arkiv(innehall)[0].sammantrade("fun", date(2025, 2, 6))
    assert [x.orsak for x in m.rattelser] == ["Stor bokstav rättad."]


def test_trasig_eller_flyttad_lasfil_ar_fel(last: Path, tmp_path: Path):
    lock = last / FUN / "justering.lock"
    text = lock.read_text(encoding="utf-8")
    lock.write_text(text[:-20], encoding="utf-8")
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 1 and f"{FUN}/justering.lock: fel: justering.lock: låsfilen kan inte läsas" in r.fel
    lock.write_text(text, encoding="utf-8")
    ny = last / "fun" / "2025-03-06"
    assert kor("ny", "fun", "2025-03-06", "--innehall", last).kod == 0
    shutil.copy(lock, ny / "justering.lock")
    r = kor("kontrollera", "--innehall", last)
    assert r.kod == 1 and "hör till fun 2025-02-06" in r.fel
