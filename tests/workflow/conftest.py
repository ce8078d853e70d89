"""Fixtures for the workflow tests: copies of the example archive."""
from __future__ import annotations

from pathlib import Path

import pytest

from arbetsflode_hjalp import FUN, kor, utan_justering


@pytest.fixture
def innehall(exempel_kopia: Path) -> Path:
    """A fresh copy of the example archive (tests/conftest.py)."""
    return exempel_kopia


@pytest.fixture
def ojusterat(innehall: Path) -> Path:
    """The example archive with FUN 2025-02-06 not yet justerat."""
    sm = innehall / FUN / "sammantrade.md"
    sm.write_text(utan_justering(sm.read_text(encoding="utf-8")), encoding="utf-8")
    return innehall


@pytest.fixture
def last(innehall: Path) -> Path:
    """The example archive with FUN 2025-02-06 locked as it is (it was justerat
    before the tool, so justera only writes the lock)."""
    r = kor("justera", "fun", "2025-02-06", "--innehall", innehall)
    assert r.kod == 0, r.allt
    assert (innehall / FUN / "justering.lock").is_file()
    return innehall
