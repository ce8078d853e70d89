"""THE daily rebuild (issue 14): ``anslag bygg`` for a new day with nothing changed in the
content, PDFs on, through the real command.

* The result is byte for byte a clean build for that day: the site (pages, feeds, ICS,
  open data, ``data/sha256.txt``, the search index) and the PDFs of both folders.
* Only files whose bytes change are touched: every other file of the site and the
  archive folder keeps its inode and mtime (left in place, not rewritten, linked or copied).
* A build killed (SIGKILL, no clean-up) just before its swap, when everything is written,
  leaves the published site as it was, and the build after it is a clean build's equal.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
IDAG = date(2025, 3, 28)     # the last day to appeal the protokoll put up on 2025-03-07
NY_DAG = date(2025, 3, 29)   # the next day: its anslag comes down, nothing else changes
MEDDELANDE = "Inget har ändrats sedan förra bygget"


def _innehall(rot: Path, hjalp) -> Path:
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.mote(rot, "2025-02-05", "2025-02-07", "2025-02-07")
    for d, nr in (("2025-02-05", 1), ("2025-02-05", 2), ("2025-03-05", 3), ("2025-03-05", 4)):
        hjalp.paragraf(rot, d, f"0{nr}.md",
                       f"paragraf: {nr}\nrubrik: Ärende {nr}\ndnr: 2025/0000{nr}",
                       f"## Socialnämndens beslut\n\nBeslut i ärende {nr}.")
    return rot


def _filer(*rotter: Path) -> dict[str, tuple[str, int, int]]:
    """(root name)/relpath -> (sha256, inode, mtime_ns) of every file under the folders."""
    ut = {}
    for r in rotter:
        for p in sorted(r.rglob("*")):
            if p.is_file():
                st = p.stat()
                ut[f"{r.name}/{p.relative_to(r).as_posix()}"] = (
                    hashlib.sha256(p.read_bytes()).hexdigest(), st.st_ino, st.st_mtime_ns)
    return ut


def _bytes(*rotter: Path) -> dict[str, str]:
    return {k: v[0] for k, v in _filer(*rotter).items()}


def _bygg(ut: Path, rot: Path, idag: date, **kw) -> subprocess.CompletedProcess:
    """The real ``anslag bygg`` in a process of its own (``kill_fore_byte``: SIGKILL
    itself where the staged site would be swapped in). Waits first until the files of a
    previous build are older than the margin a build allows for coarse timestamps (2 s):
    a file left as it was must then be kept for what it is, not for being new."""
    time.sleep(2.5)
    kod = "from generator.commands import cli; raise SystemExit(cli.main())"
    if kw.get("kill_fore_byte"):
        kod = ("import os, signal; import generator.commands.bygg as b; "
               "b._byt = lambda ny, ut: os.kill(os.getpid(), signal.SIGKILL); " + kod)
    cmd = [sys.executable, "-c", kod, "bygg", "--innehall", str(rot), "--ut", str(ut),
           "--arkiv", str(ut.parent / "arkiv"), "--idag", idag.isoformat()]
    return subprocess.run(cmd, cwd=ROT, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def _ok(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 0, r.stderr
    return r.stdout + r.stderr


def test_ny_dag_utan_andring_ar_ett_rent_bygge_och_ror_bara_det_som_andras(tmp_path, hjalp):
    rot = _innehall(tmp_path / "innehall", hjalp)
    ut = tmp_path / "ut" / "site"
    _ok(_bygg(ut, rot, IDAG))
    fore = _filer(ut, ut.parent / "arkiv")
    assert any(k.endswith(".pdf") for k in fore) and any(k.startswith("arkiv/") for k in fore)

    assert MEDDELANDE not in _ok(_bygg(ut, rot, NY_DAG))
    efter = _filer(ut, ut.parent / "arkiv")

    ren = tmp_path / "ren" / "site"
    _ok(_bygg(ren, rot, NY_DAG))
    facit = _bytes(ren, ren.parent / "arkiv")
    efter_b = {k: v[0] for k, v in efter.items()}
    skillnad = sorted(k for k in set(efter_b) | set(facit) if efter_b.get(k) != facit.get(k))
    assert skillnad == [], [(k, efter_b.get(k), facit.get(k)) for k in skillnad]

    andrade = {k for k in efter if k in fore and efter[k][0] != fore[k][0]}
    # the day changes the board (the anslag came down) and what shows it: the test is real
    assert "site/index.html" in andrade, sorted(andrade)
    assert not any(k.endswith(".pdf") for k in andrade)
    orord = {k: efter[k] for k in efter if k in fore and k not in andrade}
    assert sorted(k for k in orord if orord[k] != fore[k]) == [], "samma innehåll skrevs om"
    assert len(orord) > 10 * len(andrade), (len(orord), sorted(andrade))
    # and the day after that, with nothing changed and nothing to take down, again a new day
    assert MEDDELANDE in _ok(_bygg(ut, rot, NY_DAG))
    assert _filer(ut, ut.parent / "arkiv") == efter


def test_dodat_bygge_fore_bytet_lamnar_webbplatsen_orord(tmp_path, hjalp):
    rot = _innehall(tmp_path / "innehall", hjalp)
    ut = tmp_path / "ut" / "site"
    _ok(_bygg(ut, rot, IDAG))
    fore = _filer(ut)

    r = _bygg(ut, rot, NY_DAG, kill_fore_byte=True)
    assert r.returncode == -9, (r.returncode, r.stderr)
    assert any(p.name.startswith(".site.ny-") for p in ut.parent.iterdir()), \
        "inget stegat bygge fanns: testet prövar ingenting"
    assert _filer(ut) == fore

    assert MEDDELANDE not in _ok(_bygg(ut, rot, NY_DAG))
    ren = tmp_path / "ren" / "site"
    _ok(_bygg(ren, rot, NY_DAG))
    assert _bytes(ut, ut.parent / "arkiv") == _bytes(ren, ren.parent / "arkiv")
