"""The PDF side of the daily build (issue 14.3), through the real ``anslag bygg``.

* A changed § changes exactly the PDFs that show it and exactly their lines in
  ``data/sha256.txt``; every other PDF is left in place (same inode); the result is
  byte-identical to a clean build of the same content.
* A build interrupted while it writes PDFs leaves the published site untouched (no byte,
  no mtime), and the next build is the same as a clean one.
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

IDAG = date(2025, 3, 20)
MOTEN = ("2025-03-05", "2025-03-12")


def _innehall(rot: Path, hjalp) -> None:
    hjalp.grund(rot)
    for i, d in enumerate(MOTEN):
        hjalp.mote(rot, d, "2025-03-14", "2025-03-14")
        for n in (1, 2):
            nr = 2 * i + n
            hjalp.paragraf(rot, d, f"0{n}.md",
                           f"paragraf: {nr}\nrubrik: Ärende {nr}\ndnr: 2025/0000{nr}",
                           f"## Socialnämndens beslut\n\nBeslut i ärende {nr}.")


def _pdfer(*rotter: Path) -> dict[str, tuple[str, int]]:
    """Every PDF under the folders: (root name)/relpath -> (sha256, inode)."""
    return {f"{r.name}/{p.relative_to(r).as_posix()}":
            (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_ino)
            for r in rotter for p in sorted(r.rglob("*.pdf"))}


def _rader(site: Path) -> set[str]:
    return set((site / "data/sha256.txt").read_text(encoding="utf-8").splitlines())


def test_andrad_paragraf_andrar_exakt_dess_pdf_och_summor(tmp_path, hjalp):
    rot = tmp_path / "innehall"
    _innehall(rot, hjalp)
    ut = tmp_path / "ut" / "site"
    ark = ut.parent / "arkiv"
    hjalp.bygg_site(rot, ut, IDAG)
    fore, rader_fore = _pdfer(ut, ark), _rader(ut)
    d = MOTEN[1]
    vantat = {f"site/protokoll/sn/{d}/protokoll.pdf", f"site/protokoll/sn/{d}/utdrag-4.pdf",
              f"arkiv/sn/{d}/protokoll.pdf"}
    assert vantat < set(fore) and len(fore) >= 2 * len(vantat), sorted(fore)

    hjalp.paragraf(rot, d, "02.md", "paragraf: 4\nrubrik: Ärende 4\ndnr: 2025/00004",
                   "## Socialnämndens beslut\n\nBeslut i ärende 4, ändrat.")
    hjalp.bygg_site(rot, ut, IDAG)
    efter, rader_efter = _pdfer(ut, ark), _rader(ut)

    assert set(efter) == set(fore)
    andrade = {k for k in fore if efter[k][0] != fore[k][0]}
    assert andrade == vantat
    # the others were left where they were: neither rendered, copied nor linked again
    assert {k: efter[k] for k in fore if k not in vantat} == \
        {k: fore[k] for k in fore if k not in vantat}
    # data/sha256.txt: exactly the lines of the changed public PDFs differ
    publika = {k.removeprefix("site/") for k in vantat if k.startswith("site/")}
    assert {r.split("  ", 1)[1] for r in rader_fore ^ rader_efter} == publika
    assert len(rader_fore - rader_efter) == len(publika)

    ren = tmp_path / "ren" / "site"
    hjalp.bygg_site(rot, ren, IDAG)
    assert {k: v[0] for k, v in _pdfer(ut, ark).items()} == \
        {k: v[0] for k, v in _pdfer(ren, ren.parent / "arkiv").items()}
    assert (ut / "data/sha256.txt").read_bytes() == (ren / "data/sha256.txt").read_bytes()


def _avtryck(rot: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(rot).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(rot.rglob("*")) if p.is_file()}


def test_avbrutet_pdf_steg_lamnar_webbplatsen_orord(tmp_path, hjalp, monkeypatch):
    import importlib

    from generator.commands.bygg import bygg

    motor = importlib.import_module("generator.render.pdf.motor")
    rot = tmp_path / "innehall"
    _innehall(rot, hjalp)
    ut = tmp_path / "ut" / "site"
    hjalp.bygg_site(rot, ut, IDAG)
    fore = _avtryck(ut)
    assert any(k.endswith(".pdf") for k in fore)

    # every § changes, so the PDF stage writes (and is stopped after its first file)
    for i, d in enumerate(MOTEN):
        for n in (1, 2):
            nr = 2 * i + n
            hjalp.paragraf(rot, d, f"0{n}.md",
                           f"paragraf: {nr}\nrubrik: Ärende {nr}, ny rubrik\ndnr: 2025/0000{nr}",
                           f"## Socialnämndens beslut\n\nBeslut i ärende {nr}.")
    orig = motor.Cache.lagg
    skrivna: list[Path] = []

    def lagg(self, nyckel, mal, pdf=None):
        if skrivna:
            raise KeyboardInterrupt   # what Ctrl-C does in the middle of the PDF stage
        skrivna.append(mal)
        return orig(self, nyckel, mal, pdf)

    monkeypatch.setattr(motor.Cache, "lagg", lagg)
    assert bygg(rot, ut, ut.parent / "arkiv", IDAG, False, tyst=True) == 130
    assert skrivna, "PDF-steget skrev inget: testet prövar ingenting"
    assert _avtryck(ut) == fore
    monkeypatch.setattr(motor.Cache, "lagg", orig)

    hjalp.bygg_site(rot, ut, IDAG)
    ren = tmp_path / "ren" / "site"
    hjalp.bygg_site(rot, ren, IDAG)
    assert {k: v[0] for k, v in _avtryck(ut).items() if not k.startswith("pagefind/")} == \
        {k: v[0] for k, v in _avtryck(ren).items() if not k.startswith("pagefind/")}
