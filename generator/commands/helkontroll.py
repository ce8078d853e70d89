"""The whole check of a large content folder in two processes.

A whole check (no usable cache) reads, models and checks every meeting. On two cores the
meeting folders are split in two (``common.parallell.i_tva``): each half, the second one in
a forked child, reads its meetings (with kommun.yml and every organ.yml), models them, runs
the rules that read one meeting (``kor_regler(..., overgripande=False)``) and takes the
cross-meeting facts of its meetings (``commands.fakta``). The child sends back only its
diagnostics, counts and packed facts, never documents or a model. This process then runs
the cross-meeting rules once over the facts of every meeting (``fakta.kontext``), exactly as
the incremental check does.

The result is the one of a check in one process (``tests/core/test_helkontroll.py``):
diagnostics outside the meeting folders are taken from this process's half only, and
when anything could differ the caller does the check in one process: the two halves
disagree outside the meetings, a diagnostic of one half names a meeting of the other, the
kommun's dnr pattern is too slow for some dnr (that rule then stops at the first such dnr
of the whole archive), or a cross-meeting rule reads more than the facts. A child that
fails is redone here (``i_tva``).
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import fakta
from generator.common.cache import utan_skrapsamlare
from generator.common.diagnostics import Diagnostik, Rapport
from generator.common.parallell import i_tva, kan_dela

if TYPE_CHECKING:
    from generator.archive.bygg import Kontext

Enhet = tuple[str, str]               # (organ folder, meeting folder)

# Meeting folders from which the whole check is split (docs/arkitektur.md: measured
# break-even; below it the fork and the facts sent back cost more than they save).
MINST_MOTEN = 300
TOLKMINNE = "frontmatter.pickle"      # the parse memo, shared with `anslag bygg`
BARNETS_ANDEL = 0.5                   # the share of the meetings the child checks


@dataclass(slots=True)
class Halva:
    """What one half found. ``fakta`` (the facts unpacked) is not sent by the child."""

    ok: bool                          # kommun.yml was usable
    lokal: bool                       # every diagnostic named a meeting of this half or none
    topp: list[Diagnostik]            # diagnostics outside the meeting folders
    enheter: dict[Enhet, tuple[list[Diagnostik], tuple[int, int]]]
    packade: dict[Enhet, bytes]       # the facts of each meeting, pickled on their own
    organ: dict[str, str]             # organ id -> kortnamn, in the model's order
    minne: dict[bytes, bytes] | None  # the parse memo's entries of this half
    fakta: dict[Enhet, fakta.Motesfakta] | None = None


def packa(f: fakta.Motesfakta) -> bytes:
    # each meeting's facts pickled on their own: a check that needs none of them (nothing
    # changed, or no cross-meeting fact changed) does not unpickle 50,000 §§ of them
    return pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL)


def enhet(path: str, enheter: set[Enhet]) -> Enhet | None:
    """The meeting folder a diagnostic's path lies in (None: outside every meeting)."""
    delar = path.split("/", 2)
    if len(delar) >= 2 and (delar[0], delar[1]) in enheter:
        return delar[0], delar[1]
    return None


def dela(antal: int) -> bool:
    return kan_dela(antal, MINST_MOTEN)


def _halva(rot: Path, urval: list[Enhet], minne, enheter: set[Enhet]) -> Halva:
    from generator.archive.bygg import bygg_modell
    from generator.content.loading import las_innehall
    from generator.rules import kor_regler
    rapport = Rapport()
    ctx = bygg_modell(las_innehall(rot, rapport, minne, urval=set(urval)), rapport)
    if ctx is not None:
        kor_regler(ctx, rapport, overgripande=False)
    enh, topp, lokal = fordela(ctx, rapport, urval, enheter)
    alla = fakta.fakta(ctx) if ctx is not None else {}
    return Halva(ctx is not None, lokal, topp, enh, {e: packa(f) for e, f in alla.items()},
                 {oid: o.kortnamn for oid, o in ctx.arkiv.organ.items()} if ctx else {},
                 minne.nya if minne is not None else None, alla)


def _skicka(h: Halva) -> Halva:
    h.fakta = None                    # the parent unpacks the packed facts it needs
    return h


def packa_upp_alla(packade: dict[Enhet, bytes]) -> dict[Enhet, fakta.Motesfakta]:
    with utan_skrapsamlare():       # many small objects: the passes would cost the most
        return {e: pickle.loads(b) for e, b in packade.items()}


def i_tva_processer(rot: Path, enheter: set[Enhet], minne) -> dict | None:
    """The whole check in two halves: the parts of the check cache's data
    (``data_av``), or None when the caller must check in one process."""
    halvor = i_tva(sorted(enheter), lambda urval: _halva(rot, urval, minne, enheter),
                   MINST_MOTEN, _skicka, BARNETS_ANDEL)
    egen = halvor[0]
    if any(h.ok != egen.ok or not h.lokal or h.topp != egen.topp for h in halvor):
        return None
    if any(d.nyckel == "dnr_monster" for d in egen.topp):
        return None
    if minne is not None:
        for h in halvor[1:]:
            if h.minne is not None and h.minne is not minne.nya:
                minne.nya.update(h.minne)
    enh: dict[Enhet, tuple[list[Diagnostik], tuple[int, int]]] = {}
    packade: dict[Enhet, bytes] = {}
    alla: dict[Enhet, fakta.Motesfakta] = {}
    for h in halvor:
        enh.update(h.enheter)
        packade.update(h.packade)
        alla.update(h.fakta if h.fakta is not None else packa_upp_alla(h.packade))
    over = Rapport()
    if egen.ok:
        from generator.rules import kor_regler
        try:
            kor_regler(fakta.kontext(rot, egen.organ, alla), over, lokala=False)
        except Exception:  # noqa: BLE001 - a rule that reads more than the facts: one process
            return None
    return {"ok": egen.ok, "enheter": enh, "topp": egen.topp, "overgripande": over.poster,
            "fakta": packade, "organ": egen.organ,
            "las": sorted(f"{o}/{d}" for (o, d), f in alla.items() if f.las)}


