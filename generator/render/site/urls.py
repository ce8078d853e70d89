"""Public URLs (permalinks, see the content contract's "Public URLs").

Every function returns a site path without a leading slash, directory style
(``protokoll/fun/2025-02-06/3/``). ``relativ`` turns it into a link relative to
the page it is written on, so the site works under any base path.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from datetime import date
from urllib.parse import quote

from generator.archive import adresser
from generator.archive.model import dnr_slug

TAVLA = ""
OVERKLAGA = "overklaga/"
PROTOKOLL = "protokoll/"
ARENDEN = "arenden/"
DATA = "data/"
SOK = "sok/"
TILLGANGLIGHET = "tillganglighet/"
ANSLAG_XML = "anslag.xml"
ICS = "sammantraden.ics"
CSV = "data/paragrafer.csv"
SAMMANTRADEN_JSON = "data/sammantraden.json"
LEDAMOTER = "ledamoter/"
PERSONER_JSON = "data/personer.json"
OMROSTNINGAR_CSV = "data/omrostningar.csv"


def ledamot(slug: str) -> str:
    return f"ledamoter/{slug}/"


def organ(oid: str) -> str:
    return f"protokoll/{oid}/"


def organ_ar(oid: str, ar: int) -> str:
    return f"protokoll/{oid}/{ar}/"


def organ_flode(oid: str) -> str:
    return f"protokoll/{oid}/anslag.xml"


def sammantrade(oid: str, datum: date) -> str:
    return f"protokoll/{oid}/{datum.isoformat()}/"


def paragraf(oid: str, datum: date, nummer: int) -> str:
    return f"protokoll/{oid}/{datum.isoformat()}/{nummer}/"


# Document paths are the publishing plan's (generator.archive.adresser).
protokoll_pdf = adresser.protokoll_pdf
utdrag_pdf = adresser.utdrag_pdf
kallelse_pdf = adresser.kallelse_pdf
bilaga = adresser.bilaga


def arende(dnr: str) -> str:
    return f"arenden/{dnr_slug(dnr)}/"


def arende_sida(dnr: str | None) -> str | None:
    """Ärendets gång of ``dnr``: every dnr of a public § or handling has one, except a dnr
    whose URL segment would be empty (``arenden/-/``)."""
    if not dnr:
        return None
    s = arende(dnr)
    return None if s == "arenden/-/" else s


def sammantrade_json(oid: str, datum: date) -> str:
    return f"data/sammantraden/{oid}/{datum.isoformat()}.json"


def kalla(sokvag: str) -> str:
    """The MkDocs source name (``src_uri``) of a page at ``sokvag``."""
    return f"{sokvag}index.md" if sokvag.endswith("/") or sokvag == "" else sokvag


def webbadress(sokvag: str) -> str:
    """Percent-encoded form of a site path (as MkDocs writes File.url)."""
    return quote(sokvag, safe="/#:?=&")


def relativ(fran: str, till: str) -> str:
    """Link from the page at ``fran`` (a directory path) to the site path ``till``."""
    till, _, ankare = till.partition("#")
    r = _relativ(fran, till)
    return f"{r}#{ankare}" if ankare else r


@lru_cache(maxsize=65536)
def _relativ(fran: str, till: str) -> str:
    bas = fran if (fran == "" or fran.endswith("/")) else posixpath.dirname(fran) + "/"
    a = [x for x in bas.split("/") if x]
    katalog = till == "" or till.endswith("/")
    b = [x for x in till.split("/") if x]
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    delar = [".."] * (len(a) - i) + b[i:]
    r = "/".join(delar)
    if katalog:
        r = (r + "/") if r else "./"
    elif not r:
        r = "./"
    return webbadress(r)


def bas(webbplats: str) -> str:
    """The kommun's public address as it may be written into a page, feed or calendar:
    every character outside a plain URL's (quotes, angle brackets, spaces, line breaks)
    percent-encoded, so the value can never end an attribute or a line. ``kontrollera``
    rejects such an address anyway; this holds even if a check misses one."""
    return quote(webbplats.strip(), safe=":/%-._~@!$&'()*+,;=?#[]").replace("'", "%27")


def absolut(webbplats: str, sokvag: str) -> str:
    return bas(webbplats).rstrip("/") + "/" + webbadress(sokvag)
