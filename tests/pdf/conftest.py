"""Fixtures for the PDF tests: a hand-built archive (model objects, no content
loader needed) and, when the content loader works, the real example archive."""
from __future__ import annotations

import hashlib
import io
import zlib
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from generator.archive.model import (Anslagsdatum, Arkiv, Bilaga, Justering, Kallelse, KallelseArende,
                             Kommun, Omrostning, Organ, Paragraf, Person, Sammantrade, Sektion)

from generator.archive.plan import plan

ROT = Path(__file__).resolve().parents[2]

KANARIE = "KANARIE-7f3a9c-HEMLIG"
INJEKTION = ('Tecken # $ @ < > ] [ \\ \\\\ och #read("/etc/passwd") och #set page(fill: red) '
             'och $x^2$ och @ref <lbl> och ]) och \\u{41}')


def _pdf_bilaga(text: str) -> bytes:
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    ut = io.BytesIO()
    w.write(ut)
    return ut.getvalue()


def _p(organ: str, d: date, n: int, rubrik: str, **kw) -> Paragraf:
    return Paragraf(organ_id=organ, datum=d, nummer=n, rubrik=rubrik,
                    fil=f"{organ}/{d.isoformat()}/{n:02d}.md", **kw)


def _personer(*namn: str) -> tuple[Person, ...]:
    return tuple(Person.las(n) for n in namn)


def _beslut(text: str, organ_namn: str = "Familje- och utbildningsnämndens beslut") -> Sektion:
    return Sektion(organ_namn, text, ar_beslut=True)


