"""Rules for beredning and hanvisningar references."""
from __future__ import annotations

from generator.common.diagnostics import fel, menade_du, varning
from generator.archive.referenser import tolka

EXEMPEL = "FUN AU 2025-01-23 § 2"


def referenser_foljer_monstret(ctx):
    for p, doc, _m in ctx.paragrafer:
        for key, texter in ctx.ra_referenser.get(id(p), {}).items():
            for t in texter:
                if tolka(t) is None:
                    yield fel(doc.path, key, f"\"{t}\" är ingen giltig hänvisning. Skriv "
                              f"\"<kortnamn> <ÅÅÅÅ-MM-DD> § <nummer>\", t.ex. \"{EXEMPEL}\".")


def _utanfor(doc, key, r):
    return varning(doc.path, key, f"\"{r.text}\": sammanträdet finns inte i arkivet, "
                   "hänvisningen visas som text utan länk.")


def beredning_giltig(ctx):
    arkiv = ctx.arkiv
    namn = [o.kortnamn for o in arkiv.organ.values()]
    for p, doc, _m in ctx.paragrafer:
        for r in p.beredning:
            if r.organ_id is None:
                organ = tolka(r.text).organ
                yield fel(doc.path, "beredning", f"\"{r.text}\": organet \"{organ}\" finns inte."
                          f"{menade_du(organ, namn)}")
                continue
            if r.datum >= p.datum:
                yield fel(doc.path, "beredning", f"\"{r.text}\": det beredande sammanträdet måste "
                          f"vara före detta ({p.datum}).")
                continue
            mal_m = arkiv.sammantrade(r.organ_id, r.datum)
            if mal_m is None:
                yield _utanfor(doc, "beredning", r)
                continue
            mal = mal_m.paragraf(r.paragraf)
            if mal is None:
                yield fel(doc.path, "beredning", f"\"{r.text}\": § {r.paragraf} finns inte i det "
                          "sammanträdet. Kontrollera paragrafnumret.")
            elif mal.dnr and p.dnr and mal.dnr != p.dnr:
                yield varning(doc.path, "beredning", f"\"{r.text}\" har dnr {mal.dnr} men den här "
                              f"paragrafen har dnr {p.dnr}. Kontrollera att det är samma ärende.")


def hanvisningar_giltiga(ctx):
    arkiv = ctx.arkiv
    for p, doc, _m in ctx.paragrafer:
        for r in p.hanvisningar:
            if r.organ_id is None:
                yield varning(doc.path, "hanvisningar", f"\"{r.text}\": organet finns inte i "
                              "arkivet, hänvisningen visas som text utan länk.")
                continue
            mal_m = arkiv.sammantrade(r.organ_id, r.datum)
            if mal_m is None:
                yield _utanfor(doc, "hanvisningar", r)
            elif mal_m.paragraf(r.paragraf) is None:
                yield fel(doc.path, "hanvisningar", f"\"{r.text}\": § {r.paragraf} finns inte i "
                          "det sammanträdet. Kontrollera paragrafnumret.")
