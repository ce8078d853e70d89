"""The fixed pages: /overklaga/, /data/ and /sok/ (text in their templates)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.common.datum import langt

from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import ALLMANT, Sida
from generator.render.site.webbplats import Webbplats

# How the site is assessed (the tools, described by hand) and the record of the last
# assessment that passed (day, tool versions, counts; written by tests/standards, see
# docs/webbplats.md "Granskningens datum"), kept beside the templates.
GRANSKNING = Path(__file__).resolve().parents[4] / "theme" / "granskning.yml"
SENASTE = GRANSKNING.with_name("granskning.json")


@dataclass(slots=True)
class OverklagaVy:
    kommun: str
    veckor: int            # kommun.yml overklagande.veckor


@dataclass(slots=True)
class DataVy:
    webbplats: str         # the kommun's public address, without a trailing slash
    personsidor: bool = True   # personer.json and omrostningar.csv are published


@dataclass(slots=True)
class TillganglighetVy:
    kommun: str
    kontakt: str | None        # kommun.yml tillganglighet.kontakt, as written
    kontakt_href: str | None   # mailto: or the http(s) address, when the contact is one
    verktyg: list[str]         # how the site was assessed (theme/granskning.yml)
    granskad: str              # day of the last passing assessment, in words (granskning.json;
                               # "" when none is recorded)
    granskad_iso: str
    versioner: list[str]       # "axe-core 4.10.2", ... as that assessment ran them
    sidor: int                 # pages and PDFs it checked
    pdfer: int
    datum: str                 # the day this statement was built
    datum_iso: str


@dataclass(slots=True)
class SokVy:
    buckets_json: str      # the Pagefind bundles (ALLMANT and each year), as JSON


def overklaga(w: Webbplats) -> Sida:
    vy = OverklagaVy(w.kommun.namn, w.kommun.overklagande.veckor)
    return Sida(urls.OVERKLAGA, "Överklaga ett beslut",
                rendera("overklaga.html", urls.OVERKLAGA, vy), nav=True, sok=ALLMANT,
                beskrivning="Hur du överklagar ett kommunalt beslut genom laglighetsprövning.")


def data_sida(w: Webbplats) -> Sida:
    vy = DataVy(w.kommun.webbplats.rstrip("/"), w.kommun.personsidor)
    return Sida(urls.DATA, "Öppna data", rendera("data.html", urls.DATA, vy), nav=True,
                sok=ALLMANT)


def _kontakt_href(kontakt: str | None) -> str | None:
    if not kontakt:
        return None
    k = kontakt.strip()
    if re.fullmatch(r"[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+", k):
        return "mailto:" + k
    return k if re.match(r"^https?://[^\s]+$", k) else None


def tillganglighet(w: Webbplats) -> Sida:
    granskning = yaml.safe_load(GRANSKNING.read_text(encoding="utf-8"))
    senaste = (json.loads(SENASTE.read_text(encoding="utf-8")) if SENASTE.is_file()
               else {"granskad": None, "verktyg": {}, "sidor": 0, "pdfer": 0})
    granskad = date.fromisoformat(senaste["granskad"]) if senaste["granskad"] else None
    k = w.kommun.tillganglighet_kontakt
    vy = TillganglighetVy(w.kommun.namn, k, _kontakt_href(k), list(granskning["verktyg"]),
                          langt(granskad) if granskad else "",
                          granskad.isoformat() if granskad else "",
                          [f"{n} {v}" for n, v in senaste["verktyg"].items()],
                          senaste["sidor"], senaste["pdfer"], langt(w.idag), w.idag.isoformat())
    return Sida(urls.TILLGANGLIGHET, "Tillgänglighetsredogörelse",
                rendera("tillganglighet.html", urls.TILLGANGLIGHET, vy),
                beskrivning="Hur webbplatsen uppfyller lagen om tillgänglighet till digital "
                            "offentlig service, kända brister och hur du rapporterar brister.")


def sok_sida(w: Webbplats) -> Sida:
    vy = SokVy(json.dumps(w.sokbuckets()))
    return Sida(urls.SOK, "Sök", rendera("sok.html", urls.SOK, vy), nav=True)