def bygg_arkiv(tmp: Path) -> Arkiv:
    kommun = Kommun(namn="Smedjebackens kommun", webbplats="https://anslagstavla.example.se/",
                    forvaringsplats="Kommunkansliet, Centrumhuset", dnr_monster=r"^\d{4}/\d{5}$")
    fun = Organ(id="fun", namn="Familje- och utbildningsnämnden", kortnamn="FUN", typ="namnd",
                fil="fun/organ.yml", forvaringsplats="Familje- och utbildningsförvaltningen")
    au = Organ(id="fun-au", namn="Familje- och utbildningsnämndens arbetsutskott",
               kortnamn="FUN AU", typ="utskott", under="fun", fil="fun-au/organ.yml",
               sidfot="Justerare signatur")
    kf = Organ(id="kf", namn="Kommunfullmäktige", kortnamn="KF", typ="fullmaktige", fil="kf/organ.yml")

    d = date(2025, 2, 6)
    mapp = tmp / "content" / "fun" / d.isoformat()
    (mapp / "bilagor").mkdir(parents=True)
    bil = mapp / "bilagor" / "kvalitetsrapport-ifo-2024.pdf"
    bil.write_bytes(_pdf_bilaga("Kvalitetsrapport"))
    hemlig_bil = mapp / "bilagor" / f"utredning-{KANARIE}.pdf"
    hemlig_bil.write_bytes(_pdf_bilaga("hemlig"))

    beslutande = [Person("Matilda Kilström", "S"), Person("Björn Wallén", "S"),
                  Person("Barbro Ernebrink", "S"), Person("Gertrud Jernberg-Zernig", "M"),
                  Person("Anna Wallman", "S", ersatter=Person("Julia Johansson", "S")),
                  Person("Lene Vogelsang Larsson", "SD"), Person("Tuomas Karvonen", "SD")]
    paragrafer = [
        _p("fun", d, 1, "Information utifrån särskild händelse", dnr="2025/00043",
           sektioner=[_beslut("Informationen läggs till handlingarna."),
                      Sektion("Ärendebeskrivning", "Mötet hade en tyst minut.\n\nOrdföranden berättade om "
                              "hur kommunen hanterar oron.\n\n- inrymning\n- utrymning\n- utestängning")],
           beslutsunderlag=[Bilaga("Muntlig information")]),
        _p("fun", d, 2, "Kvalitetsrapport IFO 2024", dnr="2024/00392",
           sektioner=[_beslut("Upprättad kvalitetsrapport för Individ- och familjeomsorgen för 2024 godkänns."),
                      Sektion("Ärendebeskrivning", "Rapporten visar **resultat** och *analys*.\n\n"
                              "| Kategori | % |\n|:--|--:|\n| Fysisk | 43,66 |\n| Verbal | 25,8 |\n")],
           beslutsunderlag=[Bilaga("Protokoll från FUN Au 2025-01-23 § 2"),
                            Bilaga("Kvalitetsrapport IFO 2024", fil="bilagor/kvalitetsrapport-ifo-2024.pdf",
                                   kalla=bil, sha256=hashlib.sha256(bil.read_bytes()).hexdigest(),
                                   ar_pdf=True)],
           expedieras=["Förvaltningschef", "Kommunstyrelsen"]),
        _p("fun", d, 3, f"Placering enligt LVU {KANARIE}", dnr="2025/99999",
           sekretess="OSL 26 kap. 1 §", offentlig_rubrik="Ärende enligt LVU",
           sektioner=[_beslut(f"Beslut om {KANARIE} fattas."),
                      Sektion("Ärendebeskrivning", f"Barnet {KANARIE} bor ...")],
           beslutsunderlag=[Bilaga(f"Utredning {KANARIE}", fil=f"bilagor/utredning-{KANARIE}.pdf",
                                   kalla=hemlig_bil, ar_pdf=True)],
           expedieras=[f"Handläggare {KANARIE}"]),
        _p("fun", d, 4, "Internkontrollplan 2025", dnr="2025/00009",
           sektioner=[_beslut("Internkontrollplan 2025 antas."),
                      Sektion("Ärendebeskrivning", "Förvaltningen har tagit fram en plan.")],
           jav=[Person("Björn Wallén", "S")], reservationer=[Person("Tuomas Karvonen", "SD")],
           omrostning=Omrostning(ja=_personer("Matilda Kilström (S)", "Barbro Ernebrink (S)",
                                              "Gertrud Jernberg-Zernig (M)", "Anna Wallman (S)"),
                                 nej=_personer("Tuomas Karvonen (SD)"),
                                 avstar=_personer("Lene Vogelsang Larsson (SD)")),
           omedelbart_justerad=True,
           anslag=Anslagsdatum(date(2025, 2, 6), date(2025, 2, 27), date(2025, 2, 28))),
        _p("fun", d, 5, f"Specialtecken {INJEKTION}", dnr="2025/00010",
           ingress=f"Ingress: {INJEKTION}",
           sektioner=[_beslut(f"Beslut: {INJEKTION}"),
                      Sektion(f"Rubrik {INJEKTION}", f"Text `kod #x` {INJEKTION}\n\n<script>alert(1)</script>")]),
    ]
    m = Sammantrade(
        organ_id="fun", datum=d, fil="fun/2025-02-06/sammantrade.md", plats="Hyttan, Centrumhuset",
        tid="09:00–12:00", ordforande=Person("Matilda Kilström"), sekreterare=Person("Heléne Nyman"),
        justerare=[Person("Gertrud Jernberg-Zernig")], beslutande=beslutande,
        ersattare=[Person("Helena Giliusson", "M")],
        ovriga=["Maria Ronsten, förvaltningschef", "Heléne Nyman, förvaltningssekreterare"],
        kallelse=Kallelse(date(2025, 2, 5), (KallelseArende("Kvalitetsrapport IFO 2024", "2024/00392"),)),
        justering=Justering(date(2025, 2, 7), "Digital signering"),
        anslag=Anslagsdatum(date(2025, 2, 7), date(2025, 2, 28), date(2025, 3, 1)),
        forvaringsplats="Familje- och utbildningsförvaltningen", paragrafer=paragrafer)
    fun.sammantraden.append(m)

    # Not yet justerat (only into the internal archive, marked OJUSTERAT).
    d2 = date(2025, 3, 6)
    m2 = Sammantrade(organ_id="fun", datum=d2, fil="fun/2025-03-06/sammantrade.md", plats="Hyttan",
                     tid="09:00", ordforande=Person("Matilda Kilström"), sekreterare=Person("Heléne Nyman"),
                     justerare=[Person("Gertrud Jernberg-Zernig")], beslutande=beslutande,
                     forvaringsplats="Familje- och utbildningsförvaltningen",
                     paragrafer=[_p("fun", d2, 6, "Ojusterat ärende OJUST-CANARY", dnr="2025/00011",
                                    sektioner=[_beslut("Godkänns.")]),
                                 _p("fun", d2, 7, "Brådskande yttrande", dnr="2025/00012",
                                    sektioner=[_beslut("Yttrandet godkänns.")], omedelbart_justerad=True,
                                    anslag=Anslagsdatum(d2, date(2025, 3, 27), date(2025, 3, 28)))])
    fun.sammantraden.append(m2)

    # Extracts only.
    d3 = date(2025, 1, 23)
    m3 = Sammantrade(organ_id="fun-au", datum=d3, fil="fun-au/2025-01-23/sammantrade.md", utdrag=True,
                     sekreterare=Person("Heléne Nyman"),
                     paragrafer=[_p("fun-au", d3, 2, "Kvalitetsrapport IFO 2024", dnr="2024/00392",
                                    sektioner=[Sektion("Arbetsutskottets beslut",
                                                       "Nämnden föreslås godkänna rapporten.", True)])])
    au.sammantraden.append(m3)

    # Planned fullmäktige meeting: kungörelse.
    d4 = date(2025, 3, 17)
    m4 = Sammantrade(organ_id="kf", datum=d4, fil="kf/2025-03-17/sammantrade.md",
                     plats="Folkets hus, Smedjebacken", tid="18:00", ordforande=Person("Per Persson"),
                     sekreterare=Person("Anna Andersson"),
                     kallelse=Kallelse(date(2025, 3, 5), (KallelseArende("Årsredovisning 2024", "2025/00020"),
                                                          KallelseArende("Allmänhetens frågestund"))))
    kf.sammantraden.append(m4)
    # Planned nämnd meeting: kallelse.
    d5 = date(2025, 4, 3)
    m5 = Sammantrade(organ_id="fun", datum=d5, fil="fun/2025-04-03/sammantrade.md",
                     plats="Hyttan, Centrumhuset", tid="09:00–12:00", ordforande=Person("Matilda Kilström"),
                     sekreterare=Person("Heléne Nyman"),
                     kallelse=Kallelse(date(2025, 3, 27), (KallelseArende("Bokslut 2024", "2024/00391"),
                                                           KallelseArende("Internkontrollplan", "2025/00009"))))
    fun.sammantraden.append(m5)
    return Arkiv(kommun=kommun, organ={"fun": fun, "fun-au": au, "kf": kf})


