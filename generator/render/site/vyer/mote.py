"""A meeting page and its § pages (one memo unit, see ``generator.render.site.minne``)."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.archive.handlingar import ar_handling
from generator.archive.model import Organ, Paragraf, Sammantrade, Sektion
from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import Sida
from generator.render.site.vyer.arkiv import Brodsmulor
from generator.render.site.vyer.handlingar import (KallelseVy, handling_sidor, kallelse_vy, lank,
                                                    storlek)
from generator.render.site.webbplats import Webbplats
from generator.common.datum import langt


@dataclass(slots=True)
class MoteVy:
    organ: Organ
    mote: Sammantrade
    nummer: list[int]
    ar_protokoll: bool             # the protokoll is public (held and justerat)
    ej_justerat: bool
    planerat: bool
    beslutande: list[str]          # "Namn (Parti), ordförande" ...
    text_html: Markup
    protokoll_pdf: str | None
    kallelse_pdf: str | None
    brodsmulor: Brodsmulor
    kallelse: KallelseVy | None = None   # from the day it was issued (vyer/handlingar.py)


def _ledamot(person, m: Sammantrade) -> str:
    if m.ar_ordforande(person):
        return person.kort + ", ordförande" + (f", ersätter {person.ersatter.kort}"
                                              if person.ersatter else "")
    return str(person)


def sammantrade_sida(w: Webbplats, o: Organ, m: Sammantrade) -> Sida:
    fran = urls.sammantrade(o.id, m.datum)
    ej_justerat = (o.id, m.datum) in w.publikt.ej_justerade
    vy = MoteVy(o, m, [p.nummer for p in m.paragrafer], bool(m.paragrafer) and not ej_justerat,
                ej_justerat, m.datum >= w.idag, [_ledamot(p, m) for p in m.beslutande],
                w.md(m.text, fran) if m.text else Markup(""), w.protokoll_pdf(m),
                w.kallelse_pdf(m),
                [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
                 (str(m.ar), urls.organ_ar(o.id, m.ar)), (m.datum.isoformat(), None)],
                kallelse_vy(w, m, fran))
    return Sida(fran, f"{o.namn} {m.datum.isoformat()}", rendera("sammantrade.html", fran, vy),
                sok=str(m.ar), beskrivning=f"{o.namn}, sammanträde {langt(m.datum)}.")


@dataclass(slots=True)
class Underlag:
    titel: str
    titel_html: Markup             # a plain beslutsunderlag: its text with reference links
    bilaga: str | None             # site path of the published file
    storlek: str | None


@dataclass(slots=True)
class ParagrafVy:
    organ: Organ
    mote: Sammantrade
    paragraf: Paragraf
    kopplingar: list[tuple[str, list[Markup]]]   # beredning, vidare behandling, hänvisningar
    arende: str | None             # ärendets gång of the § (every dnr with a page; issue 11)
    ingress_html: Markup
    sektioner: list[tuple[Sektion, Markup]]
    underlag: list[Underlag]
    utdrag_pdf: str | None
    foregaende: Paragraf | None
    nasta: Paragraf | None
    brodsmulor: Brodsmulor


def paragraf_sida(w: Webbplats, o: Organ, m: Sammantrade, p: Paragraf,
                  foreg: Paragraf | None = None, nasta: Paragraf | None = None) -> Sida:
    fran = urls.paragraf(o.id, m.datum, p.nummer)
    kopp: list[tuple[str, list[Markup]]] = []
    underlag: list[Underlag] = []
    sektioner: list[tuple[Sektion, Markup]] = []
    arende = None
    ingress = Markup("")
    if not p.ar_sekretess:
        for rubrik, refs in (("Beredning", p.beredning), ("Vidare behandling", p.vidare_behandling),
                             ("Hänvisningar", p.hanvisningar)):
            if refs:
                kopp.append((rubrik, [w.ref_html(r, fran) for r in refs]))
        arende = urls.arende_sida(p.dnr)
        ingress = w.md(p.ingress, fran) if p.ingress else Markup("")
        sektioner = [(s, w.md(s.text, fran)) for s in p.sektioner]
        for b in p.beslutsunderlag:
            if b.fil and ar_handling(b.fil):
                hl = lank(w, m, b)
                underlag.append(Underlag(b.titel, Markup(""), hl.lank, hl.storlek) if hl.lank
                                else Underlag(b.titel, w.md_rad(b.titel, fran), None, None))
            elif b.fil and b.kalla:
                underlag.append(Underlag(b.titel, Markup(""), urls.bilaga(o.id, m.datum, b.fil),
                                         storlek(b.storlek) if b.storlek else None))
            else:
                underlag.append(Underlag(b.titel, w.md_rad(b.titel, fran), None, None))
    vy = ParagrafVy(o, m, p, kopp, arende, ingress, sektioner, underlag,
                    None if p.ar_sekretess else w.utdrag_pdf(m, p), foreg, nasta,
                    [("Protokoll", urls.PROTOKOLL), (o.kortnamn, urls.organ(o.id)),
                     (str(m.ar), urls.organ_ar(o.id, m.ar)),
                     (m.datum.isoformat(), urls.sammantrade(o.id, m.datum)),
                     (f"§ {p.nummer}", None)])
    return Sida(fran, f"§ {p.nummer} {p.publik_rubrik} – {o.kortnamn} {m.datum.isoformat()}",
                rendera("paragraf.html", fran, vy), sok=str(m.ar))


def mote_sidor(w: Webbplats, o: Organ, m: Sammantrade) -> list[Sida]:
    """The meeting page and its § pages."""
    ut = [sammantrade_sida(w, o, m)]
    ps = m.paragrafer
    for i, p in enumerate(ps):
        ut.append(paragraf_sida(w, o, m, p, ps[i - 1] if i > 0 else None,
                                ps[i + 1] if i + 1 < len(ps) else None))
    ut.extend(handling_sidor(w, o, m))
    return ut
