"""One meeting folder checked in memory after `anslag ny` or `anslag justera` wrote to it,
instead of a second check of the archive.

``kontrollera_mote(rot, mote, fore)`` reads and models only that folder (with kommun.yml
and the organ.yml files), runs the one-meeting rules on it and the cross-meeting rules on
the facts that decide what those rules say *about that meeting*, taken from the check
``fore`` made just before the command wrote (``Resultat.cache``, the check cache's data):

* numbering (``numrering.unik_per_organ_och_ar``, ``numrering.i_foljd_mellan_sammantraden``):
  the meetings of its organ;
* references (``referenser.beredning_giltig``, ``referenser.hanvisningar_giltiga``, which
  report at the referring §): the meetings of every organ its §§ refer to;
* secret matters (``sekretess.kallelse_namner_sekretess``, which reports at a kallelse):
  the meetings of every organ when the meeting has a kallelse with ärenden, else (it can
  say nothing about the meeting) its organ's;
* the register (``las.register_stammer``): ``.anslag/lasta.json`` itself.

``personer.en_stavning_per_person`` reads every meeting of the archive and is left out: it
gives warnings (``varning``) only, never an error, so what is printed can lack such a
warning but never hides an error `anslag kontrollera` would report for the meeting
(docs/sekreterare.md; ``tests/workflow/test_workflow_motekontroll.py`` compares with
`anslag kontrollera` right after). The check cache is left as the check before the write
saved it: the next check sees the written files as changed and checks them again.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import fakta
from generator.common.diagnostics import Diagnostik, Rapport

if TYPE_CHECKING:
    from generator.archive.bygg import Kontext
    from generator.commands.kontroll import Resultat

Enhet = tuple[str, str]               # (organ folder, meeting folder)


def _regler():
    """(the cross-meeting rules run here, those left out); together ``rules.OVERGRIPANDE``
    (tests/workflow/test_workflow_motekontroll.py: a new cross-meeting rule needs a decision here)."""
    from generator.rules import las, numrering, personer, referenser, sekretess
    return ([numrering.unik_per_organ_och_ar, numrering.i_foljd_mellan_sammantraden,
             referenser.beredning_giltig, referenser.hanvisningar_giltiga,
             sekretess.kallelse_namner_sekretess, las.register_stammer],
            [personer.en_stavning_per_person])


def _har_lank(mapp: Path) -> bool:
    for bas, mappar, filer in os.walk(mapp):
        if any(os.path.islink(os.path.join(bas, n)) for n in mappar + filer):
            return True
    return False


def kontrollera_mote(rot: Path, mote: Enhet, fore: Resultat, *,
                     overgripande: bool = True) -> tuple[Kontext | None, list[Diagnostik]]:
    """The context (every organ and that meeting) and the diagnostics of the meeting folder
    ``mote`` as a check of the whole content folder ``rot`` would give them, but for the
    warnings of ``personer.en_stavning_per_person``. ``fore``: a check of ``rot`` made
    before the command changed that folder and nothing else. ``overgripande=False``: the
    one-meeting rules only (the caller knows that what the cross-meeting rules read of the
    meeting did not change)."""
    from generator.commands.helkontroll import moten_modell
    from generator.rules import kor_regler
    prefix = f"{mote[0]}/{mote[1]}/"
    if _har_lank(rot / mote[0] / mote[1]) or "fakta" not in fore.cache:
        return _hela(rot, mote, prefix)
    rapport = Rapport()
    ctx = moten_modell(rot, {mote}, rapport)
    if ctx is not None:
        kor_regler(ctx, rapport, overgripande=False)
    egna = [d for d in rapport.poster if d.path.startswith(prefix)]
    if ctx is None or not overgripande:
        return ctx, egna
    nya = fakta.fakta(ctx).get(mote)
    try:
        egna += [d for d in _overgripande(rot, mote, fore.cache, nya) if d.path.startswith(prefix)]
    except Exception:  # noqa: BLE001 - a rule that reads more than the facts: check all
        return _hela(rot, mote, prefix)
    return ctx, egna


def _overgripande(rot: Path, mote: Enhet, data: dict, nya: fakta.Motesfakta | None
                  ) -> list[Diagnostik]:
    organ: set[str] | None = {mote[0]}
    if nya is not None:
        organ |= {r.organ_id for p, _f in nya.paragrafer for r in p.beredning + p.hanvisningar
                  if r.organ_id is not None}
        if nya.m.kallelse is not None and nya.m.kallelse.arenden:
            organ = None          # its ärenden are compared with every secret § of the archive
    urval = {e: pickle.loads(b) for e, b in data["fakta"].items()
             if (organ is None or e[0] in organ) and e != mote}
    if nya is not None:
        urval[mote] = nya
    ctx = fakta.kontext(rot, data["organ"], urval)
    ut: list[Diagnostik] = []
    for regel in _regler()[0]:
        ut.extend(regel(ctx))
    return ut


def _hela(rot: Path, mote: Enhet, prefix: str) -> tuple[Kontext | None, list[Diagnostik]]:
    """The check of the whole folder (through the check cache), for what is not exact above."""
    from generator.common.cache import cachemapp
    from generator.commands.kontroll import kontrollera
    res = kontrollera(rot, cachemapp(), mote=mote)
    return res.ctx, [d for d in res.rapport.poster if d.path.startswith(prefix)]
