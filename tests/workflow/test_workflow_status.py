"""`anslag status` (the dashboard) and the build's progress display."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from arbetsflode_hjalp import FUN, kor
from generator.rules import las_arkiv
from generator.commands.status import status_text, visa_status
from generator.common.framsteg import Framsteg


def test_status_visar_anslaget_och_dagar_kvar(innehall: Path):
    r = kor("status", "--innehall", innehall, "--idag", "2025-02-20")
    assert r.kod == 0, r.allt
    assert "Anslagstavlan 2025-02-20 – Smedjebackens kommun" in r.ut
    assert ("FUN 2025-02-06 §§ 1–16: uppsatt 2025-02-07, sista dag att överklaga 2025-02-28, "
            "tas ned 2025-03-01, 9 dagar kvar") in r.ut
    assert "Tas ned inom en vecka: inga." in r.ut
    # not a terminal: plain text, no colour codes, no box drawing
    assert "\x1b[" not in r.ut and "━" not in r.ut and "─" not in r.ut
    assert "1 justerat sammanträde saknar justering.lock" in r.ut


def test_status_nedtas_inom_en_vecka_och_efter_nedtagning(innehall: Path):
    r = kor("status", "--innehall", innehall, "--idag", "2025-02-26")
    assert "Tas ned inom en vecka:\n   FUN 2025-02-06 §§ 1–16: tas ned 2025-03-01, om 3 dagar" in r.ut
    r = kor("status", "--innehall", innehall, "--idag", "2025-03-01")
    assert "På anslagstavlan idag: inga anslag." in r.ut


def test_tvadagarsregeln_i_rott(innehall: Path):
    sm = innehall / FUN / "sammantrade.md"
    text = sm.read_text(encoding="utf-8")
    a = text.index("anslag:\n")
    b = text.index("forvaringsplats:")
    sm.write_text(text[:a] + text[b:], encoding="utf-8")      # justerat, not announced
    arkiv, rapport = las_arkiv(innehall)
    assert not rapport.har_fel
    i_tid = status_text(arkiv, date(2025, 2, 8))
    assert "   FUN 2025-02-06: justerat 2025-02-07, ska tillkännages senast 2025-02-09, 1 dag kvar" \
        in i_tid
    sent = status_text(arkiv, date(2025, 2, 11))
    assert "!! FUN 2025-02-06: justerat 2025-02-07, ska tillkännages senast 2025-02-09, " \
           "FÖR SENT, 2 dagar över tiden" in sent
    ut = io.StringIO()
    assert visa_status(arkiv, date(2025, 2, 11), fil=ut, tty=True) == 0
    farg = ut.getvalue()
    assert "\x1b[1;31m" in farg and "FÖR SENT" in farg               # bold red


def test_status_med_rich_i_terminal(innehall: Path):
    arkiv, _ = las_arkiv(innehall)
    ut = io.StringIO()
    visa_status(arkiv, date(2025, 2, 20), fil=ut, tty=True)
    text = ut.getvalue()
    assert "\x1b[" in text and "På anslagstavlan idag" in text
    rad = next(r for r in text.splitlines() if "FUN 2025-02-06 §§ 1–16" in r)
    for bit in ("2025-02-07", "2025-02-28", "2025-03-01", "9 dagar"):   # columns: Kvar
        assert bit in rad
    assert "Kvar" in text


def test_planerade_sammantraden_och_ej_justerade(innehall: Path):
    assert kor("ny", "fun", "2025-03-06", "--innehall", innehall, "--arenden", "1").kod == 0
    assert kor("ny", "fun", "2025-04-03", "--innehall", innehall).kod == 0
    arkiv, _ = las_arkiv(innehall)
    text = status_text(arkiv, date(2025, 3, 25))
    assert "Planerade sammanträden:\n   FUN 2025-04-03: tid 09:00–12:00, Hyttan, Centrumhuset, " \
           "kallelse inte skickad" in text
    assert "!! FUN 2025-03-06 § 17: 19 dagar sedan sammanträdet" in text


def test_kungorelse_ska_sattas_upp(innehall: Path):
    assert kor("ny", "kf", "2025-03-17", "--innehall", innehall).kod == 0
    arkiv, _ = las_arkiv(innehall)
    text = status_text(arkiv, date(2025, 3, 5))
    assert "KF 2025-03-17: kungörelse saknas, ska sättas upp senast 2025-03-10" in text


# ---------------------------------------------------------------- progress

def _bygg(fs: Framsteg) -> None:
    with fs.steg("Sidor", totalt=8) as s:
        for _ in range(8):
            s.fram()
    with fs.steg("PDF:er") as s:
        for i in range(1, 5):
            s.uppdatera(i, 4)
    fs.meddelande("Webbplatsen är byggd.")
    fs.stang()


def test_framsteg_vanliga_rader_utan_terminal():
    ut = io.StringIO()
    _bygg(Framsteg(fil=ut))
    rader = ut.getvalue().splitlines()
    assert rader[0] == "Sidor: börjar (8 st)"
    assert "Sidor: 2/8" in rader and "Sidor: 6/8" in rader
    assert rader[4].startswith("Sidor: klart, 8 st på ")
    assert rader[5] == "PDF:er: börjar" and rader[-2].startswith("PDF:er: klart, 4 st på ")
    assert rader[-1] == "Webbplatsen är byggd."
    assert "\x1b[" not in ut.getvalue() and len(rader) < 15


def test_framsteg_tyst_skriver_ingenting():
    ut = io.StringIO()
    _bygg(Framsteg(tyst=True, fil=ut))
    assert ut.getvalue() == ""


def test_framsteg_med_rich_i_terminal():
    ut = io.StringIO()
    _bygg(Framsteg(fil=ut, tty=True))
    text = ut.getvalue()
    assert "Sidor" in text and "8/8" in text and "4/4" in text and "Webbplatsen är byggd." in text


def test_framsteg_avbrutet_steg_marks():
    ut = io.StringIO()
    fs = Framsteg(fil=ut)
    try:
        with fs.steg("PDF:er", totalt=3) as s:
            s.fram()
            raise RuntimeError("typst")
    except RuntimeError:
        pass
    assert "PDF:er: avbrutet" in ut.getvalue()
