"""The publishing plan: everything that is public on a given day, as data.

``plan(arkiv, idag)`` is the one place that decides publication and secrecy.
The site, the PDF stage, feeds, open data, search and the checksum manifest
only read the ``Publiceringsplan`` it returns; none of them asks the model
whether something is public. The rules (content-format "Sekretess", "Dates
and the anslag period", "Bilagor", "Public URLs"):

* a protokoll is published once it is justerat (``justering.datum <= idag``);
  before that only its omedelbart justerade §§ are (from the meeting day);
  a meeting marked ``utdrag`` shows the extracts it holds;
* a § with ``sekretess`` keeps only its number, its public title
  (``offentlig_rubrik`` or "Sekretessbelagt ärende"), the ground and its own
  anslag dates; rubrik, dnr, body, beslutsunderlag, expedieras, bilagor,
  jäv/reservationer/omröstning and its references are dropped, and links
  derived from it (``vidare_behandling``, ärendets gång) disappear;
* nothing of a kallelse is public before ``kallelse.datum`` (issue 11): until
  then the public meeting has no kallelse (no ärendelista in pages, JSON,
  calendar, search or board; a planned meeting's free-text program is dropped
  too) and no ``kallelse.pdf``; the meeting is listed with date, tid and plats
  like a meeting without kallelse;
* a kallelse item marked ``sekretess`` is published as its public title and
  ground only (rubrik ends "(sekretess: GROUND)"; dnr dropped); an unmarked
  item that names a secret § is an error of the rules, never filtered here;
* PDFs: ``protokoll.pdf`` for a published protokoll (not ``utdrag``),
  ``utdrag-<n>.pdf`` for every published § without sekretess, ``kallelse.pdf``
  for every meeting with an issued kallelse (not ``utdrag``; also after it got
  §§, so a published URL never disappears), ``protokoll-med-bilagor.pdf`` when a
  published protokoll has PDF bilagor; the internal archive copies (full
  text, never in the site) are listed separately;
* bilagor of published §§ without sekretess are published under the
  meeting's ``bilagor/``; every published PDF and bilaga gets a checksum in
  ``data/sha256.txt`` and the meeting's JSON.

Public PDFs are made from ``MotesPlan.pdf_mote``: the meeting with every
sekretess § already reduced and the public kallelse, which does not depend
on the day, so a PDF's bytes never change with ``idag``.

Handlingar (content-format "Handlingar") are decided by
``generator.archive.handlingsplan``, called from here: each meeting's
``MotesPlan.handlingar`` holds the public ones (the public model's
``Sammantrade.handlingar`` holds nothing else) and the public text of the listed
ones that are not public; files published as they are come as ``PubliceradFil``
with ``slag`` "handling". In the public model a kallelse item or a § names a
handling file only when that handling is public.

Person pages (issue 12) read ``Publiceringsplan.arkiv``, in which
a sekretess § carries no persons.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Literal

from generator.archive import adresser, handlingsplan
from generator.archive.handlingar import ar_handling, normaliserad
from generator.schema.handling import MAPP
from generator.archive.handlingsplan import Handlingar, PubliceradHandling
from generator.archive.anslagstavla import Anslag, Kungorelse, alla_anslag, alla_kungorelser
from generator.archive.model import (Arkiv, Bilaga, KallelseArende, Organ, Paragraf, Referens,
                                     Sammantrade)

Nyckel = tuple[str, date, int]
MotesNyckel = tuple[str, date]
PdfSlag = Literal["protokoll", "utdrag", "kallelse", "paket", "handling", "kallelsepaket"]


@dataclass(frozen=True, slots=True)
class PlaneradPdf:
    """One PDF to make. ``sokvag`` is a site path when ``publik``, otherwise a path
    relative to the internal archive folder (full text, never published)."""

    slag: PdfSlag
    sokvag: str
    organ_id: str
    datum: date
    nummer: int | None = None       # the § of an utdrag
    publik: bool = True
    fil: str | None = None          # the handling (handlingar/x.md) of a "handling" PDF


@dataclass(frozen=True, slots=True)
class PubliceradFil:
    """A file published as it is (today: a bilaga of a published §)."""

    sokvag: str                     # site path
    kalla: Path                     # source file in the content folder
    titel: str
    nummer: int                     # the § that cites it
    sha256: str | None = None       # as recorded in justering.lock
    ar_pdf: bool = False            # goes into protokoll-med-bilagor.pdf
    slag: str = "bilaga"


@dataclass(slots=True)
class MotesPlan:
    organ: Organ                    # the full organ (for document headers)
    sammantrade: Sammantrade        # the full meeting (internal archive copies only)
    gor_pdf_mote: Callable[[], Sammantrade] = field(repr=False)  # makes ``pdf_mote``
    pdfer: list[PlaneradPdf] = field(default_factory=list)     # public, in the site
    interna: list[PlaneradPdf] = field(default_factory=list)   # internal archive copies
    filer: list[PubliceradFil] = field(default_factory=list)   # bilagor (unique paths)
    handlingar: Handlingar = field(default_factory=Handlingar)  # public ones + listed texts
    handlingsfiler: list[PubliceradFil] = field(default_factory=list)  # published as they are
    _pdf_mote: Sammantrade | None = field(default=None, repr=False)

    @property
    def pdf_mote(self) -> Sammantrade:
        """What the public PDFs are made of: the meeting with every sekretess § reduced, the
        public kallelse and the handlingar as published once the meeting is justerat (not
        dependent on the day). Made when first asked for: a build without PDFs never does."""
        if self._pdf_mote is None:
            self._pdf_mote = self.gor_pdf_mote()
        return self._pdf_mote

    @property
    def nyckel(self) -> MotesNyckel:
        return (self.organ.id, self.sammantrade.datum)

    def pdf(self, slag: PdfSlag, nummer: int | None = None) -> str | None:
        return next((d.sokvag for d in self.pdfer if d.slag == slag and d.nummer == nummer), None)

    @property
    def dokument(self) -> list[str]:
        """Site paths of every published document of the meeting (they get checksums)."""
        return sorted([d.sokvag for d in self.pdfer] + [f.sokvag for f in self.filer]
                      + [f.sokvag for f in self.handlingsfiler])


@dataclass(slots=True)
class Publiceringsplan:
    arkiv: Arkiv                    # the public model: published §§ only, secret text removed
    idag: date
    pdf: bool                       # PDFs are made in this build
    publicerade: set[Nyckel] = field(default_factory=set)              # § pages that exist
    ej_justerade: set[MotesNyckel] = field(default_factory=set)        # protokoll not yet public
    moten: dict[MotesNyckel, MotesPlan] = field(default_factory=dict)  # every meeting

    # -- pages
    def finns(self, nyckel: Nyckel | None) -> bool:
        return nyckel is not None and nyckel in self.publicerade

    def sammantrade_finns(self, organ_id: str, datum: date) -> bool:
        return self.arkiv.sammantrade(organ_id, datum) is not None

    def protokoll_publicerat(self, organ_id: str, datum: date) -> bool:
        m = self.arkiv.sammantrade(organ_id, datum)
        return m is not None and bool(m.paragrafer) and (organ_id, datum) not in self.ej_justerade

    # -- documents (site path, or None when there is no such public document)
    def protokoll_pdf(self, organ_id: str, datum: date) -> str | None:
        mp = self.moten.get((organ_id, datum))
        return mp.pdf("protokoll") if mp else None

    def utdrag_pdf(self, organ_id: str, datum: date, nummer: int) -> str | None:
        mp = self.moten.get((organ_id, datum))
        return mp.pdf("utdrag", nummer) if mp else None

    def kallelse_pdf(self, organ_id: str, datum: date) -> str | None:
        mp = self.moten.get((organ_id, datum))
        return mp.pdf("kallelse") if mp else None

    def paket_pdf(self, organ_id: str, datum: date) -> str | None:
        mp = self.moten.get((organ_id, datum))
        return mp.pdf("paket") if mp else None

    def pdfer(self, organ_id: str, datum: date) -> list[str]:
        mp = self.moten.get((organ_id, datum))
        return [d.sokvag for d in mp.pdfer] if mp else []

    def filer(self) -> Iterator[PubliceradFil]:
        """Every file published as it is (bilagor, handlingar), each site path once."""
        for mp in self.moten.values():
            yield from mp.filer
            yield from mp.handlingsfiler

    def handlingar(self) -> Iterator[PubliceradHandling]:
        """Every public handling, in organ and meeting order."""
        for mp in self.moten.values():
            yield from mp.handlingar.publika.values()

    def dokument(self) -> dict[MotesNyckel, list[str]]:
        """The checksum manifest's entries: meeting -> site paths of its published documents."""
        return {k: mp.dokument for k, mp in self.moten.items() if mp.dokument}

    # -- feeds and data rows
    def anslag(self) -> list[Anslag]:
        """Every anslag of the public model (the board, the Atom feed)."""
        return alla_anslag(self.arkiv)

    def kungorelser(self) -> list[Kungorelse]:
        return alla_kungorelser(self.arkiv)

    def paragrafer(self) -> Iterator[Paragraf]:
        """Every published § (open data rows), in organ and meeting order."""
        for o in self.arkiv.organ.values():
            for m in o.sammantraden:
                yield from m.paragrafer


