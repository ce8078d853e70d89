"""The anslagstavla (``/``): anslag, kungörelser, coming meetings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.archive.anslagstavla import Anslag, Kungorelse
from generator.archive.model import Sammantrade
from generator.common.datum import idag_stockholm
from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import Sida
from generator.render.site.tavla import (aktuella_anslag, kommande_sammantraden, kungorelser,
                                         nedtas_kungorelse)
from generator.render.site.webbplats import Webbplats


@dataclass(slots=True)
class AnslagPost:
    anslag: Anslag
    nummer: list[int]
    pdf: str | None               # protokoll PDF, or the utdrag for an omedelbart justerad §


@dataclass(slots=True)
class KungorelsePost:
    kungorelse: Kungorelse
    nedtas: date
    pdf: str | None


@dataclass(slots=True)
class TavlaVy:
    kommun: str
    idag: date
    visas_per: date | None        # a view of another day than the build day (anslag bygg --idag)
    veckor: int                   # overklagandetid, from kommun.yml
    anslag: list[AnslagPost]
    kungorelser: list[KungorelsePost]
    kommande: list[tuple[Sammantrade, str]]   # (meeting, organ name)


def tavla_vy(w: Webbplats) -> TavlaVy:
    poster = []
    for an in aktuella_anslag(w.arkiv, w.idag):
        m = an.sammantrade
        pdf = w.utdrag_pdf(m, an.paragrafer[0]) if an.omedelbart else w.protokoll_pdf(m)
        poster.append(AnslagPost(an, [p.nummer for p in an.paragrafer], pdf))
    kung = [KungorelsePost(kg, nedtas_kungorelse(kg), w.kallelse_pdf(kg.sammantrade))
            for kg in kungorelser(w.arkiv, w.idag)]
    kommande = [(m, w.organ_namn(m.organ_id))
                for m in list(kommande_sammantraden(w.arkiv, w.idag))[:30]]
    # built for another day than today (anslag bygg --idag): the page is a view of that
    # day, and the board's script judges by it instead of by the reader's clock
    per = None if w.idag == idag_stockholm() else w.idag
    return TavlaVy(w.kommun.namn, w.idag, per, w.kommun.overklagande.veckor, poster, kung,
                   kommande)


def tavla(w: Webbplats) -> Sida:
    k = w.kommun
    return Sida(urls.TAVLA, "Anslagstavla", rendera("tavla.html", urls.TAVLA, tavla_vy(w)),
                nav=True, beskrivning=f"{k.namn}s anslagstavla: justerade protokoll och kungörelser.")
