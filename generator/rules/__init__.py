"""The rules of the content contract, one small function each.

Every rule takes the validation ``Kontext`` and yields diagnostics. ``REGLER``
is the full list, in the order the contract lists them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from generator.archive.bygg import Kontext, bygg_modell
from generator.archive.model import Arkiv
from generator.common.diagnostics import Diagnostik, Rapport
from generator.content.loading import Tolkminne, las_innehall
from generator.rules import datum
from generator.rules import handlingar
from generator.rules import dnr
from generator.rules import filer
from generator.rules import kommun
from generator.rules import las
from generator.rules import namn
from generator.rules import numrering
from generator.rules import organ
from generator.rules import personer
from generator.rules import referenser
from generator.rules import sekretess
from generator.rules import text

Regel = Callable[..., Iterable[Diagnostik]]

REGLER: list[Regel] = [
    filer.okanda_filer,
    kommun.webbplats_ar_en_adress,
    organ.organ_id_format,
    organ.organ_typ,
    organ.organ_under,
    organ.kortnamn_unikt,
    namn.ordforande_bland_beslutande,
    namn.justerare_bland_beslutande,
    namn.namn_i_jav_reservationer_omrostning,
    namn.omrostning_rimlig,
    personer.en_stavning_per_person,
    datum.justering_efter_sammantradet,
    datum.justering_i_tid,
    datum.uppsatt_efter_justering,
    datum.uppsatt_i_tid,
    datum.nedtas_inte_for_tidigt,
    datum.omedelbar_justering_uppsatt,
    datum.kungorelse_en_vecka_fore,
    numrering.unik_per_organ_och_ar,
    numrering.i_foljd_inom_sammantradet,
    numrering.i_foljd_mellan_sammantraden,
    referenser.referenser_foljer_monstret,
    referenser.beredning_giltig,
    referenser.hanvisningar_giltiga,
    dnr.dnr_rimlig_langd,
    dnr.dnr_foljer_monstret,
    sekretess.kallelse_namner_sekretess,
    text.inga_personnummer,
    text.inga_platshallare,
    text.ingen_stubbtext,
    text.text_inte_for_djupt_nastlad,
    handlingar.handling_utan_hanvisning,
    handlingar.handling_utan_personnummer,
    handlingar.handling_utan_platshallare,
]


# The rules that read more than one meeting. Every other rule reads one meeting (plus
# kommun.yml and the organ.yml files), so the check cache (commands/kontroll.py) reruns it
# only on the meetings that changed; these read the whole archive and are redone whenever
# what they read of a meeting (commands.fakta) changes. A new rule that looks at
# other meetings belongs here, and what it reads in commands.fakta.
OVERGRIPANDE: list[Regel] = [
    personer.en_stavning_per_person,
    numrering.unik_per_organ_och_ar,
    numrering.i_foljd_mellan_sammantraden,
    referenser.beredning_giltig,
    referenser.hanvisningar_giltiga,
    sekretess.kallelse_namner_sekretess,   # a matter made secret in any meeting
    las.register_stammer,
]


def kor_regler(ctx, rapport: Rapport, *, lokala: bool = True, overgripande: bool = True) -> None:
    """Run the rules: ``lokala`` those that read one meeting, ``overgripande`` the others."""
    for regel in REGLER + [las.las_stammer,       # justering.lock: not a rule of the contract
                           las.avbruten_justering, las.register_stammer]:
        if (lokala, overgripande)[regel in OVERGRIPANDE]:
            rapport.extend(regel(ctx))


def las_kontext(rot: Path | str, tolkminne: Path | None = None) -> tuple[Kontext | None, Rapport]:
    """Load, model and validate the content folder: the validation context (None only
    when kommun.yml is unusable) and every diagnostic. ``tolkminne``: a file where
    parsed files are remembered between runs."""
    rapport = Rapport()
    minne = Tolkminne(Path(tolkminne)) if tolkminne is not None else None
    innehall = las_innehall(Path(rot), rapport, minne)
    if minne is not None:
        minne.spara()
    ctx = bygg_modell(innehall, rapport)
    if ctx is not None:
        kor_regler(ctx, rapport)
    return ctx, rapport


def las_arkiv(rot: Path | str, tolkminne: Path | None = None) -> tuple[Arkiv | None, Rapport]:
    """Load, validate and model the content folder. The Arkiv is None only when
    kommun.yml is unusable; otherwise it holds everything that could be read."""
    ctx, rapport = las_kontext(rot, tolkminne)
    return (ctx.arkiv if ctx is not None else None), rapport
