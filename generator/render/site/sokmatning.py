"""Pagefind fed from memory while the site is being written (a full build).

On a full build every searchable page's body HTML is in memory once the tree is made.
``Matning`` starts threads that hand those pages, bucket by bucket, to Pagefind service
processes (``pagefindtjanst``; one bucket per process; one process while the engine
writes, then one per core), add the bucket's PDF records (``pdfsok``) and write the bundle
the service hands back, while the engine renders and writes the pages on the main thread.
Pagefind parses on the other core; our threads only encode and write to a pipe (about
0.1 s CPU for 31,000 pages).

A page is fed as the CLI would index it (``sok._glob``: the same pages, each as a document
holding its body: the ``data-pagefind-body`` element with its filters and meta, the first
``h1`` as title, the URL of its directory), in the order of its file path, so two builds of
the same content give the same bytes. ``tests/site/test_sokmatning.py`` compares the bundles
with the CLI's.
"""
from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from generator.common.parallell import karnor
from generator.render.site import sok
from generator.render.site.pagefindtjanst import (Tjanst, TjanstFel, lagg_poster, nytt_index,
                                                   skriv_paket)
from generator.render.site.sida import Sida

def dokument(html: str) -> str:
    """A page body as the document Pagefind parses (it skips fragments without ``<html>``)."""
    return f'<!DOCTYPE html><html lang="sv"><head></head><body>{html}</body></html>'


def url(dest: str) -> str:
    """The URL Pagefind gives the file ``dest`` (directory URLs, from the site root)."""
    return "/" + (dest[:-len("index.html")] if dest.endswith("index.html") else dest)


def per_bucket(sidor: dict[str, Sida], buckets: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Bucket -> (dest, body HTML) of the pages the CLI would index for it, by file path."""
    monster = [(b, sok.glob_re(b)) for b in buckets]
    ut: dict[str, list[tuple[str, str]]] = {}
    for dest in sorted(sidor):
        html = sidor[dest].html
        if html is None:
            continue
        for b, m in monster:
            if m.fullmatch(dest):
                ut.setdefault(b, []).append((dest, html))
                break
    return ut


def tjanster() -> int:
    """How many Pagefind services index at once once the engine has written the pages: one
    per core, at most ``MEST``. While it writes, one service shares the cores with it (the
    engine's thread uses one core; a second service would only compete for the same two
    and add its memory to the build's peak)."""
    return max(1, min(MEST, karnor()))


MEST = 4


class Matning:
    """The feed of one build, running in threads from its creation until ``klar``: each
    thread takes the largest bucket left and indexes it in a service process of its own
    (ended after the bucket, so its memory is one bucket's). One thread until ``klar`` is
    called (the engine is done), then ``tjanster()``."""

    def __init__(self, site: Path, sidor: dict[str, Sida], buckets: list[str],
                 pdf_poster: Callable[[list[str]], dict[str, list]] | None = None) -> None:
        self._site, self._buckets, self._pdf_poster = Path(site), list(buckets), pdf_poster
        self._grupper = per_bucket(sidor, self._buckets)
        self._fel: list[BaseException] = []
        self._tjanster: list[Tjanst] = []
        self._las = threading.Lock()
        self._avbruten = False
        self._skrivet = threading.Event()   # the engine has written the pages (klar)
        self._avslut = threading.Lock()      # held by the service building its bundle
        self._trad = threading.Thread(target=self._kor, name="pagefind-matning", daemon=True)
        self._trad.start()

    def klar(self) -> list[str]:
        """Wait for every bundle; the buckets indexed. Raises ``RuntimeError`` with a
        Swedish message when Pagefind failed."""
        self._skrivet.set()
        self._trad.join()
        if self._fel:
            e = self._fel[0]
            if isinstance(e, TjanstFel):
                raise RuntimeError(str(e)) from None
            raise RuntimeError(f"Pagefind misslyckades: {e}") from e
        return self._buckets

    def avbryt(self) -> None:
        """Stop feeding (the build failed); the services are ended."""
        self._avbruten = True
        self._skrivet.set()
        with self._las:
            for t in self._tjanster:
                t.doda()
        self._trad.join(timeout=30)

    # ------------------------------------------------------------ the threads

    def _kor(self) -> None:
        try:
            self._mata()
        except BaseException as e:  # noqa: BLE001 - re-raised by klar()
            if not self._avbruten:
                self._fel.append(e)

    def _mata(self) -> None:
        rot = sok.rensa(self._site, self._buckets)
        forra = []
        for b in self._buckets:   # moved aside, never rewritten in place (hard links)
            if (rot / b).exists():
                shutil.rmtree(rot / f".forra-{b}", ignore_errors=True)
                os.rename(rot / b, rot / f".forra-{b}")
                forra.append(b)
        poster = self._pdf_poster(self._buckets) if self._pdf_poster else {}
        # largest first, so that the threads end at about the same time
        ko = sorted(self._buckets, key=lambda b: -(len(self._grupper.get(b, ()))
                                                   + len(poster.get(b, ()))))

        def starta() -> threading.Thread:
            a = threading.Thread(target=self._arbeta, args=(ko, poster, rot), daemon=True)
            a.start()
            return a

        arbetare = [starta()]
        self._skrivet.wait()
        with self._las:
            fler = min(tjanster() - 1, len(ko))
        arbetare += [starta() for _ in range(fler)]
        for a in arbetare:
            a.join()
        if self._fel:
            return
        for b in forra:
            sok._behall_lika(rot / f".forra-{b}", rot / b)
            shutil.rmtree(rot / f".forra-{b}", ignore_errors=True)

    def _arbeta(self, ko: list[str], poster: dict, rot: Path) -> None:
        try:
            while not self._avbruten and not self._fel:
                with self._las:
                    if not ko:
                        return
                    b = ko.pop(0)
                sidor, pdf = self._grupper.get(b, []), poster.get(b, [])
                if not sidor and not pdf:
                    sok._tom_bundle(self._site, rot / b, b)
                else:
                    self._bucket(b, sidor, pdf, rot / b)
        except BaseException as e:  # noqa: BLE001 - re-raised by klar()
            if not self._avbruten:
                self._fel.append(e)

    def _bucket(self, b: str, sidor: list[tuple[str, str]], pdf: list, ut: Path) -> None:
        with self._las:
            if self._avbruten:
                return
            t = Tjanst()
            self._tjanster.append(t)
        try:
            idx = nytt_index(t, b)
            for dest, html in sidor:
                t.skicka({"type": "AddFile", "index_id": idx, "url": url(dest),
                          "file_path": None, "file_contents": dokument(html)})
            lagg_poster(t, idx, pdf)
            # Building the index and handing the bundle over is each service's peak (about
            # 380 MiB for a year of 50,000 §§, twice its parsing): one service at a time.
            with self._avslut:
                skriv_paket(t, idx, ut, b)
                t.stang()
        finally:
            with self._las:
                self._tjanster.remove(t)
            t.stang()
