"""Canary: a sekretess § and a secret kallelse item leave no trace of their secret
fields in any byte of the public output (pages, decompressed search index, feeds,
calendar, JSON, CSV, sitemap, file names/URLs, public PDFs read as text with pypdf
and as raw and inflated bytes), on a day before the justering (only the kallelse is
public) and on a day after it (protokoll and anslag public).

The secret matter comes back at a later meeting's kallelse, marked ``sekretess``:
secrecy is declared, and an unmarked item that names it is an error (see
tests/fixtures/regler/kallelse-namner-sekretess-*.yml and the last test here)."""
from __future__ import annotations

import gzip
import io
import zlib
from datetime import date

import pytest

# every secret field carries its own marker; Pagefind stems words, so markers are prefixes
KANARIER = ["zqxrubrik", "zqxtext", "zqxingress", "zqxunderlag", "zqxbilaga", "zqxexp",
            "zqxkalrubrik", "zqxkaltva", "99173", "99174", "zqxsektion"]

FORE_JUSTERING = date(2025, 3, 1)    # the kallelse of 2025-03-05 is out; nothing justerat
EFTER_ANSLAG = date(2025, 3, 20)     # both meetings justerade, anslag up

_HEMLIGT_KALLELSE = """\
kallelse:
  datum: 2025-02-26
  arenden:
    - rubrik: Ett öppet ärende zqxpublikkallelse
      dnr: 2025/00001
    - rubrik: Zqxrubrikkanarie vård av ung
      dnr: 2025/99173
      sekretess: OSL 26 kap. 1 §
      offentlig_rubrik: Ärende enligt LVU
    - rubrik: Zqxkalrubrikkanarie placering
      dnr: 2025/99174
      sekretess: OSL 26 kap. 1 §
"""


def _skriv(rot, hjalp):
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07", extra=_HEMLIGT_KALLELSE)
    hjalp.paragraf(rot, "2025-03-05", "01-oppet.md", """
paragraf: 1
rubrik: Zqxpublikrubrik öppet ärende
dnr: 2025/00001
expedieras: [Kommunstyrelsen]
""", """
## Socialnämndens beslut

Zqxpublikbeslut: nämnden godkänner rapporten. Se SN 2025-03-05 § 2.
""")
    hjalp.paragraf(rot, "2025-03-05", "02-hemligt.md", """
paragraf: 2
rubrik: Zqxrubrikkanarie vård av ung
dnr: 2025/99173
sekretess: OSL 26 kap. 1 §
offentlig_rubrik: Ärende enligt LVU
expedieras: [Zqxexpkanarie förvaltning]
jav: [Cecilia Carlsson (C)]
reservationer: [Bertil Berg (M)]
hanvisningar: [SN 2025-03-05 § 1]
beslutsunderlag:
  - Zqxunderlagkanarie utredning
  - titel: Zqxbilagatitel
    fil: bilagor/zqxbilaga-utredning.pdf
""", """
Zqxingresskanarie inledning.

## Zqxsektionkanarie bakgrund

Zqxtextkanarie bakgrundstext.

## Socialnämndens beslut

Zqxtextkanarie: nämnden beslutar enligt förslaget. Se SN 2025-03-05 § 1.
""")
    hjalp.paragraf(rot, "2025-03-05", "03-hemligt-utan-offentlig-rubrik.md", """
paragraf: 3
rubrik: Zqxkalrubrikkanarie placering
dnr: 2025/99174
sekretess: OSL 26 kap. 1 §
""", """
## Socialnämndens beslut

Zqxkaltvakanarie: placeringen fortsätter.
""")
    hjalp.skriv_filer(rot, {"sn/2025-03-05/bilagor/zqxbilaga-utredning.pdf":
                            b"%PDF-1.4\n% zqxbilagainnehall\n"})
    # a later meeting that continues the secret matter: the derived link must not leak, and
    # its kallelse names the matter again, marked secret (with another spelling of the rubrik)
    hjalp.mote(rot, "2025-03-19", "2025-03-20", "2025-03-20", extra="""\
kallelse:
  datum: 2025-02-27
  arenden:
    - rubrik: "zqxrubrikkanarie  vård av ung."
      dnr: 2025/99173
      sekretess: OSL 26 kap. 1 §
    - rubrik: Uppföljning av placeringar
      dnr: 2025/00003
""")
    hjalp.paragraf(rot, "2025-03-19", "04-uppfoljning.md", """
paragraf: 4
rubrik: Uppföljning av placeringar
dnr: 2025/00003
beredning: SN 2025-03-05 § 2
""", """
## Socialnämndens beslut

Uppföljningen läggs till handlingarna.
""")


def _avkodat(namn: str, data: bytes) -> list[bytes]:
    delar = [data]
    for _ in range(3):  # gzip (Pagefind, sitemap.xml.gz) and zlib streams, possibly nested
        ny = []
        for d in delar:
            if d[:2] == b"\x1f\x8b":
                try:
                    ny.append(gzip.decompress(d))
                except OSError:
                    pass
        if not ny:
            break
        delar += ny
    if namn.endswith(".pdf"):
        try:
            from pypdf import PdfReader
            r = PdfReader(io.BytesIO(data))
            delar.append("".join((s.extract_text() or "") for s in r.pages).encode())
            delar.append(str(r.metadata).encode())
        except Exception:  # noqa: BLE001 - a bilaga need not be a valid PDF
            pass
        for start in range(len(data)):
            i = data.find(b"stream", start)
            if i < 0:
                break
            try:
                delar.append(zlib.decompressobj().decompress(data[i + 6:].lstrip(b"\r\n")))
            except zlib.error:
                pass
            start = i + 6
            if len(delar) > 400:
                break
    return delar


