"""``anslag justera`` as one step: the justering in sammantrade.md and the lock.

Before anything is changed, a journal ``.justering-pagar.json`` is written (and
synced) in the meeting folder with the old sammantrade.md and the checksum of
the old lock (if any). Then sammantrade.md is replaced, the meeting is added
to the register of locked meetings, the lock is replaced (each an atomic
rename), and the journal is removed last. A crash or a kill at any point
leaves the journal behind: ``anslag kontrollera`` reports it as an error, and
the next ``anslag justera`` of that meeting finishes it (the new lock is in
place: only the journal is left) or rolls it back (sammantrade.md restored,
the register entry removed when this justering added it).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from generator.common.filer import skriv_atomiskt
from generator.content.lasfil import LASFIL
from generator.content.register import las_register, skriv_register

from generator.rules.las import JOURNAL   # one name, read by the rule as well


def _sha(fil: Path) -> str | None:
    try:
        return hashlib.sha256(fil.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def borja(mapp: Path, nyckel: str, ny_i_registret: bool) -> None:
    """Write the journal: everything needed to roll this justering back."""
    sm = mapp / "sammantrade.md"
    data = {"format": 1, "sammantrade": nyckel,
            "fore": base64.b64encode(sm.read_bytes()).decode("ascii"),
            "las_fore": _sha(mapp / LASFIL), "ny_i_registret": ny_i_registret}
    skriv_atomiskt(mapp / JOURNAL, json.dumps(data).encode("utf-8"), varaktig=True)
    _synka_mapp(mapp)


def avsluta(mapp: Path) -> None:
    (mapp / JOURNAL).unlink(missing_ok=True)
    _synka_mapp(mapp)


def _synka_mapp(mapp: Path) -> None:
    try:
        fd = os.open(mapp, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def pagar(mapp: Path) -> bool:
    return (mapp / JOURNAL).exists()


def _rester(mapp: Path) -> None:
    """Temporary files of an interrupted atomic write (see common.filer) of ours."""
    for namn in ("sammantrade.md", LASFIL, JOURNAL):
        for f in mapp.glob(f".{namn}.*"):
            if f.is_file() and not f.is_symlink():
                f.unlink(missing_ok=True)


def atervinn(rot: Path, mapp: Path) -> str | None:
    """Finish or roll back a half-done justering in ``mapp``; a Swedish sentence saying
    which, or None when there was none. Raises ValueError when the journal is damaged."""
    fil = mapp / JOURNAL
    if not fil.exists():
        _rester(mapp)
        return None
    try:
        data = json.loads(fil.read_bytes())
        fore = base64.b64decode(data["fore"], validate=True)
        las_fore = data["las_fore"]
        nyckel = str(data["sammantrade"])
        ny_i_registret = bool(data["ny_i_registret"])
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"journalen {fil.name} är skadad") from None
    if _sha(mapp / LASFIL) not in (None, las_fore):
        # the new lock was written: only the journal was left
        lasta = las_register(rot)
        if nyckel not in lasta:
            skriv_register(rot, lasta | {nyckel})
        avsluta(mapp)
        _rester(mapp)
        return (f"En avbruten justering av {nyckel} var nästan klar (låset var skrivet) "
                "och har slutförts.")
    skriv_atomiskt(mapp / "sammantrade.md", fore, varaktig=True)
    if ny_i_registret:
        lasta = las_register(rot)
        if nyckel in lasta:
            skriv_register(rot, lasta - {nyckel})
    avsluta(mapp)
    _rester(mapp)
    return (f"En avbruten justering av {nyckel} har rullats tillbaka: sammantrade.md är "
            "som före den avbrutna körningen.")
