"""The public view of the archive: the only model the site renders from.

Everything the site, feeds, open data and search index show is read from the
``Publikt`` view built here, and the public PDFs take their publishing rule
and kallelse items from here too, so the sekretess rules live in one place:

* a paragraph with ``sekretess`` keeps only its number, its public title
  (``offentlig_rubrik`` or "Sekretessbelagt ärende"), the sekretess ground and
  its own anslag dates; rubrik, dnr, body, beslutsunderlag, expedieras, bilagor,
  jäv/reservationer/omröstning and its references are dropped, and links
  derived from it (``vidare_behandling`` on the paragraph it came from, the
  ärendets gång of its dnr) disappear;
* a protokoll is published once it is justerat (``justering.datum <= idag``);
  before that only omedelbart justerade paragraphs are; a meeting marked
  ``utdrag`` shows the extracts it holds;
* a kallelse item marked ``sekretess`` is published as its public title and ground
  only (rubrik ends "(sekretess: GROUND)"; dnr dropped); an unmarked item that
  names a secret paragraph is an error of the rules, never filtered here.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from generator.archive.model import Arkiv, KallelseArende, Organ, Paragraf, Referens, Sammantrade

Nyckel = tuple[str, date, int]


@dataclass(slots=True)
class Publikt:
    arkiv: Arkiv                                   # sanitised copy; secret text removed
    idag: date
    publicerade: set[Nyckel] = field(default_factory=set)   # § pages that exist
    ej_justerade: set[tuple[str, date]] = field(default_factory=set)  # held, protokoll not yet public

    def finns(self, nyckel: Nyckel | None) -> bool:
        return nyckel is not None and nyckel in self.publicerade

    def sammantrade_finns(self, organ_id: str, datum: date) -> bool:
        return self.arkiv.sammantrade(organ_id, datum) is not None


def protokoll_publicerat(m: Sammantrade, idag: date) -> bool:
    return m.utdrag or (m.justering is not None and m.justering.datum <= idag)


def _paragraf_publicerad(m: Sammantrade, p: Paragraf, idag: date) -> bool:
    if protokoll_publicerat(m, idag):
        return True
    return p.omedelbart_justerad and m.datum <= idag


def _sekretess(p: Paragraf) -> Paragraf:
    return Paragraf(organ_id=p.organ_id, datum=p.datum, nummer=p.nummer, rubrik=p.publik_rubrik,
                    fil="", sekretess=p.sekretess, offentlig_rubrik=p.offentlig_rubrik,
                    omedelbart_justerad=p.omedelbart_justerad, anslag=p.anslag)


def _publicerade(arkiv: Arkiv, idag: date) -> set[Nyckel]:
    return {p.nyckel for o in arkiv.organ.values() for m in o.sammantraden
            for p in m.paragrafer if _paragraf_publicerad(m, p, idag)}


def offentlig_kallelse(m: Sammantrade):
    """The meeting's kallelse as published: a secret item (marked ``sekretess``; the
    tool never guesses which items are secret, the rule kallelse_namner_sekretess
    makes the secretary mark them) keeps only its public title and its ground."""
    k = m.kallelse
    if k is None:
        return None
    return replace(k, arenden=tuple(
        KallelseArende(f"{a.publik_rubrik} (sekretess: {a.sekretess})", None, a.sekretess,
                       a.offentlig_rubrik) if a.sekretess else a
        for a in k.arenden))


def kallelse_vy(arkiv: Arkiv, idag: date) -> dict[tuple[str, date], object]:
    """(organ, datum) -> the public kallelse of every meeting that has one."""
    return {(o.id, m.datum): offentlig_kallelse(m)
            for o in arkiv.organ.values() for m in o.sammantraden if m.kallelse is not None}


def vy(arkiv: Arkiv, idag: date) -> Publikt:
    """Build the public view of ``arkiv`` as of ``idag``."""
    publicerade = _publicerade(arkiv, idag)
    hemliga: set[Nyckel] = {p.nyckel for o in arkiv.organ.values() for m in o.sammantraden
                            for p in m.paragrafer if p.ar_sekretess}

    def ref(r: Referens) -> Referens:
        return replace(r, i_arkivet=r.nyckel in publicerade if r.nyckel else False)

    ej_justerade: set[tuple[str, date]] = set()
    organ: dict[str, Organ] = {}
    for oid, o in arkiv.organ.items():
        moten = []
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            par = []
            for p in m.paragrafer:
                if p.nyckel not in publicerade:
                    continue
                if p.ar_sekretess:
                    par.append(_sekretess(p))
                    continue
                par.append(replace(
                    p,
                    beredning=[ref(r) for r in p.beredning],
                    hanvisningar=[ref(r) for r in p.hanvisningar],
                    vidare_behandling=[ref(r) for r in p.vidare_behandling
                                       if r.nyckel in publicerade and r.nyckel not in hemliga],
                    beslutsunderlag=list(p.beslutsunderlag), sektioner=list(p.sektioner),
                    expedieras=list(p.expedieras), jav=list(p.jav),
                    reservationer=list(p.reservationer)))
            if m.paragrafer and not protokoll_publicerat(m, idag):
                ej_justerade.add((oid, m.datum))
            moten.append(replace(m, paragrafer=par, kallelse=offentlig_kallelse(m),
                                 rattelser=[replace(r, filer=()) for r in m.rattelser],
                                 justerare=list(m.justerare), beslutande=list(m.beslutande),
                                 ersattare=list(m.ersattare), ovriga=list(m.ovriga)))
        organ[oid] = replace(o, sammantraden=moten)

    arenden: dict[str, list[Paragraf]] = {}
    for o in organ.values():
        for m in o.sammantraden:
            for p in m.paragrafer:
                if p.dnr and not p.ar_sekretess:
                    arenden.setdefault(p.dnr, []).append(p)
    for lista in arenden.values():
        lista.sort(key=lambda p: (p.datum, p.organ_id, p.nummer))
    ny = Arkiv(kommun=arkiv.kommun, organ=organ, arenden=dict(sorted(arenden.items())))
    return Publikt(ny, idag, publicerade, ej_justerade)