def _sok(site, hoppa_over=()):
    fynd, sokindex_kontroll, filer = [], False, 0
    for f in sorted(site.rglob("*")):
        if not f.is_file() or f.name in hoppa_over:
            continue
        filer += 1
        rel = f.relative_to(site).as_posix()
        for k in KANARIER:
            if k in rel.lower():
                fynd.append(f"sökväg {rel}")
        for d in _avkodat(rel, f.read_bytes()):
            lag = d.lower()
            for k in KANARIER:
                if k.encode() in lag:
                    fynd.append(f"{rel}: {k}")
            if rel.startswith("pagefind/") and b"zqxpublik" in lag:
                sokindex_kontroll = True
            if rel.endswith("protokoll.pdf") and b"zqxpublik" in lag:
                _PDF_LAST.add(rel)
    return fynd, sokindex_kontroll, filer


_PDF_LAST: set[str] = set()


@pytest.fixture(scope="module")
def kanariearkiv(tmp_path_factory):
    from tests.site.conftest import _Hjalp
    rot = tmp_path_factory.mktemp("kanarie") / "innehall"
    _skriv(rot, _Hjalp)
    return rot


@pytest.mark.parametrize("idag", [FORE_JUSTERING, EFTER_ANSLAG], ids=["fore", "efter"])
def test_sekretess_kanarie(kanariearkiv, tmp_path, hjalp, idag):
    _PDF_LAST.clear()
    site = hjalp.bygg_site(kanariearkiv, tmp_path / "ut" / "site", idag)
    fynd, sokindex_kontroll, filer = _sok(site)
    assert not fynd, "sekretessbelagd text i utdata:\n" + "\n".join(sorted(set(fynd)))
    assert filer > 30
    # positive controls: the test would see the text if it were there
    assert sokindex_kontroll, "sökindexet kunde inte läsas (kontrollordet hittades inte)"
    mote = (site / "protokoll/sn/2025-03-05/index.html").read_text(encoding="utf-8")
    kal = (site / "protokoll/sn/2025-03-05/kallelse.pdf")
    from pypdf import PdfReader
    kaltext = " ".join("".join(s.extract_text() for s in PdfReader(kal).pages).split())
    assert "Ett öppet ärende" in kaltext               # the PDF text is read
    # the secret kallelse items are published as their public title and ground
    assert "Ärende enligt LVU (sekretess: OSL 26 kap. 1 §)" in kaltext
    assert "Sekretessbelagt ärende (sekretess: OSL 26 kap. 1 §)" in kaltext
    ics = (site / "sammantraden.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Ärende enligt LVU (sekretess: OSL 26 kap. 1 §)" in ics or idag == EFTER_ANSLAG
    if idag == FORE_JUSTERING:
        assert "Ärende enligt LVU (sekretess: OSL 26 kap. 1 §)" in mote
        assert not (site / "protokoll/sn/2025-03-05/2").exists()
        return
    assert (site / "protokoll/sn/2025-03-05/protokoll.pdf").exists()
    assert _PDF_LAST, "den publika PDF:en kunde inte läsas (kontrollordet hittades inte)"
    sida = (site / "protokoll/sn/2025-03-05/2/index.html").read_text(encoding="utf-8")
    assert "Ärende enligt LVU" in sida and "OSL 26 kap. 1 §" in sida
    assert "Sekretessbelagt ärende" in (site / "protokoll/sn/2025-03-05/3/index.html").read_text(
        encoding="utf-8")
    assert "Zqxpublikbeslut" in (site / "protokoll/sn/2025-03-05/1/index.html").read_text(
        encoding="utf-8")
    assert (site / "arenden/2025-00001/index.html").exists()
    assert not (site / "arenden/2025-99173").exists()


def test_kallelse_som_namner_hemligt_arende_utan_sekretess_stoppar_bygget(tmp_path, hjalp):
    """An unmarked kallelse item with a secret §'s rubrik (another spelling) stops the
    build: an error naming both files, nothing published."""
    import contextlib

    from generator.commands.bygg import bygg
    rot = tmp_path / "innehall"
    _skriv(rot, hjalp)
    sm = rot / "sn/2025-03-19/sammantrade.md"
    sm.write_text(sm.read_text(encoding="utf-8").replace(
        "      dnr: 2025/99173\n      sekretess: OSL 26 kap. 1 §\n", ""), encoding="utf-8")
    fel = io.StringIO()
    with contextlib.redirect_stderr(fel):
        kod = bygg(rot, tmp_path / "site", tmp_path / "arkiv", EFTER_ANSLAG, True, tyst=True)
    assert kod == 1
    rader = [r for r in fel.getvalue().splitlines() if ": fel: " in r]
    assert any(r.startswith("sn/2025-03-19/sammantrade.md: fel: kallelse.arenden[1].rubrik: ")
               and "sn/2025-03-05/02-hemligt.md" in r for r in rader), fel.getvalue()
    assert not (tmp_path / "site").exists()
