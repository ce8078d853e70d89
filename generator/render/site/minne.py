"""Memo of generated pages between builds, so a rebuild generates only what changed.

A *unit* is what one piece of the model produces: a meeting (its page, its §
pages, its JSON), an organ's year page or an ärende page. Its key is a hash of everything it is
built from that lives in the unit itself: the public model of the meeting
(``repr`` of the dataclasses, which includes derived links such as
``vidare_behandling``), the few per-day facts about it (protokoll published,
planned, not yet justerat), and everything global (kommun, organ headers, PDF
links on or off). What a unit reads from *other* units (is that § published?)
goes through ``Webbplats.finns``, which records each question and its answer. A unit
is reused only when its key is the same and every recorded question gets the
same answer today; otherwise it is generated again (and recorded again).

Pages and files that read the whole archive (the person pages, the ärenden index, the
organ pages, the feeds, the calendar and the open data) are units too: their key is
``arkivet()`` (every meeting's key), and for those that compare the build's day with
dates of the archive (the feeds: anslag put up, kallelser issued) ``dagligt(dates)``, where
the day lies among those dates. So the daily build with nothing changed reuses them.

A reused page comes back as a ``Sida`` with ``html=None``: its body is
unchanged since the build that wrote it, so the plugin leaves the page that build
wrote in the site folder. The plugin says which pages it still has
(``kan_ateranvanda``); without them nothing is reused. The memo is kept in the site
cache (``generator.render.site.sidcache``), whose key covers the theme, ``mkdocs.yml``,
the settings and the code of every stage that makes pages.
"""
from __future__ import annotations

import hashlib
import pickle
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from generator.archive.plan import Publiceringsplan
from generator.render.site.sida import Sida

if TYPE_CHECKING:  # pragma: no cover
    from datetime import date

    from generator.archive.model import Organ, Paragraf, Sammantrade

FORMAT = b"anslag-minne-1"

Enhet = tuple[bytes, tuple, object]      # (key, recorded questions, value)


def _hash(*delar) -> bytes:
    return hashlib.blake2b(pickle.dumps(delar, protocol=5), digest_size=20).digest()


