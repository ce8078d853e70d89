"""A path named in content (a bilaga, a handling) stays inside the meeting folder and exists.

Names are compared as NFC: a file saved on a Mac (NFD-decomposed å/ä/ö on disk)
matches the name written in the content, which is always read as NFC.
"""
from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path, PurePosixPath


def _pa_disk(mapp: Path, delar: tuple[str, ...]) -> tuple[Path, bool, bool] | None:
    """(the existing path under ``mapp`` whose parts equal ``delar`` as NFC, whether any
    part of it under ``mapp`` is a link, whether it is a regular file), or None. One
    ``lstat`` per part (this runs for every bilaga and handling of the archive)."""
    p = str(mapp)
    lank = False
    st = None
    for del_ in delar:
        kand = os.path.join(p, del_)
        try:
            st = os.lstat(kand)
        except OSError:
            try:
                namn = [n for n in os.listdir(p) if unicodedata.normalize("NFC", n) == del_]
            except OSError:
                return None
            if not namn:
                return None
            kand = os.path.join(p, namn[0])
            try:
                st = os.lstat(kand)
            except OSError:
                return None
        lank = lank or stat.S_ISLNK(st.st_mode)
        p = kand
    return Path(p), lank, st is not None and stat.S_ISREG(st.st_mode)


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
    hittad = _pa_disk(mapp, delar) if delar else None
    if hittad is None:
        return None, (f"filen \"{fil}\" finns inte. Lägg den i mötesmappen "
                      f"({mapp.name}/{fil}) eller rätta sökvägen.")
    kalla, lank, ar_fil = hittad
    if lank:
        return None, f"\"{fil}\" är en länk. Kopiera in själva filen i stället för en länk."
    try:
        # no part under the meeting folder is a link and there is no "..": the file is
        # the meeting folder's real path joined with the parts found
        mapp_verklig = os.path.realpath(mapp)
        resolved = Path(mapp_verklig, os.path.relpath(kalla, mapp))
    except (OSError, ValueError):
        return None, f"\"{fil}\" kan inte läsas."
    if not str(resolved).startswith(mapp_verklig.rstrip(os.sep) + os.sep):
        return None, f"\"{fil}\" ligger utanför sammanträdets mapp. Kopiera in filen under bilagor/."
    if not ar_fil:
        return None, (f"\"{fil}\" är ingen fil. Skriv sökvägen till en fil i mötesmappen, "
                      "t.ex. \"bilagor/fil.pdf\".")
    return resolved, None


def bilaga_sokvag_fel(fil: str, mapp: Path) -> str | None:
    """An error message for a bad bilaga path, or None when it is fine."""
    return bilaga_sokvag(fil, mapp)[1]