# ---------------------------------------------------------------- the rules


def _protokoll_publicerat(m: Sammantrade, idag: date) -> bool:
    return bool(m.paragrafer) and (m.utdrag or (m.justering is not None and m.justering.datum <= idag))


def _paragraf_publicerad(m: Sammantrade, p: Paragraf, idag: date) -> bool:
    return _protokoll_publicerat(m, idag) or (p.omedelbart_justerad and m.datum <= idag)


def sekretess_paragraf(p: Paragraf) -> Paragraf:
    """What of a sekretess § is ever public: number, public title, ground, anslag dates."""
    return Paragraf(organ_id=p.organ_id, datum=p.datum, nummer=p.nummer, rubrik=p.publik_rubrik,
                    fil="", sekretess=p.sekretess, offentlig_rubrik=p.offentlig_rubrik,
                    omedelbart_justerad=p.omedelbart_justerad, anslag=p.anslag)


def kallelse_utfardad(m: Sammantrade, idag: date) -> bool:
    """The kallelse is issued (``kallelse.datum <= idag``): before that nothing of it is public."""
    return m.kallelse is not None and m.kallelse.datum <= idag


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


def _utan_hemliga_filer(m: Sammantrade, hl: Handlingar) -> Sammantrade:
    """The public meeting names a handling file only when the handling is public: a
    kallelse item lists any other by its public text, a § by its title only."""
    def b_(b: Bilaga) -> Bilaga:
        if not b.fil:
            return b
        fil = normaliserad(b.fil)
        if not fil.startswith(MAPP) or fil in hl.publika:
            return b
        return Bilaga(hl.listade.get(fil) or b.titel or "Handling")

    def p_(p: Paragraf) -> Paragraf:   # shared unless a handling file must be hidden
        bu = [b_(b) for b in p.beslutsunderlag]
        return p if all(x is y for x, y in zip(bu, p.beslutsunderlag)) else replace(
            p, beslutsunderlag=bu)

    par = [p_(p) for p in m.paragrafer]
    k = m.kallelse
    if k is not None:
        k = replace(k, arenden=tuple(replace(a, handlingar=tuple(
            b_(b) for b in a.handlingar if b.fil in hl.publika or b.fil in hl.listade))
            for a in k.arenden))
    return replace(m, paragrafer=par, kallelse=k,
                   handlingar={f: h.handling for f, h in hl.publika.items()})


