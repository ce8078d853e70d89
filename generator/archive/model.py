"""The typed model: kommun -> organ -> sammanträde -> paragraf.

Built once by ``generator.archive.bygg_arkiv`` from validated content. Every
later stage (board, site, PDF, status) reads only this model; nothing after
the model re-reads content files. Bilaga files are referenced by their
absolute source path and SHA-256 so renderers can copy them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from generator.archive.uppslag import forsta

OrganTyp = Literal["fullmaktige", "styrelse", "namnd", "utskott", "beredning", "ovrigt"]
ORGAN_TYPER: tuple[str, ...] = ("fullmaktige", "styrelse", "namnd", "utskott", "beredning", "ovrigt")

SEKRETESS_RUBRIK = "Sekretessbelagt ärende"


@dataclass(frozen=True, slots=True)
class Overklagande:
    veckor: int = 3
    tillkannagivande_dagar: int = 2
    justering_dagar: int = 14


@dataclass(slots=True)
class Kommun:
    namn: str
    webbplats: str
    forvaringsplats: str | None = None
    dnr_monster: str | None = None
    overklagande: Overklagande = field(default_factory=Overklagande)
    personsidor: bool = True        # /ledamoter/ pages and the person data files
    tillganglighet_kontakt: str | None = None   # kommun.yml tillganglighet.kontakt


_STRECK_OCH_MELLANRUM = re.compile(r"[-‐‑‒–—\s]+")
PERSON_RE = re.compile(r"^(?P<namn>[^(),]+?)\s*(?:\((?P<parti>[^()]*)\))?\s*$")


def namnnyckel(namn: str) -> str:
    """The one folding function for names: NFC, case, whitespace and hyphens folded
    (``Jernberg-Zernig`` = ``jernberg  zernig``). Every comparison of two persons' names
    (rules, site, PDF, förtroendevalda) goes through it."""
    s = unicodedata.normalize("NFC", namn).casefold()
    return " ".join(_STRECK_OCH_MELLANRUM.sub(" ", s).split())


@dataclass(frozen=True, slots=True)
class Person:
    """A förtroendevald as written: ``Namn (Parti)``, optionally ``, ersätter Namn (Parti)``.
    ``str()`` gives it back as written."""

    namn: str
    parti: str | None = None
    ersatter: "Person | None" = None

    @property
    def nyckel(self) -> str:
        return namnnyckel(self.namn)

    def samma(self, annan: "Person") -> bool:
        """The same person (names folded by ``namnnyckel``; party and "ersätter" ignored)."""
        return self.nyckel == annan.nyckel

    @classmethod
    def tolka(cls, text: str) -> "tuple[Person | None, str | None]":
        """``Namn (Parti)`` with optional ``, ersätter Namn (Parti)``: (person, None), or
        (None, Swedish error)."""
        huvud, sep, rest = text.partition(",")
        m = PERSON_RE.match(huvud)
        if not m:
            return None, f"\"{text}\" ska skrivas \"Namn (Parti)\"."
        ersatter = None
        if sep:
            r = re.match(r"^\s*ersätter\s+(.+)$", rest)
            if not r:
                return None, (f"\"{text}\": efter kommatecknet förväntas \"ersätter Namn (Parti)\". "
                              "Ordförande anges med nyckeln ordforande.")
            em = PERSON_RE.match(r.group(1))
            if not em:
                return None, f"\"{text}\": den som ersätts ska skrivas \"Namn (Parti)\"."
            ersatter = cls(em.group("namn").strip(), (em.group("parti") or "").strip() or None)
        return cls(m.group("namn").strip(), (m.group("parti") or "").strip() or None, ersatter), None

    @classmethod
    def av_text(cls, text: str) -> "Person":
        """A name field that is not a list entry (ordförande, justerare): ``Namn`` or
        ``Namn (Parti)``; anything else is kept whole as the name (the rules then say
        that it is not among the beslutande)."""
        m = PERSON_RE.match(text)
        if not m:
            return cls(text.strip())
        return cls(m.group("namn").strip(), (m.group("parti") or "").strip() or None)

    @classmethod
    def las(cls, text: str) -> "Person":
        """A name in a list that is not a roster (jäv, reservationer, omröstning): parsed
        like a beslutande entry; text that does not parse is kept whole as the name (the
        rules then say that it is not among the beslutande)."""
        p, _fel = cls.tolka(text)
        return p if p is not None else cls.av_text(text)

    @property
    def kort(self) -> str:
        return f"{self.namn} ({self.parti})" if self.parti else self.namn

    def __str__(self) -> str:
        if self.ersatter:
            return f"{self.kort}, ersätter {self.ersatter.kort}"
        return self.kort


@dataclass(frozen=True, slots=True)
class Referens:
    """``<kortnamn> <YYYY-MM-DD> § <n>``; ``organ_id`` is None when the organ is unknown."""

    text: str
    organ_id: str | None
    datum: date
    paragraf: int
    i_arkivet: bool = False  # True when the target § exists in the archive

    @property
    def nyckel(self) -> tuple[str, date, int] | None:
        return (self.organ_id, self.datum, self.paragraf) if self.organ_id else None


@dataclass(frozen=True, slots=True)
class Bilaga:
    """A beslutsunderlag: plain text, or a title with a file of the meeting."""

    titel: str
    fil: str | None = None          # relative to the meeting folder, e.g. bilagor/x.pdf
    kalla: Path | None = None       # absolute source path (copied by renderers)
    sha256: str | None = None
    storlek: int | None = None
    ar_pdf: bool = False            # the file is a PDF by its first bytes (read with the checksum)


@dataclass(frozen=True, slots=True)
class Sektion:
    rubrik: str
    text: str                       # Markdown (raw HTML is escaped by the renderers)
    ar_beslut: bool = False


@dataclass(frozen=True, slots=True)
class Omrostning:
    ja: tuple[Person, ...] = ()
    nej: tuple[Person, ...] = ()
    avstar: tuple[Person, ...] = ()

    def roster(self) -> "tuple[tuple[str, Person], ...]":
        """Every vote cast: (``ja``/``nej``/``avstar``, person), in that order."""
        return tuple((typ, p) for typ, lista in (("ja", self.ja), ("nej", self.nej),
                                                 ("avstar", self.avstar)) for p in lista)


@dataclass(frozen=True, slots=True)
class Anslagsdatum:
    uppsatt: date
    sista_dag: date                 # last day to appeal
    nedtas: date                    # first day it is off the board


@dataclass(frozen=True, slots=True)
class Justering:
    datum: date
    plats: str | None = None


@dataclass(frozen=True, slots=True)
class KallelseArende:
    rubrik: str                        # "" for a secret item written without one
    dnr: str | None = None
    sekretess: str | None = None       # the ground: the item is secret (declared, never guessed)
    offentlig_rubrik: str | None = None
    handlingar: tuple[Bilaga, ...] = ()  # its handlingar (``fil`` under handlingar/)
    andring: str | None = None         # "tillagt" | "reviderat"

    @property
    def publik_rubrik(self) -> str:
        if self.sekretess:
            return self.offentlig_rubrik or SEKRETESS_RUBRIK
        return self.rubrik


@dataclass(frozen=True, slots=True)
class Handling:
    """A document sent out with the kallelse (content-format "Handlingar"): a Markdown
    handling (rendered as a page and a PDF) or any other file, published as it is."""

    fil: str                           # relative to the meeting folder: handlingar/x.md
    titel: str                         # the rubrik of a Markdown handling, else the entry's titel
    kalla: Path
    sha256: str
    storlek: int
    typ: str | None = None             # Markdown handlingar only, from here on
    datum: date | None = None
    dnr: str | None = None
    avsandare: str | None = None
    handlaggare: tuple[str, ...] = ()
    till: str | None = None
    skickas_till: tuple[str, ...] = ()
    sekretess: str | None = None
    publiceras: bool = True
    ingress: str = ""
    sektioner: tuple[Sektion, ...] = ()
    ar_pdf: bool = False               # a file published as it is that is a PDF (first bytes)

    @property
    def markdown(self) -> bool:
        return self.fil.endswith(".md")

    @property
    def namn(self) -> str:
        """The file name: the slug of a Markdown handling is this without ``.md``."""
        return self.fil.rsplit("/", 1)[-1]

    @property
    def slug(self) -> str:
        return self.namn[:-3] if self.markdown else self.namn


@dataclass(frozen=True, slots=True)
class Kallelse:
    datum: date
    arenden: tuple[KallelseArende, ...] = ()


@dataclass(frozen=True, slots=True)
class Rattelse:
    datum: date
    orsak: str
    filer: tuple[str, ...] = ()


@dataclass(slots=True)
class Paragraf:
    organ_id: str
    datum: date                     # meeting date
    nummer: int
    rubrik: str
    fil: str                        # path relative to the content folder (for messages)
    dnr: str | None = None
    beredning: list[Referens] = field(default_factory=list)
    hanvisningar: list[Referens] = field(default_factory=list)
    vidare_behandling: list[Referens] = field(default_factory=list)  # derived: who this § prepared
    omedelbart_justerad: bool = False
    anslag: Anslagsdatum | None = None  # own anslag of an omedelbart justerad §
    sekretess: str | None = None
    offentlig_rubrik: str | None = None
    expedieras: list[str] = field(default_factory=list)
    jav: list[Person] = field(default_factory=list)
    reservationer: list[Person] = field(default_factory=list)
    omrostning: Omrostning | None = None
    beslutsunderlag: list[Bilaga] = field(default_factory=list)
    sektioner: list[Sektion] = field(default_factory=list)
    ingress: str = ""              # body text before the first ## heading

    @property
    def ar_sekretess(self) -> bool:
        return self.sekretess is not None

    @property
    def publik_rubrik(self) -> str:
        if self.ar_sekretess:
            return self.offentlig_rubrik or SEKRETESS_RUBRIK
        return self.rubrik

    @property
    def beslut(self) -> Sektion | None:
        return next((s for s in self.sektioner if s.ar_beslut), None)

    @property
    def nyckel(self) -> tuple[str, date, int]:
        return (self.organ_id, self.datum, self.nummer)


@dataclass(slots=True)
class Sammantrade:
    organ_id: str
    datum: date
    fil: str                        # sammantrade.md, relative to the content folder
    plats: str | None = None
    tid: str | None = None
    ordforande: Person | None = None
    sekreterare: Person | None = None  # usually an official: a name, not a förtroendevald
    justerare: list[Person] = field(default_factory=list)
    beslutande: list[Person] = field(default_factory=list)
    ersattare: list[Person] = field(default_factory=list)
    ovriga: list[str] = field(default_factory=list)
    kallelse: Kallelse | None = None
    justering: Justering | None = None
    anslag: Anslagsdatum | None = None
    forvaringsplats: str | None = None   # resolved: meeting > organ > kommun
    utdrag: bool = False
    text: str = ""
    paragrafer: list[Paragraf] = field(default_factory=list)
    rattelser: list[Rattelse] = field(default_factory=list)
    last: bool = False               # a justering.lock exists
    handlingar: dict[str, Handling] = field(default_factory=dict)  # fil -> handling

    @property
    def planerat(self) -> bool:
        return not self.paragrafer

    @property
    def justerat(self) -> bool:
        return self.justering is not None

    @property
    def ar(self) -> int:
        return self.datum.year

    _index: tuple = field(default=(None, 0, None), init=False, repr=False, compare=False)

    def paragraf(self, nummer: int) -> Paragraf | None:
        return forsta(self, self.paragrafer, "nummer", nummer)

    @property
    def paragrafspann(self) -> str:
        """``§§ 1–16`` or ``§ 3`` or ``§§ 1, 3, 7`` (utdrag)."""
        nr = [p.nummer for p in self.paragrafer]
        if not nr:
            return ""
        if len(nr) == 1:
            return f"§ {nr[0]}"
        if nr == list(range(nr[0], nr[-1] + 1)):
            return f"§§ {nr[0]}–{nr[-1]}"
        return "§§ " + ", ".join(str(n) for n in nr)

    def ledamot_namn(self) -> list[str]:
        return [p.namn for p in self.beslutande]

    def ar_ordforande(self, p: Person) -> bool:
        return self.ordforande is not None and self.ordforande.samma(p)


@dataclass(slots=True)
class Organ:
    id: str
    namn: str
    kortnamn: str
    typ: str
    fil: str
    under: str | None = None
    forvaringsplats: str | None = None
    sidfot: str = "Justerandes signatur"
    sammantraden: list[Sammantrade] = field(default_factory=list)
    _index: tuple = field(default=(None, 0, None), init=False, repr=False, compare=False)

    def sammantrade(self, datum: date) -> Sammantrade | None:
        return forsta(self, self.sammantraden, "datum", datum)

    @property
    def ar(self) -> list[int]:
        return sorted({m.datum.year for m in self.sammantraden}, reverse=True)


def dnr_slug(dnr: str) -> str:
    """URL segment for ärendets gång: ``/`` and ``:`` become ``-``."""
    return re.sub(r"[/:]", "-", dnr.strip())


@dataclass(slots=True)
class Arkiv:
    """The whole validated archive."""

    kommun: Kommun
    organ: dict[str, Organ]
    arenden: dict[str, list[Paragraf]] = field(default_factory=dict)  # dnr -> §§ (public and secret)

    def sammantrade(self, organ_id: str, datum: date) -> Sammantrade | None:
        o = self.organ.get(organ_id)
        return o.sammantrade(datum) if o else None

    def paragraf(self, organ_id: str, datum: date, nummer: int) -> Paragraf | None:
        m = self.sammantrade(organ_id, datum)
        return m.paragraf(nummer) if m else None

    def alla_sammantraden(self) -> list[Sammantrade]:
        return [m for o in self.organ.values() for m in o.sammantraden]

    def alla_paragrafer(self) -> list[Paragraf]:
        return [p for m in self.alla_sammantraden() for p in m.paragrafer]

    def referens_text(self, organ_id: str, datum: date, nummer: int) -> str:
        o = self.organ.get(organ_id)
        kort = o.kortnamn if o else organ_id
        return f"{kort} {datum.isoformat()} § {nummer}"
