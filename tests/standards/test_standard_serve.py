"""Plain `mkdocs serve` (which docs/webbplats.md recommends while writing) rebuilds when a
file in the content folder is saved: the plugin watches the content folder itself."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from standard_hjalp import ROT

from tests.server_hjalp import hamta, ledig_port, stoppa

PAR3 = "fun/2025-02-06/03-kvalitetsrapport-ifo-2024.md"


def test_mkdocs_serve_laddar_om_vid_andrat_innehall(tmp_path):
    innehall = tmp_path / "content"
    shutil.copytree(ROT / "content", innehall)
    par = innehall / PAR3
    assert par.is_file()
    port = ledig_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ANSLAG_INNEHALL=str(innehall),
               ANSLAG_IDAG="2025-02-20", ANSLAG_PDF="false")
    p = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(ROT / "mkdocs.yml"),
                          "-a", f"127.0.0.1:{port}"], cwd=ROT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        sida = f"http://127.0.0.1:{port}/protokoll/fun/2025-02-06/3/"
        assert "godkänns" in hamta(sida, "Kvalitetsrapport IFO 2024")
        par.write_text(par.read_text(encoding="utf-8").replace(
            "godkänns.", "godkänns. Ändrat medan mkdocs serve körde."), encoding="utf-8")
        hamta(sida, "Ändrat medan mkdocs serve körde.")
    finally:
        stoppa(p)