def _handlingsfiler(hl: Handlingar) -> list[PubliceradFil]:
    return [PubliceradFil(ph.fil, ph.handling.kalla, ph.handling.titel, 0, ph.handling.sha256,
                          ph.handling.ar_pdf, slag="handling")
            for ph in hl.publika.values() if ph.fil]


def _filer(m: Sammantrade, publicerade: set[Nyckel]) -> list[PubliceradFil]:
    ut: dict[str, PubliceradFil] = {}
    for p in m.paragrafer:
        if p.ar_sekretess or p.nyckel not in publicerade:
            continue  # bilagor of a sekretess (or not yet published) § are never published
        for b in p.beslutsunderlag:
            if not b.fil or b.kalla is None or not adresser.bilaga_rel(b.fil):
                continue
            if ar_handling(b.fil):  # a handling: published by its own rules
                continue
            s = adresser.bilaga(m.organ_id, m.datum, b.fil)
            if s not in ut:
                ut[s] = PubliceradFil(s, Path(b.kalla), b.titel, p.nummer, b.sha256, b.ar_pdf)
    return list(ut.values())


def _pdfer(m: Sammantrade, idag: date, publicerade: set[Nyckel],
           filer: list[PubliceradFil]) -> tuple[list[PlaneradPdf], list[PlaneradPdf]]:
    oid, d = m.organ_id, m.datum
    pub: list[PlaneradPdf] = []
    intern: list[PlaneradPdf] = []
    if kallelse_utfardad(m, idag) and not m.utdrag:
        pub.append(PlaneradPdf("kallelse", adresser.kallelse_pdf(oid, d), oid, d))
    if m.paragrafer and not m.utdrag and _protokoll_publicerat(m, idag):
        pub.append(PlaneradPdf("protokoll", adresser.protokoll_pdf(oid, d), oid, d))
        if any(f.ar_pdf for f in filer):
            pub.append(PlaneradPdf("paket", adresser.paket_pdf(oid, d), oid, d))
    for p in m.paragrafer:
        if not p.ar_sekretess and p.nyckel in publicerade:
            pub.append(PlaneradPdf("utdrag", adresser.utdrag_pdf(oid, d, p.nummer), oid, d, p.nummer))
    mapp = f"{oid}/{d.isoformat()}/"
    if m.paragrafer and not m.utdrag:
        # the full protokoll (OJUSTERAT until justerat)
        intern.append(PlaneradPdf("protokoll", mapp + "protokoll.pdf", oid, d, publik=False))
    for p in m.paragrafer:
        if p.ar_sekretess and (m.utdrag or m.justering is not None or p.omedelbart_justerad):
            intern.append(PlaneradPdf("utdrag", f"{mapp}utdrag-{p.nummer}.pdf", oid, d, p.nummer,
                                      publik=False))
    return pub, intern


