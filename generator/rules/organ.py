"""Rules for kommun.yml and organ.yml."""
from __future__ import annotations

import re

from generator.common.diagnostics import fel, menade_du
from generator.archive.model import ORGAN_TYPER

ORGAN_ID = re.compile(r"^[a-z0-9-]+$")


def organ_id_format(ctx):
    for o in ctx.arkiv.organ.values():
        if not ORGAN_ID.match(o.id):
            forslag = re.sub(r"[^a-z0-9-]+", "-", o.id.lower().replace("å", "a")
                             .replace("ä", "a").replace("ö", "o")).strip("-")
            yield fel(o.fil, "mapp", f"mappnamnet \"{o.id}\" är inget giltigt organ-id: använd "
                      f"bara a–z, 0–9 och bindestreck, t.ex. \"{forslag}\".")


def organ_typ(ctx):
    for o in ctx.arkiv.organ.values():
        if o.typ not in ORGAN_TYPER:
            yield fel(o.fil, "typ", f"\"{o.typ}\" är ingen organtyp. Välj en av "
                      f"{', '.join(ORGAN_TYPER)}.{menade_du(o.typ, ORGAN_TYPER)}")


def organ_under(ctx):
    for o in ctx.arkiv.organ.values():
        if o.typ in ("utskott", "beredning") and not o.under:
            yield fel(o.fil, "under", f"ett {o.typ} måste ange vilket organ det bereder ärenden "
                      "åt, t.ex. \"under: ks\".")
        elif o.under and o.under not in ctx.arkiv.organ:
            yield fel(o.fil, "under", f"organet \"{o.under}\" finns inte i innehållet."
                      f"{menade_du(o.under, ctx.arkiv.organ)}")


def kortnamn_unikt(ctx):
    sett: dict[str, str] = {}
    for o in ctx.arkiv.organ.values():
        k = " ".join(o.kortnamn.split()).casefold()
        if k in sett:
            yield fel(o.fil, "kortnamn", f"\"{o.kortnamn}\" används redan av {sett[k]}. "
                      "Kortnamnet används i hänvisningar och måste vara unikt.")
        else:
            sett[k] = o.fil
