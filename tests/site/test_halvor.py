"""The meetings made ahead in two processes (render/site/halvor.py) give exactly what one
process gives: every byte of the built site, and the site cache (pages' manifest and memo)
and the Markdown cache that the next build reads, in the same order. Checked on a cold
build, on the rebuild after a few meetings changed (the memo reuses the rest), and with a
child that fails. Each build runs the real command line (cli.main, `anslag bygg`) in a
fresh interpreter (one thread, as `anslag` is) with the break-even forced both ways; the
test counts the splits and the units made ahead, and requires every one of them to be
taken, so a split that silently falls back to one process fails it."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROT, generera_arkiv

KOD = r"""
import json, os, sys
from generator.commands import cli
from generator.render.site import halvor

lage, innehall, ut = sys.argv[1:4]
halvor.MINST = 10**12 if lage == "en" else 0
forbered, webbplatser, delade = halvor.forbered, [], []
def raknad(w, enh):
    r = forbered(w, enh)
    webbplatser.append(w)
    alla = sum(1 for e in enh if e.forut) + sum(1 for e in enh if e.mote)
    delade.append([r, len(w.minne.forberedda), alla])
    return r
halvor.forbered = raknad
if lage == "barnet_fallerar":
    gor, foralder = halvor._gor, os.getpid()
    def trasig(*a):
        if os.getpid() != foralder:
            raise RuntimeError("barnet misslyckas")
        return gor(*a)
    halvor._gor = trasig
kod = cli.main(["bygg", "--innehall", innehall, "--ut", ut, "--arkiv", ut + "-arkiv",
                "--idag", "2025-06-30", "--utan-pdf", "--tyst"])
print(json.dumps({"kod": kod, "delade": delade,
                  "kvar": [len(w.minne.forberedda) for w in webbplatser]}))
"""


def _bygg(lage: str, innehall: Path, ut: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", KOD, lage, str(innehall), str(ut)],
                       capture_output=True, text=True, cwd=ROT, timeout=600)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout.strip().splitlines()[-1])
    assert r["kod"] == 0, p.stderr
    assert r["kvar"] == [0], "a unit made ahead was not taken"
    return r


def _filer(mapp: Path) -> dict[str, bytes]:
    """Every file but Pagefind's index: Pagefind keeps a filter's values in a hash map whose
    order (and so its file names) differs from run to run even for the same pages, which
    are compared here byte for byte."""
    return {str(p.relative_to(mapp)): p.read_bytes() for p in sorted(mapp.rglob("*"))
            if p.is_file() and p.relative_to(mapp).parts[0] != "pagefind"}


def _cache(ut: Path, namn: str):
    """A saved cache as the next build reads it: its key and dict, the order included."""
    nyckel, d = pickle.loads((ut.parent / ".cache" / f"anslag-{ut.name}" / namn).read_bytes())
    return nyckel, list(d.items()) if namn != "sidor.pickle" else {
        k: list(v.items()) if isinstance(v, dict) else v for k, v in d.items()}


def _samma(a: Path, b: Path) -> None:
    fa, fb = _filer(a), _filer(b)
    assert sorted(fa) == sorted(fb)
    skiljer = [k for k in fa if fa[k] != fb[k]]
    assert not skiljer, f"{len(skiljer)} files differ, e.g. {skiljer[:5]}"
    for namn in ("sidor.pickle", "markdown.pickle"):
        assert _cache(a, namn) == _cache(b, namn), namn


def _andra_moten(innehall: Path, antal: int) -> None:
    """A new sentence in the last § of ``antal`` meetings spread over the archive."""
    moten = sorted(p for p in innehall.glob("*/*") if p.is_dir() and any(p.glob("*.md")))
    for mapp in moten[:: max(1, len(moten) // antal)][:antal]:
        sista = sorted(f for f in mapp.glob("*.md") if f.name != "sammantrade.md")[-1]
        sista.write_text(sista.read_text(encoding="utf-8") + "\nEn ny mening i texten.\n",
                         encoding="utf-8")


@pytest.fixture(scope="module")
def innehall(tmp_path_factory) -> Path:
    return generera_arkiv(tmp_path_factory.mktemp("halvor") / "innehall", 400, handlingar=2)


def test_sidorna_i_tva_processer_ger_samma_byte_och_cacher(innehall: Path, tmp_path: Path):
    en, tva, fel = (tmp_path / x / "site" for x in ("en", "tva", "fel"))
    r_en = _bygg("en", innehall, en)
    r_tva = _bygg("tva", innehall, tva)
    r_fel = _bygg("barnet_fallerar", innehall, fel)
    moten = len(list(innehall.glob("*/*/sammantrade.md")))
    (ja, antal, alla), = r_tva["delade"]
    assert r_en["delade"] == [[False, 0, alla]]
    assert ja and antal == alla > 2 * moten      # every unit that can be made ahead, was
    assert r_fel["delade"] == r_tva["delade"]     # the parent made the child's half
    _samma(en, tva)
    _samma(en, fel)

    # the next build after a few meetings changed: the memo reuses the rest
    _andra_moten(innehall, 6)
    r_en, r_tva = _bygg("en", innehall, en), _bygg("tva", innehall, tva)
    assert r_en["delade"] == [[False, 0, alla]]
    (ja, antal, _), = r_tva["delade"]
    assert ja and 12 <= antal < alla             # 6 meetings with their JSON, and what reads them
    _samma(en, tva)
