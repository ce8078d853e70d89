"""What the Zensical adapter keeps between builds, so that a rebuild hands Zensical only the
pages whose source changed.

Zensical renders a page from three things only: the page's source, the configuration and the
navigation (its own render cache is keyed by exactly these). Both of the latter are fixed by
the key of this state (``nyckel``: the build's fingerprint of theme, ``mkdocs.yml``, generator
code and ``kommun.yml``/``organ.yml``, plus Zensical's version and the configuration the
adapter wrote). Under one key, a page whose source is byte for byte the same renders to the
same file, so the previous build's output is linked into the new site instead.

Kept in the adapter's work folder:

* ``sidor/`` - every page the previous build published and, under ``sidor/pagefind/``, its
  search bundles, one folder per bucket: hard links to the files of the site, laid out as in
  the site (nothing ever writes into them in place, they are only unlinked). A rebuild starts
  by copying this whole folder into the new site as hard links (one ``cp -al`` in the
  background, see ``generator.common.filer.starta_lankkopia``); the pages rendered again and
  the bundles of the buckets indexed again then replace their copies, in the site and here.
  (Linking the ~46,000 bundle files of 20,000 §§ one by one in Python, twice per rebuild, cost
  more than the rebuild's rendering.)
* ``tillstand.pickle`` - per page the hash of its source, per bucket the hash of what was indexed, and the page memo (``minne``).

The state is removed before a build starts and saved only when it has finished, so an
interrupted build leaves none (the next one is a full build).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

from generator.common.cache import Cachefil, nyckel as cachenyckel
from generator.common.filer import lankkopia_klar, starta_lankkopia, ta_bort_i_bakgrunden
from generator.render.site.sida import Sida


def kallhash(kalla: bytes) -> bytes:
    return hashlib.blake2b(kalla, digest_size=16).digest()


def _lanka(fran: Path, till: Path) -> None:
    """Hard-link ``fran`` as ``till`` (folders created only when missing: a mkdir per file
    was a third of a rebuild)."""
    try:
        os.link(fran, till)
    except FileNotFoundError:
        if not os.path.exists(fran):
            raise
        os.makedirs(os.path.dirname(till), exist_ok=True)
        os.link(fran, till)
    except FileExistsError:
        os.unlink(till)
        os.link(fran, till)


def kasta(*mappar: Path, bredvid: Path | None = None) -> None:
    """Remove folders without making the build wait: renamed aside at once (into
    ``bredvid``, else next to them), deleted by a process of their own (deleting a folder
    of 30,000 pages takes seconds)."""
    for mapp in mappar:
        if not mapp.exists():
            continue
        rest = (bredvid or mapp.parent) / f".rest-{uuid.uuid4().hex}"
        os.rename(mapp, rest)
        ta_bort_i_bakgrunden(rest)


class Forra:
    """The previous Zensical build, as far as it can be reused under ``nyckel``."""

    def __init__(self, mapp: Path, nyckel: str | None) -> None:
        self.mapp = mapp
        self.sidor_dir = mapp / "sidor"
        self.sok_dir = self.sidor_dir / "pagefind"
        self._fil = Cachefil(mapp / "tillstand.pickle", nyckel or "")
        d = self._fil.las() if nyckel else {}
        self._fil.fil.unlink(missing_ok=True)   # saved again only by a finished build
        self.nyckel = nyckel
        self.konf: str | None = d.get("konf")
        self.sidor: dict[str, bytes] = d.get("sidor", {})   # uri -> hash of its source
        self.buckets: dict[str, str] = d.get("buckets", {})
        self.minne: dict = d.get("minne", {})
        self._kopia: subprocess.Popen | None = None
        self._kopierad = False
        self._behallna: set[str] = set()   # buckets whose kept bundle is in the site
        if not d:
            self.glom()

    def glom(self, site: Path | None = None) -> None:
        """Reuse nothing (a full build); the pages already linked into ``site`` go."""
        if site is not None:
            for uri in self.sidor:
                self.inte_ateranvand(uri, site)
            if self._kopia is not None:
                shutil.rmtree(site / "pagefind", ignore_errors=True)
        self._kopia, self._kopierad = None, False
        kasta(self.sidor_dir, self.mapp / "pagefind")   # (where bundles were kept before)
        self.sidor, self.buckets, self.minne, self.konf = {}, {}, {}, None

    def starta_kopia(self, site: Path) -> None:
        """Start linking every kept page and bundle into ``site`` (in the background)."""
        self._kopia = None
        if self.sidor and self.sidor_dir.is_dir():
            self._kopia = starta_lankkopia(self.sidor_dir, site)

    def vanta_pa_kopia(self, site: Path) -> None:
        """Wait for it; if it failed, the pages are linked one by one (``ateranvand``)."""
        self._kopierad = lankkopia_klar(self._kopia)

    def kan_ateranvanda(self, uri: str) -> bool:
        return uri in self.sidor and (self.sidor_dir / uri).is_file()

    def oforandrad(self, uri: str, h: bytes) -> bool:
        return self.sidor.get(uri) == h and (self.sidor_dir / uri).is_file()

    def ateranvand(self, uri: str, site: Path) -> None:
        """The previous build's output of page ``uri`` in ``site`` (linked)."""
        if not self._kopierad:
            _lanka(self.sidor_dir / uri, site / uri)

    def inte_ateranvand(self, uri: str, site: Path) -> None:
        """Page ``uri`` is rendered now: no copy of its previous output stays in ``site``."""
        if self._kopia is not None and uri in self.sidor:   # (even a failed copy left some)
            try:
                os.unlink(site / uri)
            except FileNotFoundError:
                pass

    def ta_bort_gamla(self, site: Path, nya: dict[str, bytes]) -> None:
        """Pages of the previous build that are gone now leave ``site`` (with their empty
        folders)."""
        for uri in set(self.sidor) - set(nya):
            self.inte_ateranvand(uri, site)
            try:
                os.removedirs((site / uri).parent)
            except OSError:
                pass

    def uppdatera(self, site: Path, nya: dict[str, bytes], renderade: set[str]) -> None:
        """After the build: ``nya`` maps every page's uri to its source hash; the pages in
        ``renderade`` were rendered now (their files in ``site`` replace the kept ones)."""
        for uri in set(self.sidor) - set(nya):
            (self.sidor_dir / uri).unlink(missing_ok=True)
        for uri in renderade:
            _lanka(site / uri, self.sidor_dir / uri)
        self.sidor = nya

    # ------------------------------------------------------------ search bundles

    @staticmethod
    def bucket_nycklar(sidor: list[Sida], hashar: dict[str, bytes],
                       pdfer: dict[str, list]) -> dict[str, str]:
        """Bucket -> hash of everything its bundle is made from (its pages' sources and what
        identifies its PDFs, see ``zensical.pdf_avtryck``)."""
        per: dict[str, list] = {}
        for s in sidor:
            if s.sok:
                uri = s.sokvag + "index.html"
                per.setdefault(s.sok, []).append((uri, hashar[uri]))
        return {b: cachenyckel(sorted(per.get(b, [])), sorted(pdfer.get(b, [])))
                for b in set(per) | set(pdfer)}

    def lana_buckets(self, site: Path, nycklar: dict[str, str]) -> None:
        """Leave in ``site`` exactly the kept bundles whose bucket is unchanged (copied with
        the pages, or linked now if that copy failed); Pagefind then indexes only the
        missing ones (``generator.render.site.sok.indexera``)."""
        rot = site / "pagefind"
        self._behallna = {b for b, k in nycklar.items()
                          if self.buckets.get(b) == k
                          and (self.sok_dir / b / "pagefind-entry.json").is_file()}
        if self._kopierad:
            for d in (rot.iterdir() if rot.is_dir() else ()):
                if d.name not in self._behallna:   # changed or gone: indexed again or removed
                    shutil.rmtree(d) if d.is_dir() else d.unlink()
            return
        if self._kopia is not None:   # a failed copy may have left some
            shutil.rmtree(rot, ignore_errors=True)
        for b in self._behallna:
            kalla = self.sok_dir / b
            for f in (p for p in kalla.rglob("*") if p.is_file()):
                _lanka(f, rot / b / f.relative_to(kalla))

    def spara(self, site: Path, nycklar: dict[str, str], minne: dict, konf: str) -> None:
        """Keep this build's bundles and state (the build has finished): the bundles indexed
        now replace their kept ones, the buckets that are gone leave."""
        rot = site / "pagefind"
        for d in (self.sok_dir.iterdir() if self.sok_dir.is_dir() else ()):
            if d.name not in self._behallna:   # (outside the folder the next build copies)
                kasta(d, bredvid=self.mapp)
        for b in set(nycklar) - self._behallna:
            if (rot / b).is_dir():
                for f in (p for p in (rot / b).rglob("*") if p.is_file()):
                    _lanka(f, self.sok_dir / b / f.relative_to(rot / b))
        self.buckets = nycklar
        if self.nyckel:
            self._fil.spara({"sidor": self.sidor, "buckets": nycklar, "minne": minne,
                             "konf": konf})
