"""`anslag forhandsgranska`: the live preview (mkdocs serve with our plugin) shows the
board, and a saved change to a § shows up without restarting it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from arbetsflode_hjalp import PAR3

from tests.server_hjalp import hamta, ledig_port, stoppa

ROT = Path(__file__).resolve().parents[2]


def test_forhandsgranskning_visar_tavlan_och_andringar(innehall: Path):
    port = ledig_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    p = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "forhandsgranska", "--innehall",
                          str(innehall), "--idag", "2025-02-20", "--adress", f"127.0.0.1:{port}"],
                         cwd=ROT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         start_new_session=True)
    try:
        bas = f"http://127.0.0.1:{port}/"
        tavla = hamta(bas, 'id="anslag-fun-2025-02-06"')
        assert 'data-nedtas="2025-03-01"' in tavla
        sida = bas + "protokoll/fun/2025-02-06/3/"
        assert "godkänns" in hamta(sida, "Kvalitetsrapport IFO 2024")
        par = innehall / PAR3
        par.write_text(par.read_text(encoding="utf-8").replace(
            "godkänns.", "godkänns. Förhandsgranskningen visar ändringen."), encoding="utf-8")
        hamta(sida, "Förhandsgranskningen visar ändringen.")
    finally:
        stoppa(p)
