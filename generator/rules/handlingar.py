"""Rules for handlingar (content-format "Handlingar").

Paths (inside the meeting folder, under handlingar/, existing) and the
frontmatter keys are checked where the model is built
(``generator.archive.handlingar``), dnr_monster by ``generator.rules.dnr``; these
are the rules on the whole archive.
"""
from __future__ import annotations

import re

from generator.archive.handlingsplan import Motesindex, aldrig_publik
from generator.common.diagnostics import fel, varning
from generator.rules.text import (PLATS_FORFILTER, PLATSHALLARE_RE, PNR_RE, SEX_SIFFROR,
                                  ar_personnummer)



def _rader(doc, rx: re.Pattern, forfilter: re.Pattern):
    if not forfilter.search(doc.text):
        return
    for m in rx.finditer(doc.text):
        yield doc.text.count("\n", 0, m.start()) + 1, m


def handling_utan_hanvisning(ctx):
    """A file in handlingar/ that no kallelse item lists and no § cites: a warning."""
    for m, _doc, ra in ctx.sammantraden:
        for rel in ra.filer:
            if rel.startswith("handlingar/") and rel not in m.handlingar:
                yield varning(f"{ra.organ_id}/{ra.datum_text}/{rel}", "handlingar",
                              "ingen punkt i kallelsen listar handlingen och ingen paragraf "
                              "hänvisar till den, så den publiceras inte. Lägg till den under "
                              "\"handlingar:\" på ärendet i kallelsen (sammantrade.md) eller i "
                              "en paragrafs beslutsunderlag, eller ta bort filen.")


def handling_utan_personnummer(ctx):
    """Personnummer in a handling that would be published: an error (one that is never
    published is not checked)."""
    index: dict[int, Motesindex] = {}   # one per meeting, not one per handling
    for h, doc, m in ctx.handlingar:
        if doc is None:
            continue
        ix = index.get(id(m))
        if ix is None:
            ix = index[id(m)] = Motesindex.av(m)
        if aldrig_publik(m, h, ix):
            continue
        for nr, t in _rader(doc, PNR_RE, SEX_SIFFROR):
            if ar_personnummer(t):
                yield fel(doc.path, "text" if nr >= doc.body_rad else "frontmatter",
                          f"rad {nr} innehåller ett personnummer eller samordningsnummer. "
                          "Handlingen publiceras: ta bort numret, eller markera handlingen "
                          "med \"sekretess:\" eller \"publiceras: false\".")


def handling_utan_platshallare(ctx):
    """Placeholders in a handling are a warning: a förslag written before the meeting
    legitimately cites "§ XX"."""
    for _h, doc, _m in ctx.handlingar:
        if doc is None:
            continue
        sedda: set[int] = set()
        for nr, t in _rader(doc, PLATSHALLARE_RE, PLATS_FORFILTER):
            if nr not in sedda:
                sedda.add(nr)
                yield varning(doc.path, "text" if nr >= doc.body_rad else "frontmatter",
                              f"rad {nr} innehåller en platshållare från mallen "
                              f"(\"{t.group(0)}\"). Fyll i den när värdet är känt.")

