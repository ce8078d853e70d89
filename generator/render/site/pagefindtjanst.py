"""A thin client of Pagefind's service (``pagefind --service``), the process behind its
Python API (``pagefind.index.PagefindIndex``).

The API's reader sleeps 0.1 s before it reads each response, so feeding it one page at a
time would cost an hour for 30,000 pages. This client speaks the same protocol directly:
every request and response is base64 of a JSON object, followed by a comma. Requests are
written without waiting (the service reads them in a thread of its own and handles them
one after the other, in order); responses are read when the caller needs them.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile


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
        self._las = b""
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
        try:
            self._p.stdin.write(data)
        except (BrokenPipeError, OSError):
            raise TjanstFel(self._dod()) from None

    def svar(self) -> tuple[int | None, dict]:
        """The next response: (message id, payload)."""
        while b"," not in self._las:
            bit = os.read(self._p.stdout.fileno(), 1 << 20)
            if not bit:
                raise TjanstFel(self._dod())
            self._las += bit
        rad, _, self._las = self._las.partition(b",")
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
