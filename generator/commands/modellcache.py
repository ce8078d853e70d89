"""The model for `anslag status`, `ny` and `bygg`, kept between runs and brought up to date
meeting by meeting.

``modell.pickle`` holds the Arkiv of an earlier run, each meeting folder's meeting with the
order its §§ were read in, and the *versions* the check cache (``commands.kontroll``) had
given the units when they were modelled: a check gives a unit (meeting folder) a new
version whenever it finds a change in it, and every unit and the rest (kommun.yml, the
organ.yml files, the set of organs) new ones on a whole check. When a model is asked for:

* the rest's version differs, or there is no usable model: the whole content folder is
  read and modelled (by the caller);
* otherwise only the units whose version differs from the kept model's (changed, added,
  removed) are read and modelled (``las_innehall(urval=...)``; a meeting is modelled from its own folder, the
  kommun and its organ, nothing else), they replace the old meetings, and the links
  between meetings (references, vidare_behandling, ärenden by dnr) are made again over
  every § in reading order (``archive.referenser.lanka``).

So the model is the one a whole read gives, whatever happened between two runs
(``tests/core/test_kontroll.py`` compares them after random edits).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.cache import Cachefil

if TYPE_CHECKING:
    from generator.archive.bygg import Kontext
    from generator.archive.model import Arkiv, Sammantrade

FIL = "modell.pickle"
# Writing the model again costs about as much as reading it (about 1 s at 20,000 §§), so it
# is kept again only once this many meeting folders have to be read on top of it; until
# then each run reads those few again (a few hundredths of a second each).
SPARA_EFTER = 25

Enhet = tuple[str, str]               # (organ folder, meeting folder)


def moten(ctx: Kontext) -> dict[Enhet, tuple[Sammantrade, list[int]]]:
    """Each meeting of ``ctx`` by its folder, with the order its §§ were read in (indexes
    into ``m.paragrafer``, which is sorted by number)."""
    ut: dict[Enhet, tuple[Sammantrade, list[int]]] = {}
    enhet: dict[int, Enhet] = {}
    plats: dict[int, int] = {}
    for m, _doc, ra in ctx.sammantraden:
        e = (ra.organ_id, ra.datum_text)
        ut[e] = (m, [])
        enhet[id(m)] = e
        plats.update((id(p), i) for i, p in enumerate(m.paragrafer))
    for p, _doc, m in ctx.paragrafer:
        ut[enhet[id(m)]][1].append(plats[id(p)])
    return ut


def spara(cachemapp: Path | None, avtryck: str, data: dict, ctx: Kontext) -> None:
    """Keep the model of ``ctx`` under the check's versions ``data``."""
    if cachemapp is None or not data.get("sparbar"):
        return
    _spara(Cachefil(cachemapp / FIL, avtryck), data, ctx.arkiv, moten(ctx))


def _spara(fil: Cachefil, data: dict, arkiv: Arkiv, mt: dict) -> None:
    try:
        fil.spara({"grund": data["grund"], "versioner": data["versioner"], "arkiv": arkiv,
                   "moten": mt})
    except Exception:  # noqa: BLE001 - a model that cannot be kept is rebuilt next time
        pass


def hamta(rot: Path, cachemapp: Path | None, avtryck: str,
          data: dict) -> tuple[Arkiv, int] | None:
    """The model of the content folder ``rot`` as the check ``data`` saw it, from the kept
    one with its changed meeting folders read again (and how many that was); None when
    the whole folder must be read."""
    if cachemapp is None or "grund" not in data:
        return None
    fil = Cachefil(cachemapp / FIL, avtryck)
    d = fil.las()
    if not d or d.get("grund") != data["grund"]:
        return None
    nu, forr = data["versioner"], d["versioner"]
    andrade = {e for e in nu.keys() | forr.keys() if nu.get(e) != forr.get(e)}
    arkiv: Arkiv = d["arkiv"]
    if not andrade:
        return arkiv, 0
    from generator.archive.referenser import lanka
    from generator.commands.helkontroll import moten_modell
    ctx = moten_modell(rot, andrade & nu.keys())
    if ctx is None:
        return None
    mt: dict[Enhet, tuple[Sammantrade, list[int]]] = d["moten"]
    for e in andrade:
        mt.pop(e, None)
    mt.update(moten(ctx))
    paragrafer = []
    for oid, organ in arkiv.organ.items():       # the order a whole read goes in
        egna = [mt[e] for e in sorted(e for e in mt if e[0] == oid)]
        organ.sammantraden = sorted((m for m, _o in egna), key=lambda m: m.datum)
        paragrafer += [m.paragrafer[i] for m, ordning in egna for i in ordning]
    lanka(arkiv, paragrafer)
    if data.get("sparbar") and len(andrade) >= SPARA_EFTER:
        _spara(fil, data, arkiv, mt)
    return arkiv, len(andrade)
