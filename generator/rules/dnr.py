"""Rule: every dnr matches kommun.yml dnr_monster."""
from __future__ import annotations

import re

from generator.common.diagnostics import fel


def dnr_foljer_monstret(ctx):
    monster = ctx.arkiv.kommun.dnr_monster
    if not monster:
        return
    rx = re.compile(monster)
    for p, doc, _m in ctx.paragrafer:
        if p.dnr and not rx.search(p.dnr):
            yield fel(doc.path, "dnr", f"\"{p.dnr}\" följer inte kommunens diarienummermönster "
                      f"{monster} (kommun.yml dnr_monster). Skriv det som i diariet.")
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or m.kallelse is None:
            continue
        for i, a in enumerate(m.kallelse.arenden, 1):
            if a.dnr and not rx.search(a.dnr):
                yield fel(doc.path, f"kallelse.arenden[{i}].dnr", f"\"{a.dnr}\" följer inte "
                          f"kommunens diarienummermönster {monster}.")
