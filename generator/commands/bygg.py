"""``anslag bygg``: validate, build the site (MkDocs + plugin), PDFs, search, then swap in.

The new site is written to a staging folder beside ``ut`` and swapped in with
one rename only when every step succeeded, so a failed build leaves ``ut``
exactly as it was.

Incremental builds: when the site cache (``render/site/sidcache.py``, under
``<ut.parent>/.cache/anslag-<ut.name>/``) describes ``ut`` and was made with the same
theme, settings and code, the staging folder starts as a copy of ``ut`` made of hard
links and MkDocs runs ``dirty``: a page or file is written only when it differs from
what the previous build wrote. Every file that is rewritten is unlinked first (see the
plugin), so the previous build is never modified through a shared link. Files of the
previous build that this build no longer produces are removed before the swap.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import logging
import os
import sys
import time
from datetime import date
from pathlib import Path

from generator.common.datum import idag_stockholm
from generator.commands import osfel
from generator.common.diagnostics import innehall_saknas
from generator.common.cache import Cachefil, kodavtryck
from generator.common.filer import starta_lankkopia, ta_bort_i_bakgrunden
from generator.commands import utmappar

ROT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROT / "mkdocs.yml"


def _fel(text: str) -> None:
    print(f"anslag bygg: {text}", file=sys.stderr)


def _mkdocs_yml() -> Path:
    kandidater = [Path.cwd() / "mkdocs.yml", MKDOCS_YML]
    for k in kandidater:
        if k.is_file() and "anslagstavla" in k.read_text(encoding="utf-8"):
            return k
    raise FileNotFoundError("hittar ingen mkdocs.yml med pluginet anslagstavla")


_RENAME_EXCHANGE = 2


def _byt(ny: Path, ut: Path) -> None:
    """Put ``ny`` at ``ut``: an atomic exchange where the kernel offers it."""
    if not ut.exists():
        os.rename(ny, ut)
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
        renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                              ctypes.c_uint]
        AT_FDCWD = -100
        if renameat2(AT_FDCWD, os.fsencode(ny), AT_FDCWD, os.fsencode(ut), _RENAME_EXCHANGE) == 0:
            ta_bort_i_bakgrunden(ny)   # now holds the previous site
            return
    except (AttributeError, OSError):
        pass
    gammal = ut.with_name(f".{ut.name}.gammal-{os.getpid()}-{time.time_ns()}")
    os.rename(ut, gammal)
    os.rename(ny, ut)
    ta_bort_i_bakgrunden(gammal)


class _MkdocsLogg(logging.Handler):
    """MkDocs' warnings and errors to stderr; its chatter (in English) never: the build's
    progress display says the same in Swedish."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if "'dirty' build" in msg or record.name.startswith("mkdocs.plugins.anslagstavla"):
            return  # the plugin's diagnostics were already printed by the build
        print(f"mkdocs: {msg}", file=sys.stderr)


def markdown_cache(cache: Path) -> Cachefil:
    """Content Markdown -> safe HTML, kept between builds: valid only for the code that
    made it (the Markdown renderer and the site's HTML helpers) and the Markdown version;
    the page fingerprint does not clear it, so its own key must."""
    return Cachefil(cache / "markdown.pickle",
                    kodavtryck("generator.common", "generator.render.markup",
                               "generator.render.site.html", bibliotek=("Markdown",)))


