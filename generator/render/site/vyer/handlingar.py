"""Handlingar on the site (content-format "Handlingar"): the kallelse on the meeting page
(tid, plats, program, ärendelista with /tillagd/ /reviderad/ and each item's handlingar)
and one page per public Markdown handling (/protokoll/<organ>/<date>/handlingar/<slug>/).

Everything here reads the publishing plan: ``MotesPlan.handlingar.publika`` for what is
public and the public model's kallelse items, which name a handling's file only when it
is public (the others come as their public text).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.archive.handlingar import ar_handling, normaliserad
from generator.archive.handlingsplan import PubliceradHandling
from generator.archive.model import Bilaga, Handling, Organ, Sammantrade, Sektion
from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import Sida
from generator.render.site.webbplats import Webbplats
from generator.common.datum import langt

ANDRING = {"tillagt": "tillagd", "reviderat": "reviderad"}


def storlek(n: int) -> str:
    if n < 1024:
        return f"{n} byte"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass(slots=True)
class HandlingLank:
    titel: str
    lank: str | None                 # site path (page or file); None: listed, not public
    typ: str | None = None           # "Tjänsteskrivelse" ...; the file kind for a file
    datum: date | None = None
    storlek: str | None = None


@dataclass(slots=True)
class KallelsePunkt:
    rubrik: str
    dnr: str | None
    andring: str | None              # "tillagd" | "reviderad"
    handlingar: list[HandlingLank]


@dataclass(slots=True)
class KallelseVy:
    datum: date
    tid: str | None
    plats: str | None
    program: Markup                  # the free text of sammantrade.md
    punkter: list[KallelsePunkt]
    paket_pdf: str | None = None     # kallelse-med-handlingar.pdf


def publika(w: Webbplats, m: Sammantrade) -> dict[str, PubliceradHandling]:
    mp = w.publikt.moten.get((m.organ_id, m.datum))
    return mp.handlingar.publika if mp else {}


def lank(w: Webbplats, m: Sammantrade, b: Bilaga) -> HandlingLank:
    """A handling as named by a kallelse item or a beslutsunderlag."""
    ph = publika(w, m).get(normaliserad(b.fil)) if b.fil and ar_handling(b.fil) else None
    if ph is None:
        return HandlingLank(b.titel, None)
    h = ph.handling
    if h.markdown:
        return HandlingLank(h.titel, ph.sida, h.typ, h.datum)
    return HandlingLank(b.titel or h.titel, ph.fil, h.namn.rsplit(".", 1)[-1].upper(),
                        storlek=storlek(h.storlek))


def kallelse_vy(w: Webbplats, m: Sammantrade, fran: str) -> KallelseVy | None:
    """The kallelse as shown from the day it was issued (None before that, or without one)."""
    k = m.kallelse
    if k is None or k.datum > w.idag or m.utdrag:
        return None
    punkter = [KallelsePunkt(a.rubrik, a.dnr, ANDRING.get(a.andring or ""),
                             [lank(w, m, b) for b in a.handlingar]) for a in k.arenden]
    program = w.md(m.text, fran) if m.text and not m.paragrafer else Markup("")
    mp = w.publikt.moten.get((m.organ_id, m.datum))
    return KallelseVy(k.datum, m.tid, m.plats, program, punkter,
                      mp.pdf("kallelsepaket") if mp else None)


@dataclass(slots=True)
class HandlingVy:
    organ: Organ
    mote: Sammantrade
    handling: Handling
    fakta: list[tuple[str, str]]
    ingress_html: Markup
    sektioner: list[tuple[Sektion, Markup]]
    behandlad: list[Markup]
    arende: str | None               # site path of ärendets gång
    brodsmulor: list
    pdf: str | None = None           # handlingar/<slug>.pdf


def handling_sida(w: Webbplats, o: Organ, m: Sammantrade, ph: PubliceradHandling) -> Sida:
    h = ph.handling
    fran = ph.sida or ""
    fakta = [(k, v) for k, v in (
        ("Typ", h.typ), ("Datum", h.datum.isoformat() if h.datum else None),
        ("Diarienummer", h.dnr), ("Avsändare", h.avsandare),
        ("Handläggare", "; ".join(h.handlaggare) or None), ("Till", h.till),
        ("Skickas till", ", ".join(h.skickas_till) or None)) if v]
    vy = HandlingVy(
        o, m, h, fakta, w.md(h.ingress, fran) if h.ingress else Markup(""),
        [(s, w.md(s.text, fran)) for s in h.sektioner],
        [w.ref_html(r, fran) for r in ph.behandlad],
        urls.arende_sida(h.dnr),
        [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
         (str(m.ar), urls.organ_ar(o.id, m.ar)),
         (m.datum.isoformat(), urls.sammantrade(o.id, m.datum)), (h.titel, None)],
        _pdf(w, m, h))
    return Sida(fran, f"{h.typ}: {h.titel} – {o.kortnamn} {m.datum.isoformat()}",
                rendera("handling.html", fran, vy), sok=str(m.ar),
                beskrivning=f"{h.typ} till {o.namn}s sammanträde {langt(m.datum)}.")


def _pdf(w: Webbplats, m: Sammantrade, h: Handling) -> str | None:
    mp = w.publikt.moten.get((m.organ_id, m.datum))
    return next((d.sokvag for d in mp.pdfer if d.fil == h.fil), None) if mp else None


def handling_sidor(w: Webbplats, o: Organ, m: Sammantrade) -> list[Sida]:
    return [handling_sida(w, o, m, ph) for ph in publika(w, m).values() if ph.sida]


# ------------------------------------------------------------------ ärendets gång

@dataclass(slots=True)
class ArendeHandelse:
    datum: date
    referens: str                    # "KS 2025-02-25 § 1", or the handling's typ and title
    lank: str                        # site path
    rubrik: str
    organ_namn: str
    beslut_rubrik: str | None = None
    beslut_html: Markup = Markup("")
    ar_handling: bool = False


@dataclass(slots=True)
class ArendeHandlingVy:
    dnr: str
    rader: list[ArendeHandelse]
    brodsmulor: list


def arende_handlingar(w: Webbplats) -> dict[str, list[PubliceradHandling]]:
    """dnr -> the public handlingar with that dnr."""
    ut: dict[str, list[PubliceradHandling]] = {}
    for ph in w.publikt.handlingar():
        if urls.arende_sida(ph.handling.dnr):
            ut.setdefault(ph.handling.dnr, []).append(ph)
    return ut


def arende_sida(w: Webbplats, dnr: str, ps: list, hl: list[PubliceradHandling]) -> Sida:
    """Ärendets gång of a dnr that has handlingar: §§ and handlingar, oldest first (a
    handling by its own date, else its meeting's; on the same day before the §§)."""
    fran = urls.arende(dnr)
    rader = []
    for ph in hl:
        h = ph.handling
        rader.append(ArendeHandelse(h.datum or ph.datum, h.typ or "Handling", ph.lank, h.titel,
                                    w.organ_namn(ph.organ_id), ar_handling=True))
    for p in ps:
        b = p.beslut
        rader.append(ArendeHandelse(p.datum, w.arkiv.referens_text(p.organ_id, p.datum, p.nummer),
                                    urls.paragraf(p.organ_id, p.datum, p.nummer), p.rubrik,
                                    w.organ_namn(p.organ_id), b.rubrik if b else None,
                                    w.md(b.text, fran) if b else Markup("")))
    rader.sort(key=lambda r: (r.datum, not r.ar_handling))
    vy = ArendeHandlingVy(dnr, rader, [("Ärenden", urls.ARENDEN), (dnr, None)])
    return Sida(fran, f"Ärendets gång {dnr}", rendera("handling_arende.html", fran, vy))


def bara_handlingar(w: Webbplats) -> list[tuple[str, str, date]]:
    """(dnr, title, date) of every dnr that has public handlingar but no public § yet,
    for the list of ärenden (newest dnr first, like the others)."""
    ut = []
    for dnr, hl in arende_handlingar(w).items():
        if dnr not in w.arkiv.arenden:
            sista = max(hl, key=lambda ph: ph.handling.datum or ph.datum)
            ut.append((dnr, sista.handling.titel, sista.handling.datum or sista.datum))
    return sorted(ut, reverse=True)
