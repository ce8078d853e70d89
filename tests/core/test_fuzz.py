"""Fuzz: mutants of valid content (byte edits, YAML structure edits, file edits; see
tests/core/mutanter.py) are checked without a crash, a hang or a malformed line.

Thousands run in-process through the same pipeline as `anslag kontrollera`
(generator.rules.las_kontext) on the fixture archive; a smaller number runs through
the real command line on the example archive. scripts/fuzz runs 5,000+ and prints
the counts."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.rules import las_kontext
from tests.conftest import BAS, EXEMPEL, ROT
from tests.core.mutanter import RAD, mutera


class _Hang(Exception):
    pass


def _larm(*_):
    raise _Hang()


@pytest.fixture(scope="module")
def arbetsmapp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "innehall"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2 ** 32))
def test_mutanter_i_processen(arbetsmapp: Path, seed: int):
    vad = mutera(BAS, arbetsmapp, seed)
    gammal = signal.signal(signal.SIGALRM, _larm)
    signal.alarm(20)
    try:
        _ctx, rapport = las_kontext(arbetsmapp)
    except _Hang:
        pytest.fail(f"seed {seed} ({vad}): kontrollen hängde")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, gammal)
    for d in rapport.sorterade():
        rad = str(d)
        assert "\n" not in rad and RAD.match(rad), f"seed {seed} ({vad}): {rad!r}"
        assert d.path and d.nyckel and d.meddelande, f"seed {seed} ({vad}): {rad!r}"


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2 ** 32))
def test_mutanter_via_kommandoraden(arbetsmapp: Path, seed: int):
    mapp = arbetsmapp.with_name("cli")
    vad = mutera(EXEMPEL, mapp, seed)
    p = subprocess.run([sys.executable, "-m", "generator.commands.cli", "kontrollera",
                        "--innehall", str(mapp)], capture_output=True, text=True, cwd=ROT,
                       timeout=120)
    assert p.returncode in (0, 1), f"seed {seed} ({vad}): {p.returncode}\n{p.stderr}"
    assert "Traceback" not in p.stderr and "internt fel" not in p.stderr, p.stderr
    for rad in p.stderr.splitlines():
        if rad.startswith("Kontrollen hittade "):
            continue   # the summary line
        assert RAD.match(rad), f"seed {seed} ({vad}): {rad!r}"
    assert (p.returncode == 1) == any(": fel: " in r for r in p.stderr.splitlines())
