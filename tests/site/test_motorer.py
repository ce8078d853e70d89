"""Both engines build the same site: the same addresses and the same board.

The example archive is built with `anslag bygg` (MkDocs) and `anslag bygg --motor zensical`;
the browser tests (links, board dates, search, axe) run on both through the fixture
``motor_site``. Only the engine's own theme files (assets/javascripts, assets/stylesheets,
assets/images) and the internals of the search bundles may differ.
"""
from __future__ import annotations

import re
from pathlib import Path

MOTORNS_EGNA = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "pagefind/")


def _adresser(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith(MOTORNS_EGNA)}


def _tavla(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<section class="anslagstavla".*?</section>', html, re.S)
    assert m, "ingen anslagstavla"
    return m.group(0)


def test_samma_adresser_och_samma_tavla(exempel_site, exempel_site_zensical):
    mk, zs = _adresser(exempel_site), _adresser(exempel_site_zensical)
    assert mk == zs, {"bara MkDocs": sorted(mk - zs)[:20], "bara Zensical": sorted(zs - mk)[:20]}
    assert len(mk) > 80
    tavla = _tavla(exempel_site)
    assert 'data-uppsatt="2025-02-07"' in tavla and 'data-nedtas="2025-03-01"' in tavla
    assert _tavla(exempel_site_zensical) == tavla
    for site in (exempel_site, exempel_site_zensical):
        assert (site / "assets/anslagstavla.js").is_file()
        assert 'src="assets/anslagstavla.js"' in (site / "index.html").read_text("utf-8").replace(
            'src="./assets', 'src="assets')
        assert sorted(x.name for x in (site / "pagefind").iterdir()) == ["2024", "2025", "allmant"]


def test_samma_sidinnehall(exempel_site, exempel_site_zensical):
    """Every page's body (what the site stage wrote) is the same on both engines."""
    def kropp(f: Path) -> str:
        t = f.read_text(encoding="utf-8")
        i = t.find('<span id="innehall" tabindex="-1"></span>')
        j = t.find("</main>", i)   # the theme content ends in a <div> (no outer <article>)
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", t[i:j])).strip()
    olika = [f.relative_to(exempel_site).as_posix() for f in exempel_site.rglob("index.html")
             if "pagefind" not in f.parts
             and kropp(f) != kropp(exempel_site_zensical / f.relative_to(exempel_site))]
    assert not olika, olika[:10]
