"""A path named in content (a bilaga, a handling) stays inside the meeting folder and exists.

Names are compared as NFC: a file saved on a Mac (NFD-decomposed å/ä/ö on disk)
matches the name written in the content, which is always read as NFC.
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePosixPath


def _pa_disk(mapp: Path, delar: tuple[str, ...]) -> Path | None:
    """The existing path under ``mapp`` whose parts equal ``delar`` as NFC, or None."""
    p = mapp
    for del_ in delar:
        if (p / del_).exists() or (p / del_).is_symlink():
            p = p / del_
            continue
        try:
            namn = [n for n in os.listdir(p) if unicodedata.normalize("NFC", n) == del_]
        except OSError:
            return None
        if not namn:
            return None
        p = p / namn[0]
    return p


def bilaga_sokvag(fil: str, mapp: Path) -> tuple[Path | None, str | None]:
    """(the file on disk, None) for a good bilaga path, else (None, Swedish error)."""
    if not fil.strip():
        return None, ("är tom. Skriv sökvägen till filen relativt mötesmappen, t.ex. "
                      "\"bilagor/fil.pdf\", eller ta bort raden \"fil:\".")
    if any(ord(c) < 32 or ord(c) == 127 for c in fil):
        return None, (f"{fil!r} innehåller ett styrtecken (t.ex. en nollbyte). Skriv bara "
                      "filens namn, t.ex. \"bilagor/fil.pdf\".")
    ren = PurePosixPath(unicodedata.normalize("NFC", fil.replace("\\", "/")))
    if ren.is_absolute() or fil.startswith(("/", "\\")) or (len(fil) > 1 and fil[1] == ":"):
        return None, (f"\"{fil}\" är en absolut sökväg. Lägg filen i mötesmappen, t.ex. under "
                      "bilagor/, och skriv sökvägen relativt mappen: \"bilagor/fil.pdf\".")
    if ".." in ren.parts:
        return None, (f"\"{fil}\" pekar ut ur sammanträdets mapp (..). Kopiera filen till "
                      "mötesmappens bilagor/ och hänvisa dit.")
    delar = tuple(d for d in ren.parts if d not in ("", "."))
    kalla = _pa_disk(mapp, delar) if delar else None
    if kalla is None:
        return None, (f"filen \"{fil}\" finns inte. Lägg den i mötesmappen "
                      f"({mapp.name}/{fil}) eller rätta sökvägen.")
    if kalla.is_symlink() or any(p.is_symlink() for p in kalla.parents if mapp in p.parents):
        return None, f"\"{fil}\" är en länk. Kopiera in själva filen i stället för en länk."
    try:
        resolved = kalla.resolve()
    except (OSError, RuntimeError):
        return None, f"\"{fil}\" kan inte läsas."
    if mapp.resolve() not in resolved.parents:
        return None, f"\"{fil}\" ligger utanför sammanträdets mapp. Kopiera in filen under bilagor/."
    if not resolved.is_file():
        return None, (f"\"{fil}\" är ingen fil. Skriv sökvägen till en fil i mötesmappen, "
                      "t.ex. \"bilagor/fil.pdf\".")
    return resolved, None


def bilaga_sokvag_fel(fil: str, mapp: Path) -> str | None:
    """An error message for a bad bilaga path, or None when it is fine."""
    return bilaga_sokvag(fil, mapp)[1]
