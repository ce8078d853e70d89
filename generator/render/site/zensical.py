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

from generator.render.site import pdfsok, sok, urls
from generator.render.site.sida import Sida
from generator.render.site.trad import Trad, skriv, trad
from generator.render.site.webbplats import Webbplats

# Files Zensical writes that are not part of our site (its own search index: Pagefind is ours)
EGNA_FILER = ("search.json",)


class ZensicalFel(RuntimeError):
    pass


@dataclass
class Resultat:
    """What the build reports, like the MkDocs plugin: pages by dest_uri, pages rendered."""
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
        "markdown_extensions": [],
        "nav": [{titel: urls.kalla(sokvag)} for titel, sokvag in t.nav],
    }


def bygg(w: Webbplats, site: Path, mkdocs_yml: Path, arbetsmapp: Path,
         sokindex: bool = True) -> Resultat:
    """Build the site of ``w`` with Zensical into ``site`` (an empty or absent folder)."""
    if shutil.which("zensical") is None and not _har_modul():
        raise ZensicalFel("Zensical är inte installerat (pip install zensical).")
    projekt = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
    bas = mkdocs_yml.parent
    t = trad(w)
    shutil.rmtree(arbetsmapp, ignore_errors=True)
    docs = arbetsmapp / "docs"
    skriv(t, docs, bas / projekt.get("docs_dir", "docs"))
    # Zensical wants docs_dir and site_dir inside the folder of its configuration: build in
    # the work folder and move the result to ``site`` (same file system: renames)
    ut = arbetsmapp / "site"
    cfg = arbetsmapp / "zensical.yml"
    cfg.write_text(json.dumps(konfiguration(projekt, bas, w, t, docs, ut),
                              ensure_ascii=False, indent=1), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(cfg)],
                       cwd=arbetsmapp, capture_output=True, text=True)
    if r.returncode != 0:
        rader = [x for x in (r.stderr or r.stdout).strip().splitlines() if x.strip()]
        raise ZensicalFel(f"Zensical misslyckades ({rader[-1].strip() if rader else r.returncode})")
    site.mkdir(parents=True, exist_ok=True)
    for del_ in ut.iterdir():   # into the staging folder (which may hold the build's marker)
        os.replace(del_, site / del_.name)
    for namn in EGNA_FILER:
        (site / namn).unlink(missing_ok=True)
    karta = site / "sitemap.xml"
    if karta.is_file():   # MkDocs also publishes it compressed: same addresses on both engines
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(karta.read_bytes(), mtime=0))
    res = Resultat(w)
    saknas = []
    for s in t.sidor:
        uri = s.sokvag + "index.html"
        if not (site / uri).is_file():
            saknas.append("/" + s.sokvag)
        res.sidor[uri] = s
    if saknas:
        raise ZensicalFel(f"Zensical skrev inte {len(saknas)} sidor, bl.a. {', '.join(saknas[:5])}")
    res.skrivna = set(res.sidor)
    if sokindex:
        sok.indexera(site, res.sidor, res.skrivna, w.sokbuckets(), allt=True,
                     pdf_poster=pdfsok.poster(w.publikt))
    return res


def _har_modul() -> bool:
    import importlib.util
    return importlib.util.find_spec("zensical") is not None
