"""Diagnostics: what the secretary reads when something is wrong.

Every diagnostic names the file, the key and what to do, in Swedish, as
``PATH: fel|varning: KEY: message``.
"""
from __future__ import annotations

import difflib
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

Niva = Literal["fel", "varning"]


@dataclass(frozen=True, slots=True, order=True)
class Diagnostik:
    path: str
    niva: Niva
    nyckel: str
    meddelande: str

    def __str__(self) -> str:
        return f"{self.path}: {self.niva}: {self.nyckel}: {self.meddelande}"


@dataclass(slots=True)
class Rapport:
    """Collects diagnostics from every stage."""

    poster: list[Diagnostik] = field(default_factory=list)

    def fel(self, path: str, nyckel: str, meddelande: str) -> None:
        self.poster.append(Diagnostik(path, "fel", nyckel, meddelande))

    def varning(self, path: str, nyckel: str, meddelande: str) -> None:
        self.poster.append(Diagnostik(path, "varning", nyckel, meddelande))

    def extend(self, poster: Iterable[Diagnostik]) -> None:
        self.poster.extend(poster)

    @property
    def har_fel(self) -> bool:
        return any(p.niva == "fel" for p in self.poster)

    def antal(self, niva: Niva) -> int:
        return sum(1 for p in self.poster if p.niva == niva)

    def sorterade(self) -> list[Diagnostik]:
        return sorted(set(self.poster))


def fel(path: str, nyckel: str, meddelande: str) -> Diagnostik:
    return Diagnostik(path, "fel", nyckel, meddelande)


def varning(path: str, nyckel: str, meddelande: str) -> Diagnostik:
    return Diagnostik(path, "varning", nyckel, meddelande)


def _fold(s: str) -> str:
    """Fold a name for near-miss comparison: case, accents, hyphens, spacing."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return "".join(c for c in s if c.isalnum())


def narmaste(namn: str, kandidater: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name, or None."""
    kandidater = list(kandidater)
    folded = _fold(namn)
    for k in kandidater:
        if _fold(k) == folded:
            return k
    träff = difflib.get_close_matches(namn, kandidater, n=1, cutoff=0.6)
    if träff:
        return träff[0]
    fmap = {_fold(k): k for k in kandidater}
    träff = difflib.get_close_matches(folded, list(fmap), n=1, cutoff=0.6)
    return fmap[träff[0]] if träff else None


def menade_du(namn: str, kandidater: Iterable[str]) -> str:
    """' Menade du "X"?' or an empty string."""
    n = narmaste(namn, kandidater)
    return f' Menade du "{n}"?' if n else ""


def innehall_saknas(rot) -> bool:
    """True (and the Swedish message on stderr) when the content folder does not exist."""
    if Path(rot).is_dir():
        return False
    print(f"{rot}: fel: innehall: mappen finns inte. Ange innehållsmappen med --innehall.",
          file=sys.stderr)
    return True
