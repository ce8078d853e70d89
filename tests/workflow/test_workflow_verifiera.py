"""The published manifest data/sha256.txt and `anslag verifiera`."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from arbetsflode_hjalp import kor, sha
from generator.render.manifest import kontrollsummor, las_manifest, per_sammantrade, skriv_manifest

MOTE = "protokoll/fun/2025-02-06"
# the documents a publishing plan lists for this meeting (pages, feeds and checksum lists are not)
DOKUMENT = [f"{MOTE}/bilagor/budget.xlsx", f"{MOTE}/bilagor/kvalitetsrapport.pdf",
            f"{MOTE}/protokoll.pdf", f"{MOTE}/utdrag-3.pdf"]


def _manifest(site: Path) -> Path:
    return skriv_manifest(site, kontrollsummor(site, DOKUMENT))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    s = tmp_path / "site"
    m = s / MOTE
    (m / "bilagor").mkdir(parents=True)
    (m / "3").mkdir()
    (m / "protokoll.pdf").write_bytes(b"%PDF-1.7\nprotokoll FUN 2025-02-06\n%%EOF\n")
    (m / "utdrag-3.pdf").write_bytes(b"%PDF-1.7\nutdrag 3\n%%EOF\n")
    (m / "bilagor" / "kvalitetsrapport.pdf").write_bytes(b"%PDF-1.7\nbilaga\n%%EOF\n")
    (m / "bilagor" / "budget.xlsx").write_bytes(b"PK\x03\x04 kalkylblad")
    (m / "bilagor" / "SHA256SUMS").write_text("x  y\n")
    (m / "index.html").write_text("<html></html>")
    (m / "3" / "index.html").write_text("<html></html>")
    (s / "protokoll" / "fun" / "anslag.xml").write_text("<feed/>")
    (s / "index.html").write_text("<html></html>")
    (s / "kallelse.pdf").write_bytes(b"%PDF outside protokoll/")
    return s


def test_manifest_i_sha256sum_format(site: Path):
    ut = _manifest(site)
    assert ut == site / "data" / "sha256.txt"
    rader = ut.read_text(encoding="utf-8").splitlines()
    vantat = DOKUMENT
    assert [r.split("  ", 1)[1] for r in rader] == vantat          # sorted
    for r in rader:
        h, rel = r.split("  ", 1)
        assert h == sha(site / rel)
    assert las_manifest(ut) == {rel: sha(site / rel) for rel in vantat}
    assert per_sammantrade(las_manifest(ut)) == {("fun", "2025-02-06"): las_manifest(ut)}
    if shutil.which("sha256sum"):
        p = subprocess.run(["sha256sum", "-c", "data/sha256.txt"], cwd=site,
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stdout + p.stderr


def test_verifiera_godtar_publicerad_fil_och_avvisar_andrad(site: Path, tmp_path: Path):
    _manifest(site)
    nedladdad = tmp_path / "nedladdat" / "protokoll.pdf"
    nedladdad.parent.mkdir()
    shutil.copy(site / MOTE / "protokoll.pdf", nedladdad)
    r = kor("verifiera", nedladdad, "--ut", site)
    assert r.kod == 0, r.allt
    assert f"stämmer. Filen är exakt den publicerade {MOTE}/protokoll.pdf" in r.ut
    assert sha(nedladdad) in r.ut

    raw = bytearray(nedladdad.read_bytes())
    raw[-8] ^= 1                                                  # one bit
    nedladdad.write_bytes(bytes(raw))
    r = kor("verifiera", nedladdad, "--ut", site)
    assert r.kod == 1
    assert "stämmer INTE" in r.ut and f"{MOTE}/protokoll.pdf" in r.ut   # same name, other file

    bilaga = tmp_path / "kopia.xlsx"
    shutil.copy(site / MOTE / "bilagor" / "budget.xlsx", bilaga)
    r = kor("verifiera", bilaga, "--ut", site)
    assert r.kod == 0 and f"{MOTE}/bilagor/budget.xlsx" in r.ut


def test_verifiera_utan_manifest_eller_fil(site: Path, tmp_path: Path):
    r = kor("verifiera", site / MOTE / "protokoll.pdf", "--ut", site)
    assert r.kod == 1 and "data/sha256.txt finns inte" in r.fel
    _manifest(site)
    r = kor("verifiera", tmp_path / "finns-inte.pdf", "--ut", site)
    assert r.kod == 1 and "finns inte" in r.fel
