"""References between paragraphs: ``<kortnamn> <YYYY-MM-DD> § <n>``."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from generator.archive.model import Arkiv, Paragraf, Referens

REFERENS_RE = re.compile(r"^\s*(?P<organ>\S.*?)\s+(?P<datum>\d{4}-\d{2}-\d{2})\s+§\s*(?P<n>\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Tolkad:
    text: str
    organ: str
    datum: date
    paragraf: int


def tolka(text: str) -> Tolkad | None:
    """Parse a reference; None when it does not follow the pattern."""
    m = REFERENS_RE.match(text)
    if not m:
        return None
    try:
        d = date.fromisoformat(m.group("datum"))
    except ValueError:
        return None
    return Tolkad(text.strip(), m.group("organ"), d, int(m.group("n")))


class Organregister:
    """Resolves kortnamn (case-insensitive) or organ id to an organ id."""

    def __init__(self, kortnamn: dict[str, str]) -> None:  # organ id -> kortnamn
        self._map: dict[str, str] = {}
        for oid, kort in kortnamn.items():
            self._map[oid.casefold()] = oid
            if kort:
                self._map[" ".join(kort.split()).casefold()] = oid
        namn = sorted(self._map, key=len, reverse=True)
        alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in namn)
        self._text_re = re.compile(
            rf"(?<![\w-])(?P<organ>{alt})\s+(?P<datum>\d{{4}}-\d{{2}}-\d{{2}})\s+§\s*(?P<n>\d+)",
            re.IGNORECASE) if alt else None

    def organ_id(self, namn: str) -> str | None:
        return self._map.get(" ".join(namn.split()).casefold())

    def kanda_namn(self) -> list[str]:
        return list(self._map)

    def hitta(self, text: str):
        """Yield (start, end, organ_id, datum, n) for every reference in free text."""
        if not self._text_re:
            return
        for m in self._text_re.finditer(text):
            oid = self.organ_id(m.group("organ"))
            try:
                d = date.fromisoformat(m.group("datum"))
            except ValueError:
                continue
            if oid:
                yield m.start(), m.end(), oid, d, int(m.group("n"))


def lanka(arkiv: Arkiv, paragrafer: list[Paragraf]) -> None:
    """The links between meetings, from every § of the archive in reading order: whether
    a reference's target is in the archive, vidare_behandling, and ärenden by dnr. Redone
    from scratch, so that a kept model whose changed meetings were replaced is linked
    exactly as a new one (commands.modellcache; archive.bygg calls it after a whole read)."""
    index = _paragrafindex(arkiv)
    for p in paragrafer:
        p.vidare_behandling = []
        for key in ("beredning", "hanvisningar"):
            refs = getattr(p, key)
            for i, r in enumerate(refs):
                finns = r.nyckel in index
                if r.i_arkivet != finns:
                    refs[i] = replace(r, i_arkivet=finns)
    arkiv.arenden = {}
    for p in paragrafer:
        for r in p.beredning:
            if r.i_arkivet and r.nyckel:
                mal = index.get(r.nyckel)
                if mal is not None:
                    mal.vidare_behandling.append(Referens(
                        arkiv.referens_text(*p.nyckel), p.organ_id, p.datum, p.nummer, True))
        if p.dnr:
            arkiv.arenden.setdefault(p.dnr, []).append(p)
    for lst in arkiv.arenden.values():
        lst.sort(key=lambda p: (p.datum, p.organ_id, p.nummer))


def _paragrafindex(arkiv: Arkiv) -> dict[tuple[str, date, int], Paragraf]:
    """``arkiv.paragraf`` as one dict (it searches the organ's meetings on every call): the
    first meeting of a date, the first § of a number."""
    ut: dict[tuple[str, date, int], Paragraf] = {}
    for oid, o in arkiv.organ.items():
        sedda: set[date] = set()
        for m in o.sammantraden:
            if m.datum not in sedda:
                sedda.add(m.datum)
                for p in m.paragrafer:
                    ut.setdefault((oid, m.datum, p.nummer), p)
    return ut
