"""Shared by the tests that start a live server (`mkdocs serve`, `anslag forhandsgranska`):
a free port, a page fetched until it shows a text, and the server stopped with its children."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hamta(url: str, vanta_pa: str, sekunder: float = 90) -> str:
    """The page at ``url`` once it contains ``vanta_pa`` (asked again until ``sekunder``)."""
    slut, senast = time.monotonic() + sekunder, ""
    while time.monotonic() < slut:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                senast = r.read().decode("utf-8")
            if vanta_pa in senast:
                return senast
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} visade aldrig {vanta_pa!r}; senast:\n{senast[:500]}")


def stoppa(p: subprocess.Popen) -> None:
    """Stop a server started with ``start_new_session=True`` and its process group."""
    os.killpg(p.pid, signal.SIGTERM)
    try:
        p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
