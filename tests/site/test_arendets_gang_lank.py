"""Issue 11: a § page links to ärendets gång whenever its dnr has that page, not only when
the dnr has more than one §: a dnr with a single § (KS AU § 2, KS 2025/3) and a dnr with a
single § and a handling (KS AU § 1's handling moved to § 2's dnr in the second build). A
sekretess § shows no dnr and no link, and its dnr gets no page."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from tests.conftest import BAS
from tests.site.conftest import bygg_site

IDAG = date(2025, 3, 10)
LANK = re.compile(r'<dt>Ärendets gång:</dt><dd><a href="([^"]+)">')
AU2 = "protokoll/ks-au/2025-02-11/2/index.html"

HANDLING = """\
---
typ: Tjänsteskrivelse
rubrik: Redovisning av delegationsbeslut
datum: 2025-02-01
dnr: KS 2025/3
---
## Förslag till beslut

Redovisningen läggs till handlingarna.
"""


def _lank(site: Path, sida: str) -> str | None:
    m = LANK.search((site / sida).read_text(encoding="utf-8"))
    return m.group(1) if m else None


def test_en_enda_paragraf_lankar_till_arendets_gang(tmp_path):
    site = bygg_site(BAS, tmp_path / "ut" / "site", IDAG, utan_pdf=True)
    assert _lank(site, AU2) == "../../../../arenden/KS%202025-3/"
    assert (site / "arenden/KS 2025-3/index.html").exists()
    # two §§ (KS AU § 1 and KS § 1 share KS 2025/12): linked as before
    assert _lank(site, "protokoll/ks/2025-02-25/1/index.html") == "../../../../arenden/KS%202025-12/"
    # the sekretess § 2 (KS 2025/7): neither its dnr nor a link, and no page for the dnr
    hemlig = (site / "protokoll/ks/2025-02-25/2/index.html").read_text(encoding="utf-8")
    assert "KS 2025/7" not in hemlig and "Ärendets gång" not in hemlig
    assert not (site / "arenden/KS 2025-7").exists()


def test_en_paragraf_och_en_handling(tmp_path):
    innehall = tmp_path / "innehall"
    shutil.copytree(BAS, innehall)
    mote = innehall / "ks-au/2025-02-11"
    (mote / "handlingar").mkdir()
    (mote / "handlingar/ts-delegation.md").write_text(HANDLING, encoding="utf-8")
    par = mote / "02-delegation.md"
    par.write_text(par.read_text(encoding="utf-8").replace(
        "dnr: KS 2025/3\n", "dnr: KS 2025/3\nbeslutsunderlag:\n  - titel: Tjänsteskrivelse\n"
        "    fil: handlingar/ts-delegation.md\n"), encoding="utf-8")
    site = bygg_site(innehall, tmp_path / "ut" / "site", IDAG, utan_pdf=True)
    assert _lank(site, AU2) == "../../../../arenden/KS%202025-3/"
    gang = (site / "arenden/KS 2025-3/index.html").read_text(encoding="utf-8")
    assert "Redovisning av delegationsbeslut" in gang and "KS AU 2025-02-11 § 2" in gang