@pytest.fixture(scope="session")
def byggt(tmp_path_factory):
    """The hand-built archive rendered once (cold) into site/ and arkiv/."""
    from generator.render.pdf import rendera_pdfer
    tmp = tmp_path_factory.mktemp("pdf")
    arkiv = bygg_arkiv(tmp)
    site, intern, cache = tmp / "site", tmp / "arkiv", tmp / "cache"
    stat = rendera_pdfer(plan(arkiv, date(2025, 6, 1)), site, intern, cache_dir=cache)
    return {"tmp": tmp, "arkiv": arkiv, "site": site, "intern": intern, "cache": cache, "stat": stat}


# ---------------------------------------------------------------- helpers

def text_av(pdf: Path | bytes) -> str:
    r = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "\n".join(p.extract_text() or "" for p in r.pages)


def platt(s: str) -> str:
    """Whitespace-insensitive comparison form."""
    return "".join(s.split())


def alla_bytes(pdf: Path) -> bytes:
    """The raw file plus every stream decompressed (fonts, content, XMP, ...)."""
    raw = pdf.read_bytes()
    delar = [raw]
    r = PdfReader(pdf)
    for obj_nr in range(1, r.trailer["/Size"]):
        try:
            o = r.get_object(obj_nr)
        except Exception:
            continue
        if hasattr(o, "get_data"):
            try:
                delar.append(o.get_data())
            except Exception:
                pass
        delar.append(repr(o).encode("utf-8", "replace"))
    # also inflate any raw Flate streams pypdf could not reach
    i = 0
    while (i := raw.find(b"stream", i)) != -1:
        start = raw.find(b"\n", i) + 1
        try:
            delar.append(zlib.decompressobj().decompress(raw[start:start + 2_000_000]))
        except zlib.error:
            pass
        i = start
    return b"\n".join(delar)


def bokmarken(pdf: Path) -> list[str]:
    r = PdfReader(pdf)
    ut: list[str] = []

    def gå(items) -> None:
        for it in items:
            if isinstance(it, list):
                gå(it)
            else:
                ut.append(it.title)
    gå(r.outline)
    return ut
