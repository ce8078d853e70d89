"""Rules for förtroendevalda across meetings: one person, one spelling."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from generator.archive.personer import nastan
from generator.common.diagnostics import varning


def _forekomster(ctx) -> dict[str, dict[str, list[tuple[date, str, str]]]]:
    """Near-folded name -> spelling -> [(meeting date, file, key)] over beslutande and ersättare."""
    ut: dict[str, dict[str, list[tuple[date, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for m, doc, _ra in ctx.sammantraden:
        if doc is None:
            continue
        for key, lista in (("beslutande", m.beslutande), ("ersattare", m.ersattare)):
            for p in lista:
                for person in (p, p.ersatter):
                    if person is not None:
                        ut[nastan(person.namn)][person.namn].append((m.datum, doc.path, key))
    return ut


def en_stavning_per_person(ctx):
    """Two spellings that fold to nearly the same name in different meetings: a warning at the
    less used spelling that names both files and suggests the spelling used most (the latest
    on a tie)."""
    for stavningar in _forekomster(ctx).values():
        if len(stavningar) < 2:
            continue
        basta = max(stavningar, key=lambda s: (len(stavningar[s]), max(stavningar[s])))
        _d, basta_fil, _k = max(stavningar[basta])
        for stavning, var in sorted(stavningar.items()):
            if stavning == basta:
                continue
            d, fil, key = max(var)
            if all(f == basta_fil for _d2, f, _k2 in var):
                continue          # both spellings in one meeting: not a spelling across meetings
            fler = len(var) - 1
            andra = f" och i {fler} sammanträden till" if fler else ""
            yield varning(fil, key, f"\"{stavning}\" här{andra}, men \"{basta}\" i {basta_fil}. "
                          "Det ser ut att vara samma person: skriv namnet likadant i alla "
                          f"protokoll, förslagsvis \"{basta}\" (den stavning som används "
                          f"{'oftast' if len(stavningar[basta]) > len(var) else 'senast'}).")
