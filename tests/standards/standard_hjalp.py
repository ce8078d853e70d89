"""Shared helpers of the standards tests (imported by conftest.py and the test modules).

Every archive the standards tests cover is built once per session with the real
``anslag bygg`` (PDFs included); the checkers then run over every page and every
PDF of those builds. Tools that are not Python packages are found where
``scripts/test`` installs them (``.ci/node`` for vnu-jar).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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
# Every build the checkers run over: each archive by each engine ("exempel" is MkDocs,
# "exempel-zensical" the same archive built by Zensical).
MOTORER = ("mkdocs", "zensical")
BYGGEN = {(namn if motor == "mkdocs" else f"{namn}-{motor}"): (namn, motor)
          for namn in ARKIV for motor in MOTORER}


def arkivnamn(bygge: str) -> str:
    return BYGGEN[bygge][0]


@dataclass
class Bygge:
    namn: str
    site: Path
    arkiv: Path
    motor: str = "mkdocs"
    granskning: dict | None = None   # theme/granskning.json as the build read it

    @property
    def etikett(self) -> str:
        """'exempel, MkDocs' for reports."""
        return f"{arkivnamn(self.namn)}, {'MkDocs' if self.motor == 'mkdocs' else 'Zensical'}"

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


# The assessment record (docs/webbplats.md, "Granskningens datum"): every checker test
# records its result when it passes; once every one of them has passed in this run, the
# record is written to tests/output/standards/granskning.json, and, with
# ANSLAG_SPARA_GRANSKNING=1, to theme/granskning.json, which the /tillganglighet/ page shows.
BREDDER = (1280, 320)
GRANSKNING = ROT / "theme" / "granskning.json"
KORNING = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def kravda() -> set[str]:
    """Every result a complete assessment has: axe per build and width, vnu and outloud per build."""
    return ({f"axe-{b}-{w}" for b in BYGGEN for w in BREDDER}
            | {f"{t}-{b}" for t in ("vnu", "outloud") for b in BYGGEN})


def registrera(nyckel: str, post: dict, mapp: Path | None = None,
               mal: Path | None = None) -> dict | None:
    """Record one checker's passing result for this run (tool versions, build, counts). When
    this completes the set, write the assessment record and return it."""
    mapp = mapp or UTDATA / "antal"
    mapp.mkdir(parents=True, exist_ok=True)
    _skriv(mapp / f"{nyckel}.json", {**post, "korning": KORNING})
    poster = {}
    for f in mapp.glob("*.json"):
        try:
            x = json.loads(f.read_text("utf-8"))
        except ValueError:
            continue
        if x.get("korning") == KORNING:
            poster[f.stem] = x
    if not kravda() <= set(poster):
        return None
    verktyg: dict[str, str] = {}
    for x in poster.values():
        verktyg.update(x["verktyg"])
    rekord = {
        "granskad": datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat(),
        "verktyg": dict(sorted(verktyg.items())),
        "sidor": sum(poster[f"vnu-{b}"]["antal"] for b in BYGGEN),
        # the engines make the same PDFs (test_outloud_pa_varje_pdf): count them once
        "pdfer": sum(poster[f"outloud-{b}"]["antal"] for b, (_, m) in BYGGEN.items()
                     if m == "mkdocs"),
        "resultat": sorted(f"{x['bygge']}: {x['text']}" for k, x in poster.items() if k in kravda()),
    }
    _skriv(mapp.parent / "granskning.json", rekord)
    if mal is not None or os.environ.get("ANSLAG_SPARA_GRANSKNING") == "1":
        _skriv(mal or GRANSKNING, rekord)
    return rekord


def _skriv(fil: Path, data: dict) -> None:
    tmp = fil.with_name(f".{fil.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, fil)


def vnu_version() -> str:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        return "?"
    p = subprocess.run([java, "-jar", str(VNU_JAR), "--version"], capture_output=True,
                       text=True, timeout=120)
    return (p.stdout or p.stderr).strip()
