"""Rules: every dnr has a sane length and matches kommun.yml dnr_monster.

The pattern is the kommun's own regular expression, so it runs with a time
limit (the ``regex`` module's ``timeout``): a pattern that backtracks
catastrophically (``^(a|a)*$``) is reported on kommun.yml instead of hanging
the check.
"""
from __future__ import annotations

import regex

from generator.archive.model import dnr_slug
from generator.common.diagnostics import fel

TIDSGRANS = 0.25   # seconds for one match; a sane pattern needs microseconds


class _ForLangsamt(Exception):
    pass


def _passar(rx, dnr: str) -> bool:
    try:
        return rx.search(dnr, timeout=TIDSGRANS) is not None
    except TimeoutError:
        raise _ForLangsamt() from None


def _alla(ctx):
    for p, doc, _m in ctx.paragrafer:
        if p.dnr:
            yield p.dnr, doc.path, "dnr"
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or m.kallelse is None:
            continue
        for i, a in enumerate(m.kallelse.arenden, 1):
            if a.dnr:
                yield a.dnr, doc.path, f"kallelse.arenden[{i}].dnr"
    for h, doc, _m in ctx.handlingar:   # Markdown handlingar (content-format "Handlingar")
        if h.dnr and doc is not None:
            yield h.dnr, doc.path, "dnr"


MAX_BYTE = 255   # a dnr becomes a folder name (/arenden/<dnr>/); file systems allow 255 bytes


def dnr_rimlig_langd(ctx):
    for dnr, path, nyckel in _alla(ctx):
        if len(dnr_slug(dnr).encode("utf-8")) > MAX_BYTE:
            yield fel(path, nyckel, f"diarienumret är för långt ({len(dnr)} tecken): det blir en "
                      f"mapp i ärendets adress, som får vara högst {MAX_BYTE} byte. Skriv "
                      "diarienumret som i diariet, t.ex. 2024/00392.")


def dnr_foljer_monstret(ctx):
    monster = ctx.arkiv.kommun.dnr_monster
    if not monster:
        return
    try:
        rx = regex.compile(monster)
    except (regex.error, ValueError, OverflowError, RecursionError, MemoryError):
        return   # reported where kommun.yml is read
    for dnr, path, nyckel in _alla(ctx):
        try:
            ok = _passar(rx, dnr)
        except _ForLangsamt:
            yield fel(ctx.innehall.kommun.path if ctx.innehall.kommun else "kommun.yml",
                      "dnr_monster", f"mönstret tar för lång tid att pröva mot \"{dnr}\" i "
                      f"{path} (det prövar om och om igen, t.ex. ^(a|a)*$). Förenkla mönstret, "
                      "t.ex. '^\\d{4}/\\d{5}$'.")
            return
        if ok:
            continue
        if nyckel == "dnr":
            yield fel(path, nyckel, f"\"{dnr}\" följer inte kommunens diarienummermönster "
                      f"{monster} (kommun.yml dnr_monster). Skriv det som i diariet.")
        else:
            yield fel(path, nyckel, f"\"{dnr}\" följer inte kommunens diarienummermönster "
                      f"{monster}.")
