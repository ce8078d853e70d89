"""PDFs of handlingar (content-format "Handlingar").

``handling_data``: a Markdown handling as PDF/A-2b + PDF/UA-1 data for
theme/pdf/handling.typ, laid out like a Swedish tjänsteskrivelse (kommun and
förvaltning, DATUM, DIARIENR, HANDLÄGGARE, rubrik, sections, the handläggare's
names under the text, "Skickas till").

``gor_kallelsepaket``: kallelse-med-handlingar.pdf, a convenience copy (cover + the
kallelse + every public handling, rendered ones and published PDF files), one bookmark
per ärende and per handling, made in one Typst run like protokoll-med-bilagor.pdf
(render/pdf/paket.py: tagged PDF/UA, not PDF/A; the cover and the metadata say it is not
the archival original). Only what the plan made public is read:
``MotesPlan.handlingar.publika`` and the public kallelse of ``MotesPlan.pdf_mote``.
"""
from __future__ import annotations

from pathlib import Path

from generator.archive.model import Arkiv, Handling, Organ, Sammantrade
from generator.archive.plan import MotesPlan
from generator.common.filer import ar_pdf, sha256_fil
from generator.render.pdf.data import Data, _bas, _meta, lasexemplar_omslag
from generator.render.pdf.markdown import noder, ren_text
from generator.render.pdf.motor import Cache, Motor
from generator.render.pdf.paket import (Egen, Extern, Nycklar, Paketresultat, adress,
                                        dokumentdel, egen, rubrik, skriv_paket)


def _t(s: str | None) -> str | None:
    return ren_text(s) if s else None


def handling_data(arkiv: Arkiv, organ: Organ, m: Sammantrade, h: Handling) -> Data:
    typ = h.typ or "Handling"
    d = _bas(arkiv, organ, m)
    d.update({
        "typ": "handling",
        "doktyp": ren_text(typ).upper(),
        "organ": ren_text(h.avsandare or organ.namn),
        "datum": h.datum.isoformat() if h.datum else m.datum.isoformat(),
        "datumetikett": "Datum",
        "sidfot": None,
        "handling": {
            "rubrik": ren_text(h.titel),
            "datum": h.datum.isoformat() if h.datum else None,
            "dnr": _t(h.dnr),
            "handlaggare": [ren_text(x) for x in h.handlaggare],
            "namn": [ren_text(x.split(",", 1)[0]) for x in h.handlaggare],
            "till": _t(h.till),
            "skickas_till": [ren_text(x) for x in h.skickas_till],
            "ingress": noder(h.ingress, arkiv.kommun.webbplats),
            "sektioner": [{"rubrik": ren_text(s.rubrik),
                           "innehall": noder(s.text, arkiv.kommun.webbplats)}
                          for s in h.sektioner],
            "sammantrade": f"Handling till {ren_text(organ.namn)}s sammanträde {m.datum.isoformat()}",
        },
    })
    d["meta"] = _meta(f"{typ}: {h.titel}", arkiv.kommun.namn,
                      f"{typ} till {organ.namn}s sammanträde {m.datum.isoformat()}",
                      [ren_text(h.dnr)] if h.dnr else [], h.datum or m.datum)
    return d


# ------------------------------------------------------------------ the packet

def _delar(arkiv: Arkiv, mp: MotesPlan, site: Path, summa=sha256_fil,
           nycklar: Nycklar | None = None) -> tuple[list[Data | Extern | Egen], list[Data]]:
    """The packet's parts after the kallelse, in kallelse order (a handling once): per
    ärende a heading, then its public handlingar (Markdown ones set natively, PDF files
    embedded); consecutive ärenden without any share a page. And the cover's list."""
    publ = mp.handlingar.publika
    k = mp.pdf_mote.kallelse
    sedda: set[str] = set()
    delar: list[Data | Extern | Egen] = []
    tomma: list[Data] = []
    omslag_delar: list[Data] = []
    for i, a in enumerate(k.arenden if k else (), 1):
        fore = [rubrik(1, f"Ärende {i}: {a.rubrik}")]
        egna: list[Data | Extern] = []
        for b in a.handlingar:
            ph = publ.get(b.fil or "")
            if ph is None or ph.handling.fil in sedda:
                continue
            h = ph.handling
            forst = [] if egna else fore
            if h.markdown:
                d = next(d for d in mp.pdfer if d.fil == h.fil)
                egna.append(egen(arkiv, mp, d, site / d.sokvag, nycklar, forst, offset=1))
                sha, titel = summa(site / d.sokvag), f"{h.typ}: {h.titel}"
            elif h.kalla.suffix.lower() == ".pdf" or ar_pdf(h.kalla):
                egna.append(Extern(h.kalla, ren_text(h.titel), h.kalla.name,
                                   adress(arkiv, ph.fil or ""), niva=2, fore=forst,
                                   sha256=summa(h.kalla)))
                sha, titel = egna[-1].sha256, h.titel
            else:
                continue   # a docx or xlsx is published as it is, not bundled
            sedda.add(h.fil)
            omslag_delar.append({"titel": ren_text(titel), "paragraf": None,
                                 "sha256": sha})
        if not egna:
            tomma += fore
            continue
        if tomma:
            delar.append({"slag": "rubriker", "fore": tomma, "text": INGA})
            tomma = []
        delar += egna
    if tomma:
        delar.append({"slag": "rubriker", "fore": tomma, "text": INGA})
    return delar, omslag_delar


INGA = "Ärendet har inga handlingar i denna sammanställning; det står i kallelsen."


def omslag(arkiv: Arkiv, organ: Organ, m: Sammantrade, delar: list[Data]) -> Data:
    """Cover page of kallelse-med-handlingar.pdf (not the archival copy)."""
    return lasexemplar_omslag(
        arkiv, organ, m, delar, slag="kallelse med handlingar",
        upplysning=("Denna fil är en sammanställning för läsning av kallelsen och de "
                    "handlingar som publiceras. Kallelsen (kallelse.pdf) och handlingarna "
                    "var för sig är originalen."),
        dnr=[], datum=m.kallelse.datum if m.kallelse else m.datum)


def gor_kallelsepaket(arkiv: Arkiv, mp: MotesPlan, site: Path, mot: Motor,
                      cache: Cache, nycklar: Nycklar | None = None) -> Paketresultat:
    """Write the planned kallelse-med-handlingar.pdf (render/pdf/paket.py): cover, the
    public kallelse and every public handling, in one Typst run. Cached by content."""
    o, m = mp.organ, mp.pdf_mote
    mal = site / mp.pdf("kallelsepaket")
    delar, omslag_delar = _delar(arkiv, mp, site, cache.summa, nycklar)
    omslag_delar.insert(0, {"titel": "Kallelse (kallelse.pdf)", "paragraf": None,
                            "sha256": cache.summa(site / mp.pdf("kallelse"))})
    oms = omslag(arkiv, o, m, omslag_delar)
    kal = next(d for d in mp.pdfer if d.slag == "kallelse")
    return skriv_paket(mot, cache, b"kallelsepaket", oms["meta"],
                       [dokumentdel(oms), egen(arkiv, mp, kal, site / kal.sokvag, nycklar), *delar],
                       mal, Paketresultat())
