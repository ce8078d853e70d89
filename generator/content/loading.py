"""Load: read the content folder into raw documents.

This is the only stage that touches content files. It accepts a BOM, CRLF and
NFD-decomposed text and normalises them to NFC/LF. A file that cannot be read
(not UTF-8, empty, malformed YAML, no frontmatter) becomes a diagnostic, never a
traceback.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from generator.common.cache import Cachefil, kodavtryck
from generator.common.diagnostics import Diagnostik, Rapport
from generator.common.parallell import i_tva
from generator.content.frontmatter import FrontmatterFel, dela
from generator.content.lankar import lankar_ut
from generator.content.yamlsakert import ForDjupt, ladda

DATUM_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORGAN_RE = re.compile(r"^[a-z0-9-]+$")


@dataclass(slots=True)
class Dokument:
    """One YAML or Markdown file: its frontmatter, body and key line numbers."""

    path: str                     # relative to the content folder, with /
    data: dict
    body: str = ""
    body_rad: int = 1             # line number where the body starts
    nyckelrader: dict[str, int] = field(default_factory=dict)
    text: str = ""                # the whole normalised text

    def rad(self, nyckel: str) -> int | None:
        return self.nyckelrader.get(nyckel)


@dataclass(slots=True)
class RaSammantrade:
    organ_id: str
    datum_text: str
    mapp: Path
    sammantrade: Dokument | None
    sammantrade_path: str
    paragrafer: list[Dokument] = field(default_factory=list)
    filer: dict[str, Path] = field(default_factory=dict)  # every file of the meeting, rel -> abs
    lock: Path | None = None
    handlingar: dict[str, Dokument] = field(default_factory=dict)  # handlingar/x.md -> parsed
    okanda: list[str] = field(default_factory=list)   # files and folders nothing reads (rel)


@dataclass(slots=True)
class RaOrgan:
    id: str
    mapp: Path
    organ: Dokument | None
    organ_path: str
    sammantraden: list[RaSammantrade] = field(default_factory=list)
    okanda: list[str] = field(default_factory=list)   # files beside organ.yml (rel)


@dataclass(slots=True)
class Innehall:
    rot: Path
    kommun: Dokument | None
    organ: list[RaOrgan] = field(default_factory=list)
    okanda: list[str] = field(default_factory=list)   # files beside kommun.yml (rel)


# Files the operating system leaves in folders; never reported as unknown.
SYSTEMFILER = frozenset({"Thumbs.db", "desktop.ini", "Desktop.ini"})


def _okand(p: Path, ut: dict[Path, Path]) -> bool:
    return not (p.name.startswith(".") or p.name in SYSTEMFILER or p in ut or p.is_symlink())


def normalisera(raw: bytes) -> str:
    """Decode UTF-8 (BOM allowed), LF line endings, NFC."""
    text = raw.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


_KEY_RE = re.compile(r"^([A-Za-z_åäöÅÄÖ][\w-]*)\s*:", re.UNICODE)


def _nyckelrader(fm_text: str, forsta_rad: int) -> dict[str, int]:
    rader: dict[str, int] = {}
    for i, line in enumerate(fm_text.split("\n")):
        m = _KEY_RE.match(line)
        if m and m.group(1) not in rader:
            rader[m.group(1)] = forsta_rad + i
    return rader


_YAML_PROBLEM = [
    ("did not find expected ',' or ']'", "en lista som börjar med [ avslutas inte med ]"),
    ("did not find expected ',' or '}'", "nycklar inom { avslutas inte med }"),
    ("found a tab character", "tabbtecken; använd mellanslag för indrag"),
    ("mapping values are not allowed", "ett kolon på fel ställe (text som innehåller "
     "\": \" ska stå inom citattecken)"),
    ("could not find expected ':'", "ett kolon saknas efter nyckeln"),
    ("found character '\\t' that cannot start any token", "tabbtecken; använd mellanslag för indrag"),
    ("found unexpected end of stream", "ett citattecken avslutas inte"),
    ("found undefined alias", "ett ogiltigt *-tecken i början av ett värde (sätt värdet inom citattecken)"),
]


def _yaml_fel(exc: yaml.YAMLError, forsta_rad: int) -> str:
    problem = getattr(exc, "problem", None) or "ogiltig YAML"
    for eng, sv in _YAML_PROBLEM:
        if problem.startswith(eng):
            problem = sv
            break
    mark = getattr(exc, "problem_mark", None)
    ctx = getattr(exc, "context_mark", None)
    if mark is None and ctx is None:
        return f"trasig YAML ({problem}). Kontrollera indrag, kolon och citattecken."
    rad = (mark or ctx).line + forsta_rad
    borjan = ""
    if ctx is not None and mark is not None and ctx.line != mark.line:
        borjan = f", i det som började på rad {ctx.line + forsta_rad}"
    return (f"trasig YAML på rad {rad}{borjan}: {problem}. "
            "Kontrollera indrag, kolon och citattecken där.")


def _las_text(fil: Path, rel: str, rapport: Rapport) -> str | None:
    try:
        raw = fil.read_bytes()
    except OSError as e:
        rapport.fel(rel, "fil", f"filen kan inte läsas ({e.strerror}).")
        return None
    try:
        text = normalisera(raw)
    except UnicodeDecodeError as e:
        rapport.fel(rel, "fil", f"filen är inte UTF-8 (byte {e.start}). "
                    "Spara om den som UTF-8 i din editor.")
        return None
    if not text.strip():
        rapport.fel(rel, "fil", "filen är tom. Fyll i den eller ta bort den.")
        return None
    return text


def las_yaml(fil: Path, rel: str, rapport: Rapport) -> Dokument | None:
    text = _las_text(fil, rel, rapport)
    if text is None:
        return None
    try:
        data = ladda(text)
    except yaml.YAMLError as e:
        rapport.fel(rel, "yaml", _yaml_fel(e, 1))
        return None
    except ForDjupt as e:
        rapport.fel(rel, "yaml", e.meddelande)
        return None
    if not isinstance(data, dict):
        rapport.fel(rel, "yaml", "filen ska innehålla nycklar med värden (t.ex. \"namn: ...\").")
        return None
    return Dokument(rel, data, "", 1, _nyckelrader(text, 1), text)


class Tolkminne:
    """Parsed Markdown files by the hash of their normalised text, kept between builds
    (``anslag bygg`` keeps it in its cache folder). Parsing the YAML is most of the cost
    of reading an archive; a file whose text is unchanged is not parsed again. The memo
    is keyed by the code of the content stage (and what it imports) and the YAML
    library's version (generator.common.cache), and only files that parsed without
    error are kept, so every diagnostic is still produced."""

    def __init__(self, fil: Path | None = None) -> None:
        self.cache = Cachefil(fil, _tolkversion()) if fil is not None else None
        self.forra: dict[bytes, bytes] = self.cache.las() if self.cache is not None else {}
        self.nya: dict[bytes, bytes] = {}

    @staticmethod
    def nyckel(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=20).digest()

    def hamta(self, nyckel: bytes):
        v = self.forra.get(nyckel)
        if v is None:
            return None
        self.nya[nyckel] = v
        return pickle.loads(v)

    def lagg(self, nyckel: bytes, varde) -> None:
        self.nya[nyckel] = pickle.dumps(varde, protocol=pickle.HIGHEST_PROTOCOL)

    def spara(self) -> None:
        if self.cache is not None:
            self.cache.spara(self.nya)


def _tolkversion() -> str:
    return kodavtryck("generator.common", "generator.content", bibliotek=("PyYAML",))


def las_markdown(fil: Path, rel: str, rapport: Rapport,
                 minne: Tolkminne | None = None) -> Dokument | None:
    text = _las_text(fil, rel, rapport)
    if text is None:
        return None
    nyckel = None
    if minne is not None:
        nyckel = minne.nyckel(text)
        tidigare = minne.hamta(nyckel)
        if tidigare is not None:
            data, body, body_rad, nyckelrader = tidigare
            return Dokument(rel, data, body, body_rad, nyckelrader, text)
    try:
        delad = dela(text)
    except FrontmatterFel as e:
        if e.slag == "saknas":
            rapport.fel(rel, "frontmatter", "filen saknar frontmatter. Den ska börja med en rad "
                        "\"---\", sedan nycklarna (t.ex. \"paragraf: 3\"), sedan \"---\".")
        else:
            rapport.fel(rel, "frontmatter", "frontmatter avslutas inte. Lägg till en rad "
                        "\"---\" efter nycklarna.")
        return None
    fm_text = delad.fm_text
    try:
        data = ladda(fm_text) if fm_text.strip() else {}
    except yaml.YAMLError as e:
        rapport.fel(rel, "frontmatter", _yaml_fel(e, delad.fm_rad))
        return None
    except ForDjupt as e:
        rapport.fel(rel, "frontmatter", e.meddelande)
        return None
    if not isinstance(data, dict) or (not data and fm_text.strip()):
        rapport.fel(rel, "frontmatter", "frontmatter ska innehålla nycklar med värden "
                    "(t.ex. \"paragraf: 3\").")
        return None
    doc = Dokument(rel, dict(data), delad.body, delad.body_rad,
                   _nyckelrader(fm_text, delad.fm_rad), text)
    if minne is not None:
        minne.lagg(nyckel, (doc.data, doc.body, doc.body_rad, doc.nyckelrader))
    return doc


def _rel(p: Path, rot: Path) -> str:
    return p.relative_to(rot).as_posix()


def las_innehall(rot: Path, rapport: Rapport, minne: Tolkminne | None = None,
                 urval: set[tuple[str, str]] | None = None) -> Innehall:
    """Read the whole content folder. Files nothing reads are listed (``okanda``, reported by
    ``rules.filer``), not fatal. A link
    that points outside the content folder is an error and is never followed.
    ``urval``: read only these meeting folders ((organ folder, meeting folder) pairs) besides
    kommun.yml and every organ.yml; for a folder the caller has seen to hold no links."""
    rot = Path(rot)
    ut = lankar_ut(rot) if urval is None else {}
    for lank, mal in sorted(ut.items()):
        vad = "mappen" if mal.is_dir() else "filen"
        rapport.fel(_rel(lank, rot), "lank", f"är en symbolisk länk till {mal}, utanför "
                    "innehållsmappen. Inget utanför innehållsmappen läses eller publiceras: "
                    f"kopiera in {vad} här i stället för länken.")
    kommun_fil = rot / "kommun.yml"
    kommun = None
    if kommun_fil in ut:
        pass
    elif kommun_fil.is_file():
        kommun = las_yaml(kommun_fil, "kommun.yml", rapport)
    else:
        rapport.fel("kommun.yml", "fil", "kommun.yml saknas. Skapa den med minst "
                    "\"namn:\" och \"webbplats:\".")
    innehall = Innehall(rot, kommun)
    innehall.okanda = sorted(p.name for p in rot.iterdir()
                             if p.name != "kommun.yml" and not p.is_dir() and _okand(p, ut))
    organ: list[tuple[RaOrgan, list[Diagnostik], int]] = []   # (organ, its diagnostics, meetings)
    uppgifter: list[tuple[str, Path]] = []
    for organ_mapp in sorted(p for p in rot.iterdir()
                             if p not in ut and p.is_dir() and not p.name.startswith(".")):
        orapport = Rapport()
        ra, moten = _las_organ(organ_mapp, rot, orapport, ut, urval)
        organ.append((ra, orapport.poster, len(moten)))
        uppgifter.extend((ra.id, m) for m in moten)
    lasta: list[tuple[RaSammantrade, list[Diagnostik]]] = []
    for del_, nya in i_tva(uppgifter, lambda del_: _las_moten(del_, rot, minne, ut),
                           MINST_FOR_TVA_PROCESSER):
        lasta.extend(del_)
        if minne is not None and nya is not minne.nya:
            minne.nya.update(nya)
    i = 0
    for ra, poster, antal in organ:     # the order of a read in one process
        rapport.extend(poster)
        for ra_m, m_poster in lasta[i:i + antal]:
            ra.sammantraden.append(ra_m)
            rapport.extend(m_poster)
        i += antal
        innehall.organ.append(ra)
    return innehall


# Meeting folders from which the reading is split over two processes
# (generator.common.parallell): below it a fork costs more than it saves (docs/arkitektur.md).
MINST_FOR_TVA_PROCESSER = 100


def _las_moten(uppgifter: list[tuple[str, Path]], rot: Path, minne: Tolkminne | None,
               ut: dict[Path, Path]):
    """Read these meeting folders: each with its diagnostics, and the memo's new entries."""
    lasta = []
    for organ_id, mapp in uppgifter:
        r = Rapport()
        lasta.append((_las_sammantrade(organ_id, mapp, rot, r, minne, ut), r.poster))
    return lasta, (minne.nya if minne is not None else None)


