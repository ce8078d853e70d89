"""Rule: secrecy is declared, never guessed.

A kallelse item that names the matter of a sekretess paragraph anywhere in the
archive (the same dnr, or the same rubrik after folding case, spacing and
punctuation; the matter may come back at a later meeting) must itself be marked
``sekretess``. The public view publishes exactly what is declared, so an
unmarked item is an error naming both files.
"""
from __future__ import annotations

import unicodedata

from generator.common.diagnostics import fel


def vik(text: str) -> str:
    """Fold case, spacing and punctuation (and compatibility forms) away."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def kallelse_namner_sekretess(ctx):
    rubriker: dict[str, str] = {}
    dnr: dict[str, str] = {}
    for p, doc, _m in sorted(ctx.paragrafer, key=lambda t: t[1].path):
        if not p.ar_sekretess:
            continue
        if vik(p.rubrik):
            rubriker.setdefault(vik(p.rubrik), doc.path)
        if p.dnr and vik(p.dnr):
            dnr.setdefault(vik(p.dnr), doc.path)
    if not rubriker and not dnr:
        return
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or m.kallelse is None:
            continue
        for i, a in enumerate(m.kallelse.arenden, 1):
            if a.sekretess:
                continue
            if a.rubrik and vik(a.rubrik) in rubriker:
                yield fel(doc.path, f"kallelse.arenden[{i}].rubrik", _text(
                    f"rubriken \"{a.rubrik}\"", rubriker[vik(a.rubrik)]))
            elif a.dnr and vik(a.dnr) in dnr:
                yield fel(doc.path, f"kallelse.arenden[{i}].dnr", _text(
                    f"dnr {a.dnr}", dnr[vik(a.dnr)]))


def _text(vad: str, fil: str) -> str:
    return (f"{vad} är samma ärende som den sekretessbelagda paragrafen i {fil}, men ärendet "
            "är inte markerat med sekretess och skulle publiceras. Lägg till \"sekretess:\" "
            "(och gärna \"offentlig_rubrik:\") på ärendet i kallelsen.")
