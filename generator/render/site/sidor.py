"""Every page of the site, in a fixed order: the fixed pages, then per organ its page, its
years and its meetings with their §§, the person pages, then ärendets gång. Everything but
the fixed pages goes through the memo (``minne.py``)."""
from __future__ import annotations

from typing import Iterator

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


def sidor(w: Webbplats) -> Iterator[Sida]:
    yield tavla(w)
    yield overklaga(w)
    yield protokoll_index(w)
    yield from w.minne.sidor("arenden", w.minne.arkivet(), lambda: [arenden_index(w)])
    yield data_sida(w)
    yield sok_sida(w)
    yield tillganglighet(w)
    for o in w.organ:
        yield from w.minne.sidor(f"o|{o.id}", w.minne.arkivet(), lambda o=o: [organ_sida(w, o)])
        for ar in o.ar:
            moten = [m for m in o.sammantraden if m.ar == ar]
            yield from w.minne.sidor(f"ar|{o.id}|{ar}", w.minne.ar(o, ar, moten),
                                     lambda o=o, ar=ar: [organ_ar_sida(w, o, ar)])
        for m in o.sammantraden:
            yield from w.minne.sidor(f"m|{o.id}|{m.datum}", w.minne.mote(o, m),
                                     lambda o=o, m=m: mote_sidor(w, o, m))
    yield from w.minne.sidor("ledamoter", w.minne.arkivet(), lambda: list(ledamot_sidor(w)))
    hl = arende_handlingar(w)
    for dnr, ps in w.arkiv.arenden.items():
        if dnr in hl:  # ärendets gång with handlingar (vyer/handlingar.py)
            yield from w.minne.sidor(f"h|{dnr}", w.minne.arende(dnr, ps, hl[dnr]),
                                     lambda dnr=dnr, ps=ps: [handling_arende_sida(w, dnr, ps,
                                                                                  hl[dnr])])
        elif urls.arende_sida(dnr):
            yield from w.minne.sidor(f"a|{dnr}", w.minne.arende(dnr, ps),
                                     lambda dnr=dnr, ps=ps: [arende_sida(w, dnr, ps)])
    for dnr in sorted(set(hl) - set(w.arkiv.arenden)):   # a dnr with only handlingar so far
        yield from w.minne.sidor(f"h|{dnr}", w.minne.arende(dnr, [], hl[dnr]),
                                 lambda dnr=dnr: [handling_arende_sida(w, dnr, [], hl[dnr])])