# ---------------------------------------------------------------- the plan
# The cost is proportional to the archive: a published § without sekretess is shared
# with the model unless a reference's link changes (``_publik_paragraf``) or a handling
# file must be hidden (``_utan_hemliga_filer``); only secret §§ are reduced to new
# objects, and each meeting's handlingar are decided from one index of the meeting.


def _lankade(refs: list[Referens], publicerade: set[Nyckel]) -> list[Referens]:
    """References linked only to published §§ (the same list when nothing changes)."""
    def ok(r: Referens) -> bool:
        return r.nyckel is not None and r.nyckel in publicerade

    if all(r.i_arkivet == ok(r) for r in refs):
        return refs
    return [replace(r, i_arkivet=ok(r)) for r in refs]


def _publik_paragraf(p: Paragraf, publicerade: set[Nyckel], hemliga: set[Nyckel]) -> Paragraf:
    """A published § as public: a sekretess § reduced, any other shared with the model
    unless its references link to something not public (then a copy with those links
    fixed and ``vidare_behandling`` from secret or unpublished §§ dropped)."""
    if p.ar_sekretess:
        return sekretess_paragraf(p)
    ber, han = _lankade(p.beredning, publicerade), _lankade(p.hanvisningar, publicerade)
    vid = [r for r in p.vidare_behandling if r.nyckel in publicerade and r.nyckel not in hemliga]
    if ber is p.beredning and han is p.hanvisningar and len(vid) == len(p.vidare_behandling):
        return p
    return replace(p, beredning=ber, hanvisningar=han, vidare_behandling=_lankade(vid, publicerade))


