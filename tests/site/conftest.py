"""Fixtures for the site tests: real builds (once per session), a local HTTP
server per site and Debian's Chromium through Playwright.

Every browser page is routed: a request to any host other than the local
server is aborted and recorded, and the test fails on it.
"""
from __future__ import annotations

import functools
import http.server
import socketserver
import textwrap
import threading
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROT = Path(__file__).resolve().parents[2]
INNEHALL = ROT / "content"
UTDATA = ROT / "tests" / "output"
LOKALA = {"127.0.0.1", "localhost"}


def bygg_site(innehall: Path, ut: Path, idag: date, utan_pdf: bool = False,
              motor: str = "mkdocs") -> Path:
    """Run ``anslag bygg`` in-process; fail the test with its stderr when it fails."""
    import contextlib
    import io

    from generator.commands.bygg import bygg
    fel = io.StringIO()
    with contextlib.redirect_stderr(fel):
        kod = bygg(innehall, ut, ut.parent / "arkiv", idag, utan_pdf, tyst=True, motor=motor)
    assert kod == 0, f"anslag bygg misslyckades ({kod}):\n{fel.getvalue()}"
    return ut


def skriv_filer(rot: Path, filer: dict[str, str | bytes]) -> Path:
    for rel, data in filer.items():
        p = rot / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
    return rot


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Tyst(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D401 - keep test output clean
        pass


@pytest.fixture(scope="session")
def serva():
    """serva(rot) -> base URL of a local HTTP server for the folder ``rot``."""
    servrar = []

    def start(rot: Path) -> str:
        srv = _Server(("127.0.0.1", 0), functools.partial(_Tyst, directory=str(rot)))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servrar.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    yield start
    for s in servrar:
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="session")
def exempel_site(tmp_path_factory) -> Path:
    """The example archive built by the daily build of 2025-02-20 (the FUN 2025-02-06 anslag
    is up), with PDFs: the build's clock says it is that day, so the board's script judges
    by the reader's clock, as in production."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("generator.render.site.vyer.tavla.idag_stockholm", lambda: date(2025, 2, 20))
        return bygg_site(INNEHALL, tmp_path_factory.mktemp("exempel") / "site", date(2025, 2, 20))


@pytest.fixture(scope="session")
def exempel_site_zensical(tmp_path_factory) -> Path:
    """The same build as ``exempel_site``, with the engine Zensical (anslag bygg --motor zensical)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("generator.render.site.vyer.tavla.idag_stockholm", lambda: date(2025, 2, 20))
        return bygg_site(INNEHALL, tmp_path_factory.mktemp("exempel-zensical") / "site",
                         date(2025, 2, 20), motor="zensical")


MOTORER = ["mkdocs", "zensical"]


@pytest.fixture(scope="session", params=MOTORER)
def motor_site(request) -> Path:
    """The example site built by each engine in turn (the same browser tests run on both)."""
    return request.getfixturevalue("exempel_site" if request.param == "mkdocs"
                                   else "exempel_site_zensical")


@pytest.fixture(scope="session")
def motor_url(motor_site, serva) -> str:
    return serva(motor_site)


@pytest.fixture(scope="session")
def exempel_site_per_dag(tmp_path_factory) -> Path:
    """The README's build: `anslag bygg --idag 2025-02-20` run today, a view of that day."""
    return bygg_site(INNEHALL, tmp_path_factory.mktemp("exempel-per-dag") / "site",
                     date(2025, 2, 20), utan_pdf=True)


@pytest.fixture(scope="session")
def exempel_site_0301(tmp_path_factory) -> Path:
    """The example archive built as on 2025-03-01 (the anslag has been taken down)."""
    return bygg_site(INNEHALL, tmp_path_factory.mktemp("exempel0301") / "site",
                     date(2025, 3, 1), utan_pdf=True)


@pytest.fixture(scope="session")
def exempel_url(exempel_site, serva) -> str:
    return serva(exempel_site)


@pytest.fixture(scope="session")
def webblasare(chromium):
    return chromium


@pytest.fixture
def sida(webblasare):
    """A fresh browser page; any request that leaves localhost is blocked and fails the test."""
    ctx = webblasare.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                 viewport={"width": 1280, "height": 900},
                                 service_workers="block")
    externa: list[str] = []

    def vakt(route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOKALA:
            route.continue_()
        else:
            externa.append(url)
            route.abort()

    ctx.route("**/*", vakt)
    page = ctx.new_page()
    page.on("request", lambda r: externa.append(r.url)
            if (urlsplit(r.url).hostname or "") not in LOKALA
            and not r.url.startswith(("data:", "blob:", "about:")) else None)
    dialoger: list[str] = []
    page.on("dialog", lambda d: (dialoger.append(d.message), d.dismiss()))
    page.dialoger = dialoger  # type: ignore[attr-defined]
    yield page
    ctx.close()
    assert not externa, f"förfrågningar till andra värdar: {sorted(set(externa))}"


@pytest.fixture(scope="session")
def utdata() -> Path:
    UTDATA.mkdir(parents=True, exist_ok=True)
    return UTDATA


def pytest_collection_modifyitems(items):
    # keep the expensive session builds warm in one worker when running with xdist
    for item in items:
        if "site" in str(item.fspath):
            item.add_marker(pytest.mark.xdist_group("site"))




# ---------------------------------------------------------------- small content folders

FRAMSIDA = """\
plats: Sammanträdesrummet, Kommunhuset
tid: "13:00–15:00"
ordforande: Anna Andersson
sekreterare: Sara Sekreterare
justerare: [Bertil Berg]
beslutande:
  - Anna Andersson (S)
  - Bertil Berg (M)
  - Cecilia Carlsson (C)
"""


def grund(rot: Path, namn: str = "Testkommun") -> None:
    skriv_filer(rot, {
        "kommun.yml": f"namn: {namn}\nwebbplats: https://anslag.test.example/\n"
                      "forvaringsplats: Kommunkansliet\n",
        "sn/organ.yml": "namn: Socialnämnden\nkortnamn: SN\ntyp: namnd\n",
    })


def mote(rot: Path, datum: str, justerad: str, uppsatt: str, extra: str = "") -> None:
    skriv_filer(rot, {f"sn/{datum}/sammantrade.md":
                      f"---\n{FRAMSIDA}{extra}justering:\n  datum: {justerad}\n  plats: Kommunhuset\n"
                      f"anslag:\n  uppsatt: {uppsatt}\n---\n"})


def paragraf(rot: Path, datum: str, fil: str, frontmatter: str, kropp: str) -> None:
    skriv_filer(rot, {f"sn/{datum}/{fil}": f"---\n{frontmatter.strip()}\n---\n{kropp.strip()}\n"})


class _Hjalp:
    grund = staticmethod(grund)
    mote = staticmethod(mote)
    paragraf = staticmethod(paragraf)
    skriv_filer = staticmethod(skriv_filer)
    bygg_site = staticmethod(bygg_site)


@pytest.fixture
def hjalp():
    """Helpers to write content folders and build them."""
    return _Hjalp
