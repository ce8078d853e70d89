"""Typst rendering and the PDF cache.

One ``typst.Compiler`` per thread (typst releases the GIL while compiling),
rooted in ``theme/pdf`` with only the fonts shipped there and inside the typst
package (system fonts ignored, so every machine produces the same bytes).
Data reaches the template as one JSON string in ``sys.inputs.data``.

Cache key = SHA-256 of: a format tag, the typst version, the PDF standards,
every template and font file (path and bytes) and the JSON data. A cached PDF
is a file ``<cache>/<key[:2]>/<key>.pdf``; hits are copied, never re-rendered.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import typst

from generator.common.filer import skriv_atomiskt

MALL_DIR = Path(__file__).resolve().parents[3] / "theme" / "pdf"
HUVUDFIL = "main.typ"
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
        self._lokal = threading.local()
        h = hashlib.sha256(FORMAT)
        for x in (typst.__version__, ",".join(STANDARDER), self.mall_hash):
            h.update(b"\0" + x.encode())
        self._prefix = h.digest()

    def nyckel(self, data_json: bytes) -> str:
        return hashlib.sha256(self._prefix + data_json).hexdigest()

    def _compiler(self) -> typst.Compiler:
        c = getattr(self._lokal, "compiler", None)
        if c is None:
            fonts = [str(self.fontdir)] if self.fontdir.is_dir() else []
            c = typst.Compiler(input=str(self.mall_dir / HUVUDFIL), root=str(self.mall_dir),
                               font_paths=fonts, ignore_system_fonts=True)
            self._lokal.compiler = c
        return c

    def rendera(self, data_json: bytes) -> bytes:
        try:
            pdf = self._compiler().compile(sys_inputs={"data": data_json.decode("utf-8")},
                                           pdf_standards=STANDARDER, format="pdf")
        except typst.TypstError as e:  # pragma: no cover - template bugs
            diag = getattr(e, "diagnostic", "") or ""
            raise RenderingsFel(f"Typst kunde inte rendera PDF: {e}\n{diag}") from e
        assert isinstance(pdf, bytes)
        return pdf


class Cache:
    """Content-addressed PDF cache. ``None`` folder = no cache."""

    def __init__(self, mapp: Path | None) -> None:
        self.mapp = Path(mapp) if mapp is not None else None
        if self.mapp is not None:
            self.mapp.mkdir(parents=True, exist_ok=True)

    def _fil(self, nyckel: str) -> Path | None:
        return self.mapp / nyckel[:2] / f"{nyckel}.pdf" if self.mapp is not None else None

    def finns(self, nyckel: str) -> Path | None:
        f = self._fil(nyckel)
        if f is not None and f.is_file():
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
