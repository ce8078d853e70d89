"""Operating-system errors (full disk, no permission...) as Swedish advice."""
from __future__ import annotations

import errno

_ORSAK = {
    errno.ENOSPC: ("disken är full", "Frigör utrymme på disken (eller välj en annan disk) och "
                   "kör kommandot igen."),
    errno.EDQUOT: ("diskkvoten är slut", "Frigör utrymme eller be om större kvot, och kör "
                   "kommandot igen."),
    errno.EFBIG: ("filen blev för stor för filsystemet eller gränsen för filstorlek",
                  "Frigör utrymme eller välj en annan disk, och kör kommandot igen."),
    errno.EACCES: ("du har inte behörighet", "Välj en mapp där du får skriva, eller be "
                   "den som sköter datorn om behörighet."),
    errno.EPERM: ("åtgärden är inte tillåten", "Välj en mapp där du får skriva, eller be "
                  "den som sköter datorn om behörighet."),
    errno.EROFS: ("filsystemet är skrivskyddat", "Välj en mapp på en disk där du får skriva."),
    errno.ENOTDIR: ("en del av sökvägen är en fil, inte en mapp", "Kontrollera sökvägen."),
    errno.EISDIR: ("det är en mapp, inte en fil", "Kontrollera sökvägen."),
    errno.ENOENT: ("filen eller mappen finns inte", "Kontrollera sökvägen."),
    errno.ENAMETOOLONG: ("namnet är för långt", "Välj en kortare sökväg."),
    errno.EIO: ("läs- eller skrivfel på disken", "Kontrollera disken och kör kommandot igen."),
    errno.EMFILE: ("för många öppna filer", "Kör kommandot igen."),
}


def beskriv(e: OSError) -> str:
    """'kunde inte skriva/läsa X: orsak. Råd.' in Swedish for any OSError."""
    orsak, rad = _ORSAK.get(e.errno, (f"systemfel {e.errno}" if e.errno else "systemfel",
                                      "Kontrollera disken och behörigheterna och kör "
                                      "kommandot igen."))
    var = f" {e.filename}" if e.filename else ""
    return f"kunde inte läsa eller skriva{var}: {orsak}. {rad}"


def orsak(e: OSError) -> str:
    """Only the Swedish reason, e.g. 'disken är full'."""
    return _ORSAK.get(e.errno, (f"systemfel {e.errno}",))[0]
