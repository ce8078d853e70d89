"""One cache scheme for every stage.

A cache entry is keyed by everything it was built from: its inputs *and* the
code of the stage that made it. The code part is ``kodavtryck(*paket)``: a
hash of every ``.py`` file of the named packages or modules (found through the
import system, never a hand-kept file list, so a new module of a stage is
covered the day it is added) plus the versions of the libraries named. A stage
names its own package and every package below it that shapes its output;
since imports only point down, "this package and the ones under it" is the
whole of the code that can change what it makes.

``Cachefil`` holds a dict in one pickle file in our own cache folder (never a
file from the content or the site), stamped with the key it was made under;
a file made under another key, or damaged, reads as empty: a cache is never
the truth, the caller recomputes.
"""
from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import pickle
import re
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from generator.common.filer import skriv_atomiskt

FORMAT = b"anslag-cache-1"

# The stage packages in import order (generator.common is under everything).
STEG = ("generator.common", "generator.content", "generator.schema", "generator.archive",
        "generator.rules", "generator.render", "generator.commands")


def cachemapp(ut: Path | str = "site") -> Path:
    """The tool's cache folder for the site folder ``ut``: ``<ut>/../.cache/anslag-<ut>/``
    (``anslag bygg``; the commands without ``--ut`` use the default site folder's)."""
    ut = Path(ut)
    return ut.parent / ".cache" / f"anslag-{ut.name}"


def _kallfiler(namn: str) -> list[Path]:
    spec = importlib.util.find_spec(namn)
    if spec is None:
        raise ModuleNotFoundError(namn)
    if spec.submodule_search_locations:   # a package: every module in it, recursively
        return sorted(p for d in spec.submodule_search_locations for p in Path(d).rglob("*.py"))
    return [Path(spec.origin)] if spec.origin else []


@lru_cache(maxsize=None)
def _kodavtryck(paket: tuple[str, ...], bibliotek: tuple[str, ...]) -> str:
    h = hashlib.sha256(FORMAT)
    for namn in paket:
        for f in _kallfiler(namn):
            b = f.read_bytes()
            h.update(b"\0" + f.name.encode() + len(b).to_bytes(8, "big") + b)
    for b in bibliotek:
        h.update(f"\0{b}={_version(b)}".encode())
    return h.hexdigest()


def _normera(namn: str) -> str:
    return re.sub(r"[-_.]+", "_", namn).lower()


def _version(namn: str) -> str:
    """The installed version of the distribution ``namn``: from the name of its
    ``<namn>-<version>.dist-info`` folder on sys.path, as importlib.metadata finds it
    but without importing that (0.05–0.2 s, on every cold check); other layouts (an
    .egg-info) through importlib.metadata."""
    norm = _normera(namn)
    for mapp in sys.path:
        try:
            poster = os.listdir(mapp or ".")
        except OSError:
            continue
        for p in poster:
            if p.endswith(".dist-info"):
                n, _, v = p[:-len(".dist-info")].partition("-")
                if v and _normera(n) == norm:
                    return v
    import importlib.metadata
    try:
        return importlib.metadata.version(namn)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def kodavtryck(*paket: str, bibliotek: tuple[str, ...] = ()) -> str:
    """Hash of the source of ``paket`` (dotted package or module names) and of the
    installed versions of ``bibliotek`` (distribution names). Computed once per process."""
    return _kodavtryck(tuple(paket), tuple(bibliotek))


def nyckel(*delar: object) -> str:
    """A cache key from any parts (bytes as they are, everything else by ``repr``)."""
    h = hashlib.sha256(FORMAT)
    for d in delar:
        b = d if isinstance(d, bytes) else repr(d).encode("utf-8")
        h.update(len(b).to_bytes(8, "big") + b)
    return h.hexdigest()


@contextmanager
def utan_skrapsamlare():
    """The cyclic garbage collector off for a while: reading, modelling or unpickling an
    archive makes millions of objects that live on (a 20,000-§ model is about a million),
    and the collector's passes over them cost more than the work itself (a sixth of a whole
    check; 1.25 s against 0.69 s CPU for `anslag status` at 20,000 §§). Those objects are
    freed by their reference counts; the collector is on again afterwards if it was."""
    pa = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if pa:
            gc.enable()


class Cachefil:
    """A dict kept in one pickle file of our cache folder, valid only under ``avtryck``."""

    def __init__(self, fil: Path, avtryck: str) -> None:
        self.fil = Path(fil)
        self.avtryck = avtryck

    def las(self) -> dict:
        # the collector off while unpickling: a model of 20,000 §§ is a million new objects,
        # and the passes it would make over them are most of the time it takes to read
        try:
            with utan_skrapsamlare(), open(self.fil, "rb") as fh:
                d = pickle.load(fh)
        except Exception:  # noqa: BLE001 - any unreadable cache is an empty cache
            return {}
        if not (isinstance(d, tuple) and len(d) == 2 and d[0] == self.avtryck
                and isinstance(d[1], dict)):
            return {}
        return d[1]

    def spara(self, data: dict) -> None:
        skriv_atomiskt(self.fil, pickle.dumps((self.avtryck, data),
                                              protocol=pickle.HIGHEST_PROTOCOL))
