"""Typst rendering and the PDF cache.

A small pool of ``typst.Compiler`` objects, one per concurrent rendering (typst
releases the GIL while compiling), with only the fonts shipped in ``theme/pdf`` and
inside the typst package (system fonts ignored, so every machine produces the same
bytes). Each compiler has its own root: a temporary folder holding copies of the
templates and ``data.json``, the document's data, which the template reads with
``json(sys.inputs.fil)``. ``sys.inputs`` stays the same for every document: a new
``sys.inputs`` is a new standard library for Typst, which it hashes again (about a
fifth of an utdrag's CPU time), and the templates evaluated for one document are then
reused for the next.

Cache key = SHA-256 of: a format tag, the typst version, the PDF standards,
every template and font file (path and bytes) and the JSON data. A cached PDF
is a file ``<cache>/<key[:2]>/<key>.pdf``; hits are copied, never re-rendered.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import typst

from generator.common.cache import Cachefil, kodavtryck, nyckel as cachenyckel
from generator.common.filer import kopiera, sha256_fil, skriv_atomiskt

MALL_DIR = Path(__file__).resolve().parents[3] / "theme" / "pdf"
HUVUDFIL = "main.typ"
DATAFIL = "data.json"   # the document's data, in each compiler's own root
STANDARDER = ["a-2b", "ua-1"]
FORMAT = b"anslag-pdf-1"


class RenderingsFel(RuntimeError):
    """Typst refused a document (a template bug or invalid data)."""


def json_bytes(data: Any) -> bytes:
    """Canonical JSON: identical data gives identical bytes (and cache key)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def mall_hash(mall_dir: Path = MALL_DIR) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in mall_dir.rglob("*") if p.is_file()):
        if f.suffix.lower() not in (".typ", ".ttf", ".otf", ".json"):
            continue
        rel = f.relative_to(mall_dir).as_posix().encode()
        b = f.read_bytes()
        h.update(len(rel).to_bytes(4, "big") + rel + len(b).to_bytes(8, "big") + b)
    return h.hexdigest()


class Motor:
    """Renders JSON data with the templates; thread-safe."""

    def __init__(self, mall_dir: Path = MALL_DIR) -> None:
        self.mall_dir = Path(mall_dir).resolve()
        self.fontdir = self.mall_dir / "fonts"
        self.mall_hash = mall_hash(self.mall_dir)
        self._lediga: queue.SimpleQueue[tuple[typst.Compiler, Path]] = queue.SimpleQueue()
        self._rotter: list[str] = []
        weakref.finalize(self, _ta_bort, self._rotter)
        h = hashlib.sha256(FORMAT)
        for x in (typst.__version__, ",".join(STANDARDER), self.mall_hash):
            h.update(b"\0" + x.encode())
        self._prefix = h.digest()

    def nyckel(self, data_json: bytes) -> str:
        return hashlib.sha256(self._prefix + data_json).hexdigest()

    def _ny_kompilator(self) -> tuple[typst.Compiler, Path]:
        rot = Path(tempfile.mkdtemp(prefix="anslag-typst-"))
        self._rotter.append(str(rot))
        for f in self.mall_dir.glob("*.typ"):
            shutil.copyfile(f, rot / f.name)
        fonts = [str(self.fontdir)] if self.fontdir.is_dir() else []
        c = typst.Compiler(input=str(rot / HUVUDFIL), root=str(rot), font_paths=fonts,
                           ignore_system_fonts=True, sys_inputs={"fil": "/" + DATAFIL})
        return c, rot

    def rendera(self, data_json: bytes) -> bytes:
        try:
            c, rot = self._lediga.get_nowait()
        except queue.Empty:
            c, rot = self._ny_kompilator()
        try:
            (rot / DATAFIL).write_bytes(data_json)
            pdf = c.compile(pdf_standards=STANDARDER, format="pdf")
        except typst.TypstError as e:  # pragma: no cover - template bugs
            diag = getattr(e, "diagnostic", "") or ""
            raise RenderingsFel(f"Typst kunde inte rendera PDF: {e}\n{diag}") from e
        finally:
            self._lediga.put((c, rot))
        assert isinstance(pdf, bytes)
        return pdf


    def stang(self) -> None:
        """Remove the idle compilers and their folders (the next rendering makes new ones).
        The CLI ends with ``os._exit``, so no finalizer would ever remove them."""
        while True:
            try:
                _c, rot = self._lediga.get_nowait()
            except queue.Empty:
                return
            shutil.rmtree(rot, ignore_errors=True)
            if str(rot) in self._rotter:
                self._rotter.remove(str(rot))


def _ta_bort(rotter: list[str]) -> None:
    for r in rotter:
        shutil.rmtree(r, ignore_errors=True)


