"""Validate each file's keys and types and read them into typed values.

One reader per file kind. Wrong types, missing required keys and unknown keys
become diagnostics naming the file and the key; a field that fails is left
empty so that later rules can still run on the rest.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from generator.common.diagnostics import Rapport, menade_du
from generator.content.loading import Dokument

KOMMUN_NYCKLAR = {"namn", "webbplats", "forvaringsplats", "dnr_monster", "overklagande",
                  "personsidor", "tillganglighet"}
TILLGANGLIGHET_NYCKLAR = {"kontakt"}
OVERKLAGANDE_NYCKLAR = {"veckor", "tillkannagivande_dagar", "justering_dagar"}
ORGAN_NYCKLAR = {"namn", "kortnamn", "typ", "under", "forvaringsplats", "sidfot"}
SAMMANTRADE_NYCKLAR = {"tid", "plats", "ordforande", "sekreterare", "justerare", "beslutande",
                       "ersattare", "ovriga", "kallelse", "justering", "anslag",
                       "forvaringsplats", "utdrag"}
KALLELSE_NYCKLAR = {"datum", "arenden"}
ARENDE_NYCKLAR = {"rubrik", "dnr", "sekretess", "offentlig_rubrik", "handlingar", "andring"}
JUSTERING_NYCKLAR = {"datum", "plats"}
ANSLAG_NYCKLAR = {"uppsatt", "nedtas"}
PARAGRAF_NYCKLAR = {"paragraf", "rubrik", "dnr", "beredning", "hanvisningar",
                    "omedelbart_justerad", "anslag", "sekretess", "offentlig_rubrik",
                    "expedieras", "jav", "reservationer", "omrostning", "beslutsunderlag"}
OMROSTNING_NYCKLAR = {"ja", "nej", "avstar"}
BILAGA_NYCKLAR = {"titel", "fil"}

# dates outside these years are typing mistakes (and 9999-12-31 + three weeks overflows)
MIN_AR, MAX_AR = 1800, 2999


class Falt:
    """Typed access to one mapping of a document, reporting into a Rapport."""

    def __init__(self, doc: Dokument, rapport: Rapport, data: dict | None = None,
                 prefix: str = "") -> None:
        self.doc = doc
        self.rapport = rapport
        self.data = doc.data if data is None else data
        self.prefix = prefix

    def _n(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fel(self, key: str, msg: str) -> None:
        self.rapport.fel(self.doc.path, self._n(key), msg)

    def varning(self, key: str, msg: str) -> None:
        self.rapport.varning(self.doc.path, self._n(key), msg)

    def okanda(self, kanda: set[str]) -> None:
        for key in self.data:
            if key not in kanda:
                self.varning(str(key), f"okänd nyckel, den används inte.{menade_du(str(key), kanda)}")

    def finns(self, key: str) -> bool:
        return self.data.get(key) is not None

    def saknas(self, key: str, exempel: str) -> None:
        self.fel(key, f"saknas. Lägg till t.ex. \"{key}: {exempel}\".")

    def text(self, key: str, kravs: bool = False, exempel: str = "...") -> str | None:
        v = self.data.get(key)
        if v is None or v == "":
            if kravs:
                self.saknas(key, exempel)
            return None
        if isinstance(v, bool) or isinstance(v, (dict, list)):
            self.fel(key, f"ska vara text, inte {_typnamn(v)}. Skriv t.ex. \"{key}: {exempel}\".")
            return None
        if isinstance(v, (int, float, date)):
            return str(v)
        return str(v).strip()

    def datum(self, key: str, kravs: bool = False) -> date | None:
        v = self.data.get(key)
        if v is None:
            if kravs:
                self.saknas(key, "2025-02-07")
            return None
        d = None
        if isinstance(v, datetime):
            d = v.date()
        elif isinstance(v, date):
            d = v
        elif isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()):
            try:
                d = date.fromisoformat(v.strip())
            except ValueError:
                self.fel(key, f"\"{v}\" är inget giltigt datum. Kontrollera månad och dag.")
                return None
        if d is None:
            self.fel(key, f"\"{v}\" är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-02-07.")
            return None
        if not MIN_AR <= d.year <= MAX_AR:
            self.fel(key, f"{d.isoformat()} har ett orimligt år. Kontrollera datumet "
                          f"(år {MIN_AR}–{MAX_AR}).")
            return None
        return d

    def heltal(self, key: str, kravs: bool = False, exempel: str = "3",
               minst: int = 0, storst: int = 99_999) -> int | None:
        v = self.data.get(key)
        if v is None:
            if kravs:
                self.saknas(key, exempel)
            return None
        if isinstance(v, bool):
            self.fel(key, f"ska vara ett heltal, t.ex. \"{key}: {exempel}\".")
            return None
        tal = None
        if isinstance(v, int):
            tal = v
        elif isinstance(v, str) and v.strip().isascii() and v.strip().isdigit():
            tal = int(v.strip()) if len(v.strip()) < 20 else storst + 1
        if tal is None:
            text = str(v) if len(str(v)) < 40 else str(v)[:40] + "…"
            self.fel(key, f"\"{text}\" är inget heltal. Skriv siffror, t.ex. \"{key}: {exempel}\".")
            return None
        if not minst <= tal <= storst:
            text = str(tal) if tal.bit_length() < 64 else "talet"
            self.fel(key, f"{text} är utanför det tillåtna ({minst}–{storst}). "
                          f"Skriv t.ex. \"{key}: {exempel}\".")
            return None
        return tal

    def sant(self, key: str) -> bool:
        v = self.data.get(key)
        if v is None:
            return False
        if isinstance(v, bool):
            return v
        self.fel(key, f"ska vara true eller false, inte \"{v}\".")
        return False

    def textlista(self, key: str, kravs: bool = False, exempel: str = "...") -> list[str]:
        v = self.data.get(key)
        if v is None or v == [] or v == "":
            if kravs:
                self.fel(key, f"saknas. Lägg till minst en, t.ex. \"{key}: [{exempel}]\".")
            return []
        if isinstance(v, (str, int, float)) and not isinstance(v, bool):
            return [str(v).strip()]
        if isinstance(v, list):
            ut = []
            for i, x in enumerate(v, 1):
                if isinstance(x, (str, int, float)) and not isinstance(x, bool):
                    ut.append(str(x).strip())
                else:
                    self.fel(key, f"post {i} ska vara text, inte {_typnamn(x)}.")
            return ut
        self.fel(key, f"ska vara text eller en lista, inte {_typnamn(v)}.")
        return []

    def mapping(self, key: str, kanda: set[str]) -> "Falt | None":
        v = self.data.get(key)
        if v is None:
            return None
        if not isinstance(v, dict):
            self.fel(key, f"ska vara nycklar med värden (t.ex. \"{key}:\" och indragna rader "
                          f"med {', '.join(sorted(kanda))}), inte {_typnamn(v)}.")
            return None
        sub = Falt(self.doc, self.rapport, v, f"{self._n(key)}.")
        sub.okanda(kanda)
        return sub

    def lista(self, key: str) -> list[Any]:
        v = self.data.get(key)
        if v is None:
            return []
        if isinstance(v, list):
            return v
        return [v]


def _typnamn(v: Any) -> str:
    if isinstance(v, bool):
        return "sant/falskt"
    if isinstance(v, int):
        return "ett tal"
    if isinstance(v, dict):
        return "nycklar med värden"
    if isinstance(v, list):
        return "en lista"
    if isinstance(v, date):
        return "ett datum"
    return "text"


def tid_text(falt: Falt, key: str = "tid") -> str | None:
    """``tid`` may be written unquoted: YAML 1.1 reads 09:00 as 540 (base 60)."""
    v = falt.data.get(key)
    if isinstance(v, int) and not isinstance(v, bool):
        falt.varning(key, f"skriv tiden inom citattecken, t.ex. {key}: \"09:00–12:00\" "
                          "(utan citattecken läses 09:00 som ett tal).")
        return f"{v // 60:02d}:{v % 60:02d}"
    return falt.text(key, exempel='"09:00–12:00"')


_VARDNAMN = re.compile(r"^(?:[^\W_]|[^\W_][\w-]*[^\W_])(?:\.(?:[^\W_]|[^\W_][\w-]*[^\W_]))*\.?$")
_SOKVAG = re.compile(r"^(?:/[A-Za-z0-9._~%!$&()*+,;=:@-]*)*$")


def webbadress_fel(url: str) -> str | None:
    """Why ``url`` is not a plain http(s) address with a host (and optionally a port and a
    path), or None. Quotes, spaces, angle brackets, credentials, a query or a fragment,
    and any scheme but http/https are refused: the value reaches HTML, XML and feeds."""
    from urllib.parse import urlsplit
    if any(c.isspace() or c in "\"'<>`\\{}|^" or ord(c) < 32 or ord(c) == 127 for c in url):
        return "innehåller mellanslag, citattecken, <, > eller andra tecken som inte hör hemma i en adress"
    try:
        delar = urlsplit(url)
        port = delar.port
    except ValueError:
        return "är ingen giltig adress"
    if delar.scheme.lower() not in ("http", "https") or not url.lower().startswith(
            (delar.scheme.lower() + "://")):
        return "är ingen absolut adress: den ska börja med https:// (eller http://)"
    if "@" in delar.netloc:
        return "får inte innehålla användarnamn eller lösenord (@)"
    vard = delar.hostname or ""
    if not vard or not _VARDNAMN.match(vard):
        return "saknar ett giltigt värdnamn (t.ex. anslagstavla.kommun.se)"
    if port is not None and not 0 < port < 65536:
        return "har ett ogiltigt portnummer"
    if delar.query or delar.fragment or "?" in url or "#" in url:
        return "får inte ha ? eller # (bara adress och sökväg)"
    if not _SOKVAG.match(delar.path):
        return "har tecken i sökvägen som inte hör hemma i en adress"
    return None
