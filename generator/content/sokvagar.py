"""A path named in content (a bilaga, a handling) stays inside the meeting folder and exists."""
from __future__ import annotations

from pathlib import Path, PurePosixPath


def bilaga_sokvag_fel(fil: str, mapp: Path) -> str | None:
    """An error message for a bad bilaga path, or None when it is fine."""
    ren = PurePosixPath(fil.replace("\\", "/"))
    if ren.is_absolute() or fil.startswith(("/", "\\")) or (len(fil) > 1 and fil[1] == ":"):
        return (f"\"{fil}\" är en absolut sökväg. Lägg filen i mötesmappen, t.ex. under "
                "bilagor/, och skriv sökvägen relativt mappen: \"bilagor/fil.pdf\".")
    if ".." in ren.parts:
        return (f"\"{fil}\" pekar ut ur sammanträdets mapp (..). Kopiera filen till "
                "mötesmappens bilagor/ och hänvisa dit.")
    kalla = mapp / fil
    if kalla.is_symlink() or any(p.is_symlink() for p in kalla.parents if mapp in p.parents):
        return f"\"{fil}\" är en länk. Kopiera in själva filen i stället för en länk."
    try:
        resolved = kalla.resolve()
    except OSError:
        return f"\"{fil}\" kan inte läsas."
    if mapp.resolve() not in resolved.parents:
        return f"\"{fil}\" ligger utanför sammanträdets mapp. Kopiera in filen under bilagor/."
    if not resolved.is_file():
        return (f"filen \"{fil}\" finns inte. Lägg den i mötesmappen "
                f"({mapp.name}/{fil}) eller rätta sökvägen.")
    return None
