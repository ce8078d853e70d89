"""Search with Pagefind, in Swedish, one index ("bucket") per meeting year.

Only the page body marked ``data-pagefind-body`` is indexed (never the
navigation). Meeting and paragraph pages go to the bucket of their year, the
handful of other searchable pages to ``allmant``; the search page merges all
buckets in the browser. After a small change only the buckets whose pages were
rewritten are indexed again, which keeps a rebuild far below a full build.
Everything is served from the site itself, so search works without any other
host.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.common.filer import lagg_tillbaka_om_lika
from generator.render.site.sida import ALLMANT, Sida

KATALOG = "pagefind"


# The pages of the general bucket (``*`` = one folder): the appeal guide, the open data
# page, every organ's page and the people pages. The accessibility statement is not searched
# (it carries the build day, so it would re-index this bucket every day).
ALLMANNA_SIDOR = ("overklaga/index.html", "data/index.html", "protokoll/*/index.html",
                  "ledamoter/index.html", "ledamoter/*/index.html")


def _glob(bucket: str) -> str:
    if bucket == ALLMANT:
        return "{" + ",".join(ALLMANNA_SIDOR) + "}"
    return f"protokoll/*/{bucket}-*/**/index.html"


_ALLMANT_SIDOR = re.compile("|".join(re.escape(m).replace(r"\*", "[^/]+") for m in ALLMANNA_SIDOR))


def glob_re(bucket: str) -> re.Pattern:
    """``_glob(bucket)`` as a regular expression over a page's file path (dest_uri): the
    pages the Pagefind CLI would index for the bucket."""
    if bucket == ALLMANT:
        return _ALLMANT_SIDOR
    return re.compile(f"protokoll/[^/]+/{re.escape(bucket)}-[^/]*/(?:[^/]+/)*index\\.html")


def _indexeras(dest: str, bucket: str) -> bool:
    """Whether the page written to ``dest`` is one that ``_glob(bucket)`` indexes (a page
    of the general bucket outside its glob changes no index when it is rewritten)."""
    return bucket != ALLMANT or _ALLMANT_SIDOR.fullmatch(dest) is not None


def indexera(site: Path, sidor: dict[str, Sida], skrivna: set[str], buckets: list[str],
             allt: bool = True,
             pdf_poster: dict[str, list] | Callable[[list[str]], dict[str, list]] | None = None
             ) -> list[str]:
    """(Re)build the Pagefind bundles under ``site/pagefind/<bucket>/``.

    ``sidor`` maps dest_uri -> page, ``skrivna`` the dest_uris rendered in this
    build. ``pdf_poster`` (bucket -> (url, text, title), see ``pdfsok``, or a function
    that makes them for the buckets indexed): the text of published PDF files, added to
    their year's bundle through Pagefind's service (``_med_poster``).
    Returns the buckets that were indexed.
    """
    rot = rensa(site, buckets)
    andrade = {sidor[d].sok for d in skrivna
               if d in sidor and sidor[d].sok and _indexeras(d, sidor[d].sok)}
    att_gora = [b for b in buckets
                if allt or b in andrade or not (rot / b / "pagefind-entry.json").exists()]
    if callable(pdf_poster):
        pdf_poster = pdf_poster(att_gora)
    for b in att_gora:
        ut = rot / b
        forra = rot / f".forra-{b}"
        shutil.rmtree(forra, ignore_errors=True)
        if ut.exists():   # moved aside, never rewritten in place (it may hold hard links)
            os.rename(ut, forra)
        try:
            _indexera_bucket(site, b, pdf_poster)
            if forra.is_dir():
                _behall_lika(forra, ut)
        finally:
            shutil.rmtree(forra, ignore_errors=True)
    return att_gora


def rensa(site: Path, buckets: list[str]) -> Path:
    """``site/pagefind`` without the bundles of buckets that no longer exist."""
    rot = site / KATALOG
    rot.mkdir(parents=True, exist_ok=True)
    for gammal in rot.iterdir():
        if gammal.name not in buckets:
            shutil.rmtree(gammal, ignore_errors=True) if gammal.is_dir() else gammal.unlink()
    return rot


def _behall_lika(forra: Path, ny: Path) -> None:
    """Put back every file of the previous bundle ``forra`` that the new one ``ny`` has with
    the same bytes: a file is only replaced when its bytes change (its inode and mtime are
    kept, as for every other unchanged file of the site)."""
    for dirpath, _dirs, filer in os.walk(ny):
        for namn in filer:
            p = os.path.join(dirpath, namn)
            lagg_tillbaka_om_lika(os.path.join(forra, os.path.relpath(p, ny)), p)


def _indexera_bucket(site: Path, b: str, pdf_poster) -> None:
    ut = site / KATALOG / b
    if pdf_poster and pdf_poster.get(b):
        _med_poster(site, b, pdf_poster[b])
        return
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", _glob(b),
           "--output-subdir", f"{KATALOG}/{b}", "--force-language", "sv", "--silent"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"Pagefind misslyckades för {b}: {r.stderr.strip() or r.stdout.strip()}")
    if not (ut / "pagefind-entry.json").exists():
        # a bucket without searchable pages still needs a valid (empty) bundle
        _tom_bundle(site, ut, b)


def _med_poster(site: Path, bucket: str, poster: list) -> None:
    """The bucket's pages plus one custom record per published PDF, through Pagefind's
    service (``pagefindtjanst``: the bundle is fetched and written by us, complete)."""
    from generator.render.site.pagefindtjanst import (Tjanst, TjanstFel, lagg_poster,
                                                      nytt_index, skriv_paket)
    try:
        t = Tjanst()
    except TjanstFel as e:
        raise RuntimeError(str(e)) from None
    try:
        idx = nytt_index(t, bucket)
        t.skicka({"type": "AddDir", "index_id": idx, "path": str(site), "glob": _glob(bucket)})
        lagg_poster(t, idx, poster)
        skriv_paket(t, idx, site / KATALOG / bucket, bucket)
    except TjanstFel as e:
        raise RuntimeError(str(e)) from None
    finally:
        t.stang()


def _tom_bundle(site: Path, ut: Path, bucket: str) -> None:
    """Pagefind writes nothing when no page matched; index an empty placeholder page."""
    tmp = site / KATALOG / f".tom-{bucket}"
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><title>-</title></head>'
        '<body><main data-pagefind-body data-pagefind-ignore="all"></main></body></html>',
        encoding="utf-8")
    try:
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(tmp), "--output-path",
                        str(ut), "--force-language", "sv", "--silent"], check=True,
                       capture_output=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
