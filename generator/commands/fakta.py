"""What the cross-meeting rules (``rules.OVERGRIPANDE``) read of each meeting, kept by the
check cache so that those rules can run over the whole archive without reading or modelling
it again.

``fakta(ctx)`` takes it from a context, per meeting folder; ``kontext(rot, organ, fakta)``
builds a small context of the same shape as the rules read (``ctx.sammantraden``,
``ctx.paragrafer``, ``ctx.arkiv.organ``/``sammantrade``/``paragraf``, ``ctx.innehall.rot``).
A rule that reads anything else fails on it (AttributeError) and the check cache then does
the whole check; ``tests/core/test_kontroll.py`` compares with a check without cache.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.archive.uppslag import forsta

Enhet = tuple[str, str]               # (organ folder, meeting folder)


@dataclass(slots=True)
class Ref:
    """A beredning or hänvisning as the rules read it (not i_arkivet, which the model sets
    from the other meetings)."""

    text: str
    organ_id: str | None
    datum: date | None
    paragraf: int | None


@dataclass(slots=True)
class P:
    organ_id: str
    datum: date
    nummer: int
    dnr: str | None
    fil: str
    beredning: list[Ref]
    hanvisningar: list[Ref]
    ar_sekretess: bool = False
    rubrik: str = ""                  # only of a sekretess § (the rule on kallelser reads it)


@dataclass(slots=True)
class Arende:
    """A kallelse item as the rule on secret matters reads it."""

    rubrik: str
    dnr: str | None
    sekretess: str | None


@dataclass(slots=True)
class Kallelse:
    arenden: tuple[Arende, ...]


@dataclass(slots=True)
class M:
    organ_id: str
    datum: date
    utdrag: bool
    beslutande: list
    ersattare: list
    kallelse: Kallelse | None = None
    paragrafer: list[P] = field(default_factory=list)    # by number, as in the model
    _index: tuple = field(default=(None, 0, None), init=False, repr=False, compare=False)

    def paragraf(self, nummer: int) -> P | None:
        return forsta(self, self.paragrafer, "nummer", nummer)


@dataclass(slots=True)
class Motesfakta:
    """One meeting folder: its meeting and §§ (in the order the model read them)."""

    m: M
    sm_path: str | None
    las: bool
    journal: bool
    paragrafer: list[tuple[P, str]] = field(default_factory=list)   # (§, its file)


def _ref(r) -> Ref:
    return Ref(r.text, r.organ_id, r.datum, r.paragraf)


def fakta(ctx) -> dict[Enhet, Motesfakta]:
    """The cross-meeting facts of every meeting of ``ctx`` (a real context)."""
    from generator.rules.las import JOURNAL
    ut: dict[Enhet, Motesfakta] = {}
    enhet: dict[int, Enhet] = {}
    for m, doc, ra in ctx.sammantraden:
        e = (ra.organ_id, ra.datum_text)
        enhet[id(m)] = e
        kal = None if m.kallelse is None else Kallelse(tuple(
            Arende(a.rubrik, a.dnr, a.sekretess) for a in m.kallelse.arenden))
        ut[e] = Motesfakta(M(m.organ_id, m.datum, m.utdrag, list(m.beslutande),
                             list(m.ersattare), kal), doc.path if doc is not None else None,
                           ra.lock is not None, (ra.mapp / JOURNAL).exists())
    lp: dict[int, P] = {}
    for p, doc, m in ctx.paragrafer:
        lp[id(p)] = ny = P(p.organ_id, p.datum, p.nummer, p.dnr, p.fil,
                           [_ref(r) for r in p.beredning], [_ref(r) for r in p.hanvisningar],
                           p.ar_sekretess, p.rubrik if p.ar_sekretess else "")
        ut[enhet[id(m)]].paragrafer.append((ny, doc.path))
    for m, _doc, ra in ctx.sammantraden:
        ut[(ra.organ_id, ra.datum_text)].m.paragrafer = [lp[id(p)] for p in m.paragrafer]
    return ut


@dataclass(slots=True)
class _Doc:
    path: str


@dataclass(slots=True)
class _Ra:
    organ_id: str
    datum_text: str
    lock: bool | None
    mapp: Path


@dataclass(slots=True)
class _Organ:
    kortnamn: str
    sammantraden: list[M] = field(default_factory=list)
    _index: tuple = field(default=(None, 0, None), init=False, repr=False, compare=False)

    def sammantrade(self, datum: date) -> M | None:
        return forsta(self, self.sammantraden, "datum", datum)


@dataclass(slots=True)
class _Arkiv:
    organ: dict[str, _Organ]

    def sammantrade(self, organ_id: str, datum: date) -> M | None:
        o = self.organ.get(organ_id)
        return o.sammantrade(datum) if o else None

    def paragraf(self, organ_id: str, datum: date, nummer: int) -> P | None:
        m = self.sammantrade(organ_id, datum)
        return m.paragraf(nummer) if m else None


@dataclass(slots=True)
class _Innehall:
    rot: Path


@dataclass(slots=True)
class LattKontext:
    arkiv: _Arkiv
    innehall: _Innehall
    sammantraden: list = field(default_factory=list)
    paragrafer: list = field(default_factory=list)


def kontext(rot: Path, organ: dict[str, str], alla: dict[Enhet, Motesfakta]) -> LattKontext:
    """A context for the cross-meeting rules from the facts of every meeting; ``organ``:
    organ id -> kortnamn, in the model's order."""
    ctx = LattKontext(_Arkiv({oid: _Organ(k) for oid, k in organ.items()}), _Innehall(rot))
    for e in sorted(alla):                 # the model's order: organ folder, meeting folder
        f = alla[e]
        ctx.sammantraden.append((f.m, _Doc(f.sm_path) if f.sm_path is not None else None,
                                 _Ra(e[0], e[1], True if f.las else None, rot / e[0] / e[1])))
        ctx.paragrafer.extend((p, _Doc(path), f.m) for p, path in f.paragrafer)
        ctx.arkiv.organ[f.m.organ_id].sammantraden.append(f.m)
    for o in ctx.arkiv.organ.values():
        o.sammantraden.sort(key=lambda m: m.datum)
    return ctx
