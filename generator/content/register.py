"""The register of locked meetings: ``<content>/.anslag/lasta.json``.

``anslag justera`` records every meeting it has locked here (and every meeting
that has a justering.lock when it runs), before it writes the lock. So a
justerat meeting whose lock has disappeared (deleted, or lost with a crash) is
an error of ``anslag kontrollera`` once the tool has locked it, while a meeting
justerat before the tool (never locked, not in the register) stays a note.
The register is itself checked: an entry whose lock is gone is an error.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.common.filer import skriv_atomiskt

REGISTER = ".anslag/lasta.json"
FORMAT = 1
BESKRIVNING = ("Skrivs av \"anslag justera\": sammanträden som verktyget har låst. Ett "
               "sammanträde här utan justering.lock är ett fel. Ändra inte för hand.")


class TrasigtRegister(Exception):
    """The register cannot be read (message in Swedish)."""


def register_fil(rot: Path) -> Path:
    return Path(rot) / REGISTER


def las_register(rot: Path) -> set[str]:
    """The locked meetings as ``organ/YYYY-MM-DD``; empty when there is no register."""
    fil = register_fil(rot)
    if not fil.exists() and not fil.is_symlink():
        return set()
    if fil.is_symlink() or not fil.is_file():
        raise TrasigtRegister("registret är ingen vanlig fil")
    try:
        data = json.loads(fil.read_bytes().decode("utf-8-sig"))
    except OSError as e:
        raise TrasigtRegister(f"filen kan inte läsas (fel {e.errno})") from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TrasigtRegister("filen är inte giltig JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or not isinstance(data.get("lasta"), list) \
            or not all(isinstance(x, str) for x in data["lasta"]):
        raise TrasigtRegister("filen har inte det väntade formatet (\"lasta\": en lista)")
    return set(data["lasta"])


def skriv_register(rot: Path, lasta: set[str]) -> None:
    data = {"format": FORMAT, "beskrivning": BESKRIVNING, "lasta": sorted(lasta)}
    skriv_atomiskt(register_fil(rot), (json.dumps(data, ensure_ascii=False, indent=2)
                                       + "\n").encode("utf-8"), varaktig=True)
