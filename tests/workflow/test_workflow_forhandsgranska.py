"""`anslag forhandsgranska`: the live preview (mkdocs serve with our plugin) shows the
board, and a saved change to a § shows up without restarting it."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from arbetsflode_hjalp import PAR3

ROT = Path(__file__).resolve().parents[2]


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hamta(url: str, vanta_pa: str, sekunder: float = 60) -> str:
    slut = time.monotonic() + sekunder
    senast = ""
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


def test_forhandsgranskning_visar_tavlan_och_andringar(innehall: Path):
    port = _ledig_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    p = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "forhandsgranska", "--innehall",
                          str(innehall), "--idag", "2025-02-20", "--adress", f"127.0.0.1:{port}"],
                         cwd=ROT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        bas = f"http://127.0.0.1:{port}/"
        tavla = _hamta(bas, 'id="anslag-fun-2025-02-06"')
        assert 'data-nedtas="2025-03-01"' in tavla
        sida = bas + "protokoll/fun/2025-02-06/3/"
        assert "godkänns" in _hamta(sida, "Kvalitetsrapport IFO 2024")
        par = innehall / PAR3
        par.write_text(par.read_text(encoding="utf-8").replace(
            "godkänns.", "godkänns. Förhandsgranskningen visar ändringen."), encoding="utf-8")
        _hamta(sida, "Förhandsgranskningen visar ändringen.")
    finally:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
