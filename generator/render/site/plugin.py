"""MkDocs plugin ``anslagstavla``: a thin adapter from the model to MkDocs.

``on_config`` loads and validates the content folder (or takes an archive
handed over by ``anslag bygg``), ``on_files`` adds every generated page as a
MkDocs ``File`` whose ``Page`` already carries its HTML (no Markdown pass: the
content was made safe by ``generator.render.markup``), plus feeds, open data and
bilagor; on a full build it also starts feeding those pages to Pagefind
(``sokmatning``), which indexes them while MkDocs writes the site. ``on_post_build``
writes ``data/sha256.txt`` and waits for Pagefind (or, on a dirty build, runs it over
the buckets whose pages changed).

Options (``mkdocs.yml``), each overridable by an environment variable:

``innehall`` (ANSLAG_INNEHALL)  content folder, relative to mkdocs.yml
``idag`` (ANSLAG_IDAG)          the day the board is judged on, ISO; default today in Stockholm
``pdf`` (ANSLAG_PDF)            link protokoll/utdrag/kallelse PDFs (true when ``anslag bygg`` makes them)
``sok`` (ANSLAG_SOK)            build the Pagefind index
``cache`` (ANSLAG_CACHE)        cache folder of a plain ``mkdocs build --dirty``: the site cache
                                (``sidcache.py``), so unchanged pages are neither generated nor
                                written again (``anslag bygg`` hands its own over)
"""
from __future__ import annotations

import hashlib
import html
import logging
import os
from datetime import date
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.common.datum import idag_stockholm
from generator.common.filer import lagg_tillbaka_om_lika
from generator.archive.model import Arkiv
from generator.render.site import pdfsok, sok, sokmatning
from generator.render.site import urls
from generator.render.site.mkdocs_sidor import SKAL_MALL, GenereradFil, GenereradSida
from generator.render.site.sida import Sida
from generator.render.site.trad import trad
from generator.render.site.webbplats import Webbplats

log = logging.getLogger("mkdocs.plugins.anslagstavla")


class AnslagstavlaConfig(Config):
    innehall = c.Type(str, default="content")
    idag = c.Type(str, default="")
    pdf = c.Type(bool, default=False)
    sok = c.Type(bool, default=True)
    cache = c.Type(str, default="")


def _sant(v: str) -> bool:
    return v.strip().lower() in ("1", "true", "ja", "yes", "on")


_M_TITEL = "\x00ANSLAG-TITEL\x00"
_M_BESKR = "\x00ANSLAG-BESKRIVNING\x00"
_M_INNEHALL = '<h1 data-anslag-innehall=""></h1>'
MKDOCS_FILER = ("404.html", "sitemap.xml", "sitemap.xml.gz")   # written by MkDocs itself
FORRA = ".anslag-forra-"     # the previous build's copy of one of them, during a dirty build