def bygg_webbplats(arkiv, site_dir: Path, idag: date, *, pdf: bool = False,
                   cache: Path | None = None, dirty: bool = False,
                   sok: bool = True, mkdocs_yml: Path | None = None, plan=None,
                   sidcache: dict | None = None):
    """Render the site of ``arkiv`` into ``site_dir`` with MkDocs; returns the plugin.
    ``plan``: the build's publishing plan (made here from ``arkiv``, ``idag``, ``pdf`` if None).
    ``sidcache``: what the previous build into ``site_dir`` kept (``render/site/sidcache.py``);
    the plugin leaves this build's in ``plugin.sidcache_ny`` for the caller to save."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = _MkdocsLogg()
    gammal_niva = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        config = load_config(str(mkdocs_yml or _mkdocs_yml()), site_dir=str(site_dir))
        plugin = config.plugins["anslagstavla"]
        plugin.arkiv = arkiv
        plugin.plan = plan
        plugin.idag = idag
        plugin.dirty = dirty
        plugin.sidcache = sidcache if sidcache is not None else {}
        plugin.kontrollsummor = False   # written by anslag bygg after the PDFs
        plugin.config.pdf = pdf
        plugin.config.sok = sok
        plugin.config.cache = str(cache) if cache else ""
        if cache is not None:
            plugin.md_cache = markdown_cache(cache).las()
        for env in ("ANSLAG_IDAG", "ANSLAG_PDF", "ANSLAG_SOK", "ANSLAG_CACHE", "ANSLAG_INNEHALL"):
            os.environ.pop(env, None)   # explicit arguments win over the environment here
        build(config, dirty=dirty)
        if cache is not None and plugin.webbplats is not None:
            w = plugin.webbplats
            # pruned to what this build used only when it generated every unit: a reused
            # unit (minne.py) still reads its texts the day it is made again
            markdown_cache(cache).spara(w.md_cache if w.minne.ateranvanda else
                                        {k: v for k, v in w.md_cache.items()
                                         if k in w.md_anvanda})
        return plugin
    finally:
        logger.removeHandler(handler)
        logger.setLevel(gammal_niva)
        logger.propagate = True


def bygg(innehall: Path, ut: Path, arkiv_dir: Path, idag: date | None, utan_pdf: bool,
         tyst: bool = False, motor: str = "mkdocs") -> int:
    """Validate, build site + PDFs + search into ``ut``. Returns the exit code.
    ``motor``: the engine that builds the site, "mkdocs" or "zensical"."""

    from generator.common.framsteg import Framsteg

    t0 = time.perf_counter()
    idag = idag or idag_stockholm()
    innehall, ut, arkiv_dir = Path(innehall), Path(ut).absolute(), Path(arkiv_dir).absolute()

    if innehall_saknas(innehall):
        return 1
    if (fel := utmappar.kontrollera(innehall, {"--ut": ut, "--arkiv": arkiv_dir})) is not None:
        _fel(f"{fel} Inget byggdes och inget ändrades.")
        return 2
    fs = Framsteg(tyst=tyst)
    try:
        kod = _bygg(innehall, ut, arkiv_dir, idag, utan_pdf, fs, motor)
    finally:
        fs.stang()
    if kod == 0 and not tyst:
        sek = f"{time.perf_counter() - t0:.1f}".replace(".", ",")
        print(f"Klart: {ut} ({sek} s, idag {idag.isoformat()}).")
    return kod


def _bygg(innehall: Path, ut: Path, arkiv_dir: Path, idag: date, utan_pdf: bool, fs,
          motor: str = "mkdocs") -> int:
    cache = ut.parent / ".cache" / f"anslag-{ut.name}"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        las = open(cache / "lock", "w")
    except OSError as e:
        _fel(f"kan inte skriva i {ut.parent} ({osfel.orsak(e)}). Välj en mapp där du får skriva "
             "med --ut (och --arkiv).")
        return 1
    try:
        fcntl.flock(las, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        _fel(f"ett annat bygge av {ut} pågår.")
        las.close()
        return 1
    try:
        return _bygg_last(innehall, ut, arkiv_dir, idag, utan_pdf, fs, cache, motor)
    finally:
        from generator.common.parallell import vanta_pa_bakgrunden
        vanta_pa_bakgrunden()   # the check's caches, written while the site was built
        fcntl.flock(las, fcntl.LOCK_UN)
        las.close()


def _oforandrad(innehall: Path, cache: Path, pub, fs) -> bool:
    """Nothing changed since the published build (``commands/publicerad.py``): the same
    content, code, theme, settings and day, and every published file as it was written.
    Then the site is kept as it is (the check's warnings are still printed)."""
    from generator.commands.kontroll import kontrollera

    stampel = pub.stampel()
    if stampel is None:
        return False
    with fs.steg("Kontroll av innehållet"):
        res = kontrollera(innehall, cache)
    if res.satt != "oforandrad" or res.stampel != stampel or res.rapport.har_fel:
        return False
    for d in res.rapport.sorterade():
        print(str(d), file=sys.stderr)
    fs.meddelande("Inget har ändrats sedan förra bygget; webbplatsen är oförändrad.")
    return True


def _bygg_last(innehall: Path, ut: Path, arkiv_dir: Path, idag: date, utan_pdf: bool,
               fs, cache: Path, motor: str = "mkdocs") -> int:
    """The build, holding the lock of ``cache``."""
    from generator.commands.kontroll import kontrollera

    start_ns = time.time_ns() - 2_000_000_000  # margin for coarse file-system timestamps
    pdf = not utan_pdf

    staging = ut.parent / f".{ut.name}.ny-{os.getpid()}-{time.time_ns()}"   # never the name of
    # a previous site still being removed in the background (builds in one process)
    # the previous site of the last swap (still being removed in the background when builds
    # follow each other closely) or the staging folder of an interrupted build: never wait for it
    # (only folders that carry our marker: a folder of someone else's is never removed)
    for rest in list(ut.parent.glob(f".{ut.name}.ny-*")) + list(ut.parent.glob(f".{ut.name}.gammal-*")):
        if rest.is_dir() and not rest.is_symlink() and utmappar.ar_var(rest):
            ta_bort_i_bakgrunden(rest)
    mkdocs_yml = _mkdocs_yml()
    from generator.render.site import sidcache
    sc = sidcache.cachefil(cache, sidcache.avtryck(mkdocs_yml, pdf, innehall))
    for gammal in (cache / "sidor", cache / "fingeravtryck"):   # the layout before sidcache.py
        if gammal.is_dir() and not gammal.is_symlink():
            ta_bort_i_bakgrunden(gammal)
        elif gammal.is_file():
            gammal.unlink()
    from generator.commands import publicerad
    pub = publicerad.Publicerad(
        cache, publicerad.avtryck(sc.avtryck, mkdocs_yml, innehall, ut, arkiv_dir, pdf, motor),
        ut, arkiv_dir if pdf else None, publicerad.dag(idag))
    kopia = None
    if motor == "mkdocs" and ut.is_dir() and not pub.samma_dag():
        # a new day: the site is built again. The previous site is copied (as hard links, in
        # a process of its own) from now on, while the site cache is read, the published
        # files are listed and the content is checked (all of which only read that site)
        kopia = starta_lankkopia(ut, staging)
    forra = sc.las() if motor == "mkdocs" and ut.is_dir() else {}
    inkrementell = bool(forra)
    if kopia is not None and not inkrementell:   # no cache of that site: built afresh
        utmappar.stoppa_kopia(kopia, staging)
        kopia = None
    elif kopia is None:
        if _oforandrad(innehall, cache, pub, fs):
            return 0
        if inkrementell:   # the previous site is copied while the content is checked
            kopia = starta_lankkopia(ut, staging)
    try:
        if kopia is not None:
            pub.publicerade()   # the published files, listed while they are being linked
        with fs.steg("Kontroll av innehållet"):
            # the check cache (commands/kontroll.py): only what changed is read and checked,
            # and with nothing changed the model of the last check is taken as it is
            res = kontrollera(innehall, cache, modell="arkiv", bakgrund=True)
            arkiv, rapport = res.arkiv, res.rapport
        for d in rapport.sorterade():
            print(str(d), file=sys.stderr)
        if arkiv is None or rapport.har_fel:
            _fel(f"{rapport.antal('fel')} fel i innehållet; inget byggdes och {ut} är oförändrad.")
            utmappar.stoppa_kopia(kopia, staging)
            return 1

        from generator.archive.plan import plan as publiceringsplan
        plan = publiceringsplan(arkiv, idag, pdf=pdf)   # the one decision of what is public
        # (made while the copy may still run: it reads only the model)
        if inkrementell:
            utmappar.vanta_pa_kopia(kopia, ut, staging)
            utmappar.ta_bort_avvikande(staging, pub.avvikande())
        else:
            staging.mkdir(parents=True)
            sc.fil.unlink(missing_ok=True)
        utmappar.skriv_markor(staging)   # first: an interrupted build's leftover is ours

        from generator.common.parallell import fryst
        with fryst():   # the model and plan live to the end: the collector skips them
            with fs.steg("Webbplats och sökindex"):
                if motor == "zensical":   # reuses its own previous build (under the fingerprint)
                    from generator.render.site import zensical
                    from generator.render.site.webbplats import Webbplats
                    plugin = zensical.bygg(Webbplats(plan), staging, mkdocs_yml, cache / "zensical",
                                           avtryck=sc.avtryck)
                else:
                    plugin = bygg_webbplats(arkiv, staging, idag, pdf=pdf, cache=cache,
                                            dirty=inkrementell, mkdocs_yml=mkdocs_yml, plan=plan,
                                            sidcache=forra)
            fs.meddelande(f"Sidor: {len(plugin.sidor)}, renderade nu: {len(plugin.skrivna)}"
                          f"{' (inkrementellt)' if inkrementell else ''}")

            if pdf:
                from generator.render.pdf import rendera_pdfer
                utmappar.skriv_markor(arkiv_dir)   # before anything is written there
                with fs.steg("PDF:er") as steg:
                    stat = rendera_pdfer(plan, site_dir=staging, arkiv_dir=arkiv_dir,
                                         cache_dir=cache / "pdf", framsteg=steg.uppdatera)
                for v in stat.varningar:
                    print(f"varning: {v}", file=sys.stderr)
                fs.meddelande(str(stat))

            with fs.steg("Kontrollsummor"):
                from generator.render.manifest import publicera_i_bygget
                summalistor = publicera_i_bygget(staging, plan, cache)

            if inkrementell:
                # the plan's PDFs are left in place when unchanged (older than this build)
                pdfer = {d.sokvag for mp in plan.moten.values() for d in mp.pdfer} if pdf else set()
                behall = plugin.utfiler | pdfer | summalistor | {utmappar.MARKOR}
                utmappar.rensa_gamla(staging, behall, start_ns,
                                     pub.publicerade() if kopia is not None else None)
            if pdf or arkiv_dir.is_dir():   # --utan-pdf does not create the archive folder
                utmappar.skriv_markor(arkiv_dir)
            sc.fil.unlink(missing_ok=True)   # describes the site being replaced: never both
            pub.glom()
            _byt(staging, ut)
            if motor == "mkdocs":            # (a Zensical build leaves none: MkDocs starts afresh)
                sc.spara(plugin.sidcache_ny)
            pub.spara(res.stampel)
    except BaseException as e:  # noqa: BLE001 - any failure must leave ut untouched
        utmappar.stoppa_kopia(kopia, staging)
        if isinstance(e, KeyboardInterrupt):
            _fel("avbrutet; webbplatsen är oförändrad.")
            return 130
        if isinstance(e, OSError):
            from generator.commands.osfel import beskriv
            _fel(f"{beskriv(e)} {ut} är oförändrad.")
            return 1
        _fel(f"bygget misslyckades ({type(e).__name__}: {e}); {ut} är oförändrad.")
        return 1
    return 0
