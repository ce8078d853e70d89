"""A test archive for the person pages: the fixture archive tests/fixtures/bas/ with votes,
reservations and jäv in two organs (KS and KS AU), a tjänstgörande ersättare, a change of
party, and a sekretess § whose jäv, votes and reservation must never reach any public byte."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import BAS

# the KS AU § 2 gets a vote; Karl Testberg votes in both organs
AU_OMROSTNING = ("dnr: KS 2025/3\n",
                 "dnr: KS 2025/3\n"
                 "omrostning:\n  ja: [Eva Exempelsson (S), Karl Testberg (M)]\n"
                 "  nej: [Lisa Provare (C)]\n  avstar: []\n"
                 "reservationer: [Lisa Provare (C)]\n")
# Lisa Provare stood for M at the AU meeting, for C later: the latest party is shown
AU_PARTI = ("  - Lisa Provare (C)\n", "  - Lisa Provare (M)\n")
# the secret KS § 2: Stina Suppleant is not among KS's beslutande, so the only ones who can
# be named are the beslutande; Karl Testberg reports jäv, the others vote, Eva Eriksson reserves
HEMLIG_PERSONDATA = ("sekretess: OSL 26 kap. 1 §\n",
                     "sekretess: OSL 26 kap. 1 §\n"
                     "jav: [Karl Testberg (M)]\n"
                     "omrostning:\n  ja: [Eva Exempelsson (S), Lisa Provare (C)]\n"
                     "  nej: [Eva Eriksson (V)]\n  avstar: [Per Persson (S)]\n"
                     "reservationer: [Eva Eriksson (V)]\n")


def ersatt(fil: Path, gammal: str, ny: str) -> None:
    text = fil.read_text(encoding="utf-8")
    assert gammal in text, f"{gammal!r} saknas i {fil}"
    fil.write_text(text.replace(gammal, ny, 1), encoding="utf-8")


def personarkiv(rot: Path, hemlig_persondata: bool = True, personsidor: bool | None = None) -> Path:
    shutil.copytree(BAS, rot)
    ersatt(rot / "ks-au/2025-02-11/02-delegation.md", *AU_OMROSTNING)
    ersatt(rot / "ks-au/2025-02-11/sammantrade.md", *AU_PARTI)
    if hemlig_persondata:
        ersatt(rot / "ks/2025-02-25/02-sekretess.md", *HEMLIG_PERSONDATA)
    if personsidor is not None:
        ersatt(rot / "kommun.yml", "namn:", f"personsidor: {str(personsidor).lower()}\nnamn:")
    return rot
