"""The bulk of a large build made ahead in two processes (two cores).

Most of the site's work is its meetings: each meeting's pages (the meeting page, its §
pages and handlingar, one memo unit, see ``minne.py``) and its JSON file
(``floden.motesfil``). ``forbered(w, enheter)`` makes those units ahead, before the site is
listed: this process the first meetings and a forked child (``common.parallell.i_tva``)
the rest. The child sends back what it made (the pages with their HTML, the JSON bytes,
the questions each unit asked), the Markdown cache entries it added and the texts it
used. Then ``trad.trad`` lists the site in one process as always, and the memo takes a
unit made ahead where it would have generated it (``Minne.forberedda``), so the pages, the
files and the memo saved for the next build come out in the same order and with the same
content as in a build that made everything in one process (the Markdown cache: the same
entries, the child's after this process's). If the child fails, ``i_tva`` makes its
meetings here.

Only meetings the memo will not reuse are made ahead, weighed by their §§ (``vikt``), and
only when there are at least ``MINST`` of them: a daily build with few changes stays in
one process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from generator.common.parallell import i_tva, kan_dela
from generator.render.site import floden
from generator.render.site.sidor import Enhet
from generator.render.site.webbplats import Webbplats

# Below this weight (about one per § to generate) the split is not worth a fork: at 2,000 §§
# the halves cost no more CPU than one process (1.8 s against 1.7 s) but on a loaded machine
# the wall time was the same; a judgment, not a measured break-even (docs/arkitektur.md).
MINST = 1500.0
BARNETS_ANDEL = 0.5          # the child's share of the weight


@dataclass(slots=True)
class Del:
    """The units one process made ahead, and what it added to the Markdown cache."""
    enheter: dict[str, tuple] = field(default_factory=dict)   # id -> (key, questions, value)
    md: list[tuple[str, str]] = field(default_factory=list)   # new Markdown cache entries
    anvanda: set[str] = field(default_factory=set)            # texts used, besides ``md``


Mote = tuple[Enhet, tuple | None]   # a unit, and for a meeting (id, key, bygg) of its JSON


def _gor(w: Webbplats, moten: list[Mote]) -> Del:
    mi = w.minne
    n_md = len(w.md_cache)
    ut = Del()
    for e, fil in moten:
        for id_, nyckel, bygg in ((e.id, e.nyckel, e.bygg), *([fil] if fil else [])):
            gjord = mi.forbered(id_, nyckel, bygg)
            if gjord is not None:
                ut.enheter[id_] = gjord
    ut.md = list(islice(w.md_cache.items(), n_md, None))
    return ut


def _skicka(w: Webbplats, d: Del) -> Del:
    """The child's part as sent, with the texts it used that are not among its new entries
    (a cache entry it read must stay in the saved Markdown cache)."""
    nya = {k for k, _ in d.md}
    d.anvanda = {k for k in w.md_anvanda if k not in nya}
    return d


def moten(w: Webbplats, enheter: list[Enhet]) -> list[Mote]:
    """The units to make ahead that the memo will not reuse (a meeting with its JSON file's
    unit), those that read the whole archive first: this process makes them, so the child
    does not touch (and copy) every object of the model."""
    forst, sedan = [], []
    for e in enheter:
        if e.forut is None or w.minne.trolig_traff(e.id, e.nyckel):
            continue
        (forst if e.forut == "arkivet" else sedan).append(
            (e, floden.motesfil(w, *e.mote) if e.mote is not None else None))
    return forst + sedan


def forbered(w: Webbplats, enheter: list[Enhet]) -> bool:
    """Make the meetings' units ahead in two processes when it pays (enough to generate,
    two cores, no other thread running); whether it did."""
    lista = moten(w, enheter)
    if not lista or not kan_dela(sum(e.vikt for e, _ in lista), MINST):
        return False
    delar = i_tva(lista, lambda del_: _gor(w, del_), MINST, lambda d: _skicka(w, d),
                  BARNETS_ANDEL, vikt=lambda x: x[0].vikt)
    mi = w.minne
    for d in delar:
        for k, v in d.md:       # this process's own are in already, in order
            w.md_cache.setdefault(k, v)
        w.md_anvanda.update(d.anvanda)
        w.md_anvanda.update(k for k, _ in d.md)
        mi.forberedda.update(d.enheter)
    return True
