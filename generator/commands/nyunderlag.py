"""What `anslag ny` copies from, without the model of the whole archive: the organ, its last
§ number of the year, and just those of its meetings that decide what is copied.

`anslag ny` reads of the organ: the latest held meeting to copy from (``ny._forlaga``), the
decision heading of its latest § with one (``ny._beslutsrubrik``), the last § of the year
(``ny.sista_paragraf``) and the meeting of the date itself (a planned one to fill). The
check cache keeps what every meeting folder's cross-meeting facts are (``commands.fakta``:
date, utdrag, § numbers), so only these folders are read and modelled:

* the folders of the date itself;
* the organ's meetings with §§, newest first, until one before the date is held (not
  utdrag, a plats, §§, justerare) and one § has a decision heading: ``_forlaga`` takes the
  newest such meeting and ``_beslutsrubrik`` the newest such §, and every meeting with §§
  from the newest down to those has been read (all of the last date read, too);
* when there are none: every meeting of the organ (``_forlaga`` then takes the newest
  held one after the date, or else the newest planned one; the heading its default).

The § numbers of the year come from the facts. So the result is the one the whole model
gives (``tests/core/test_nyunderlag.py`` compares them).
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from generator.archive.model import Arkiv, Organ
    from generator.commands.kontroll import Resultat

Enhet = tuple[str, str]               # (organ folder, meeting folder)
SATS = 4                              # meeting folders read at a time, newest first


@dataclass(slots=True)
class Underlag:
    arkiv: Arkiv                      # every organ; of the organ only the meetings read
    sista: int                        # the organ's last § number in the date's year
    lasta: int                        # meeting folders read


def underlag(rot: Path, organ_id: str, datum: date, res: Resultat) -> Underlag | None:
    """What `anslag ny ORGAN DATUM` needs of the content folder ``rot`` checked by ``res``
    (a check without a model); None when the organ does not exist or the check has no
    facts (the caller then takes the whole model)."""
    if not res.ok or "fakta" not in res.cache or organ_id not in res.cache.get("organ", {}):
        return None
    egna = {e: pickle.loads(b) for e, b in res.cache["fakta"].items() if e[0] == organ_id}
    sista = max((p.nummer for f in egna.values() if f.m.datum.year == datum.year
                 for p in f.m.paragrafer), default=0)
    urval = {e for e, f in egna.items() if f.m.datum == datum}
    med_par = sorted((e for e, f in egna.items() if f.m.paragrafer and e not in urval),
                     key=lambda e: (egna[e].m.datum, e), reverse=True)
    i = 0
    while True:
        organ = _las(rot, organ_id, urval)
        if organ is None:
            return None
        if _nog(organ[1], datum) or i >= len(med_par):
            break
        grans = egna[med_par[min(i + SATS, len(med_par)) - 1]].m.datum
        while i < len(med_par) and egna[med_par[i]].m.datum >= grans:
            urval.add(med_par[i])        # a batch, and every meeting of its last date
            i += 1
    if not _nog(organ[1], datum):
        urval = set(egna)                # no held meeting before the date: all of them
        organ = _las(rot, organ_id, urval)
        if organ is None:
            return None
    return Underlag(organ[0], sista, len(urval))


def _nog(organ: Organ, datum: date) -> bool:
    """The meetings read decide: a held one before the date, and a § with a decision heading."""
    return (any(not m.utdrag and m.plats and m.paragrafer and m.justerare and m.datum < datum
                for m in organ.sammantraden)
            and any(s.ar_beslut for m in organ.sammantraden for p in m.paragrafer
                    for s in p.sektioner))


def _las(rot: Path, organ_id: str, urval: set[Enhet]) -> tuple[Arkiv, Organ] | None:
    from generator.commands.helkontroll import moten_modell
    ctx = moten_modell(rot, urval)
    if ctx is None or organ_id not in ctx.arkiv.organ:
        return None
    return ctx.arkiv, ctx.arkiv.organ[organ_id]
