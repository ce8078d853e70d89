"""The site's view of one archive on one day: the public model plus the helpers every page
type uses (safe Markdown, reference links, the PDFs the site links to).

No MkDocs and no page HTML here: page types live in ``generator.render.site.vyer`` (one view
and one template each), the list of all pages in ``generator.render.site.sidor``.
"""
from __future__ import annotations


from markupsafe import Markup

from generator.render.markup import till_html
from generator.archive.model import Organ, Paragraf, Sammantrade
from generator.archive.referenser import Organregister
from generator.render.site import urls
from generator.render.site.html import a, avvapna, e, lanka_text
from generator.render.site.minne import Minne
from generator.render.site.sida import ALLMANT
from generator.archive.plan import Publiceringsplan

ORGANTYP = {"fullmaktige": "Fullmäktige", "styrelse": "Styrelse", "namnd": "Nämnd",
            "utskott": "Utskott", "beredning": "Beredning", "ovrigt": "Övrigt organ"}
TYPORDNING = {t: i for i, t in enumerate(ORGANTYP)}


def organ_sortering(o: Organ) -> tuple:
    return (TYPORDNING.get(o.typ, 99), o.namn.casefold())


class Webbplats:
    """All pages of the site for one archive and one day."""

    def __init__(self, plan: Publiceringsplan, md_cache: dict[str, str] | None = None) -> None:
        self.publikt: Publiceringsplan = plan
        self.arkiv = self.publikt.arkiv
        self.kommun = self.arkiv.kommun
        self.idag = idag = plan.idag
        self.pdf = pdf = plan.pdf
        self.md_cache: dict[str, str] = md_cache if md_cache is not None else {}
        self.md_anvanda: set[str] = set()
        self.register = Organregister({oid: o.kortnamn for oid, o in self.arkiv.organ.items()})
        self.organ = sorted(self.arkiv.organ.values(), key=organ_sortering)
        self.minne = Minne(self.publikt, idag, pdf, self.organ)

    # ------------------------------------------------------------ helpers

    def sakert(self, text: str) -> str:
        """Content Markdown -> safe HTML (cached; no reference links)."""
        h = self.md_cache.get(text)
        if h is None:
            h = avvapna(till_html(text))
            self.md_cache[text] = h
        self.md_anvanda.add(text)
        return h

    def finns(self, nyckel) -> bool:
        """Is the § page ``nyckel`` published? (Recorded: a memoised page depends on it.)"""
        svar = self.publikt.finns(nyckel)
        self.minne.beror("finns", nyckel, svar)
        return svar

    def md(self, text: str, fran: str) -> Markup:
        """Content Markdown -> safe HTML, with references turned into links."""
        if not text.strip():
            return Markup("")
        h = self.sakert(text)
        return Markup(lanka_text(h, self.register.hitta,
                                 lambda oid, d, n: urls.relativ(fran, urls.paragraf(oid, d, n))
                                 if self.finns((oid, d, n)) else None))

    def md_rad(self, text: str, fran: str) -> Markup:
        """One line of text (a plain beslutsunderlag) with reference links, no <p>."""
        h = self.md(text, fran)
        if h.startswith("<p>") and h.endswith("</p>") and h.count("<p>") == 1:
            h = Markup(h[3:-4])
        return h

    def ref_html(self, r, fran: str) -> Markup:
        """A reference to a §: a link when that § is published, else its text."""
        if r.nyckel and self.finns(r.nyckel):
            oid, d, n = r.nyckel
            return Markup(a(urls.relativ(fran, urls.paragraf(oid, d, n)),
                            e(self.arkiv.referens_text(oid, d, n))))
        return Markup(e(r.text))

    def organ_namn(self, oid: str) -> str:
        o = self.arkiv.organ.get(oid)
        return o.namn if o else oid

    def sokbuckets(self) -> list[str]:
        """The search buckets: ALLMANT and every meeting year, newest first."""
        ar = sorted({m.datum.year for o in self.organ for m in o.sammantraden}, reverse=True)
        return [ALLMANT] + [str(x) for x in ar]

    # The PDFs the site links to: the site path, or None when there is no such PDF.

    def protokoll_pdf(self, m: Sammantrade) -> str | None:
        return self.publikt.protokoll_pdf(m.organ_id, m.datum)

    def utdrag_pdf(self, m: Sammantrade, p: Paragraf) -> str | None:
        return self.publikt.utdrag_pdf(m.organ_id, m.datum, p.nummer)

    def kallelse_pdf(self, m: Sammantrade) -> str | None:
        return self.publikt.kallelse_pdf(m.organ_id, m.datum)

    def pdfer(self, m: Sammantrade) -> list[str]:
        """Every PDF of the meeting that the site links to."""
        return self.publikt.pdfer(m.organ_id, m.datum)
