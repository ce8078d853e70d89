"""Reading a large content folder in two processes (generator.common.parallell) gives
exactly what reading it in one gives: the same diagnostics in the same order, the same
documents and model, and the parse memo holds the child's files too. Run in a fresh
interpreter (one thread, as `anslag` is) with the break-even lowered so a small
generated archive is split."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROT, generera_arkiv

KOD = r"""
import hashlib, os, sys
from pathlib import Path
import generator.content.loading as L
from generator.archive.bygg import bygg_modell
from generator.common import parallell
from generator.common.diagnostics import Rapport
from generator.rules import kor_regler

rot, minst = Path(sys.argv[1]), int(sys.argv[2])
L.MINST_FOR_TVA_PROCESSER = minst
forkar = []
fork = os.fork
def raknad_fork():
    forkar.append(1)
    return fork()
os.fork = raknad_fork
r = Rapport()
minne = L.Tolkminne(None)
inn = L.las_innehall(rot, r, minne)
ctx = bygg_modell(inn, r)
kor_regler(ctx, r)
docs = [(d.path, repr(d.data), d.body, d.body_rad, d.nyckelrader, d.text)
        for o in inn.organ for m in o.sammantraden
        for d in [m.sammantrade, *m.paragrafer, *m.handlingar.values()] if d is not None]
moten = [(m.organ_id, m.datum_text, m.sammantrade_path, sorted(m.filer.items()), m.lock)
         for o in inn.organ for m in o.sammantraden]
print(len(forkar), len(r.poster), len(docs), len(minne.nya))
print(hashlib.sha256(repr((r.poster, docs, moten, ctx.arkiv)).encode()).hexdigest())
"""


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("arkiv") / "innehall"
    generera_arkiv(ut, 400)
    filer = sorted(p for p in ut.glob("*/*/*.md") if p.name != "sammantrade.md")
    # errors in both halves: broken YAML, a personnummer, a file that is not UTF-8
    filer[3].write_text("---\nparagraf: [1\n---\ntext\n", encoding="utf-8")
    filer[-4].write_text(filer[-4].read_text(encoding="utf-8") + "\n811218-9876\n",
                         encoding="utf-8")
    filer[len(filer) // 2 + 1].write_bytes(b"---\nrubrik: \xff\n---\n")
    return ut


def _kor(rot: Path, minst: int) -> list[str]:
    p = subprocess.run([sys.executable, "-c", KOD, str(rot), str(minst)], capture_output=True,
                       text=True, cwd=ROT, timeout=300)
    assert p.returncode == 0, p.stderr
    return p.stdout.split()


def test_tva_processer_ger_samma_resultat_som_en(arkiv: Path):
    en = _kor(arkiv, 10**9)
    tva = _kor(arkiv, 2)
    assert en[0] == "0" and tva[0] == "1", (en, tva)      # only the second one forked
    assert int(en[1]) >= 3                                 # the errors were found
    assert tva[1:] == en[1:]
    assert int(tva[3]) == int(tva[2])                      # every parsed file is in the memo


KOD_FEL = r"""
import os
from generator.common import parallell
forälder = os.getpid()
def gor(xs):
    if os.getpid() != forälder:
        raise RuntimeError("barnet misslyckas")
    return [x * 2 for x in xs]
print(parallell.kan_dela(10, 2), parallell.i_tva(list(range(10)), gor, 2))
"""


def test_ett_misslyckat_barn_gor_om_sin_halva_har():
    p = subprocess.run([sys.executable, "-c", KOD_FEL], capture_output=True, text=True,
                       cwd=ROT, timeout=60)
    assert p.stdout.strip() == "True [[0, 2, 4, 6, 8], [10, 12, 14, 16, 18]]", p.stderr


KOD_VIKT = r"""
import gc, os
from generator.common import parallell
vikter = [1, 1, 1, 1, 10, 1, 1, 1, 1, 1, 1]      # 20 in all; the child takes about half
def gor(xs):
    return [os.getpid(), xs, gc.get_freeze_count() > 0]
halvor = parallell.i_tva(list(range(len(vikter))), gor, 20, andel=0.5,
                         vikt=lambda i: vikter[i])
print(halvor[0][0] != halvor[1][0], halvor[0][1:], halvor[1][1:], gc.get_freeze_count())
print(parallell.i_tva([1, 2], gor, 20, vikt=lambda i: 5)[0][1])   # weight 10 < 20: one part
"""


def test_delningen_efter_vikt_och_ingen_skrapsamling_i_barnet():
    """With weights the child takes the last items worth about its share (the heavy item
    stays with the side where most of it fits); the objects are frozen (out of the garbage
    collector's reach) while the child lives, then the parent unfreezes them."""
    p = subprocess.run([sys.executable, "-c", KOD_VIKT], capture_output=True, text=True,
                       cwd=ROT, timeout=60)
    assert p.stdout.splitlines() == [
        "True [[0, 1, 2, 3, 4], False] [[5, 6, 7, 8, 9, 10], True] 0", "[1, 2]"], p.stderr


KOD_BAKGRUND = r"""
import os, sys, threading, time
from pathlib import Path
from generator.common import parallell
mapp = Path(sys.argv[1])
def skriv(namn):
    def gor():
        time.sleep(0.3)
        (mapp / namn).write_text(str(os.getpid()))
    return gor
parallell.i_bakgrunden(skriv("barn"))
print((mapp / "barn").exists())                  # not yet: this process went on at once
parallell.vanta_pa_bakgrunden()
print((mapp / "barn").read_text() != str(os.getpid()))   # written by a child
stopp = threading.Event()
t = threading.Thread(target=stopp.wait)
t.start()                                         # another thread: no fork, done here
parallell.i_bakgrunden(skriv("har"))
print((mapp / "har").read_text() == str(os.getpid()))
stopp.set(); t.join()
"""


def test_i_bakgrunden_skriver_i_ett_barn_och_vantas_in(tmp_path: Path):
    """``i_bakgrunden`` (a build's check caches): the work runs in a forked child while this
    process goes on, and is done when ``vanta_pa_bakgrunden`` returns; with another thread
    running (a fork copies only one) it is done here, before the call returns."""
    p = subprocess.run([sys.executable, "-c", KOD_BAKGRUND, str(tmp_path)], capture_output=True,
                       text=True, cwd=ROT, timeout=60)
    assert p.stdout.split() == ["False", "True", "True"], p.stderr


KOD_FRYST = r"""
import gc
from generator.common import parallell
modell = [[i] for i in range(1000)]
with parallell.fryst():
    inne = gc.get_freeze_count()
    parallell.i_tva(list(range(4)), lambda xs: xs, 1)   # forks, and must not unfreeze
    efter_delning = gc.get_freeze_count()
print(inne >= 1000, efter_delning >= inne, gc.get_freeze_count())
"""


def test_fryst_haller_modellen_utom_rackhall_aven_over_en_delning():
    """``fryst`` (a build's model during the site build): the objects alive at its start
    stay out of the collector's reach through a split in two processes inside it (whose own
    unfreeze would otherwise bring them back), and are in reach again after it."""
    p = subprocess.run([sys.executable, "-c", KOD_FRYST], capture_output=True, text=True,
                       cwd=ROT, timeout=60)
    assert p.stdout.split() == ["True", "True", "0"], p.stderr