def fordela(ctx: Kontext | None, rapport: Rapport, urval, enheter: set[Enhet]
            ) -> tuple[dict[Enhet, tuple[list[Diagnostik], tuple[int, int]]],
                       list[Diagnostik], bool]:
    """A check of the meeting units ``urval`` sorted by unit: each unit's diagnostics and
    counts (meetings, §§), the diagnostics outside every meeting, and whether every
    diagnostic named a unit of ``urval`` or none (False: one of another unit)."""
    antal = rakna(ctx)
    enh = {e: ([], antal.get(e, (0, 0))) for e in urval}
    topp: list[Diagnostik] = []
    lokal = True
    for d in rapport.poster:
        e = enhet(d.path, enheter)
        if e is None:
            topp.append(d)
        elif e in enh:
            enh[e][0].append(d)
        else:
            lokal = False
    return enh, topp, lokal


def rakna(ctx: Kontext | None) -> dict[Enhet, tuple[int, int]]:
    ut: dict[Enhet, tuple[int, int]] = {}
    if ctx is None:
        return ut
    for m, _doc, ra in ctx.sammantraden:
        ut[(ra.organ_id, ra.datum_text)] = (1, len(m.paragrafer))
    return ut


def moten_modell(rot: Path, urval: set[Enhet], rapport: Rapport | None = None
                 ) -> Kontext | None:
    """The model of the meeting folders ``urval`` of ``rot`` (with kommun.yml and every
    organ.yml), read without the parse memo; diagnostics into ``rapport`` (None: dropped)."""
    from generator.archive.bygg import bygg_modell
    from generator.content.loading import las_innehall
    rapport = Rapport() if rapport is None else rapport
    return bygg_modell(las_innehall(rot, rapport, None, urval=urval), rapport)


def tolkminne(cachemapp: Path | None):
    from generator.content.loading import Tolkminne
    return Tolkminne(cachemapp / TOLKMINNE) if cachemapp is not None else None


def spara_minne(minne) -> None:
    if minne is not None:
        try:
            minne.spara()
        except OSError:
            pass


def modell(rot: Path, cachemapp: Path | None) -> tuple[Kontext | None, Rapport]:
    """Read the whole content folder (parsed files from the shared memo) and model it."""
    from generator.archive.bygg import bygg_modell
    from generator.content.loading import las_innehall
    rapport = Rapport()
    minne = tolkminne(cachemapp)
    innehall = las_innehall(rot, rapport, minne)
    spara_minne(minne)
    return bygg_modell(innehall, rapport), rapport


def hel(rot: Path, cachemapp: Path | None, enheter: set[Enhet], delbar: bool
        ) -> tuple[dict, Kontext | None]:
    """The whole check: the check cache's data, and the context when it was made in this
    process. In two processes (no context then) when ``delbar`` and the archive is large
    enough (``dela``), else in this one."""
    with utan_skrapsamlare():
        return _hel_utan_gc(rot, cachemapp, enheter, delbar)


def _hel_utan_gc(rot: Path, cachemapp: Path | None, enheter: set[Enhet], delbar: bool
                 ) -> tuple[dict, Kontext | None]:
    if delbar and dela(len(enheter)):
        minne = tolkminne(cachemapp)
        delar = i_tva_processer(rot, enheter, minne)
        if delar is not None:
            spara_minne(minne)
            return data_av(**delar), None
    ctx, rapport = modell(rot, cachemapp)
    over = Rapport()
    if ctx is not None:
        from generator.rules import kor_regler
        kor_regler(ctx, rapport, overgripande=False)
        kor_regler(ctx, over, lokala=False)
    return data(ctx, rapport, over, enheter), ctx


def data(ctx: Kontext | None, rapport: Rapport, over: Rapport, enheter: set[Enhet]) -> dict:
    """The check cache's data of a whole check in this process."""
    enh, topp, _lokal = fordela(ctx, rapport, enheter, enheter)
    alla = fakta.fakta(ctx) if ctx is not None else {}
    return data_av(ctx is not None, enh, topp, list(over.poster),
                   {e: packa(f) for e, f in alla.items()},
                   {oid: o.kortnamn for oid, o in ctx.arkiv.organ.items()} if ctx else {},
                   sorted(f"{o}/{d}" for (o, d), f in alla.items() if f.las))


def data_av(ok: bool, enheter: dict, topp: list[Diagnostik], overgripande: list[Diagnostik],
            fakta: dict[Enhet, bytes], organ: dict[str, str], las: list[str]) -> dict:
    """The check cache's data of a whole check; ``enheter``: every meeting unit -> (its
    diagnostics, (meetings, §§)), ``fakta``: the packed facts of every meeting."""
    # a dnr pattern too slow for some dnr stops that rule at the first such dnr: which one
    # depends on the whole archive, so such a result is never reused
    sparbar = not any(d.nyckel == "dnr_monster" for d in topp)
    return {"ok": ok, "enheter": enheter, "topp": topp, "sparbar": sparbar,
            "overgripande": overgripande, "grund": os.urandom(8), "stampel": os.urandom(8),
            "versioner": {e: os.urandom(8) for e in enheter}, "fakta": fakta, "las": las,
            "organ": organ}
