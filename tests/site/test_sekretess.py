"""Canary: a sekretess § leaves no trace of its rubrik, dnr, body, beslutsunderlag,
expedieras or bilagor in any byte of the public output (pages, decompressed
search index, feeds, JSON, CSV, sitemap, file names/URLs, public PDFs)."""
from __future__ import annotations

import gzip
import io
import zlib
from datetime import date

# every secret field carries its own marker; Pagefind stems words, so markers are prefixes
KANARIER = ["zqxrubrik", "zqxtext", "zqxingress", "zqxunderlag", "zqxbilaga", "zqxexp",
            "zqxjav", "99173"]


def _skriv(rot, hjalp, kallelse_namner_hemligt: bool = False):
    hemligt = ("    - rubrik: Zqxrubrikkanarie vård av ung\n      dnr: 2025/99173\n"
               if kallelse_namner_hemligt else "    - rubrik: Ärende enligt LVU\n")
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07", extra=(
        "kallelse:\n  datum: 2025-02-26\n  arenden:\n"
        "    - rubrik: Ett öppet ärende\n      dnr: 2025/00001\n" + hemligt))
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
beslutsunderlag:
  - Zqxunderlagkanarie utredning
  - titel: Zqxbilagatitel
    fil: bilagor/zqxbilaga-utredning.pdf
""", """
Zqxingresskanarie inledning.

## Socialnämndens beslut

Zqxtextkanarie: nämnden beslutar enligt förslaget. Se SN 2025-03-05 § 1.
""")
    hjalp.skriv_filer(rot, {"sn/2025-03-05/bilagor/zqxbilaga-utredning.pdf":
                            b"%PDF-1.4\n% zqxbilagainnehall\n"})
    # a later meeting that continues the secret matter: the derived link must not leak either
    hjalp.mote(rot, "2025-03-19", "2025-03-20", "2025-03-20")
    hjalp.paragraf(rot, "2025-03-19", "03-uppfoljning.md", """
paragraf: 3
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


def test_sekretess_kanarie(tmp_path, hjalp):
    rot = tmp_path / "innehall"
    _skriv(rot, hjalp)
    site = hjalp.bygg_site(rot, tmp_path / "ut" / "site", date(2025, 3, 20))
    fynd, sokindex_kontroll, filer = _sok(site)
    assert not fynd, "sekretessbelagd text i utdata:\n" + "\n".join(sorted(set(fynd)))
    assert filer > 30
    # positive controls: the test would see the text if it were there
    assert sokindex_kontroll, "sökindexet kunde inte läsas (kontrollordet hittades inte)"
    if (site / "protokoll/sn/2025-03-05/protokoll.pdf").exists():
        assert _PDF_LAST, "den publika PDF:en kunde inte läsas (kontrollordet hittades inte)"
    sida = (site / "protokoll/sn/2025-03-05/2/index.html").read_text(encoding="utf-8")
    assert "Ärende enligt LVU" in sida and "OSL 26 kap. 1 §" in sida
    assert "Zqxpublikbeslut" in (site / "protokoll/sn/2025-03-05/1/index.html").read_text(
        encoding="utf-8")
    assert (site / "arenden/2025-00001/index.html").exists()
    assert not (site / "arenden/2025-99173").exists()


def test_kallelse_som_namner_hemligt_arende_filtreras(tmp_path, hjalp):
    """A kallelse item with the rubrik/dnr of a secret § is left out of the site, feeds,
    calendar, open data and the public kallelse.pdf."""
    rot = tmp_path / "innehall"
    _skriv(rot, hjalp, kallelse_namner_hemligt=True)
    site = hjalp.bygg_site(rot, tmp_path / "ut" / "site", date(2025, 3, 20))
    fynd, _, _ = _sok(site)
    assert not fynd, "\n".join(sorted(set(fynd)))
    from pypdf import PdfReader
    kallelse = site / "protokoll/sn/2025-03-05/kallelse.pdf"
    text = "".join(s.extract_text() for s in PdfReader(kallelse).pages)
    assert "Ett öppet ärende" in text          # positive control: the PDF text is read
    assert "vård av ung" not in text.lower()