class Minne:
    def __init__(self, publikt: Publiceringsplan, idag: "date", pdf: bool, organ: list["Organ"]) -> None:
        self.publikt = publikt
        self.idag = idag
        self.pdf = pdf
        self.organ = organ
        self.forra: dict[str, Enhet] = {}      # from the previous build
        self.nya: dict[str, Enhet] = {}        # this build's, to be saved
        self.kan_ateranvanda: Callable[[Iterable[str]], bool] = lambda sokvagar: False
        self.ateranvanda = 0
        self.genererade = 0
        self.byggda: set[str] = set()          # the units generated (not reused) this build
        self.forberedda: dict[str, Enhet] = {}   # units made ahead (``halvor.py``), not yet taken
        self._logg: list | None = None
        self._global: bytes | None = None
        self._moten: dict[tuple, bytes] = {}
        self._index: dict | None = None
        self._arkivet: bytes | None = None

    # ------------------------------------------------------------ keys

    def _globalt(self) -> bytes:
        if self._global is None:
            organ = [repr(replace(o, sammantraden=[])) for o in self.organ]
            self._global = _hash(FORMAT, repr(self.publikt.arkiv.kommun), organ, self.pdf)
        return self._global

    def mote(self, o: "Organ", m: "Sammantrade") -> bytes:
        """Key of a meeting unit."""
        k = (o.id, m.datum)
        h = self._moten.get(k)
        if h is None:
            dag = (m.datum >= self.idag, k in self.publikt.ej_justerade, self.publikt.pdfer(*k),
                   m.kallelse is not None and m.kallelse.datum <= self.idag)
            h = _hash(self._globalt(), repr(m), dag)
            self._moten[k] = h
        return h

    def ar(self, o: "Organ", ar: int, moten: list["Sammantrade"]) -> bytes:
        """Key of an organ's year page: the keys of its meetings that year (their public
        model and their day facts: status, PDF links)."""
        return _hash(self._globalt(), "ar", o.id, ar, [self.mote(o, m) for m in moten])

    def arende(self, dnr: str, ps: list["Paragraf"], handlingar: list | None = None) -> bytes:
        """Key of an ärende page: the keys of the meetings its §§ come from, and for
        ärendets gång with handlingar the keys of the meetings whose kallelse publishes
        them plus the published handlingar themselves (as the plan has them today)."""
        if self._index is None:
            self._index = {(o.id, m.datum): (o, m) for o in self.organ for m in o.sammantraden}
        delar = [(self.mote(*self._index[(p.organ_id, p.datum)]), p.nummer) for p in ps]
        if handlingar is not None:
            delar.append([(self.mote(*self._index[(ph.organ_id, ph.datum)]), repr(ph))
                          for ph in handlingar])
        return _hash(self._globalt(), dnr, delar)

    def arkivet(self) -> bytes:
        """Key of a unit that reads the whole public archive (person pages, the ärenden
        index, organ pages, open data): every meeting's key (its public model and its day
        facts) and every public handling."""
        if self._arkivet is None:
            self._arkivet = _hash(self._globalt(), "arkivet",
                                  [self.mote(o, m) for o in self.organ for m in o.sammantraden],
                                  [repr(ph) for ph in self.publikt.handlingar()])
        return self._arkivet

    def dagligt(self, datum: Iterable["date"], *mer) -> bytes:
        """Key of a unit that reads the whole archive and compares the build's day with
        ``datum`` (dates of the archive, such as the days anslag are put up): where the day
        lies among them answers every such comparison, so the key changes only on a day
        that reaches one of them. ``mer``: anything else the unit reads of the day."""
        d = sorted(set(datum))
        i = bisect_left(d, self.idag)
        return _hash(self.arkivet(), "dag", i, i < len(d) and d[i] == self.idag, mer)

    # ------------------------------------------------------------ recording

    def beror(self, fraga: str, arg, svar) -> None:
        if self._logg is not None:
            self._logg.append((fraga, arg, svar))

    def _giltig(self, fragor: tuple) -> bool:
        for fraga, arg, svar in fragor:
            if fraga == "finns":
                if self.publikt.finns(arg) != svar:
                    return False
            else:
                return False
        return True

    def _kor(self, bygg: Callable[[], object]) -> tuple[object, tuple]:
        """Make a unit, recording the questions it asks (units are never nested)."""
        self._logg = []
        try:
            varde = bygg()
            fragor = tuple(self._logg)
        finally:
            self._logg = None
        return varde, fragor

    def _bygg(self, id_: str, nyckel: bytes, bygg: Callable[[], object]) -> tuple[object, tuple]:
        """Generate a unit, or take it if it was made ahead with the same key."""
        f = self.forberedda.pop(id_, None)
        varde, fragor = (f[2], f[1]) if f is not None and f[0] == nyckel else self._kor(bygg)
        self.genererade += 1
        self.byggda.add(id_)
        return varde, fragor

    def _traff(self, id_: str, nyckel: bytes) -> Enhet | None:
        g = self.forra.get(id_)
        if g is not None and g[0] == nyckel and self._giltig(g[1]):
            return g
        return None

    def trolig_traff(self, id_: str, nyckel: bytes) -> bool:
        """Whether the unit will be reused (unless its pages are gone from the site folder)."""
        return self._traff(id_, nyckel) is not None

    def forbered(self, id_: str, nyckel: bytes, bygg: Callable[[], object]) -> Enhet | None:
        """Make a unit ahead (``halvor.py``, in either process): (key, questions, value), or
        None when the memo will reuse it. ``sidor``/``varde`` take it when they get there."""
        if self.trolig_traff(id_, nyckel):
            return None
        varde, fragor = self._kor(bygg)
        return (nyckel, fragor, varde)

    # ------------------------------------------------------------ units

    def sidor(self, id_: str, nyckel: bytes, bygg: Callable[[], list[Sida]]) -> list[Sida]:
        """The pages of a unit: reused (``html=None``) or generated."""
        g = self._traff(id_, nyckel)
        if g is not None and self.kan_ateranvanda(s.sokvag for s in g[2]):
            self.nya[id_] = g
            self.ateranvanda += 1
            return list(g[2])
        sidor, fragor = self._bygg(id_, nyckel, bygg)
        self.nya[id_] = (nyckel, fragor, tuple(replace(s, html=None) for s in sidor))
        return sidor

    def varde(self, id_: str, nyckel: bytes, bygg: Callable[[], bytes]) -> bytes:
        """A generated file of a unit (its bytes are kept in the memo)."""
        g = self._traff(id_, nyckel)
        if g is not None:
            self.nya[id_] = g
            self.ateranvanda += 1
            return g[2]
        varde, fragor = self._bygg(id_, nyckel, bygg)
        self.nya[id_] = (nyckel, fragor, varde)
        return varde

    # ------------------------------------------------------------ persistence

    def las(self, d: dict) -> None:
        """Take the memo saved by the previous build (``spara``); any other dict is ignored."""
        if d.get("format") == FORMAT:
            self.forra = {k: v for k, v in d.items() if k != "format"}

    def spara(self) -> dict:
        return {"format": FORMAT, **self.nya}
