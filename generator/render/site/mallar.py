"""The Jinja environment of the site's page templates (``theme/mallar/``).

Every page type is a small view (a dataclass of data, see ``generator.render.site.vyer``)
rendered by one template. Autoescape is on, and every ``{{ value }}`` goes through
``html.e`` (escaping plus defanging of script-looking text such as ``javascript:``),
unless it is already ``Markup``: safe HTML made by ``generator.render.markup`` or by
the small filters below. Templates get two helpers besides the view:

``rel(sokvag)``  link from the page being rendered to a site path (``urls.relativ``)
``urls``         the module of public URLs (``urls.paragraf(oid, datum, n)`` ...)
"""
from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.render.site import urls
from generator.render.site.html import e, iso, prosa, spann

MALLAR = Path(__file__).resolve().parents[3] / "theme" / "mallar"


def _slutlig(v: object) -> Markup:
    if hasattr(v, "__html__"):
        return v  # type: ignore[return-value]
    return Markup(e("" if v is None else v))


VECKOR = {1: "en vecka", 2: "två veckor", 3: "tre veckor", 4: "fyra veckor"}


_PAGEFIND = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’"})


def pagefind_varde(s: str) -> str:
    """A value for ``data-pagefind-filter``. Pagefind decodes character references in filter
    values twice (Pagefind 1.x) and its search UI inserts filter labels as HTML, so no
    escaping survives: the characters that make markup (< > & " ') are written as look-alike
    letters instead (‹ › ＆ ” ’). The template still escapes the attribute."""
    return s.translate(_PAGEFIND)


def veckor_text(n: int) -> str:
    """A period in weeks in Swedish prose: ``tre veckor``."""
    return VECKOR.get(n, f"{n} veckor")


@lru_cache(maxsize=1)
def miljo() -> Environment:
    env = Environment(loader=FileSystemLoader(str(MALLAR)), autoescape=True,
                      undefined=StrictUndefined, finalize=_slutlig, trim_blocks=True,
                      lstrip_blocks=True, auto_reload=False)
    env.filters.update(
        iso=lambda d: Markup(iso(d)),
        prosa=lambda d: Markup(prosa(d)),
        spann=spann,
        veckor=veckor_text,
        pagefind=pagefind_varde,
    )
    env.globals["urls"] = urls
    return env


def rendera(mall: str, fran: str, vy: object) -> str:
    """Render the template ``mall`` for the page at site path ``fran`` with the view ``vy``."""
    return miljo().get_template(mall).render(vy=vy, rel=partial(urls.relativ, fran))


def saker(html: str) -> Markup:
    """HTML that is already safe (made by ``generator.render.markup`` and the site's helpers)."""
    return Markup(html)
