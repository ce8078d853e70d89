"""The fast constructor of generator.content.yamlsakert gives what PyYAML's own safe
constructor gives: the same values (of the same types) and the same errors, on every
file of every rule fixture, the example archive, hostile YAML and random YAML."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import yamlsakert
from generator.content.frontmatter import FrontmatterFel, dela
from generator.content.loading import _yaml_fel, normalisera
from tests.conftest import BAS, EXEMPEL
from tests.core.test_regler import FIXTURER, bygg_fixtur


def _utfall(text: str, snabb: bool):
    """What reading ``text`` gives: the value (repr tells True from 1 and a date from its
    text) or the error and the Swedish message the loader makes of it."""
    try:
        return "värde", repr(yamlsakert.ladda(text, snabb=snabb))
    except yaml.YAMLError as e:
        return "yaml", str(e), _yaml_fel(e, 2)
    except yamlsakert.ForDjupt as e:
        return "djup", e.meddelande
    except Exception as e:  # noqa: BLE001 - whatever PyYAML raises, both must raise it
        return "annat", type(e).__name__, str(e)


def _lika(text: str) -> tuple:
    snabb, standard = _utfall(text, True), _utfall(text, False)
    assert snabb == standard, text
    return snabb


def _yaml_texter(rot: Path):
    for f in sorted(rot.rglob("*")):
        if f.suffix not in (".md", ".yml") or not f.is_file():
            continue
        try:
            text = normalisera(f.read_bytes())
        except UnicodeDecodeError:
            continue
        if f.suffix == ".yml":
            yield f, text
            continue
        try:
            yield f, dela(text).fm_text
        except FrontmatterFel:
            continue


@pytest.mark.parametrize("fixtur", FIXTURER, ids=[f.stem for f in FIXTURER])
def test_varje_fixturs_yaml_ger_samma_utfall(fixtur: Path, tmp_path: Path):
    bygg_fixtur(yaml.safe_load(fixtur.read_text(encoding="utf-8")), tmp_path / "i")
    texter = list(_yaml_texter(tmp_path / "i"))
    assert texter
    for _f, text in texter:
        _lika(text)


def test_exempelarkivet_och_basen_ger_samma_utfall_och_tar_snabba_vagen():
    n = 0
    for rot in (EXEMPEL, BAS):
        for f, text in _yaml_texter(rot):
            assert _lika(text)[0] == "värde", f
            loader = yamlsakert._SnabbLoader(text)
            try:
                loader.get_single_data()
            finally:
                loader.dispose()
            assert loader.snabb, f"{f}: PyYAML's constructor took an ordinary file"
            n += 1
    assert n > 50


LOL = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))

FIENTLIGA = {
    "billion laughs": LOL,
    "alias till lista": "a: &x [1, 2]\nb: *x\n",
    "alias till text": "a: &x hej\nb: *x\n",
    "lista i sig själv": "a: &x [*x]\n",
    "djupt": "a: " + "[" * 500 + "]" * 500 + "\n",
    "precis för djupt": "a: " + "[" * 40 + "]" * 40 + "\n",
    "precis lagom djupt": "a: " + "[" * 39 + "]" * 39 + "\n",
    "djupt i mappningar": "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 45)),
    "stort heltal": "paragraf: " + "9" * 5000 + "\n",
    "python-tagg": "a: !!python/object/apply:os.system ['echo hej']\n",
    "python-namn": "a: !!python/name:os.system\n",
    "egen tagg": "a: !hej 3\n",
    "merge": "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n",
    "set": "a: !!set {x, y}\n",
    "omap": "a: !!omap [x: 1, y: 2]\n",
    "binary": "a: !!binary aGVq\n",
    "ogiltigt datum": "datum: 2025-02-30\nar: 0000-01-01\n",
    "datum": "datum: 2025-02-25\nnar: 2025-02-25 18:00:00\n",
    "lista som nyckel": "? [a, b]\n: c\n",
    "dubbla nycklar": "a: 1\na: 2\n",
    "flera dokument": "a: 1\n---\nb: 2\n",
    "tabb": "a:\n\t- b\n",
    "ogiltig float-tagg": "a: !!float hej\n",
    "ogiltig int-tagg": "a: !!int hej\n",
    "värdenyckel": "=: 1\n",
    "bara text": "hej\n",
    "tomt": "",
    "nycklar av alla slag": "1: a\ntrue: b\n~: c\n1.5: d\n2025-01-01: e\n",
}


@pytest.mark.parametrize("namn", FIENTLIGA)
def test_fientlig_yaml_ger_samma_utfall(namn: str):
    _lika(FIENTLIGA[namn])


def test_fientlig_yaml_avvisas_med_svenskt_meddelande():
    assert _utfall(LOL, True) == ("djup", yamlsakert.FOR_MANGA)
    assert _utfall(FIENTLIGA["djupt"], True) == ("djup", yamlsakert.FOR_DJUPT)
    assert _utfall(FIENTLIGA["lista i sig själv"], True) == ("djup", yamlsakert.FOR_DJUPT)
    assert _utfall(FIENTLIGA["precis för djupt"], True)[0] == "djup"
    assert _utfall(FIENTLIGA["precis lagom djupt"], True)[0] == "värde"
    assert _utfall(FIENTLIGA["stort heltal"], True) == ("värde", repr({"paragraf": "9" * 5000}))
    assert _utfall(FIENTLIGA["python-tagg"], True)[0] == "yaml"


BITAR = ["paragraf:", " 3", "tre", "rubrik:", "[", "]", "{", "}", "\n", "- ", "  ", ", ",
         "dnr:", "2025/12", "2025-02-30", "2025-02-25", "KS 2025-01-01 § 1", "null", "~",
         "true", "no", "0x1f", "1_000", "1.5e3", ".inf", "&a ", "*a", "!!str ", "!!int ",
         "!!python/object ", "<<: ", "? ", ": ", "---", "\t", "\"", "'", "#", "|", ">"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BITAR), max_size=30).map("".join))
def test_slumpad_yaml_ger_samma_utfall(text: str):
    _lika(text)
