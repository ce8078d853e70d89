"""The command line speaks Swedish: every command's help (headings, -h, every option
explained) and argparse's own usage errors, exit 2. Real `anslag` subprocesses."""
from __future__ import annotations

import argparse

import pytest
from arbetsflode_hjalp import kor

from generator.commands.cli import bygg_parser

ENGELSKA = ("usage:", "options:", "positional arguments", "show this help",
            "the following arguments", "invalid choice", "unrecognized arguments",
            "expected one argument", "invalid int value", "ignored explicit argument")


def _underkommandon() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in bygg_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _utan_engelska(text: str) -> None:
    hittat = [e for e in ENGELSKA if e in text]
    assert not hittat, f"engelska {hittat} i:\n{text}"


@pytest.mark.parametrize("kommando", [None, *_underkommandon()])
def test_hjalpen_ar_pa_svenska(kommando):
    r = kor(*([kommando] if kommando else []), "--help")
    assert r.kod == 0, r
    assert r.ut.startswith("användning: anslag"), r.ut
    assert "flaggor:" in r.ut and "visa den här hjälpen och avsluta" in r.ut
    _utan_engelska(r.ut)


@pytest.mark.parametrize("kommando", list(_underkommandon()))
def test_varje_flagga_och_argument_har_en_forklaring(kommando):
    parser = _underkommandon()[kommando]
    utan = [a.dest for a in parser._actions if not (a.help or "").strip()]
    assert not utan, f"anslag {kommando}: utan förklaring: {utan}"


@pytest.mark.parametrize(("args", "vantat"), [
    (["justera"], "de här argumenten saknas: organ, datum"),
    (["byg"], "argument KOMMANDO: 'byg' finns inte (välj bland 'kontrollera', 'bygg'"),
    (["bygg", "--foo"], "okända argument: --foo"),
    (["bygg", "--idag"], "argument --idag: behöver ett värde"),
    (["bygg", "--idag", "6 februari"], "\"6 februari\" är inget datum; skriv ÅÅÅÅ-MM-DD"),
    (["bygg", "--utan-pdf=ja"], "argument --utan-pdf: tar inget värde, fick 'ja'"),
    (["bygg", "--motor", "hugo"], "argument --motor: 'hugo' finns inte (välj bland 'mkdocs'"),
    (["ny", "ks", "2025-01-01", "--arenden", "tre"], "argument --arenden: 'tre' är inget heltal"),
])
def test_fel_i_kommandoraden_ar_pa_svenska(args, vantat):
    r = kor(*args)
    assert r.kod == 2, r
    assert "anslag: fel i kommandoraden: " in r.fel and vantat in r.fel, r.fel
    assert r.fel.startswith("användning: anslag"), r.fel
    _utan_engelska(r.fel)
