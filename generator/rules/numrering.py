"""Rules for paragraf numbering."""
from __future__ import annotations

from generator.common.diagnostics import fel, varning


def unik_per_organ_och_ar(ctx):
    sett: dict[tuple[str, int, int], str] = {}
    for p, doc, _m in sorted(ctx.paragrafer, key=lambda t: t[1].path):
        k = (p.organ_id, p.datum.year, p.nummer)
        if k in sett:
            yield fel(doc.path, "paragraf", f"§ {p.nummer} finns redan i {sett[k]}: numren är "
                      f"unika per organ och år. Numrera om en av filerna.")
        else:
            sett[k] = doc.path


def i_foljd_inom_sammantradet(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if m.utdrag or len(m.paragrafer) < 2:
            continue
        for a, b in zip(m.paragrafer, m.paragrafer[1:]):
            if b.nummer > a.nummer + 1:
                yield fel(b.fil, "paragraf", f"§ {b.nummer} följer på § {a.nummer}: "
                          f"{'§ ' + str(a.nummer + 1) if b.nummer == a.nummer + 2 else 'paragrafer'}"
                          " saknas. Paragraferna i ett sammanträde ska vara i följd.")


def i_foljd_mellan_sammantraden(ctx):
    for organ in ctx.arkiv.organ.values():
        foregaende = None
        for m in organ.sammantraden:
            if not m.paragrafer or m.utdrag:
                continue
            if foregaende and foregaende.datum.year == m.datum.year:
                sista = foregaende.paragrafer[-1].nummer
                forsta = m.paragrafer[0].nummer
                if forsta != sista + 1:
                    vad = "börjar om" if forsta <= sista else "hoppar över nummer"
                    yield varning(m.paragrafer[0].fil, "paragraf", f"numreringen {vad}: "
                                  f"föregående sammanträde ({foregaende.datum}) slutade på "
                                  f"§ {sista}, detta börjar på § {forsta}.")
            foregaende = m
