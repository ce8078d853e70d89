"""Canary (issue 11): before ``kallelse.datum`` nothing of a kallelse is public. On a day
before the kallelse of KS 2025-04-01 is issued, no byte of the public output (pages, the
decompressed Pagefind index, meeting JSON, the iCalendar, Atom feeds, CSV, sitemap, PDFs
read with pypdf and as inflated streams) holds one of its ärende rubriker or its program;
kallelse.pdf and kallelse-med-handlingar.pdf are not made. The meeting itself is still
listed as planned, with date, tid and plats (like a meeting without kallelse). The same
scan on the day the kallelse is issued finds every rubrik in each kind of output: the scan
sees what it looks for."""
from __future__ import annotations

import json

import pytest

from tests.handlingar_hjalp import FORE_KALLELSE, KALLELSEDAG, MOTE, skriv_arkiv
from tests.site.conftest import bygg_site
from tests.site.test_sekretess import _avkodat

# the kallelse's ärende rubriker and its program (free text) as lower-case markers;
# Pagefind stems words, so they are word prefixes
MARKORER = [b"v\xc3\xa4gbelysning", b"bygglov", b"budgetl\xc3\xa4get", b"dragning"]


@pytest.fixture(scope="module")
def arkiv(tmp_path_factory):
    return skriv_arkiv(tmp_path_factory.mktemp("kallelse-fore") / "innehall")


def _fynd(site) -> dict[bytes, set[str]]:
    """Marker -> the kinds of output (first path segment or file type) that hold it."""
    ut: dict[bytes, set[str]] = {m: set() for m in MARKORER}
    for f in sorted(site.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(site).as_posix()
        slag = f.suffix if f.suffix in (".pdf", ".ics", ".xml", ".json", ".csv") else rel.split("/")[0]
        for d in _avkodat(rel, f.read_bytes()):
            lag = d.lower()
            for m in MARKORER:
                if m in lag or m.decode().encode("unicode_escape").lower() in lag:
                    ut[m].add(f"{slag}:{rel}" if slag != rel.split("/")[0] else rel)
    return ut


def test_inget_av_kallelsen_fore_kallelsedatum(arkiv, tmp_path):
    site = bygg_site(arkiv, tmp_path / "ut" / "site", FORE_KALLELSE)
    fynd = _fynd(site)
    assert not any(fynd.values()), "kallelsen före kallelse.datum:\n" + "\n".join(
        f"{m.decode()}: {sorted(v)}" for m, v in fynd.items() if v)
    mote = site / "protokoll" / MOTE
    assert not (mote / "kallelse.pdf").exists()
    assert not (mote / "kallelse-med-handlingar.pdf").exists()
    d = json.loads((site / "data/sammantraden" / f"{MOTE}.json").read_text(encoding="utf-8"))
    assert d["kallelse"] is None and d["text"] is None
    # the meeting is still announced as planned: date, tid and plats
    assert d["tid"] == "09:00–12:00" and d["plats"].startswith("Stora salen")
    sida = (mote / "index.html").read_text(encoding="utf-8")
    assert "Stora salen" in sida and "Kallelsen utfärdades" not in sida


def test_kontroll_samma_genomsokning_hittar_kallelsen_nar_den_ar_utfardad(arkiv, tmp_path):
    site = bygg_site(arkiv, tmp_path / "ut" / "site", KALLELSEDAG)
    fynd = _fynd(site)
    vag = fynd[b"v\xc3\xa4gbelysning"]
    for slag in ("protokoll/", "pagefind/", ".json:", ".ics:", ".pdf:"):
        assert any(slag in f for f in vag), (slag, sorted(vag))
    assert (site / "protokoll" / MOTE / "kallelse.pdf").exists()
    assert fynd[b"dragning"], "the program is shown once the kallelse is issued"
