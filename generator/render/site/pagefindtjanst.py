"""A thin client of Pagefind's service (``pagefind --service``), the process behind its
Python API (``pagefind.index.PagefindIndex``).

The API's reader sleeps 0.1 s before it reads each response, so feeding it one page at a
time would cost an hour for 30,000 pages. This client speaks the same protocol directly:
every request and response is base64 of a JSON object, followed by a comma. Requests are
written without waiting (the service reads them in a thread of its own and handles them
one after the other, in order); responses are read when the caller needs them.

A bundle is fetched with ``GetFiles`` and written by ``skriv_paket``, never with
``WriteFiles``: the service answers ``WriteFiles`` when its writes are handed to Tokio's
file tasks, not when they are done, and it exits the moment its input closes, so closing it
after the answer could leave files empty (seen on a loaded machine: an empty
``pagefind-entry.json`` and no search results). Pagefind's own Python API closes the same
way; the 0.1 s it sleeps before each read mostly hides it.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path, PurePosixPath


class TjanstFel(RuntimeError):
    """Pagefind's service failed or answered with an error."""


class Tjanst:
    def __init__(self) -> None:
        from pagefind.service import get_executable
        exe = get_executable()
        if exe is None:
            raise TjanstFel("Pagefind är inte installerat (pip install 'pagefind[extended]').")
        self._logg = tempfile.TemporaryFile()
        self._p = subprocess.Popen([str(exe), "--service"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=self._logg, bufsize=0)
        self._id = 0
        self._las = bytearray()
        self._ut: list[bytes] = []
        self._ut_storlek = 0

    @property
    def sista_id(self) -> int:
        """The message id of the last request (0: none yet)."""
        return self._id

    def skicka(self, payload: dict) -> int:
        """Queue one request; returns its message id. Sent in batches (``tom``)."""
        self._id += 1
        self._ut.append(base64.b64encode(
            json.dumps({"message_id": self._id, "payload": payload}).encode("utf-8")) + b",")
        self._ut_storlek += len(self._ut[-1])
        if self._ut_storlek >= 1 << 20:
            self.tom()
        return self._id

    def tom(self) -> None:
        """Write the queued requests to the service."""
        if not self._ut:
            return
        data, self._ut, self._ut_storlek = b"".join(self._ut), [], 0
        rest = memoryview(data)
        try:
            while rest:   # an unbuffered pipe may take part of it (a signal, a stop/continue)
                rest = rest[self._p.stdin.write(rest):]
        except (BrokenPipeError, OSError):
            raise TjanstFel(self._dod()) from None

    def svar(self) -> tuple[int | None, dict]:
        """The next response: (message id, payload)."""
        slut = self._las.find(b",")
        while slut < 0:   # a bundle's answer is tens of MB: append, search only what came
            bit = os.read(self._p.stdout.fileno(), 1 << 20)
            if not bit:
                raise TjanstFel(self._dod())
            fran = len(self._las)
            self._las += bit
            slut = self._las.find(b",", fran)
        rad = bytes(self._las[:slut])
        del self._las[:slut + 1]
        svar = json.loads(base64.b64decode(rad))
        return svar.get("message_id"), svar.get("payload") or {}

    def _dod(self) -> str:
        """What to say when the service went away."""
        try:
            kod = self._p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            kod = None
        self._logg.seek(0)
        text = self._logg.read().decode("utf-8", "replace").strip().splitlines()
        return (f"Pagefinds tjänst avslutades oväntat (kod {kod})"
                + (f": {text[-1].strip()}" if text else ""))

    def stang(self) -> None:
        """End the service (closing its input ends it) and wait for it."""
        for f in (self._p.stdin, self._p.stdout):
            try:
                f.close()
            except OSError:
                pass
        try:
            self._p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._p.kill()
            self._p.wait()
        self._logg.close()

    def doda(self) -> None:
        """Stop the service at once (a build that failed)."""
        self._p.kill()
        self.stang()


KONFIG = {"force_language": "sv"}   # every index: Swedish, whatever a page says


def nytt_index(t: Tjanst, namn: str) -> int:
    """Open an index in the service; its id. ``namn`` (the bucket) names it in errors."""
    id_ = t.skicka({"type": "NewIndex", "config": KONFIG})
    t.tom()
    return las_till(t, id_, namn)["index_id"]


def lagg_poster(t: Tjanst, index_id: int, poster: list) -> None:
    """Queue one record per published PDF: (url, text, title), see ``pdfsok``."""
    for url, text, titel in poster:
        t.skicka({"type": "AddRecord", "index_id": index_id, "url": url, "content": text,
                  "language": "sv", "meta": {"title": titel}, "filters": None, "sort": None})


def las_till(t: Tjanst, id_: int, namn: str) -> dict:
    """Read responses up to message ``id_``'s; an error answer raises ``TjanstFel``
    naming ``namn`` (the bucket)."""
    while True:
        mid, payload = t.svar()
        if payload.get("type") == "Error":
            raise TjanstFel(f"Pagefind misslyckades för {namn}: "
                            f"{payload.get('message', 'okänt fel')}")
        if mid == id_:
            return payload


def skriv_paket(t: Tjanst, index_id: int, ut: Path, namn: str) -> None:
    """Build index ``index_id``, fetch its bundle (``GetFiles``) and write every file into
    ``ut``; each file is complete when this returns."""
    id_ = t.skicka({"type": "GetFiles", "index_id": index_id})
    t.tom()
    filer = las_till(t, id_, namn).get("files") or []
    mappar: set[Path] = set()   # a bundle is thousands of files in a handful of folders
    for f in filer:
        rel = PurePosixPath(f["path"])
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise TjanstFel(f"Pagefind misslyckades för {namn}: oväntad fil {f['path']!r}")
        mal = Path(ut, *rel.parts)
        if mal.parent not in mappar:
            mal.parent.mkdir(parents=True, exist_ok=True)
            mappar.add(mal.parent)
        mal.write_bytes(base64.b64decode(f["content"]))
