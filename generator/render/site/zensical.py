"""The Zensical adapter: the neutral tree (``trad``) written as files, built by Zensical.

Zensical ignores MkDocs plugins, so nothing here relies on one: the pages, feeds, open
data, bilagor and assets are written to a source folder first, the project's
``mkdocs.yml`` is translated into a Zensical configuration (same theme overrides, assets,
language and navigation; no plugin, Zensical's own search off), Zensical builds the site,
and Pagefind indexes it as for MkDocs. Every page of the tree must come out as a file:
a page Zensical did not write fails the build (never a site with pages silently missing).
"""
from __future__ import annotations

import gzip
import html
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.common.cache import nyckel as cachenyckel
from generator.render.site import pdfsok, sok, urls
from generator.render.site.sida import Sida
from generator.render.site.trad import Trad, sidkalla, skriv_filer, trad
from generator.render.site.webbplats import Webbplats
from generator.render.site.zensical_forra import Forra, kallhash, kasta
from generator.render.site.zensical_skal import Skal, far_skal

# Pages outside the navigation are filled into a shell rendered once per kind of page
# (zensical_skal); tests turn this off to compare with Zensical rendering every page itself
SKAL = True

# Files Zensical writes that are not part of our site (its own search index: Pagefind is ours)
EGNA_FILER = ("search.json",)


class ZensicalFel(RuntimeError):
    pass


@dataclass
class Resultat:
    """What the build reports, like the MkDocs plugin: pages by dest_uri, pages rendered now
    (``utfiler`` stays empty: the site folder of a Zensical build is always a new one)."""
    webbplats: Webbplats
    sidor: dict[str, Sida] = field(default_factory=dict)
    skrivna: set[str] = field(default_factory=set)
    utfiler: set[str] = field(default_factory=set)


def konfiguration(projekt: dict, bas: Path, w: Webbplats, t: Trad, docs: Path,
                  site: Path) -> dict:
    """The Zensical configuration (MkDocs format) from the project's ``mkdocs.yml``."""
    tema = dict(projekt.get("theme") or {})
    if tema.get("custom_dir"):
        tema["custom_dir"] = str((bas / tema["custom_dir"]).resolve())
    tema.setdefault("variant", "classic")     # Material's look, which our CSS is made for
    adress = urls.bas(w.kommun.webbplats)
    return {
        "site_name": html.escape(w.kommun.namn, quote=True),   # printed unescaped by the theme
        "site_url": adress if adress.endswith("/") else adress + "/",
        "docs_dir": docs.name,     # relative to the configuration's folder (Zensical wants so)
        "site_dir": site.name,
        "use_directory_urls": True,
        "theme": tema,
        "extra_css": list(projekt.get("extra_css") or []),
        "extra_javascript": list(projekt.get("extra_javascript") or []),
        "extra": dict(projekt.get("extra") or {}),
        "plugins": {"search": {"enabled": False}},
        # Zensical's link checks parse every page again (more than half of its time); the
        # links are the generator's own and are checked by the test suite (tests/site)
        "validation": False,
        "markdown_extensions": [],
        "nav": [{titel: urls.kalla(sokvag)} for titel, sokvag in t.nav],
    }


