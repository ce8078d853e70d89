"""`anslag status`: what is on the board on a day, what comes down, what is late."""
from __future__ import annotations

from datetime import date

from . import anslagstavla as tavla
from .model import Arkiv


def _rad(arkiv: Arkiv, a: tavla.Anslag, idag: date) -> str:
    kvar = tavla.dagar_till_nedtagning(a, idag)
    return (f"  {a.organ.kortnamn} {a.sammantrade.datum} {a.paragrafspann}"
            f"{' (omedelbart justerad)' if a.omedelbart else ''}: uppsatt {a.datum.uppsatt}, "
            f"sista dag för överklagande {a.datum.sista_dag}, nedtas {a.datum.nedtas} "
            f"({kvar} {'dag' if kvar == 1 else 'dagar'} kvar)")


def status_text(arkiv: Arkiv, idag: date) -> str:
    rader = [f"Anslagstavlan {idag.isoformat()} ({arkiv.kommun.namn})", ""]
    aktuella = tavla.aktuella_anslag(arkiv, idag)
    rader.append("På anslagstavlan:" if aktuella else "På anslagstavlan: inga anslag.")
    rader += [_rad(arkiv, a, idag) for a in aktuella]
    snart = tavla.nedtas_inom(arkiv, idag, 7)
    rader.append("")
    rader.append("Tas ned inom en vecka:" if snart else "Tas ned inom en vecka: inga.")
    rader += [f"  {a.organ.kortnamn} {a.sammantrade.datum} {a.paragrafspann}: nedtas "
              f"{a.datum.nedtas}" for a in snart]
    ej = tavla.ej_tillkannagivna(arkiv)
    rader.append("")
    rader.append("Justerade men inte tillkännagivna:" if ej else
                 "Justerade men inte tillkännagivna: inga.")
    frist = arkiv.kommun.overklagande.tillkannagivande_dagar
    for m in ej:
        organ = arkiv.organ[m.organ_id]
        sen = (idag - m.justering.datum).days > frist
        rader.append(f"  {organ.kortnamn} {m.datum}: justerat {m.justering.datum}"
                     f"{f' – ska tillkännages senast {frist} dagar efter justeringen!' if sen else ''}")
    kung = tavla.kungorelser(arkiv, idag)
    if kung:
        rader += ["", "Kungörelser på tavlan:"]
        rader += [f"  {k.organ.kortnamn} {k.sammantrade.datum}: från {k.fran}" for k in kung]
    return "\n".join(rader)
