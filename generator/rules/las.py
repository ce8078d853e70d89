"""Rule: a justerat protokoll is not changed in silence.

Every meeting with a justering.lock is compared with it: a file changed (one
byte is enough), added or removed after the justering is an error that names
the file and the §, and says how to record the change as a rättelse.

A justerat meeting *without* a lock is not an error when the tool never locked
it: archives migrated from before the tool (like the example archive) were
justerade on paper. Once ``anslag justera`` has locked a meeting it is in the
register ``.anslag/lasta.json``, and a missing lock is an error; so is the
journal of an interrupted justering. The
dashboard (`anslag status`) lists them, and `anslag justera ORGAN DATUM` locks
them as they are.
"""
from __future__ import annotations

from typing import Iterable

from generator.common.diagnostics import Diagnostik, fel
from generator.content.register import REGISTER, TrasigtRegister, las_register
from generator.content.lasfil import (LASFIL, TrasigLasfil, jamfor, kanda_summor, kontrollsummor,
                      las_lasfil, motesfiler)

NYCKEL = "justering.lock"
JOURNAL = ".justering-pagar.json"     # written by commands.journal (a stage above this one)


def _rattelse_rad(organ_id: str, datum: str) -> str:
    return (f"Är ändringen en rättelse, registrera den med: anslag justera {organ_id} {datum} "
            f"--rattelse \"vad som rättades och varför\". Var den ett misstag, återställ filen "
            f"(t.ex. med \"git checkout -- FIL\" eller ur säkerhetskopian).")


def _vad(rel: str, paragrafer: dict[str, int], bilagor: dict[str, list[int]]) -> str:
    if rel == "sammantrade.md":
        return "Protokollets framsida (sammantrade.md)"
    if rel in paragrafer:
        return f"§ {paragrafer[rel]} ({rel})"
    if rel.startswith("handlingar/"):
        return f"Handlingen {rel}"
    if rel in bilagor:
        nr = bilagor[rel]
        if nr:
            return f"Bilagan {rel} (till {', '.join(f'§ {n}' for n in nr)})"
        return f"Bilagan {rel}"
    if rel.endswith(".md"):
        return f"Paragraffilen {rel}"
    return f"Filen {rel}"


def las_stammer(ctx) -> Iterable[Diagnostik]:
    for m, _doc, ra in ctx.sammantraden:
        if ra.lock is None:
            continue
        mapp = f"{ra.organ_id}/{ra.datum_text}"
        lock_rel = f"{mapp}/{LASFIL}"
        try:
            las = las_lasfil(ra.lock)
        except TrasigLasfil as e:
            yield fel(lock_rel, NYCKEL, f"låsfilen kan inte läsas: {e}. Den skrivs bara av "
                      "\"anslag justera\"; återställ den ur versionshanteringen eller "
                      "säkerhetskopian, skriv den aldrig för hand.")
            continue
        if las.organ != ra.organ_id or las.sammantrade.isoformat() != ra.datum_text:
            yield fel(lock_rel, NYCKEL, f"låsfilen hör till {las.organ} "
                      f"{las.sammantrade.isoformat()}, inte till {mapp}. Den har kopierats hit "
                      "av misstag; återställ rätt låsfil ur versionshanteringen.")
            continue
        # § numbers of the current files and of the locked ones, for the messages
        prefix = f"{mapp}/"
        paragrafer = dict(las.paragrafer)
        for p in m.paragrafer:
            if p.fil.startswith(prefix):
                paragrafer[p.fil[len(prefix):]] = p.nummer
        bilagor: dict[str, list[int]] = {}
        for p in m.paragrafer:
            for b in p.beslutsunderlag:
                if b.fil:
                    bilagor.setdefault(b.fil.replace("\\", "/"), []).append(p.nummer)
        nu = kontrollsummor(motesfiler(ra, m), kanda_summor(m))
        skillnad = jamfor(las.filer, nu)
        if skillnad.tom:
            continue
        if las.rattelser:
            nar = f"den senaste rättelsen {las.rattelser[-1].datum.isoformat()}"
        else:
            nar = f"justeringen {(las.justering_datum or las.skapad).isoformat()}"
        hjalp = _rattelse_rad(ra.organ_id, ra.datum_text)
        for rel in skillnad.andrade:
            yield fel(prefix + rel, NYCKEL,
                      f"{_vad(rel, paragrafer, bilagor)} har ändrats efter {nar}; "
                      f"kontrollsumman stämmer inte med {LASFIL}. {hjalp}")
        for rel in skillnad.tillagda:
            yield fel(prefix + rel, NYCKEL,
                      f"{_vad(rel, paragrafer, bilagor)} har lagts till efter {nar} och "
                      f"finns inte i {LASFIL}. {hjalp}")
        for rel in skillnad.borttagna:
            yield fel(prefix + rel, NYCKEL,
                      f"{_vad(rel, paragrafer, bilagor)} har tagits bort efter {nar} men "
                      f"finns i {LASFIL}. {hjalp}")


def avbruten_justering(ctx) -> Iterable[Diagnostik]:
    """A journal left by an interrupted ``anslag justera`` (see commands.journal)."""
    for _m, _doc, ra in ctx.sammantraden:
        if (ra.mapp / JOURNAL).exists():
            yield fel(f"{ra.organ_id}/{ra.datum_text}/{JOURNAL}", NYCKEL,
                      "en justering avbröts innan den blev klar (justering och lås skrivs i "
                      f"ett steg). Kör \"anslag justera {ra.organ_id} {ra.datum_text}\" igen: "
                      "den slutför eller rullar tillbaka den avbrutna justeringen.")


def register_stammer(ctx) -> Iterable[Diagnostik]:
    """Every meeting the tool has locked (``.anslag/lasta.json``) still has its lock."""
    try:
        lasta = las_register(ctx.innehall.rot)
    except TrasigtRegister as e:
        yield fel(REGISTER, "register", f"{e}. Registret skrivs bara av \"anslag justera\"; "
                  "återställ det ur versionshanteringen.")
        return
    if not lasta:
        return
    finns = {f"{ra.organ_id}/{ra.datum_text}": ra for _m, _d, ra in ctx.sammantraden}
    for nyckel in sorted(lasta):
        ra = finns.get(nyckel)
        if ra is not None and ra.lock is not None:
            continue
        if ra is not None and (ra.mapp / JOURNAL).exists():
            continue   # reported by avbruten_justering
        if ra is None:
            yield fel(REGISTER, "register", f"{nyckel} har låsts av \"anslag justera\" men "
                      "sammanträdet finns inte längre i innehållet. Ett justerat protokoll "
                      "tas inte bort: återställ mappen ur versionshanteringen.")
            continue
        yield fel(f"{nyckel}/{LASFIL}", NYCKEL,
                  f"sammanträdet har låsts av \"anslag justera\" (se {REGISTER}) men "
                  f"{LASFIL} saknas, så ändringar i protokollet kan inte upptäckas. Återställ "
                  f"{LASFIL} ur versionshanteringen eller säkerhetskopian; skriv den aldrig "
                  "för hand.")
