"""The check cache never changes a result: after random edits to a small generated archive,
`anslag kontrollera` with the cache (incremental) prints exactly what it prints without one
(cold), with the same exit code, and the model that `status`, `ny` and `bygg` get from the
kept one (commands.modellcache, asked for after some of the edits) equals the model of a
whole read. Runs the real command line in-process (cli.main) so that many edits fit in the
test's time."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.commands import cli
from tests.conftest import generera_arkiv

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory) -> Path:
    ut = tmp_path_factory.mktemp("arkiv") / "innehall"
    generera_arkiv(ut, 120)
    return ut


def _kontrollera(innehall: Path, cwd: Path) -> tuple[int, str, str]:
    ut, fel = io.StringIO(), io.StringIO()
    forra = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(ut), contextlib.redirect_stderr(fel):
            kod = cli.main(["kontrollera", "--innehall", str(innehall)])
    finally:
        os.chdir(forra)
    return kod, ut.getvalue(), fel.getvalue()


def _kall(innehall: Path, cwd: Path) -> tuple[int, str, str]:
    shutil.rmtree(cwd / ".cache", ignore_errors=True)
    return _kontrollera(innehall, cwd)


def _paragrafer(rot: Path) -> list[Path]:
    return sorted(p for p in rot.glob("*/*/*.md") if p.name != "sammantrade.md")


def _valj(lista: list[Path], i: int) -> Path:
    return lista[i % len(lista)]


def _ersatt(fil: Path, monster: str, ny: str) -> None:
    text = fil.read_text(encoding="utf-8")
    fil.write_text(re.sub(monster, ny, text, count=1, flags=re.M), encoding="utf-8")


def andra_falt(rot: Path, i: int, n: int) -> None:
    _ersatt(_valj(_paragrafer(rot), i), r"^paragraf: \d+$", f"paragraf: {n % 40 + 1}")


def andra_text(rot: Path, i: int, n: int) -> None:
    tillagg = ["Ny mening.", "Datum 2025-XX-01 ska fyllas i.", "Personnummer 19121212-1212.",
               "§ XX", "> " * 14 + "djupt"][n % 5]
    fil = _valj(_paragrafer(rot), i)
    fil.write_text(fil.read_text(encoding="utf-8") + "\n" + tillagg + "\n", encoding="utf-8")


def lagg_till_paragraf(rot: Path, i: int, n: int) -> None:
    fil = _valj(_paragrafer(rot), i)
    ny = fil.with_name(f"{90 + n % 9}.md")
    ny.write_text(re.sub(r"^paragraf: \d+$", f"paragraf: {n % 60 + 1}",
                         fil.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")


def ta_bort_paragraf(rot: Path, i: int, _n: int) -> None:
    _valj(_paragrafer(rot), i).unlink()


def byt_namn(rot: Path, i: int, n: int) -> None:
    if n % 2:
        fil = _valj(_paragrafer(rot), i)
        fil.rename(fil.with_name("x" + fil.name))
    else:      # a meeting moves to another day (the set of meetings changes)
        mapp = _valj(sorted(rot.glob("*/*/")), i)
        mapp.rename(mapp.with_name(mapp.name[:-2] + f"{n % 28 + 1:02d}"))


def bryt_referens(rot: Path, i: int, n: int) -> None:
    med = [p for p in _paragrafer(rot) if "beredning:" in p.read_text(encoding="utf-8")]
    if med:
        _ersatt(_valj(med, i), r"^(beredning: .*§ )\d+$", rf"\g<1>{n % 70 + 1}")


def andra_person(rot: Path, i: int, n: int) -> None:
    sm = _valj(sorted(rot.glob("*/*/sammantrade.md")), i)
    _ersatt(sm, r"^  - (\S+) (\S+) \(", ["  - Ana \\2 (", "  - \\1 \\2x (", "  - \\2 \\1 ("][n % 3])


def rora(rot: Path, i: int, n: int) -> None:
    fil = _valj(sorted(p for p in rot.rglob("*") if p.is_file()), i)
    os.utime(fil, ns=(fil.stat().st_atime_ns, fil.stat().st_mtime_ns + 10**9 * (n + 1)))


def andra_handling(rot: Path, i: int, n: int) -> None:
    hs = sorted(rot.glob("*/*/handlingar/*.md"))
    if not hs:
        return
    h = _valj(hs, i)
    if n % 3 == 0:
        h.unlink()
    else:
        h.write_text(h.read_text(encoding="utf-8") + ["\nRad 19121212-1212.\n",
                                                     "\nDnr 2024/XXXX.\n"][n % 3 - 1],
                     encoding="utf-8")


def andra_kommun(rot: Path, _i: int, n: int) -> None:
    k = rot / "kommun.yml"
    ny = ["dnr_monster: '^\\d{4}/\\d{4}$'", "dnr_monster: '^\\d{4}/\\d{5}$'\nokand: 1",
          "dnr_monster: '^.*$'"][n % 3]
    _ersatt(k, r"^dnr_monster: .*$", ny.replace("\\", "\\\\"))


def tom_mapp(rot: Path, i: int, n: int) -> None:
    """An empty folder: an organ without organ.yml, a meeting without sammantrade.md, or
    an empty folder inside a meeting."""
    mapp = _valj(sorted(rot.glob("*/*/")), i)
    [rot / f"tomt-organ-{n % 3}", mapp.parent / f"2030-01-{n % 28 + 1:02d}",
     mapp / ["bilagor", "handlingar", "annat"][n % 3]][n % 3].mkdir(exist_ok=True)


def kopiera_mote(rot: Path, i: int, n: int) -> None:
    """A meeting folder copied to another day (numbers, persons and dnr repeat)."""
    mapp = _valj(sorted(rot.glob("*/*/")), i)
    ny = mapp.with_name(f"{2001 + n % 3}-{n % 12 + 1:02d}-{n % 28 + 1:02d}")
    if not ny.exists():
        shutil.copytree(mapp, ny)


def ta_bort_mote(rot: Path, i: int, _n: int) -> None:
    shutil.rmtree(_valj(sorted(rot.glob("*/*/")), i))


def andra_register(rot: Path, i: int, n: int) -> None:
    """.anslag/lasta.json (written by `anslag justera`): a meeting added (one with or
    without a lock), emptied, or broken."""
    from generator.content.register import register_fil, skriv_register
    mote = _valj(sorted(rot.glob("*/*/")), i)
    if n % 4 == 3:
        register_fil(rot).parent.mkdir(exist_ok=True)
        register_fil(rot).write_text("{inte json", encoding="utf-8")
    else:
        skriv_register(rot, set() if n % 4 == 2 else {f"{mote.parent.name}/{mote.name}"})


def las_mote(rot: Path, i: int, n: int) -> None:
    """A meeting gets a justering.lock (an unreadable one, or a copy of another meeting's)
    or loses it."""
    from generator.content.lasfil import LASFIL
    mote = _valj(sorted(rot.glob("*/*/")), i)
    kalla = sorted(rot.glob(f"*/*/{LASFIL}"))
    if (mote / LASFIL).exists():
        (mote / LASFIL).unlink()
    elif kalla and n % 2:
        shutil.copy(kalla[0], mote / LASFIL)
    else:
        (mote / LASFIL).write_text("trasig\n", encoding="utf-8")


ANDRINGAR = [andra_falt, andra_text, lagg_till_paragraf, ta_bort_paragraf, byt_namn,
             bryt_referens, andra_person, rora, andra_handling, andra_kommun, tom_mapp,
             kopiera_mote, ta_bort_mote, andra_register, las_mote]

andring = st.tuples(st.sampled_from(ANDRINGAR), st.integers(0, 10**6), st.integers(0, 10**6),
                    st.booleans(), st.booleans())


def _samma_modell(rot: Path, varm: Path, vad: str) -> None:
    """The model from the kept one (after any number of checks) equals a whole read's, in
    every field and in the order of organs, meetings and ärenden."""
    from generator.common.cache import cachemapp
    from generator.commands.helkontroll import modell
    from generator.commands.kontroll import kontrollera
    ny = kontrollera(rot, cachemapp(varm / "site"), modell="arkiv").arkiv
    ctx, _r = modell(rot, None)
    kall = ctx.arkiv if ctx is not None else None
    assert ny == kall, vad
    if kall is not None:
        assert list(ny.arenden) == list(kall.arenden), vad
        assert [(o, [m.datum for m in ny.organ[o].sammantraden]) for o in ny.organ] == \
               [(o, [m.datum for m in kall.organ[o].sammantraden]) for o in kall.organ], vad


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(andringar=st.lists(andring, min_size=1, max_size=4), spara=st.sampled_from([1, 25]))
def test_inkrementell_kontroll_som_kall(arkiv: Path, andringar, spara: int):
    from generator.commands import modellcache
    forra, modellcache.SPARA_EFTER = modellcache.SPARA_EFTER, spara   # kept after each change,
    try:                                                               # or read again on top
        _inkrementell_som_kall(arkiv, andringar)
    finally:
        modellcache.SPARA_EFTER = forra


def _inkrementell_som_kall(arkiv: Path, andringar) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rot = tmp / "innehall"
        shutil.copytree(arkiv, rot)
        varm, kall = tmp / "varm", tmp / "kall"
        varm.mkdir()
        kall.mkdir()
        assert _kontrollera(rot, varm) == _kall(rot, kall)
        _samma_modell(rot, varm, "från början")
        for fn, i, n, atergang, modell in andringar:
            fore = {p: p.read_bytes() for p in rot.rglob("*") if p.is_file()}
            mappar = {p for p in rot.rglob("*") if p.is_dir()}
            fn(rot, i, n)
            assert _kontrollera(rot, varm) == _kall(rot, kall), fn.__name__
            if modell:
                _samma_modell(rot, varm, fn.__name__)
            if atergang:                              # edit then revert
                for p in sorted(set(rot.rglob("*")) - set(fore) - mappar, reverse=True):
                    if p.is_dir():
                        shutil.rmtree(p, ignore_errors=True)
                    elif p.exists():
                        p.unlink()
                for p in mappar:
                    p.mkdir(parents=True, exist_ok=True)
                for p, b in fore.items():
                    if not p.exists() or p.read_bytes() != b:
                        p.write_bytes(b)
                assert _kontrollera(rot, varm) == _kall(rot, kall), f"{fn.__name__} återställd"
        _samma_modell(rot, varm, "till sist")


def test_cachen_anvands(arkiv: Path, tmp_path: Path):
    """The incremental paths are taken (the property above would hold without any cache)."""
    from generator.common.cache import cachemapp
    from generator.commands.kontroll import kontrollera
    rot = tmp_path / "innehall"
    shutil.copytree(arkiv, rot)
    cache = cachemapp(tmp_path / "site")
    assert kontrollera(rot, cache).satt == "hel"
    assert kontrollera(rot, cache).satt == "oforandrad"
    fil = _paragrafer(rot)[3]
    fil.write_text(fil.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    assert kontrollera(rot, cache).satt == "inkrementell"
    assert kontrollera(rot, cache).satt == "oforandrad"
    andra_falt(rot, 3, 38)         # a new § number: the cross-meeting rules run again
    assert kontrollera(rot, cache).satt == "inkrementell"
    kopiera_mote(rot, 3, 5)        # a new meeting
    assert kontrollera(rot, cache).satt == "inkrementell"
    assert kontrollera(rot, cache, modell="arkiv").modellmoten is None  # none kept yet
    andra_register(rot, 3, 1)     # what `anslag justera` writes besides the meeting
    assert kontrollera(rot, cache).satt == "inkrementell"
    assert kontrollera(rot, cache, modell="arkiv").modellmoten == 0    # kept as it was
    andra_text(rot, 0, 0)          # the first and the last §: two meetings
    assert kontrollera(rot, cache).satt == "inkrementell"
    andra_text(rot, -1, 0)
    res = kontrollera(rot, cache, modell="arkiv")
    assert (res.satt, res.modellmoten) == ("inkrementell", 2)      # two meetings read again
    assert kontrollera(rot, cache, modell="arkiv").modellmoten == 2  # not kept for two
    andra_kommun(rot, 0, 1)
    assert kontrollera(rot, cache).satt == "hel"
    assert kontrollera(rot, cache, modell="arkiv").modellmoten is None  # read whole


def test_trasig_cache_ignoreras(arkiv: Path, tmp_path: Path):
    rot = tmp_path / "innehall"
    shutil.copytree(arkiv, rot)
    forvantat = _kall(rot, tmp_path)
    for innehall in (b"", b"inte en pickle", b"\x80\x05K\x01."):
        (tmp_path / ".cache" / "anslag-site" / "kontroll.pickle").write_bytes(innehall)
        assert _kontrollera(rot, tmp_path) == forvantat


def test_kontrollera_laddar_inte_bygget(tmp_path: Path):
    """`anslag kontrollera` imports none of the site, search or PDF machinery."""
    from tests.conftest import EXEMPEL
    kod = ("import sys, contextlib, io\n"
           "from generator.commands import cli\n"
           "with contextlib.redirect_stdout(io.StringIO()):\n"
           f"    k = cli.main(['kontrollera', '--innehall', {str(EXEMPEL)!r}])\n"
           "bas = {m.split('.')[0] for m in sys.modules}\n"
           "print(k, sorted(bas & {'mkdocs', 'material', 'typst', 'pagefind', 'pypdf', 'jinja2',"
           " 'markdown', 'rich', 'zensical', 'playwright'}))\n")
    for _ in range(2):         # cold, then warm from the check cache
        p = subprocess.run([sys.executable, "-c", kod], capture_output=True, text=True,
                           cwd=tmp_path, timeout=300)
        assert p.stdout.strip() == "0 []", p.stdout + p.stderr