def _las_organ(mapp: Path, rot: Path, rapport: Rapport, ut: dict[Path, Path],
               urval: set[tuple[str, str]] | None) -> tuple[RaOrgan, list[Path]]:
    """The organ folder's organ.yml, and its meeting folders to read."""
    organ_fil = mapp / "organ.yml"
    rel = _rel(organ_fil, rot)
    doc = las_yaml(organ_fil, rel, rapport) if organ_fil not in ut and organ_fil.is_file() else None
    innehall = list(mapp.iterdir())
    okanda = sorted(_rel(p, rot) for p in innehall
                    if p.name != "organ.yml" and not p.is_dir() and _okand(p, ut))
    return RaOrgan(mapp.name, mapp, doc, rel, okanda=okanda), sorted(
        p for p in innehall
        if p not in ut and p.is_dir() and not p.name.startswith(".")
        and (urval is None or (mapp.name, p.name) in urval))


def _las_sammantrade(organ_id: str, mapp: Path, rot: Path, rapport: Rapport,
                     minne: Tolkminne | None, ut: dict[Path, Path]) -> RaSammantrade:
    sm_fil = mapp / "sammantrade.md"
    sm_rel = _rel(sm_fil, rot)
    lank_ut = sm_fil in ut
    sm = las_markdown(sm_fil, sm_rel, rapport, minne) if not lank_ut and sm_fil.is_file() else None
    ra = RaSammantrade(organ_id, mapp.name, mapp, sm, sm_rel)
    if sm_fil.is_file() and not lank_ut:
        ra.filer["sammantrade.md"] = sm_fil
    for f in sorted(mapp.iterdir()):
        if f.name.startswith(".") or f in ut:
            continue
        if f.is_file() and f.suffix == ".md" and f.name != "sammantrade.md":
            ra.filer[f.name] = f
            doc = las_markdown(f, _rel(f, rot), rapport, minne)
            if doc is not None:
                ra.paragrafer.append(doc)
        elif f.name == "justering.lock":
            ra.lock = f
        elif f.name not in ("sammantrade.md", "bilagor", "handlingar") and _okand(f, ut):
            ra.okanda.append(_rel(f, rot) + ("/" if f.is_dir() else ""))
    bil = mapp / "bilagor"
    if bil.is_dir() and bil not in ut:
        for f in sorted(bil.rglob("*")):
            if f.is_file() and not f.is_symlink():
                ra.filer[unicodedata.normalize("NFC", f.relative_to(mapp).as_posix())] = f
    if (mapp / "handlingar") not in ut:
        _las_handlingar(ra, rot, rapport, minne)
    return ra


def _las_handlingar(ra: RaSammantrade, rot: Path, rapport: Rapport,
                    minne: Tolkminne | None) -> None:
    """Every file under the meeting's handlingar/ (links are never followed); the
    Markdown ones are parsed (content-format "Handlingar")."""
    mapp = ra.mapp / "handlingar"
    if mapp.is_symlink() or not mapp.is_dir():
        return
    for f in sorted(mapp.rglob("*")):
        if not f.is_file() or f.is_symlink() or f.name.startswith("."):
            continue
        rel = unicodedata.normalize("NFC", f.relative_to(ra.mapp).as_posix())
        ra.filer[rel] = f
        if f.suffix == ".md":
            doc = las_markdown(f, _rel(f, rot), rapport, minne)
            if doc is not None:
                ra.handlingar[rel] = doc


def ar_datum(text: str) -> date | None:
    if not DATUM_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
