"""Canary for the person pages: nothing of a sekretess § (its jäv, votes, reservations, not even
that a vote was held) reaches a person page, /ledamoter/, personer.json, omrostningar.csv or the
search index. The same archive is built twice, once with jäv, a vote and a reservation in the
secret § and once without them: every public byte must be the same."""
from __future__ import annotations

import gzip
import re
from collections import Counter
from datetime import date
from pathlib import Path

from tests.site.conftest import bygg_site
from tests.site.personer_hjalp import personarkiv

IDAG = date(2025, 6, 30)


# Pagefind names its filter and meta files by a hash of data it writes in no fixed order, and
# its entry file lists those names: they are compared by content, order aside (byte counts of
# the decompressed data per folder), everything else byte for byte.
OORDNAT = re.compile(r"(pagefind/.*)/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta"
                     r"|pagefind-entry\.json)$")


def _filer(site: Path) -> dict[str, bytes | Counter]:
    ut: dict[str, bytes | Counter] = {}
    for p in sorted(site.rglob("*")):
        if not p.is_file():
            continue
        rel = str(p.relative_to(site))
        m = OORDNAT.match(rel)
        if m is None:
            ut[rel] = p.read_bytes()
        elif not rel.endswith(".json"):
            data = gzip.decompress(p.read_bytes())
            for f in (site / m.group(1)).glob("filter/*.pf_filter"):   # the meta names them
                data = data.replace(f.stem.encode(), b"FILTER")
            ut.setdefault(f"{m.group(1)}/*", Counter()).update(data)
    return ut


def test_hemlig_paragrafs_personuppgifter_syns_inte_nagonstans(tmp_path):
    med = bygg_site(personarkiv(tmp_path / "med"), tmp_path / "ut-med" / "site", IDAG,
                    utan_pdf=True)
    utan = bygg_site(personarkiv(tmp_path / "utan", hemlig_persondata=False),
                     tmp_path / "ut-utan" / "site", IDAG, utan_pdf=True)
    a, b = _filer(med), _filer(utan)
    # the comparison covers the person outputs and the search index
    assert "data/personer.json" in a and "data/omrostningar.csv" in a
    assert any(k.startswith("pagefind/") for k in a)
    assert sorted(a) == sorted(b)
    skiljer = [k for k in a if a[k] != b[k]]
    assert skiljer == [], f"den hemliga paragrafens jäv/omröstning syns i: {skiljer}"


def test_kanariefageln_kan_sjunga(tmp_path):
    """The same comparison notices a vote in a PUBLIC § (so the test above can fail)."""
    med = personarkiv(tmp_path / "med", hemlig_persondata=False)
    text = (med / "ks/2025-02-25/03-bredband.md").read_text(encoding="utf-8")
    (med / "ks/2025-02-25/03-bredband.md").write_text(text.replace(
        "omedelbart_justerad: true\n",
        "omedelbart_justerad: true\nomrostning:\n  ja: [Karl Testberg (M)]\n  nej: []\n"
        "  avstar: []\n"), encoding="utf-8")
    a = _filer(bygg_site(med, tmp_path / "ut-med" / "site", IDAG, utan_pdf=True))
    b = _filer(bygg_site(personarkiv(tmp_path / "utan", hemlig_persondata=False),
                         tmp_path / "ut-utan" / "site", IDAG, utan_pdf=True))
    skiljer = {k for k in a if a[k] != b.get(k)}
    assert {"data/personer.json", "data/omrostningar.csv"} <= skiljer
