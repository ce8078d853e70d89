"""The output folders ``--ut`` and ``--arkiv`` (contract: "Output folders").

They are folders the tool owns: neither may be the content folder, lie inside
it, contain it, or be each other (usage error, exit 2, nothing touched). An
existing folder that ``anslag bygg`` did not write (no marker file of ours) is
never emptied or replaced: also a usage error. An empty folder is taken over
(nothing in it can be lost). Every successful build writes the marker into
both folders; the staging folders of the build carry it too, so leftovers of
an interrupted build are only removed when they are ours.
"""
from __future__ import annotations

import os
from pathlib import Path

MARKOR = ".anslag-utdata"
MARKOR_TEXT = ("Den här mappen skrivs av \"anslag bygg\" (Anslagstavlan). Den töms och ersätts "
               "vid varje bygge; lägg inga egna filer här.\n")


def ar_var(mapp: Path) -> bool:
    """True when ``mapp`` is a folder with our marker file (a real file, not a link)."""
    m = Path(mapp) / MARKOR
    return m.is_file() and not m.is_symlink()


def skriv_markor(mapp: Path) -> None:
    Path(mapp).mkdir(parents=True, exist_ok=True)
    m = Path(mapp) / MARKOR
    if not ar_var(mapp):
        m.unlink(missing_ok=True)
        m.write_text(MARKOR_TEXT, encoding="utf-8")


def _verklig(p: Path) -> Path:
    return Path(os.path.realpath(Path(p).absolute()))


def _overlappar(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _tom(mapp: Path) -> bool:
    try:
        return not any(mapp.iterdir())
    except OSError:
        return False


def kontrollera(innehall: Path, mappar: dict[str, Path]) -> str | None:
    """A Swedish message when writing to ``mappar`` (option name -> folder) could touch
    the content or a folder that is not ours; None when it is safe."""
    rot = _verklig(innehall)
    verkliga = {namn: _verklig(p) for namn, p in mappar.items()}
    for namn, p in verkliga.items():
        if p == rot:
            return (f"{namn} {mappar[namn]} är innehållsmappen. Utdata skrivs aldrig dit; "
                    f"välj en annan mapp, t.ex. {namn} site.")
        if p.is_relative_to(rot):
            return (f"{namn} {mappar[namn]} ligger inne i innehållsmappen {innehall}. Utdata "
                    "får inte blandas med innehållet; välj en mapp utanför den.")
        if rot.is_relative_to(p):
            return (f"{namn} {mappar[namn]} innehåller innehållsmappen {innehall}. Mappen töms "
                    "vid bygget och innehållet skulle försvinna; välj en egen mapp för utdata.")
    namn = list(verkliga)
    for i, a in enumerate(namn):
        for b in namn[i + 1:]:
            if _overlappar(verkliga[a], verkliga[b]):
                return (f"{a} {mappar[a]} och {b} {mappar[b]} är samma mapp eller ligger i "
                        "varandra. Webbplatsen och arkivet ska ha var sin mapp.")
    for namn, p in verkliga.items():
        if not p.exists() and not p.is_symlink():
            continue
        if not p.is_dir():
            return (f"{namn} {mappar[namn]} finns redan och är ingen mapp. Välj en annan "
                    "sökväg, eller ta bort filen om den inte behövs.")
        if not ar_var(p) and not _tom(p):
            return (f"{namn} {mappar[namn]} finns redan och skapades inte av \"anslag bygg\" "
                    f"(markörfilen {MARKOR} saknas). Mappen töms eller ersätts aldrig av "
                    "verktyget. Välj en ny eller tom mapp, eller flytta bort mappen själv om "
                    "den inte behövs.")
    return None
