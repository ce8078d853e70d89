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
import shutil
import subprocess
from pathlib import Path
from typing import Iterable

from generator.common.filer import lankkopia_klar

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


# ---------------------------------------------------------------- the staging folder
# ``anslag bygg`` stages the new site as a copy of the published one made of hard links

def vanta_pa_kopia(kopia: subprocess.Popen | None, fran: Path, till: Path) -> None:
    if lankkopia_klar(kopia):
        return
    shutil.rmtree(till, ignore_errors=True)
    _lanka_kopia(fran, till)


def stoppa_kopia(kopia: subprocess.Popen | None, staging: Path) -> None:
    if kopia is not None and kopia.poll() is None:
        kopia.kill()
        kopia.wait()
    shutil.rmtree(staging, ignore_errors=True)


def _lanka_kopia(fran: Path, till: Path) -> None:
    """Copy a tree as hard links in Python (falls back to copies across file systems)."""
    for dirpath, _dirs, filer in os.walk(fran):
        rel = Path(dirpath).relative_to(fran)
        (till / rel).mkdir(parents=True, exist_ok=True)
        for namn in filer:
            k = Path(dirpath) / namn
            m = till / rel / namn
            try:
                os.link(k, m)
            except OSError:
                shutil.copy2(k, m)


def rensa_gamla(site: Path, behall: set[str], start_ns: int,
                 kanda: Iterable[str] | None = None) -> int:
    """Remove files of the previous build (older than this build) that it no longer produces.
    Pagefind manages its own folder; everything written by this build is newer.
    ``kanda``: the files of the tree ``site`` was copied from, as scanned before the copy
    (``publicerad``): only those can be old, so the folder is not walked."""
    if kanda is not None:
        return _rensa_kanda(site, [r for r in kanda if r not in behall
                                   and not r.startswith("pagefind/")], start_ns)
    borta = 0
    rot = str(site)
    for dirpath, dirs, filer in os.walk(rot, topdown=False):
        if dirpath == rot:
            dirs[:] = [d for d in dirs if d != "pagefind"]
        rel_dir = os.path.relpath(dirpath, rot)
        if rel_dir == "pagefind" or rel_dir.startswith("pagefind" + os.sep):
            continue
        tog_bort = False
        for namn in filer:
            rel = namn if rel_dir == "." else f"{rel_dir}/{namn}".replace(os.sep, "/")
            if rel in behall:
                continue
            p = os.path.join(dirpath, namn)
            if os.stat(p).st_mtime_ns < start_ns:
                os.unlink(p)
                borta += 1
                tog_bort = True
        if tog_bort and dirpath != rot:
            try:
                os.rmdir(dirpath)  # only succeeds when empty
            except OSError:
                pass
    return borta


def _rensa_kanda(site: Path, kandidater: list[str], start_ns: int) -> int:
    borta, mappar = 0, set()
    for rel in kandidater:
        p = os.path.join(site, rel)
        try:
            if os.stat(p, follow_symlinks=False).st_mtime_ns >= start_ns:
                continue
            os.unlink(p)
        except FileNotFoundError:
            continue
        borta += 1
        mappar.add(os.path.dirname(rel))
    for rel in sorted(mappar, key=len, reverse=True):   # emptied folders, deepest first
        while rel:
            try:
                os.rmdir(os.path.join(site, rel))  # only succeeds when empty
            except OSError:
                break
            rel = os.path.dirname(rel)
    return borta


def ta_bort_avvikande(staging: Path, avvikande: list[str]) -> None:
    """Files of the published site changed since its build wrote them are not kept: they
    are made again (a changed search file: its whole bucket is indexed again)."""
    for rel in avvikande:
        delar = rel.split("/")
        if delar[0] == "pagefind" and len(delar) > 2:
            rel = f"pagefind/{delar[1]}/pagefind-entry.json"
        (staging / rel).unlink(missing_ok=True)
