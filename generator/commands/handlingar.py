"""Handlingar in the secretary's commands (content-format "Handlingar").

``anslag ny ORGAN DATUM --handlingar`` makes the meeting's handlingar/ folder with a
tjänsteskrivelse stub (also in an existing planned meeting folder); ``anslag status``
gets the section ``kallelser``: the issued kallelser of meetings not yet held and
whether every ärende has its handlingar.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.archive.model import Arkiv, Organ

STUBB = "handlingar/tjansteskrivelse.md"


def stubb_text(organ: Organ, idag: date) -> str:
    """A tjänsteskrivelse stub: valid frontmatter, text that is obviously to be replaced
    (its "§ XX"-free wording passes the rules; `anslag kontrollera` warns until a kallelse
    item lists it)."""
    return "\n".join([
        "---",
        "typ: Tjänsteskrivelse",
        "rubrik: Rubrik för tjänsteskrivelsen",
        f"datum: {idag.isoformat()}",
        "# dnr: 2025/00012",
        "# avsandare: Förvaltningens namn",
        "# handlaggare: [Namn Namnsson, titel]",
        f"till: {organ.namn}",
        "# skickas_till: [Kommunstyrelsen]",
        "---",
        "## Förslag till beslut",
        "",
        f"{organ.namn} föreslås besluta att ...",
        "",
        "## Sammanfattning",
        "",
        "Skriv en kort sammanfattning av ärendet här.",
        "",
        "## Ärendet",
        "",
        "Skriv bakgrund, överväganden och konsekvenser här.",
        "",
    ])


def skapa_stubb(mapp: Path, organ: Organ, idag: date) -> Path | None:
    """Write handlingar/tjansteskrivelse.md under ``mapp`` unless it exists; the path
    written, or None."""
    fil = mapp / STUBB
    fil.parent.mkdir(exist_ok=True)
    try:
        with open(fil, "x", encoding="utf-8", newline="\n") as f:
            f.write(stubb_text(organ, idag))
    except FileExistsError:
        return None
    return fil


def status_rader(arkiv: Arkiv, idag: date) -> list[tuple[list[str], str]]:
    """(cells, style) per issued kallelse of a meeting on or after ``idag``: organ,
    meeting, kallelse date, and whether every ärende has handlingar."""
    ut = []
    for o in arkiv.organ.values():
        for m in o.sammantraden:
            k = m.kallelse
            if k is None or m.utdrag or k.datum > idag or m.datum < idag:
                continue
            utan = [a.publik_rubrik for a in k.arenden if not a.handlingar]
            antal = len(k.arenden)
            if not antal:
                lage, stil = "ärendelistan är tom", "gul"
            elif utan:
                lage = (f"{antal - len(utan)} av {antal} ärenden har handlingar; saknas för: "
                        + "; ".join(utan))
                stil = "gul"
            else:
                lage, stil = f"kompletta ({len(m.handlingar)} handlingar)", "gron"
            ut.append(([o.kortnamn, m.datum.isoformat(), k.datum.isoformat(), lage], stil))
    return sorted(ut, key=lambda r: (r[0][1], r[0][0]))
