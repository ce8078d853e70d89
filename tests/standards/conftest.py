"""Fixtures for the independent checkers (axe-core, the Nu Html Checker, outloud): every
covered archive built once per session, a local server per build, Debian's Chromium."""
from __future__ import annotations

import functools
import json
import http.server
import socketserver
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from standard_hjalp import ARKIV, BYGGEN, GRANSKNING, LOKALA, ROT, UTDATA, Bygge


@pytest.fixture(scope="session")
def byggen(tmp_path_factory) -> dict[str, Bygge]:
    """Every archive built once per session by each engine (MkDocs and Zensical), PDFs
    included, with the real ``anslag bygg``."""
    ut = {}
    # the record the pages show (a passing run of the checkers may rewrite it later)
    granskning = json.loads(GRANSKNING.read_text("utf-8")) if GRANSKNING.is_file() else None
    for namn, (arkivnamn, motor) in BYGGEN.items():
        innehall, idag = ARKIV[arkivnamn]
        rot = tmp_path_factory.mktemp(f"standard-{namn}")
        site, arkiv = rot / "site", rot / "arkiv"
        p = subprocess.run([sys.executable, "-m", "generator.commands.cli", "bygg", "--innehall",
                            str(innehall), "--ut", str(site), "--arkiv", str(arkiv), "--idag",
                            idag.isoformat(), "--motor", motor, "--tyst"], cwd=ROT,
                           capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, f"anslag bygg {namn}: {p.stderr}"
        ut[namn] = Bygge(namn, site, arkiv, motor, granskning)
    return ut


@pytest.fixture(scope="session")
def utdata_standard() -> Path:
    UTDATA.mkdir(parents=True, exist_ok=True)
    return UTDATA


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Tyst(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def adresser(byggen):
    """name -> base URL of a local HTTP server for that build."""
    servrar, ut = [], {}
    for namn, b in byggen.items():
        srv = _Server(("127.0.0.1", 0), functools.partial(_Tyst, directory=str(b.site)))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servrar.append(srv)
        ut[namn] = f"http://127.0.0.1:{srv.server_address[1]}/"
    yield ut
    for s in servrar:
        s.shutdown()
        s.server_close()


@pytest.fixture
def flik(chromium):
    """flik(width) -> a browser page of that width; any request that leaves localhost is
    aborted and fails the test."""
    externa: list[str] = []
    kontexter = []

    def ny(bredd: int):
        ctx = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                   viewport={"width": bredd, "height": 900},
                                   service_workers="block")

        def vakt(route) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname in LOKALA:
                route.continue_()
            else:
                externa.append(url)
                route.abort()

        ctx.route("**/*", vakt)
        kontexter.append(ctx)
        return ctx.new_page()

    yield ny
    for c in kontexter:
        c.close()
    assert not externa, f"förfrågningar till andra värdar: {sorted(set(externa))}"
