"""The rules of the content contract, one small function each.

Every rule takes the validation ``Kontext`` and yields diagnostics. ``REGLER``
is the full list, in the order the contract lists them.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Diagnostik, Rapport
from . import datum, dnr, las, namn, numrering, organ, referenser, text

Regel = Callable[..., Iterable[Diagnostik]]

REGLER: list[Regel] = [
    organ.organ_id_format,
    organ.organ_typ,
    organ.organ_under,
    organ.kortnamn_unikt,
    namn.ordforande_bland_beslutande,
    namn.justerare_bland_beslutande,
    namn.namn_i_jav_reservationer_omrostning,
    namn.omrostning_rimlig,
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
    dnr.dnr_foljer_monstret,
    text.inga_personnummer,
    text.inga_platshallare,
    text.ingen_stubbtext,
]


def kor_regler(ctx, rapport: Rapport) -> None:
    for regel in REGLER:
        rapport.extend(regel(ctx))
    rapport.extend(las.las_stammer(ctx))   # justering.lock: not a rule of the contract
