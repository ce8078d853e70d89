"""justering.lock: the checksums of a justerat protokoll, and its rättelser.

``anslag justera`` writes the lock; ``anslag kontrollera`` compares every file
of the meeting with it (``generator.rules.las``). The file is JSON, written
deterministically (sorted keys, two-space indent, UTF-8, final newline) so
that the same facts always give the same bytes and a diff in version control
shows exactly what a rättelse changed::

    {
      "anslag": {"uppsatt": "2025-02-07"},
      "beskrivning": "Skrivs av \\"anslag justera\\". Ändra inte för hand.",
      "filer": {
        "01-information.md": {"paragraf": 1, "sha256": "…"},
        "bilagor/rapport.pdf": {"sha256": "…"},
        "sammantrade.md": {"sha256": "…"}
      },
      "format": 1,
      "justering": {"datum": "2025-02-07", "plats": "Digital signering"},
      "organ": "fun",
      "rattelser": [
        {"datum": "2025-02-10", "orsak": "Fel belopp i beslutet.",
         "filer": {"03-x.md": {"efter": "…", "fore": "…"}}}
      ],
      "sammantrade": "2025-02-06",
      "skapad": "2025-02-07"
    }

Checksums: a Markdown file (sammantrade.md, a §) is hashed as the text the
tool reads (UTF-8 without BOM, LF line endings, NFC), so a checkout that turns
LF into CRLF on Windows is not a change; for an ordinary LF/UTF-8 file that is
exactly ``sha256sum FIL``. Every other file (bilagor) is hashed byte for byte.
In a rättelse ``fore`` is null for a file that was added and ``efter`` null
for a file that was removed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.common.filer import sha256_fil, skriv_atomiskt
from generator.content.loading import normalisera

LASFIL = "justering.lock"
FORMAT = 1
BESKRIVNING = ("Skrivs av \"anslag justera\": kontrollsummor (SHA-256) för sammanträdets "
               "filer vid justeringen och alla rättelser därefter. Ändra inte för hand; "
               "en ändring i ett justerat protokoll registreras med "
               "\"anslag justera ORGAN DATUM --rattelse TEXT\".")


class TrasigLasfil(Exception):
    """The lock cannot be read or is not in the expected format (message in Swedish)."""


@dataclass(slots=True)
class RattelsePost:
    datum: date
    orsak: str
    filer: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # rel -> (före, efter)


@dataclass(slots=True)
class Las:
    organ: str
    sammantrade: date
    skapad: date
    justering_datum: date | None
    justering_plats: str | None
    uppsatt: date | None
    filer: dict[str, str]                     # rel (to the meeting folder) -> sha256
    paragrafer: dict[str, int] = field(default_factory=dict)   # rel -> § number
    rattelser: list[RattelsePost] = field(default_factory=list)

    def som_json(self) -> dict:
        filer = {}
        for rel, h in self.filer.items():
            post: dict = {"sha256": h}
            if rel in self.paragrafer:
                post["paragraf"] = self.paragrafer[rel]
            filer[rel] = post
        justering: dict = {"datum": _iso(self.justering_datum)}
        if self.justering_plats:
            justering["plats"] = self.justering_plats
        data: dict = {
            "format": FORMAT,
            "beskrivning": BESKRIVNING,
            "organ": self.organ,
            "sammantrade": self.sammantrade.isoformat(),
            "skapad": self.skapad.isoformat(),
            "justering": justering,
            "filer": filer,
            "rattelser": [{"datum": r.datum.isoformat(), "orsak": r.orsak,
                           "filer": {rel: {"fore": f, "efter": e}
                                     for rel, (f, e) in r.filer.items()}}
                          for r in self.rattelser],
        }
        if self.uppsatt:
            data["anslag"] = {"uppsatt": self.uppsatt.isoformat()}
        return data


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


# ---------------------------------------------------------------- checksums

def ar_textfil(rel: str) -> bool:
    return rel.endswith(".md")


def sha256_las(path: Path, rel: str) -> str:
    """The checksum the lock records for one file (see the module docstring)."""
    if ar_textfil(rel):
        raw = path.read_bytes()
        try:
            return hashlib.sha256(normalisera(raw).encode("utf-8")).hexdigest()
        except UnicodeDecodeError:
            return hashlib.sha256(raw).hexdigest()
    return sha256_fil(path)


def motesfiler(ra, sammantrade=None) -> dict[str, Path]:
    """Every file of a meeting, relative to its folder: sammantrade.md, each §
    file, everything under bilagor/ and every bilaga a § references (even one
    outside bilagor/). ``ra`` is the loader's RaSammantrade, ``sammantrade`` the
    model's Sammantrade (for referenced bilagor), optional."""
    filer = {rel: p for rel, p in ra.filer.items()}
    if sammantrade is not None:
        for p in sammantrade.paragrafer:
            for b in p.beslutsunderlag:
                if b.fil and b.kalla is not None and Path(b.kalla).is_file():
                    rel = Path(b.fil.replace("\\", "/")).as_posix()
                    filer.setdefault(rel, Path(b.kalla))
    return dict(sorted(filer.items()))


