"""`anslag justera`: the targeted frontmatter edit and the lock it writes."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arbetsflode_hjalp import FUN, PAR3, kor, sha
from generator.rules import las_arkiv
from generator.common.datum import idag_stockholm
from generator.commands.justera import RedigeringsFel, satt_frontmatter
from generator.content.lasfil import las_lasfil, sha256_las

JUSTERING_BLOCK = ("justering:\n  datum: 2025-02-07\n  plats: Digital signering\n"
                   "anslag:\n  uppsatt: 2025-02-07\n")


def _med_kommentarer(sm: Path) -> str:
    text = sm.read_text(encoding="utf-8")
    text = text.replace("plats: Hyttan, Centrumhuset\n",
                        "plats: Hyttan, Centrumhuset   # lokalen bokad av kansliet\n", 1)
    text = text.replace("---\n", "---\n# Protokollet skrivs av Heléne; fråga henne först.\n", 1)
    text = text.replace("\n---\n", "\n---\n\nSammanträdet ajournerades 10:15–10:30.\n", 1)
    sm.write_text(text, encoding="utf-8")
    return text


def test_kommentar_overlever_och_resten_ar_byte_for_byte_oforandrad(ojusterat: Path):
    sm = ojusterat / FUN / "sammantrade.md"
    fore = _med_kommentarer(sm)
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-07")
    assert r.kod == 0, r.allt
    efter = sm.read_text(encoding="utf-8")
    assert "# Protokollet skrivs av Heléne; fråga henne först." in efter
    assert "plats: Hyttan, Centrumhuset   # lokalen bokad av kansliet\n" in efter
    assert 'tid: "09:00–12:00"\n' in efter          # quoting kept
    # exactly the justering and anslag lines were added, at the end of the frontmatter
    slut = fore.index("\n---\n") + 1
    assert efter == fore[:slut] + JUSTERING_BLOCK + fore[slut:]
    assert "Justeringen av FUN 2025-02-06 är registrerad" in r.ut
    assert "sista dag för överklagande 2025-02-28" in r.ut and "2025-03-01" in r.ut


def test_crlf_och_bom_behalls(ojusterat: Path):
    sm = ojusterat / FUN / "sammantrade.md"
    text = sm.read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    sm.write_bytes(raw)
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-07",
            "--plats", "Kommunhuset, sal 2")
    assert r.kod == 0, r.allt
    ny = sm.read_bytes()
    assert ny.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in ny.replace(b"\r\n", b"")   # every line ending still CRLF
    slut = raw.index(b"\r\n---\r\n") + 2
    tillagt = ("justering:\r\n  datum: 2025-02-07\r\n  plats: Kommunhuset, sal 2\r\n"
               "anslag:\r\n  uppsatt: 2025-02-07\r\n").encode()
    assert ny == raw[:slut] + tillagt + raw[slut:]


def test_tomt_justeringsblock_med_kommentar_fylls_i(ojusterat: Path):
    sm = ojusterat / FUN / "sammantrade.md"
    text = sm.read_text(encoding="utf-8").replace(
        "forvaringsplats:", "justering:   # fylls i av anslag justera\nforvaringsplats:")
    sm.write_text(text, encoding="utf-8")
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-08",
            "--uppsatt", "2025-02-09", "--plats", "Kommunhuset")
    assert r.kod == 0, r.allt
    ny = sm.read_text(encoding="utf-8")
    tillagt = "  datum: 2025-02-08\n  plats: Kommunhuset\nanslag:\n  uppsatt: 2025-02-09\n"
    assert ("justering:   # fylls i av anslag justera\n" + tillagt + "forvaringsplats:") in ny
    assert ny.replace(tillagt, "") == text


def test_lasfilen_har_kontrollsummor_for_varje_fil(ojusterat: Path):
    mapp = ojusterat / FUN
    bilagor = mapp / "bilagor"
    bilagor.mkdir()
    (bilagor / "kvalitetsrapport.pdf").write_bytes(b"%PDF-1.7\nrapport\n%%EOF\n")
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-07")
    assert r.kod == 0, r.allt
    lock = mapp / "justering.lock"
    text = lock.read_text(encoding="utf-8")
    data = json.loads(text)
    # deterministic JSON: sorted keys, two-space indent, final newline
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    filer = {p.relative_to(mapp).as_posix() for p in mapp.rglob("*")
             if p.is_file() and p.name != "justering.lock"}
    assert set(data["filer"]) == filer and len(filer) == 21   # the meeting's files and its 3 handlingar
    for rel in filer:
        assert data["filer"][rel]["sha256"] == sha(mapp / rel)   # LF/UTF-8: plain sha256sum
    assert data["filer"]["03-kvalitetsrapport-ifo-2024.md"]["paragraf"] == 3
    assert data["justering"] == {"datum": "2025-02-07", "plats": "Digital signering"}
    assert data["anslag"] == {"uppsatt": "2025-02-07"}
    assert data["organ"] == "fun" and data["sammantrade"] == "2025-02-06"
    assert data["rattelser"] == []
    las = las_lasfil(lock)
    assert las.justering_datum == date(2025, 2, 7)
    arkiv, rapport = las_arkiv(ojusterat)
    assert not rapport.har_fel
    m = arkiv.sammantrade("fun", date(2025, 2, 6))
    assert m.last and m.rattelser == []


def test_samma_innehall_ger_samma_lasfil(tmp_path: Path, ojusterat: Path):
    import shutil
    kopia = tmp_path / "kopia"
    shutil.copytree(ojusterat, kopia)
    for rot in (ojusterat, kopia):
        assert kor("justera", "fun", "2025-02-06", "--innehall", rot, "--datum",
                   "2025-02-07").kod == 0
    assert (ojusterat / FUN / "justering.lock").read_bytes() == \
        (kopia / FUN / "justering.lock").read_bytes()


def test_standardvarden_idag_och_digital_signering(ojusterat: Path):
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat)
    assert r.kod == 0, r.allt
    idag = idag_stockholm().isoformat()
    text = (ojusterat / FUN / "sammantrade.md").read_text(encoding="utf-8")
    assert f"justering:\n  datum: {idag}\n  plats: Digital signering\nanslag:\n" \
           f"  uppsatt: {idag}\n" in text


def test_justerat_fore_verktyget_lases_utan_att_sammantrade_andras(innehall: Path):
    sm = innehall / FUN / "sammantrade.md"
    fore = sm.read_bytes()
    r = kor("justera", "fun", "2025-02-06", "--innehall", innehall)
    assert r.kod == 0, r.allt
    assert sm.read_bytes() == fore
    assert "inget ändrades där" in r.ut
    assert las_lasfil(innehall / FUN / "justering.lock").justering_datum == date(2025, 2, 7)


def test_justerat_men_inte_tillkannagivet_far_anslag_idag(innehall: Path):
    sm = innehall / FUN / "sammantrade.md"
    text = sm.read_text(encoding="utf-8")
    utan = text[:text.index("anslag:\n")] + text[text.index("forvaringsplats:"):]
    sm.write_text(utan, encoding="utf-8")
    r = kor("justera", "fun", "2025-02-06", "--innehall", innehall)
    assert r.kod == 0, r.allt
    idag = idag_stockholm().isoformat()
    assert sm.read_text(encoding="utf-8") == utan.replace(
        "forvaringsplats:", f"anslag:\n  uppsatt: {idag}\nforvaringsplats:")
    assert "varning: anslag.uppsatt" in r.fel          # long after the two days


def test_vagrar_nar_innehallet_har_fel(ojusterat: Path):
    par = ojusterat / PAR3
    par.write_text(par.read_text(encoding="utf-8").replace("rubrik: Kvalitetsrapport IFO 2024\n",
                                                           ""), encoding="utf-8")
    sm = ojusterat / FUN / "sammantrade.md"
    fore = sm.read_bytes()
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, "--datum", "2025-02-07")
    assert r.kod == 1
    assert f"{PAR3}: fel: rubrik" in r.fel
    assert "Justeringen registrerades inte" in r.fel
    assert sm.read_bytes() == fore
    assert not (ojusterat / FUN / "justering.lock").exists()


def test_vagrar_igen_utan_rattelse(last: Path):
    r = kor("justera", "fun", "2025-02-06", "--innehall", last, "--datum", "2025-02-08")
    assert r.kod == 1
    assert "redan justerat" in r.fel and "--rattelse" in r.fel


@pytest.mark.parametrize("args, text", [
    (["--datum", "2025-02-05"], "före sammanträdet"),
    (["--datum", "2025-02-07", "--uppsatt", "2025-02-06"], "före justeringen"),
    (["--datum", "2999-01-01"], "har inte inträffat"),
])
def test_vagrar_omojliga_datum(ojusterat: Path, args, text):
    sm = ojusterat / FUN / "sammantrade.md"
    fore = sm.read_bytes()
    r = kor("justera", "fun", "2025-02-06", "--innehall", ojusterat, *args)
    assert r.kod == 1 and text in r.fel
    assert sm.read_bytes() == fore and not (ojusterat / FUN / "justering.lock").exists()


def test_okant_organ_sammantrade_och_planerat(innehall: Path):
    r = kor("justera", "fum", "2025-02-06", "--innehall", innehall)
    assert r.kod == 1 and "okänt organ" in r.fel and 'Menade du "fun"' in r.fel
    r = kor("justera", "fun", "2025-02-07", "--innehall", innehall)
    assert r.kod == 1 and "finns inte" in r.fel
    r = kor("justera", "kf", "2024-12-16", "--innehall", innehall)
    assert r.kod == 1 and "utdrag" in r.fel
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall).kod == 0
    r = kor("justera", "fun", "2025-03-06", "--innehall", innehall)
    assert r.kod == 1 and "inga paragrafer" in r.fel
    r = kor("justera", "fun", "2025-02-06", "--innehall", innehall / "saknas")
    assert r.kod == 1 and "finns inte" in r.fel
    r = kor("justera", "fun", "6 februari")
    assert r.kod == 2 and "ÅÅÅÅ-MM-DD" in r.fel


# ---------------------------------------------------------------- the editor itself

BAS = "---\nplats: Hyttan\n{extra}---\nText med justering: 2025-01-01\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "# en kommentar\n", "tid: '09:00'\n", "ordforande: Anna Ek   # ordf.\n",
    "beslutande:\n  - Anna Ek (S)   # närvarande\n  - Bo Ek (M)\n", "\n",
    "forvaringsplats: \"Kansliet # hus 2\"\n", "text: |\n  rad ett\n  rad två\n",
    "ovriga: [Cilla Ek, sekreterare]\n"]), max_size=6))
def test_endast_nya_rader_tillkommer(extra):
    fore = BAS.format(extra="".join(extra)).encode()
    efter = satt_frontmatter(fore, {"justering": {"datum": date(2025, 2, 7),
                                                  "plats": "Digital signering"},
                                    "anslag": {"uppsatt": date(2025, 2, 8)}})
    tillagt = (b"justering:\n  datum: 2025-02-07\n  plats: Digital signering\n"
               b"anslag:\n  uppsatt: 2025-02-08\n")
    slut = fore.index(b"\n---\n") + 1
    assert efter == fore[:slut] + tillagt + fore[slut:]


def test_bara_vardet_byts_och_kommentaren_star_kvar():
    fore = (b"---\nplats: X\njustering:\n  datum: 2025-02-06   # fel dag\n"
            b"  plats: \"Sal #2\"  # gamla salen\nanslag:\n  uppsatt: 2025-02-06\n"
            b"  nedtas: 2025-03-20  # beslutat\n---\n")
    efter = satt_frontmatter(fore, {"justering": {"datum": date(2025, 2, 7)},
                                    "anslag": {"uppsatt": date(2025, 2, 7)}})
    assert efter == fore.replace(b"datum: 2025-02-06   # fel dag",
                                 b"datum: 2025-02-07   # fel dag").replace(
        b"uppsatt: 2025-02-06", b"uppsatt: 2025-02-07")
    # a value that needs quoting is quoted
    ny = satt_frontmatter(fore, {"justering": {"plats": "Sal: 3 #a"}})
    assert b'  plats: "Sal: 3 #a"  # gamla salen\n' in ny


def test_flodesstil_skrivs_om_som_block_och_ovrigt_ar_orort():
    fore = b"---\nplats: X\njustering: {datum: 2025-02-07}  # digitalt\nkallelse:\n  datum: 2025-02-01\n---\nB\n"
    efter = satt_frontmatter(fore, {"justering": {"plats": "Digital signering"}})
    assert efter == (b"---\nplats: X\njustering:  # digitalt\n  datum: 2025-02-07\n"
                     b"  plats: Digital signering\nkallelse:\n  datum: 2025-02-01\n---\nB\n")


def test_osaker_redigering_skriver_ingenting():
    # a value folded over two lines cannot be replaced on one line: refuse
    fore = b"---\nplats: X\njustering:\n  plats: Digital\n    signering\n  datum: 2025-02-07\n---\n"
    with pytest.raises(RedigeringsFel):
        satt_frontmatter(fore, {"justering": {"plats": "Papper"}})
    with pytest.raises(RedigeringsFel):
        satt_frontmatter(b"plats: X\n", {"justering": {"datum": date(2025, 2, 7)}})


def test_kontrollsumma_for_text_tal_crlf_men_inte_andrad_text(tmp_path: Path):
    a = tmp_path / "a.md"
    a.write_bytes("---\nrubrik: Å\n---\n".encode())
    h = sha256_las(a, "a.md")
    assert h == hashlib.sha256(a.read_bytes()).hexdigest()
    a.write_bytes(b"\xef\xbb\xbf" + "---\r\nrubrik: Å\r\n---\r\n".encode())
    assert sha256_las(a, "a.md") == h                      # a Windows checkout is no change
    a.write_bytes("---\nrubrik: Ä\n---\n".encode())
    assert sha256_las(a, "a.md") != h
    b = tmp_path / "b.pdf"
    b.write_bytes(b"x\r\n")
    assert sha256_las(b, "bilagor/b.pdf") == hashlib.sha256(b"x\r\n").hexdigest()