def _mote(arkiv: Arkiv, o: Organ, m: Sammantrade, idag: date, publicerade: set[Nyckel],
          hemliga: set[Nyckel], pdf: bool) -> tuple[MotesPlan, Sammantrade]:
    """One meeting's plan and its public model."""
    kallelse = offentlig_kallelse(m)
    utfardad = kallelse_utfardad(m, idag)
    ix = handlingsplan.Motesindex.av(m)
    par = [_publik_paragraf(p, publicerade, hemliga) for p in m.paragrafer
           if p.nyckel in publicerade]
    hl = handlingsplan.handlingar(arkiv, m, idag, publicerade, ix)
    publik = _utan_hemliga_filer(replace(
        m, paragrafer=par, kallelse=kallelse if utfardad else None,
        text=m.text if utfardad or m.kallelse is None or m.paragrafer else "",
        rattelser=[replace(r, filer=()) for r in m.rattelser],
        justerare=list(m.justerare), beslutande=list(m.beslutande),
        ersattare=list(m.ersattare), ovriga=list(m.ovriga)), hl)
    filer = _filer(m, publicerade)

    def pdf_mote() -> Sammantrade:
        return _utan_hemliga_filer(replace(m, kallelse=kallelse, paragrafer=[
            sekretess_paragraf(p) if p.ar_sekretess else p for p in m.paragrafer]),
            handlingsplan.handlingar(arkiv, m, date.max, {p.nyckel for p in m.paragrafer}, ix))

    pdfer, interna = _pdfer(m, idag, publicerade, filer) if pdf else ([], [])
    if pdf:
        pdfer += handlingsplan.pdfer(m, hl, idag)
    return MotesPlan(o, m, pdf_mote, pdfer, interna, filer, hl, _handlingsfiler(hl)), publik


def plan(arkiv: Arkiv, idag: date, *, pdf: bool = True) -> Publiceringsplan:
    """The publishing plan of ``arkiv`` as of ``idag``. ``pdf`` False: this build makes
    no PDFs, so none is planned (nor linked)."""
    publicerade = {p.nyckel for m in arkiv.alla_sammantraden() for p in m.paragrafer
                   if _paragraf_publicerad(m, p, idag)}
    hemliga = {p.nyckel for p in arkiv.alla_paragrafer() if p.ar_sekretess}

    ut = Publiceringsplan(arkiv, idag, pdf, publicerade)
    organ: dict[str, Organ] = {}
    for oid, o in arkiv.organ.items():
        moten = []
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            if m.paragrafer and not _protokoll_publicerat(m, idag):
                ut.ej_justerade.add((oid, m.datum))
            mp, publik = _mote(arkiv, o, m, idag, publicerade, hemliga, pdf)
            ut.moten[(oid, m.datum)] = mp
            moten.append(publik)
        organ[oid] = replace(o, sammantraden=moten)

    arenden: dict[str, list[Paragraf]] = {}
    for o in organ.values():
        for m in o.sammantraden:
            for p in m.paragrafer:
                if p.dnr and not p.ar_sekretess:
                    arenden.setdefault(p.dnr, []).append(p)
    for lista in arenden.values():
        lista.sort(key=lambda p: (p.datum, p.organ_id, p.nummer))
    ut.arkiv = Arkiv(kommun=arkiv.kommun, organ=organ, arenden=dict(sorted(arenden.items())))
    return ut