def kanda_summor(sammantrade) -> dict[str, str]:
    """Checksums the model already computed: referenced bilagor (byte for byte)."""
    ut: dict[str, str] = {}
    if sammantrade is not None:
        for p in sammantrade.paragrafer:
            for b in p.beslutsunderlag:
                if b.fil and b.sha256 and not ar_textfil(b.fil):
                    ut[Path(b.fil.replace("\\", "/")).as_posix()] = b.sha256
    return ut


def kontrollsummor(filer: dict[str, Path], kanda: dict[str, str] | None = None) -> dict[str, str]:
    """rel -> checksum for ``filer``; ``kanda`` (from ``kanda_summor``) saves hashing a
    large bilaga twice."""
    kanda = kanda or {}
    return {rel: kanda.get(rel) or sha256_las(p, rel) for rel, p in sorted(filer.items())}


# ---------------------------------------------------------------- read / write

def _datum(v, namn: str, kravs: bool = True) -> date | None:
    if v is None and not kravs:
        return None
    try:
        d = date.fromisoformat(str(v))
    except ValueError:
        raise TrasigLasfil(f"\"{namn}\" är inget datum ({v!r})") from None
    if not 1800 <= d.year <= 2999:
        raise TrasigLasfil(f"\"{namn}\" har ett orimligt år ({v!r})")
    return d


def las_lasfil(path: Path) -> Las:
    """Read a justering.lock. Raises TrasigLasfil with a Swedish reason."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise TrasigLasfil(f"filen kan inte läsas ({e.strerror})") from None
    except UnicodeDecodeError:
        raise TrasigLasfil("filen är inte UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise TrasigLasfil(f"ogiltig JSON på rad {e.lineno}") from None
    except RecursionError:
        raise TrasigLasfil("filen är nästlad i för många nivåer") from None
    try:
        return _tolka(data)
    except TrasigLasfil:
        raise
    except Exception as e:  # noqa: BLE001 - any other shape problem of a damaged lock
        raise TrasigLasfil(f"oväntat innehåll ({type(e).__name__})") from None


def _tolka(data) -> Las:
    if not isinstance(data, dict) or not isinstance(data.get("filer"), dict):
        raise TrasigLasfil("filen saknar listan över filer (\"filer\")")
    if data.get("format") != FORMAT:
        raise TrasigLasfil(f"okänt format {data.get('format')!r} (väntade {FORMAT})")
    filer: dict[str, str] = {}
    paragrafer: dict[str, int] = {}
    for rel, post in data["filer"].items():
        if not isinstance(post, dict) or not isinstance(post.get("sha256"), str):
            raise TrasigLasfil(f"posten för \"{rel}\" saknar sha256")
        filer[rel] = post["sha256"]
        if isinstance(post.get("paragraf"), int):
            paragrafer[rel] = post["paragraf"]
    jus = data.get("justering") or {}
    if not isinstance(jus, dict):
        raise TrasigLasfil("\"justering\" ska vara ett objekt")
    ans = data.get("anslag") or {}
    rattelser = []
    for i, r in enumerate(data.get("rattelser") or [], 1):
        if not isinstance(r, dict) or not isinstance(r.get("orsak"), str):
            raise TrasigLasfil(f"rättelse {i} saknar orsak")
        rf = {}
        for rel, post in (r.get("filer") or {}).items():
            post = post if isinstance(post, dict) else {}
            rf[rel] = (post.get("fore"), post.get("efter"))
        rattelser.append(RattelsePost(_datum(r.get("datum"), f"rattelser[{i}].datum"),
                                      r["orsak"], rf))
    try:
        return Las(
            organ=str(data.get("organ", "")),
            sammantrade=_datum(data.get("sammantrade"), "sammantrade"),
            skapad=_datum(data.get("skapad"), "skapad"),
            justering_datum=_datum(jus.get("datum"), "justering.datum", kravs=False),
            justering_plats=jus.get("plats"),
            uppsatt=_datum(ans.get("uppsatt"), "anslag.uppsatt", kravs=False)
            if isinstance(ans, dict) else None,
            filer=filer, paragrafer=paragrafer, rattelser=rattelser)
    except TrasigLasfil:
        raise
    except Exception as e:  # any other shape problem
        raise TrasigLasfil(f"oväntat innehåll ({e})") from None


def serialisera(las: Las) -> bytes:
    return (json.dumps(las.som_json(), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n").encode("utf-8")


def skriv_lasfil(path: Path, las: Las) -> None:
    skriv_atomiskt(path, serialisera(las), varaktig=True)





@dataclass(slots=True)
class Skillnad:
    andrade: list[str] = field(default_factory=list)
    tillagda: list[str] = field(default_factory=list)
    borttagna: list[str] = field(default_factory=list)

    @property
    def tom(self) -> bool:
        return not (self.andrade or self.tillagda or self.borttagna)


def jamfor(last: dict[str, str], nu: dict[str, str]) -> Skillnad:
    s = Skillnad()
    for rel in sorted(set(last) | set(nu)):
        if rel not in nu:
            s.borttagna.append(rel)
        elif rel not in last:
            s.tillagda.append(rel)
        elif last[rel] != nu[rel]:
            s.andrade.append(rel)
    return s
