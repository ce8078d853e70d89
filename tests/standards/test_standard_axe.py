"""axe-core (WCAG 2.1 A/AA and best practice) on every HTML page of every covered
build (each archive by MkDocs and by Zensical), at 1280 px and at 320 px in Debian's
Chromium, and no sideways scroll at 320 px.

One test per build and width walks all pages in one browser tab; a finding on any
page fails it, with every finding listed. A report per page type is written to
tests/output/standards/.
"""
from __future__ import annotations

import collections

import pytest
from standard_hjalp import BREDDER, BYGGEN, arkivnamn, registrera, sidtyp

TAGGAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# The board's script judges by the reader's clock: read the pages on the build's day.
KLOCKA = {"exempel": "2025-02-20T10:00:00+01:00", "bas": "2025-03-20T10:00:00+01:00",
          "flen": "2024-03-20T10:00:00+01:00"}
SOKORD = {"exempel": "kvalitetsrapport", "bas": "bredband", "flen": "nämnden"}


def _ladda(flik, url: str, filter: bool = True) -> None:
    flik.goto(url)
    flik.wait_for_load_state("load")
    if "/sok/" in url:
        # Pagefind's UI is built by script: check it with results and filters shown.
        flik.locator(".pagefind-ui__result").first.wait_for(timeout=15000)
        if filter:   # Flen at the kallelse stage has no § pages, so no organ filter
            flik.locator(".pagefind-ui__filter-panel, .pagefind-ui__filter-block").first.wait_for(
                state="attached", timeout=15000)


@pytest.mark.parametrize("bredd", BREDDER)
@pytest.mark.parametrize("namn", list(BYGGEN))
def test_axe_och_sidledsrullning_pa_varje_sida(byggen, adresser, flik, chromium, namn, bredd,
                                                 utdata_standard):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    b, bas = byggen[namn], adresser[namn]
    arkiv = arkivnamn(namn)
    tab = flik(bredd)
    tab.clock.set_fixed_time(KLOCKA[arkiv])
    motor = None
    fynd: list[str] = []
    per_typ: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    sidor = b.html_sidor()
    assert len(sidor) > 5
    for rel in sidor:
        url = bas + rel + (f"?q={SOKORD[arkiv]}" if rel == "sok/" else "")
        _ladda(tab, url, filter=arkiv != "flen")
        res = axe.run(tab, options={"runOnly": {"type": "tag", "values": TAGGAR},
                                    "resultTypes": ["violations"]})
        motor = res.response.get("testEngine", {}).get("version", "?")
        typ = sidtyp(rel)
        per_typ[typ]["sidor"] += 1
        for v in res.response["violations"]:
            per_typ[typ][v["id"]] += len(v["nodes"])
            malen = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            fynd.append(f"/{rel}: axe {v['id']} ({v['impact']}): {v['help']} [{malen}]")
        if bredd == 320:
            bredast = tab.evaluate("() => document.documentElement.scrollWidth")
            if bredast > 320:
                per_typ[typ]["sidledsrullning"] += 1
                fynd.append(f"/{rel}: rullar i sidled vid 320 px ({bredast} px bred)")
    rapport = "\n".join(f"{typ}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items()))
                        for typ, c in sorted(per_typ.items()))
    (utdata_standard / f"axe-{namn}-{bredd}.txt").write_text(
        rapport + "\n\n" + "\n".join(fynd) + "\n", encoding="utf-8")
    assert not fynd, f"{len(fynd)} fynd på {len(sidor)} sidor:\n" + "\n".join(fynd)
    registrera(f"axe-{namn}-{bredd}", {
        "verktyg": {"axe-core": motor, "Chromium": chromium.version}, "bygge": b.etikett,
        "antal": len(sidor),
        "text": f"axe: {len(sidor)} sidor × {bredd} px, 0 fynd"
                + (", ingen rullar i sidled" if bredd == 320 else "")})