class AnslagstavlaPlugin(BasePlugin[AnslagstavlaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.arkiv: Arkiv | None = None          # may be handed over by generator.commands.bygg
        self.plan = None                         # its publishing plan, handed over with it
        self.idag: date | None = None            # idem
        self.webbplats: Webbplats | None = None
        self.sidor: dict[str, Sida] = {}         # dest_uri -> page
        self.skrivna: set[str] = set()           # dest_uri of pages rendered this build
        self.utfiler: set[str] = set()           # every file this build puts in site_dir
        self.dirty = False
        self.kontrollsummor = True               # write data/sha256.txt after the build
        self._laste_sjalv = False                # the content was read by on_config
        self.md_cache: dict[str, str] | None = None
        self.sidcache: dict | None = None        # the previous build's (sidcache.py), handed over
        self.sidcache_ny: dict = {}              # this build's, saved by anslag bygg after the swap
        self._egen_cache = None
        self._env = None
        self._skal: dict = {}
        self._matning: sokmatning.Matning | None = None   # Pagefind fed while pages are written

    # ------------------------------------------------------------ options

    def _option(self, namn: str, env: str):
        v = os.environ.get(env)
        return v if v not in (None, "") else self.config[namn]

    def _idag(self) -> date:
        if self.idag:
            return self.idag
        v = self._option("idag", "ANSLAG_IDAG")
        if not v:
            return idag_stockholm()
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            raise PluginError(f"anslagstavla: idag ska vara ett datum ÅÅÅÅ-MM-DD, inte \"{v}\".")

    # ------------------------------------------------------------ events

    def on_startup(self, *, command, dirty: bool) -> None:
        self.dirty = dirty

    def on_config(self, config):
        bas = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        # MkDocs keeps one plugin instance across `mkdocs serve` rebuilds: content the plugin
        # read itself is read again each time; an archive handed over by anslag bygg is kept
        if self.arkiv is None or self._laste_sjalv:
            from generator.rules import las_arkiv
            rot = Path(self._option("innehall", "ANSLAG_INNEHALL"))
            if not rot.is_absolute():
                rot = bas / rot
            self._innehall_rot = rot
            arkiv, rapport = las_arkiv(rot)
            for d in rapport.sorterade():
                (log.error if d.niva == "fel" else log.info)(str(d))
            if arkiv is None or rapport.har_fel:
                raise PluginError(f"Innehållet i {rot} har fel ({rapport.antal('fel')} st). "
                                  "Rätta dem och bygg igen (se `anslag kontrollera`).")
            self.arkiv = arkiv
            self.plan = None
            self._laste_sjalv = True
        pdf = self.config.pdf if os.environ.get("ANSLAG_PDF") in (None, "") else _sant(
            os.environ["ANSLAG_PDF"])
        if self.plan is None or self._laste_sjalv:
            from generator.archive.plan import plan
            self.plan = plan(self.arkiv, self._idag(), pdf=pdf)
        self.webbplats = Webbplats(self.plan, md_cache=self.md_cache)
        k = self.arkiv.kommun
        config.site_name = html.escape(k.namn, quote=True)  # printed unescaped by the theme
        if not config.site_url:
            bas = urls.bas(k.webbplats)
            config.site_url = bas if bas.endswith("/") else bas + "/"
        if not k.personsidor and config.nav:     # kommun.yml personsidor: false
            ledamoter = urls.kalla(urls.LEDAMOTER)
            config.nav = [x for x in config.nav
                          if not (isinstance(x, dict) and ledamoter in x.values())]
        return config

    def on_serve(self, server, *, config, builder):
        """`mkdocs serve` rebuilds when a file in the content folder changes (the content is
        read by this plugin, outside docs_dir, so MkDocs would not watch it)."""
        rot = getattr(self, "_innehall_rot", None)
        if rot is not None and rot.is_dir():
            server.watch(str(rot))
        return server

    def on_files(self, files: Files, config) -> Files:
        assert self.webbplats is not None
        w = self.webbplats
        site = config.site_dir
        if self.sidcache is None:        # plain `mkdocs build`: the cache option, if set
            self._egen_cache = self._las_egen_cache(config)
        forra = (self.sidcache or {}) if self.dirty else {}
        manifest: dict[str, bytes] = forra.get("manifest", {})
        ny_manifest: dict[str, bytes] = {}
        self.sidor = {}
        self.skrivna = set()
        if manifest:
            # pages of unchanged units are not generated again: the page the previous
            # build wrote is still in the site folder (a copy of it made of hard links)
            w.minne.las(forra.get("minne", {}))
            w.minne.kan_ateranvanda = lambda sokvagar: all(
                urls.kalla(v) in manifest and os.path.exists(os.path.join(site, _dest(v)))
                for v in sokvagar)
        if self._sok_pa() and not self.dirty:
            # a full build: Pagefind gets every page from memory as soon as the pages are
            # made, on the other core, while the feeds are made and MkDocs lists, renders and
            # writes the pages (started after trad()'s fork of the meetings)
            def listade(alla: list[Sida]) -> None:
                self._matning = sokmatning.Matning(
                    Path(site), {_dest(s.sokvag): s for s in alla}, w.sokbuckets(),
                    pdf_poster=self._pdf_poster())
        else:
            listade = None
        t = trad(w, listade)   # the engine-neutral site; MkDocs gets it in memory
        for sida in t.sidor:
            uri = urls.kalla(sida.sokvag)
            befintlig = files.get_file_from_path(uri)
            if befintlig is not None:
                files.remove(befintlig)
            incl = InclusionLevel.INCLUDED if sida.nav else InclusionLevel.NOT_IN_NAV
            if sida.html is None:        # reused unit: unchanged since the previous build
                h, andrad = manifest[uri], False
            else:
                h = _hash(sida.html.encode("utf-8"))
                andrad = manifest.get(uri) != h or not os.path.exists(
                    os.path.join(site, _dest(sida.sokvag)))
            ny_manifest[uri] = h
            f = GenereradFil.generated(config, uri, content=sida.html or "", inclusion=incl)
            f.andrad = andrad
            GenereradSida(sida, f, config)
            files.append(f)
            self.sidor[f.dest_uri] = sida
        for sokvag, data in t.filer:
            h = _hash(data)
            f = GenereradFil.generated(config, sokvag, content=data)
            f.andrad = manifest.get(sokvag) != h or not os.path.exists(f.abs_dest_path)
            ny_manifest[sokvag] = h
            files.append(f)
        for sokvag, kalla in t.bilagor:
            if files.get_file_from_path(sokvag) is None:
                files.append(File.generated(config, sokvag, abs_src_path=str(kalla)))
        self.utfiler = {f.dest_uri for f in files} | set(MKDOCS_FILER)
        self.sidcache_ny = {"manifest": ny_manifest, "minne": w.minne.spara()}
        log.debug("anslagstavla: %d enheter återanvända, %d genererade",
                  w.minne.ateranvanda, w.minne.genererade)
        return files

    def _sok_pa(self) -> bool:
        return self.config.sok if os.environ.get("ANSLAG_SOK") in (None, "") else _sant(
            os.environ["ANSLAG_SOK"])

    def _pdf_poster(self):
        c = self._option("cache", "ANSLAG_CACHE")
        cache = Path(c) if c else None     # the PDF texts are kept there (pdfsok.textcache)
        return lambda buckets: pdfsok.poster(self.plan, buckets, cache)

    def on_build_error(self, error) -> None:
        if self._matning is not None:
            self._matning.avbryt()
            self._matning = None

    def _las_egen_cache(self, config):
        """The site cache of a plain `mkdocs build --dirty` with the ``cache`` option."""
        cache = self._option("cache", "ANSLAG_CACHE")
        if not cache or not config.config_file_path:
            return None
        from generator.render.site import sidcache
        cf = sidcache.cachefil(Path(cache), sidcache.avtryck(
            Path(config.config_file_path), self.webbplats.pdf,
            getattr(self, "_innehall_rot", None)))
        self.sidcache = cf.las()
        return cf

    def on_env(self, env, config, files):
        self._env = env
        self._skal = {}
        # Files that MkDocs writes in place are unlinked first, so a site folder made of hard
        # links to the previous build (generator.commands.bygg) never changes the previous build.
        if self.dirty:
            site = Path(config.site_dir)
            for f in files:
                if not f.is_documentation_page() and f.is_modified():
                    _unlink(Path(f.abs_dest_path))
            for namn in MKDOCS_FILER:   # written by MkDocs every build: set aside, put
                _unlink(site / f"{FORRA}{namn}")   # back in on_post_build when unchanged
                try:
                    os.rename(site / namn, site / f"{FORRA}{namn}")
                except FileNotFoundError:
                    pass
        return env

    def on_page_context(self, context, page, config, nav):
        """Archive pages: render Material's page once per folder depth as a shell with
        markers, then only fill in title, description and body (same bytes, ~100x faster)."""
        if page.meta.get("template") != SKAL_MALL:
            return context
        # nav links are relative to the page: same depth and same top folder -> same shell
        nyckel = (context.get("base_url"), page.url.split("/", 1)[0])
        skal = self._skal.get(nyckel)
        if skal is None:
            skal = self._rendera_skal(context, page)
            self._skal[nyckel] = skal
        titel = page.meta.get("title", "")
        beskr = page.meta.get("description")
        fore, efter = skal[1] if beskr else skal[0]
        context["anslag_fore"] = fore.replace(_M_TITEL, titel).replace(_M_BESKR, beskr or "")
        context["anslag_efter"] = efter.replace(_M_TITEL, titel).replace(_M_BESKR, beskr or "")
        return context

    def _rendera_skal(self, context, page):
        mall = self._env.get_template("main.html")
        spara = (page.content, page.meta, page.title)
        try:
            ut = []
            for beskr in (None, _M_BESKR):
                page.content = _M_INNEHALL
                page.meta = {"title": _M_TITEL, "hide": ["toc"]}
                if beskr:
                    page.meta["description"] = beskr
                page.title = _M_TITEL
                html_ = mall.render(context)
                fore, _, efter = html_.partition(_M_INNEHALL)
                ut.append((fore, efter))
            return ut
        finally:
            page.content, page.meta, page.title = spara

    def on_post_page(self, output: str, page, config) -> str:
        if self.dirty:   # a clean build's folder was emptied by MkDocs: nothing to unlink
            _unlink(Path(page.file.abs_dest_path))
        self.skrivna.add(page.file.dest_uri)
        page.content = None          # written once: the body is not kept after its page
        return output

    def on_post_build(self, config) -> None:
        _behall_oforandrade(Path(config.site_dir))
        if self._egen_cache is not None:
            self._egen_cache.spara(self.sidcache_ny)
        if self.kontrollsummor:   # bilagor copied by MkDocs (anslag bygg writes it after the PDFs)
            from generator.render.manifest import publicera
            publicera(Path(config.site_dir), self.plan, pdfer=False)
        if self._matning is not None:
            matning, self._matning = self._matning, None
            matning.klar()
            return
        if not self._sok_pa() or self.webbplats is None:
            return
        sok.indexera(Path(config.site_dir), self.sidor, self.skrivna,
                     self.webbplats.sokbuckets(), allt=not self.dirty,
                     pdf_poster=self._pdf_poster())


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _dest(sokvag: str) -> str:
    """The file a page at ``sokvag`` is written to (directory URLs)."""
    return f"{sokvag}index.html" if sokvag.endswith("/") or sokvag == "" else sokvag


def _behall_oforandrade(site: Path) -> None:
    """MkDocs' own files (``MKDOCS_FILER``) that this build wrote with the same bytes as
    the previous one: the previous file is put back (same inode and mtime)."""
    for namn in MKDOCS_FILER:
        forra = site / f"{FORRA}{namn}"
        if not lagg_tillbaka_om_lika(forra, site / namn):
            _unlink(forra)


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except FileNotFoundError:
        pass
