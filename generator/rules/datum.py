"""Rules for justering and anslag dates (KL 8 kap. 12 §, 13 kap. 5 §, 5 kap.)."""
from __future__ import annotations

from datetime import timedelta

from generator.archive import frister
from generator.common.datum import langt
from generator.common.diagnostics import fel, varning


def _justerade(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if doc is not None and m.justering is not None:
            yield m, doc


def justering_efter_sammantradet(ctx):
    for m, doc in _justerade(ctx):
        if m.justering.datum < m.datum:
            yield fel(doc.path, "justering.datum", f"justeringen ({m.justering.datum}) är före "
                      f"sammanträdet ({m.datum}). Rätta datumet.")


def justering_i_tid(ctx):
    dagar = ctx.arkiv.kommun.overklagande.justering_dagar
    for m, doc in _justerade(ctx):
        if m.justering.datum > m.datum + timedelta(days=dagar):
            yield varning(doc.path, "justering.datum", f"justeringen skedde "
                          f"{(m.justering.datum - m.datum).days} dagar efter sammanträdet; "
                          f"protokollet ska justeras inom {dagar} dagar.")


def uppsatt_efter_justering(ctx):
    for m, doc in _justerade(ctx):
        if m.anslag and m.anslag.uppsatt < m.justering.datum:
            yield fel(doc.path, "anslag.uppsatt", f"anslaget ({m.anslag.uppsatt}) sätts upp före "
                      f"justeringen ({m.justering.datum}). Ett protokoll kan tillkännages först "
                      "när det är justerat.")


def uppsatt_i_tid(ctx):
    dagar = ctx.arkiv.kommun.overklagande.tillkannagivande_dagar
    for m, doc in _justerade(ctx):
        if m.anslag and m.anslag.uppsatt > m.justering.datum + timedelta(days=dagar):
            yield varning(doc.path, "anslag.uppsatt", f"justeringen ska tillkännages senast "
                          f"andra dagen efter justeringen (KL 8 kap. 12 §), här "
                          f"{(m.anslag.uppsatt - m.justering.datum).days} dagar efter.")


def nedtas_inte_for_tidigt(ctx):
    regler = ctx.arkiv.kommun.overklagande
    objekt = {id(m): (m, doc.path) for m, doc, _ in ctx.sammantraden if doc is not None}
    objekt.update({id(p): (p, doc.path) for p, doc, _ in ctx.paragrafer})
    for oid, (key, nedtas) in ctx.nedtas_angivet.items():
        obj, path = objekt[oid]
        if obj.anslag is None:
            continue
        beraknad = frister.anslagsdatum(obj.anslag.uppsatt, regler).nedtas
        if nedtas < beraknad:
            yield fel(path, key, f"anslaget får inte tas ned {nedtas}: överklagandetiden går ut "
                      f"{langt(beraknad - timedelta(days=1))}, så det tas ned tidigast "
                      f"{beraknad}. Ta bort nedtas så räknas dagen ut.")


def omedelbar_justering_uppsatt(ctx):
    for p, doc, m in ctx.paragrafer:
        if p.omedelbart_justerad and p.anslag and p.anslag.uppsatt < m.datum:
            yield fel(doc.path, "anslag.uppsatt", f"anslaget ({p.anslag.uppsatt}) sätts upp före "
                      f"sammanträdet ({m.datum}) där paragrafen justerades.")


def kungorelse_en_vecka_fore(ctx):
    for m, doc, _ra in ctx.sammantraden:
        organ = ctx.arkiv.organ[m.organ_id]
        if doc is None or organ.typ != "fullmaktige" or m.kallelse is None:
            continue
        if m.kallelse.datum > m.datum - timedelta(days=7):
            yield varning(doc.path, "kallelse.datum", "kungörelsen om fullmäktiges sammanträde "
                          "ska anslås minst en vecka före sammanträdesdagen (KL 5 kap. 53 §); "
                          f"här {(m.datum - m.kallelse.datum).days} dagar före.")
