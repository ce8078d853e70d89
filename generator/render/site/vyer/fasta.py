"""The fixed pages: /overklaga/, /data/ and /sok/ (text in their templates)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from generator.render.site import urls
from generator.render.site.mallar import rendera
from generator.render.site.sida import ALLMANT, Sida
from generator.render.site.webbplats import Webbplats


@dataclass(slots=True)
class OverklagaVy:
    kommun: str
    veckor: int            # kommun.yml overklagande.veckor


@dataclass(slots=True)
class DataVy:
    webbplats: str         # the kommun's public address, without a trailing slash
    personsidor: bool = True   # personer.json and omrostningar.csv are published


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


def sok_sida(w: Webbplats) -> Sida:
    vy = SokVy(json.dumps(w.sokbuckets()))
    return Sida(urls.SOK, "Sök", rendera("sok.html", urls.SOK, vy), nav=True)
