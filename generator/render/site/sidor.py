"""Every page of the site, in a fixed order: the fixed pages, then per organ its page, its
years and its meetings with their §§, the person pages, then ärendets gång. Everything but
the fixed pages goes through the memo (``minne.py``).

``enheter(w)`` lists the pieces the pages come from (``Enhet``), each with a rough cost
(``vikt``, about one per § it renders) so that ``halvor.py`` can share them between two
processes; ``sidor(w)`` makes them all here, in order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from generator.render.site import urls
from generator.render.site.sida import Sida
from generator.render.site.vyer.arkiv import (arende_sida, arenden_index, organ_ar_sida,
                                              organ_sida, protokoll_index)
from generator.render.site.vyer.handlingar import arende_handlingar
from generator.render.site.vyer.handlingar import arende_sida as handling_arende_sida
from generator.render.site.vyer.fasta import data_sida, overklaga, sok_sida, tillganglighet
from generator.render.site.vyer.ledamoter import ledamot_sidor
from generator.render.site.vyer.mote import mote_sidor
from generator.render.site.vyer.tavla import tavla
from generator.render.site.webbplats import Webbplats

if TYPE_CHECKING:  # pragma: no cover
    from generator.archive.model import Organ, Sammantrade


@dataclass(slots=True)
class Enhet:
    """The pages of one memo unit (``id`` and ``nyckel`` as ``Minne.sidor`` takes them), or
    with ``id`` None a page made every build (the fixed pages)."""
    id: str | None
    nyckel: bytes | None
    bygg: Callable[[], list[Sida]]
    vikt: float = 1.0
    mote: tuple[Organ, Sammantrade] | None = None    # a meeting's unit: its organ and meeting
    # may be made ahead in two processes (halvor.py): "egen" (a meeting: only its own
    # Markdown), "utan_md" (no Markdown), "arkivet" (no Markdown, reads the whole archive)
    forut: str | None = None

    def sidor(self, w: Webbplats) -> list[Sida]:
        if self.id is None:
            return self.bygg()
        return w.minne.sidor(self.id, self.nyckel, self.bygg)


def enheter(w: Webbplats) -> list[Enhet]:
    mi = w.minne
    ut = [Enhet(None, None, lambda f=f: [f(w)]) for f in (tavla, overklaga, protokoll_index)]
    ut.append(Enhet("arenden", mi.arkivet(), lambda: [arenden_index(w)], len(w.arkiv.arenden) / 25,
                    forut="arkivet"))
    ut += [Enhet(None, None, lambda f=f: [f(w)]) for f in (data_sida, sok_sida, tillganglighet)]
    for o in w.organ:
        ut.append(Enhet(f"o|{o.id}", mi.arkivet(), lambda o=o: [organ_sida(w, o)],
                        len(o.sammantraden) / 10, forut="arkivet"))
        for ar in o.ar:
            moten = [m for m in o.sammantraden if m.ar == ar]
            ut.append(Enhet(f"ar|{o.id}|{ar}", mi.ar(o, ar, moten),
                            lambda o=o, ar=ar: [organ_ar_sida(w, o, ar)], len(moten),
                            forut="utan_md"))
        for m in o.sammantraden:
            ut.append(Enhet(f"m|{o.id}|{m.datum}", mi.mote(o, m),
                            lambda o=o, m=m: mote_sidor(w, o, m),
                            1 + len(m.paragrafer) + len(m.handlingar), (o, m), "egen"))
    antal = sum(len(ps) for ps in w.arkiv.arenden.values())
    ut.append(Enhet("ledamoter", mi.arkivet(), lambda: list(ledamot_sidor(w)), antal / 20,
                    forut="arkivet"))
    hl = arende_handlingar(w)
    for dnr, ps in w.arkiv.arenden.items():
        if dnr in hl:  # ärendets gång with handlingar (vyer/handlingar.py)
            ut.append(Enhet(f"h|{dnr}", mi.arende(dnr, ps, hl[dnr]),
                            lambda dnr=dnr, ps=ps: [handling_arende_sida(w, dnr, ps, hl[dnr])],
                            (len(ps) + len(hl[dnr])) / 4))
        elif urls.arende_sida(dnr):
            ut.append(Enhet(f"a|{dnr}", mi.arende(dnr, ps),
                            lambda dnr=dnr, ps=ps: [arende_sida(w, dnr, ps)], len(ps) / 4))
    for dnr in sorted(set(hl) - set(w.arkiv.arenden)):   # a dnr with only handlingar so far
        ut.append(Enhet(f"h|{dnr}", mi.arende(dnr, [], hl[dnr]),
                        lambda dnr=dnr: [handling_arende_sida(w, dnr, [], hl[dnr])],
                        len(hl[dnr]) / 4))
    return ut


def sidor(w: Webbplats) -> Iterator[Sida]:
    for e in enheter(w):
        yield from e.sidor(w)