def bygg(w: Webbplats, site: Path, mkdocs_yml: Path, arbetsmapp: Path,
         sokindex: bool = True, avtryck: str | None = None) -> Resultat:
    """Build the site of ``w`` with Zensical into ``site`` (an empty or absent folder).

    ``avtryck``: the build's fingerprint (theme, ``mkdocs.yml``, code, kommun and organ
    files); with it, pages whose source is unchanged since the last build under the same
    fingerprint are not handed to Zensical again (``zensical_forra``). Without it, every
    build is a full one."""
    if shutil.which("zensical") is None and not _har_modul():
        raise ZensicalFel("Zensical är inte installerat (pip install zensical).")
    projekt = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
    bas = mkdocs_yml.parent
    arbetsmapp.mkdir(parents=True, exist_ok=True)
    docs, ut, cfg = arbetsmapp / "docs", arbetsmapp / "site", arbetsmapp / "zensical.yml"
    tillgangar = bas / projekt.get("docs_dir", "docs")
    forra = Forra(arbetsmapp, avtryck and cachenyckel(avtryck, _version()))
    kasta(docs, ut)
    site.mkdir(parents=True, exist_ok=True)
    forra.starta_kopia(site)   # the previous pages, as hard links, while the tree is made
    w.minne.las(forra.minne)
    w.minne.kan_ateranvanda = lambda sokvagar: all(
        forra.kan_ateranvanda(v + "index.html") for v in sokvagar)
    t = trad(w)
    konf = json.dumps(konfiguration(projekt, bas, w, t, docs, ut), ensure_ascii=False, indent=1)
    forra.vanta_pa_kopia(site)
    if forra.konf is not None and forra.konf != konf:
        # only mkdocs.yml, kommun.yml and code (the fingerprint) shape it: never expected
        forra.glom(site)
        w = Webbplats(w.publikt, md_cache=w.md_cache)
        t = trad(w)

    res = Resultat(w)
    hashar: dict[str, bytes] = {}
    skal, i_skal = Skal(), []
    for s in t.sidor:
        uri = s.sokvag + "index.html"
        res.sidor[uri] = s
        kalla = sidkalla(s).encode("utf-8") if s.html is not None else None
        hashar[uri] = kallhash(kalla) if kalla is not None else forra.sidor[uri]
        if kalla is None or (not s.nav and forra.oforandrad(uri, hashar[uri])):
            forra.ateranvand(uri, site)
            continue
        # new or changed (the navigation's pages always: Zensical needs them)
        forra.inte_ateranvand(uri, site)
        res.skrivna.add(uri)
        if SKAL and far_skal(s):
            skal.behov(s)
            i_skal.append(s)
        else:
            _skriv(docs / urls.kalla(s.sokvag), kalla)
    for sokvag, kalla in skal.kallor():
        _skriv(docs / urls.kalla(sokvag), kalla)
    forra.ta_bort_gamla(site, hashar)
    skriv_filer(t, site, tillgangar)   # straight into the site (Zensical would only copy them)
    cfg.write_text(konf, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(cfg)],
                       cwd=arbetsmapp, capture_output=True, text=True)
    if r.returncode != 0:
        rader = [x for x in (r.stderr or r.stdout).strip().splitlines() if x.strip()]
        raise ZensicalFel(f"Zensical misslyckades ({rader[-1].strip() if rader else r.returncode})")
    for namn in EGNA_FILER:
        (ut / namn).unlink(missing_ok=True)
    skal.las(ut)
    for s in i_skal:
        _skriv(ut / s.sokvag / "index.html", skal.fyll(s))
    # Zensical's sitemap lists only the pages it was given: unless that was every page, it is
    # written here, as Zensical writes it (checked against Zensical's when it had them all)
    karta = webbkarta(json.loads(konf)["site_url"], t.sidor)
    if i_skal or len(res.skrivna) < len(t.sidor):
        (ut / "sitemap.xml").write_text(karta, encoding="utf-8")
    elif _las(ut / "sitemap.xml") != karta:
        forra.nyckel = None   # not Zensical's: keep no state (the next build is a full one)
    _flytta(ut, site)
    saknas = ["/" + s.sokvag for s in t.sidor if not (site / s.sokvag / "index.html").is_file()]
    if saknas:
        raise ZensicalFel(f"Zensical skrev inte {len(saknas)} sidor, bl.a. {', '.join(saknas[:5])}")
    forra.uppdatera(site, hashar, res.skrivna)
    karta = site / "sitemap.xml"
    if karta.is_file():   # MkDocs also publishes it compressed: same addresses on both engines
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(karta.read_bytes(), mtime=0))
    nycklar = Forra.bucket_nycklar(t.sidor, hashar, pdf_avtryck(w.publikt)) if sokindex else {}
    forra.lana_buckets(site, nycklar)
    if sokindex:
        # the PDFs' text only when a bucket is indexed again (reading it is the slow part)
        igen = [b for b in w.sokbuckets()
                if not (site / sok.KATALOG / b / "pagefind-entry.json").exists()]
        sok.indexera(site, res.sidor, set(), w.sokbuckets(), allt=False,
                     pdf_poster=pdfsok.poster(w.publikt) if igen else {})
    forra.spara(site, nycklar, w.minne.spara(), konf)
    return res


def pdf_avtryck(plan) -> dict[str, list]:
    """Search bucket -> what identifies the records of its published PDFs (address, title,
    size and modification time of the file: the text is read only for a bucket indexed
    again, see ``pdfsok.poster``)."""
    ut: dict[str, list] = {}
    for (_oid, datum), mp in plan.moten.items():
        for f in [*mp.filer, *mp.handlingsfiler]:
            if f.ar_pdf:
                try:
                    st = f.kalla.stat()
                except OSError:
                    continue
                ut.setdefault(str(datum.year), []).append(
                    (f.sokvag, f.titel, st.st_size, st.st_mtime_ns))
    return ut


def webbkarta(site_url: str, sidor: list[Sida]) -> str:
    """sitemap.xml as Zensical writes it (its template sitemap.xml): every page's canonical
    address, sorted."""
    rader = "".join(f"\n      <url>\n        <loc>{html.escape(a)}</loc>\n      </url>"
                    for a in sorted(site_url + urls.webbadress(s.sokvag) for s in sidor))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + rader + "\n</urlset>")


def _las(p: Path) -> str | None:
    try:
        return p.read_text(encoding="utf-8")
    except OSError:
        return None


def _flytta(fran: Path, till: Path) -> None:
    """Move Zensical's output into the site (same file system: renames)."""
    for del_ in fran.iterdir():
        mal = till / del_.name
        if del_.is_dir() and mal.is_dir():
            _flytta(del_, mal)
        else:
            os.replace(del_, mal)


def _skriv(p: Path, data: bytes) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)


def _version() -> str:
    import importlib.metadata
    return importlib.metadata.version("zensical")


def _har_modul() -> bool:
    import importlib.util
    return importlib.util.find_spec("zensical") is not None
