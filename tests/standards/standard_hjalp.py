"""Shared helpers of the standards tests (imported by conftest.py and the test modules).

Every archive the standards tests cover is built once per session with the real
``anslag bygg`` (PDFs included); the checkers then run over every page and every
PDF of those builds. Tools that are not Python packages are found where
``scripts/test`` installs them (``.ci/node`` for vnu-jar).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[2]
UTDATA = ROT / "tests" / "output" / "standards"
VNU_JAR = ROT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LOKALA = {"127.0.0.1", "localhost"}

# Every archive the tests build from a folder: the two examples and the minimal fixture archive.
ARKIV = {
    "exempel": (ROT / "content", date(2025, 2, 20)),
    "bas": (ROT / "tests" / "fixtures" / "bas", date(2025, 3, 20)),
    "flen": (ROT / "examples" / "flen", date(2024, 3, 20)),   # at the kallelse stage
}


@dataclass
class Bygge:
    namn: str
    site: Path
    arkiv: Path

    def html_sidor(self) -> list[str]:
        """Every HTML page of the site, as URL paths relative to the site root."""
        ut = []
        for p in sorted(self.site.rglob("*.html")):
            rel = p.relative_to(self.site).as_posix()
            ut.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return ut

    def pdfer(self) -> list[Path]:
        return sorted(self.site.rglob("*.pdf")) + sorted(self.arkiv.rglob("*.pdf"))


def sidtyp(rel: str) -> str:
    """The page type of a site path, for reports per page type."""
    delar = [d for d in rel.split("/") if d]
    if not delar:
        return "anslagstavlan"
    if delar[0] == "protokoll":
        if len(delar) == 3:
            return "sammantrade" if "-" in delar[2] else "ar"
        return {1: "protokollindex", 2: "organ"}.get(len(delar), "paragraf")
    if delar[0] == "arenden":
        return "arendeindex" if len(delar) == 1 else "arendets-gang"
    return delar[0].removesuffix(".html")


def vnu_kor(filer: list[Path]) -> list[dict]:
    """Run the Nu Html Checker once over ``filer``; its JSON messages."""
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} saknas: kör scripts/test (npm install --prefix .ci/node vnu-jar)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java saknas: installera Debians openjdk-17-jre-headless")
    p = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",
                        *map(str, filer)], capture_output=True, text=True, timeout=900)
    return json.loads(p.stderr)["messages"]