class Cache:
    """Content-addressed PDF cache. ``None`` folder = no cache.

    Besides the PDFs it remembers, between builds (``stang`` saves it), where it put
    which PDF (``lagg``: a target that still is the file this stage wrote, by size,
    mtime and inode, and holds the same PDF is left in place: an unchanged site costs
    one stat per PDF) and the SHA-256 of the files the packets are made from (``summa``)."""

    def __init__(self, mapp: Path | None, roter: dict[str, Path] | None = None) -> None:
        self.mapp = Path(mapp) if mapp is not None else None
        self._roter = {k: Path(v) for k, v in (roter or {}).items()}
        self._anvanda: set[str] = set()
        self._las = threading.Lock()
        if self.mapp is not None:
            self.mapp.mkdir(parents=True, exist_ok=True)
            self._platser = Cachefil(self.mapp / "platser.pickle", cachenyckel(b"platser", FORMAT))
            self._summor = Cachefil(self.mapp / "summor.pickle",
                                    kodavtryck("generator.common.filer"))
            self.platser: dict = self._platser.las()
            self.summor: dict = self._summor.las()
        else:
            self.platser, self.summor = {}, {}

    def stang(self) -> None:
        """Save what ``lagg`` and ``summa`` learnt (after the stage succeeded)."""
        if self.mapp is not None:
            self._platser.spara(self.platser)
            self._summor.spara(self.summor)

    def _plats(self, mal: Path) -> tuple | None:
        for namn, rot in self._roter.items():
            try:
                return (namn, Path(mal).relative_to(rot).as_posix())
            except ValueError:
                continue
        return None

    def lagg(self, nyckel: str, mal: Path, pdf: bytes | None = None) -> bool:
        """Put the PDF ``nyckel`` (``pdf``, or the cached file) at ``mal`` unless the file
        there is the one this stage wrote for the same key. True when written."""
        plats = self._plats(mal)
        if plats is not None:
            tidigare = self.platser.get(plats)
            if tidigare is not None and tidigare[0] == nyckel:
                try:
                    st = os.stat(mal, follow_symlinks=False)
                    if (st.st_size, st.st_mtime_ns, st.st_ino) == tidigare[1:]:
                        return False
                except OSError:
                    pass
        if pdf is not None:
            skriv_atomiskt(mal, pdf)
        else:
            kalla = self.finns(nyckel)
            if kalla is None:
                raise RenderingsFel(f"PDF-cachen ändrades under bygget ({nyckel}); bygg igen")
            kopiera(kalla, mal)
        if plats is not None:
            st = os.stat(mal)
            with self._las:
                self.platser[plats] = (nyckel, st.st_size, st.st_mtime_ns, st.st_ino)
        return True

    def summa(self, fil: Path) -> str:
        """SHA-256 of ``fil``, read again only when its size, mtime or inode changed."""
        st = os.stat(fil)
        k = str(Path(fil).absolute())
        tidigare = self.summor.get(k)
        if tidigare is not None and tidigare[:3] == (st.st_size, st.st_mtime_ns, st.st_ino):
            return tidigare[3]
        h = sha256_fil(fil)
        with self._las:
            self.summor[k] = (st.st_size, st.st_mtime_ns, st.st_ino, h)
        return h

    def _fil(self, nyckel: str) -> Path | None:
        return self.mapp / nyckel[:2] / f"{nyckel}.pdf" if self.mapp is not None else None

    def finns(self, nyckel: str) -> Path | None:
        f = self._fil(nyckel)
        if f is not None and f.is_file():
            if nyckel not in self._anvanda:
                self._anvanda.add(nyckel)
                try:
                    os.utime(f)  # mark as used (for rensa)
                except OSError:
                    pass
            return f
        return None

    def spara(self, nyckel: str, pdf: bytes) -> None:
        f = self._fil(nyckel)
        if f is None:
            return
        f.parent.mkdir(parents=True, exist_ok=True)
        skriv_atomiskt(f, pdf)

    # Meeting index: model fingerprint -> [(pdf key, [target])], targets stored
    # relative to the meeting's public ("pub") or internal ("ark") folder.
    def _indexfil(self, fp: str) -> Path | None:
        return self.mapp / "index" / fp[:2] / f"{fp}.json" if self.mapp is not None else None

    def las_index(self, fp: str, pub: Path, ark: Path | None) -> list[tuple[str, list[Path]]] | None:
        f = self._indexfil(fp)
        if f is None or not f.is_file():
            return None
        try:
            poster = json.loads(f.read_text("utf-8"))
            ut: list[tuple[str, list[Path]]] = []
            for post in poster:
                mal = []
                for bas, namn in post["mal"]:
                    if bas == "ark" and ark is None:
                        return None
                    if "/" in namn or "\\" in namn or namn.startswith("."):
                        return None
                    mal.append((pub if bas == "pub" else ark) / namn)
                if self.finns(post["nyckel"]) is None:
                    return None
                ut.append((post["nyckel"], mal))
            return ut
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def skriv_index(self, fp: str, poster: list[tuple[str, list[Path]]], pub: Path,
                    ark: Path | None) -> None:
        f = self._indexfil(fp)
        if f is None:
            return
        ut = []
        for nyckel, mal in poster:
            rel = []
            for p in mal:
                if p.parent == pub:
                    rel.append(["pub", p.name])
                elif ark is not None and p.parent == ark:
                    rel.append(["ark", p.name])
                else:
                    return  # unexpected layout: no index, the meeting is simply rebuilt
            ut.append({"nyckel": nyckel, "mal": rel})
        skriv_atomiskt(f, json.dumps(ut, ensure_ascii=False).encode("utf-8"))

    def rensa(self, aldre_an_dagar: float = 60) -> int:
        """Remove cached PDFs unused for ``aldre_an_dagar`` days."""
        if self.mapp is None:
            return 0
        grans = time.time() - aldre_an_dagar * 86400
        n = 0
        for f in [*self.mapp.glob("*/*.pdf"), *self.mapp.glob("index/*/*.json")]:
            try:
                if f.stat().st_mtime < grans:
                    f.unlink()
                    n += 1
            except OSError:
                pass
        return n
