"""A small archive with handlingar (fictional, not records): the fixture archive
tests/fixtures/bas plus a planned KS meeting 2025-04-01 whose kallelse (issued
2025-03-20) lists public, unpublished (publiceras: false), sekretess and
secret-item handlingar, and handlingar cited by the §§ of KS 2025-02-25 (one by
the sekretess § only). Every text that must never be public carries a marker
starting "zqh"."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tests.conftest import BAS

FIXTUR = Path(__file__).resolve().parent / "fixtures" / "handlingar"
KALLELSEDAG = date(2025, 3, 20)
FORE_KALLELSE = date(2025, 3, 19)
MELLAN = date(2025, 3, 25)          # kallelse issued, meeting 2025-04-01 not yet held
KANARIER = ["zqhbegaran", "zqhsekretess", "zqhpost", "zqhparagraf"]
MOTE = "ks/2025-04-01"

SAMMANTRADE = """\
---
tid: "09:00–12:00"
plats: Stora salen, Exempelby kommunhus
kallelse:
  datum: 2025-03-20
  arenden:
    - rubrik: Budget 2026
      dnr: KS 2025/40
      handlingar:
        - handlingar/tjansteskrivelse-budget-2026.md
        - titel: Budgetunderlag 2026
          fil: handlingar/budgetunderlag.pdf
    - rubrik: Vägbelysning i Exempelby
      dnr: KS 2025/41
      andring: tillagt
      handlingar:
        - handlingar/zqhbegaran-brev.md
        - handlingar/zqhsekretess-yttrande.md
    - rubrik: Taxa för bygglov
      dnr: KS 2025/42
      andring: reviderat
    - offentlig_rubrik: Ärende enligt LVU
      sekretess: OSL 26 kap. 1 §
      handlingar:
        - handlingar/zqhpost-utredning.md
        - titel: Zqhpost bilaga
          fil: handlingar/zqhpost-bilaga.pdf
---
Sammanträdet inleds med en dragning om budgetläget.
"""

TJANSTESKRIVELSE = """\
---
typ: Tjänsteskrivelse
rubrik: Budget 2026
datum: 2025-03-10
dnr: KS 2025/40
avsandare: Kommunledningsförvaltningen
handlaggare: [Anna Ekonom, ekonomichef]
till: Kommunstyrelsen
skickas_till: [Kommunfullmäktige, Ekonomienheten]
---
## Förslag till beslut

Kommunstyrelsen föreslås besluta att föreslå kommunfullmäktige att fastställa budget 2026.

## Sammanfattning

Budgeten bygger på vattenkraftsprognosen för perioden.
"""


def _md(typ: str, rubrik: str, datum: str, extra: str, text: str) -> str:
    return (f"---\ntyp: {typ}\nrubrik: {rubrik}\ndatum: {datum}\n{extra}---\n"
            f"## Sammanfattning\n\n{text}\n")


def skriv_arkiv(rot: Path) -> Path:
    shutil.copytree(BAS, rot)
    mote = rot / MOTE
    h = mote / "handlingar"
    h.mkdir(parents=True)
    (mote / "sammantrade.md").write_text(SAMMANTRADE, encoding="utf-8")
    (h / "tjansteskrivelse-budget-2026.md").write_text(TJANSTESKRIVELSE, encoding="utf-8")
    shutil.copy(FIXTUR / "budgetunderlag.pdf", h / "budgetunderlag.pdf")
    (h / "zqhbegaran-brev.md").write_text(_md(
        "Skrivelse", "Zqhbegaran brev från boende", "2025-03-11", "publiceras: false\n",
        "Zqhbegaran text. Brevskrivare 811218-9876."), encoding="utf-8")
    (h / "zqhsekretess-yttrande.md").write_text(_md(
        "Yttrande", "Zqhsekretess yttrande", "2025-03-12", "sekretess: OSL 18 kap. 8 §\n",
        "Zqhsekretess text om larmsystemet."), encoding="utf-8")
    (h / "zqhpost-utredning.md").write_text(_md(
        "Utredning", "Zqhpost utredning", "2025-03-13", "",
        "Zqhpost text om barnet 811218-9876."), encoding="utf-8")
    (h / "zqhpost-bilaga.pdf").write_bytes(b"%PDF-1.4\n% zqhpost innehall\n")
    # KS 2025-02-25: § 1 cites a tjänsteskrivelse, the sekretess § 2 cites its own
    k = rot / "ks/2025-02-25"
    (k / "handlingar").mkdir()
    (k / "handlingar/ts-arsredovisning-2024.md").write_text(_md(
        "Tjänsteskrivelse", "Årsredovisning 2024", "2025-02-01",
        "dnr: KS 2025/12\navsandare: Kommunledningsförvaltningen\n",
        "Årsredovisningen visar ett överskott."), encoding="utf-8")
    (k / "handlingar/zqhparagraf-utredning.md").write_text(_md(
        "Utredning", "Zqhparagraf utredning", "2025-02-10", "",
        "Zqhparagraf text."), encoding="utf-8")
    p1 = k / "01-arsredovisning.md"
    p1.write_text(p1.read_text(encoding="utf-8").replace(
        "    fil: bilagor/arsredovisning-2024.pdf\n",
        "    fil: bilagor/arsredovisning-2024.pdf\n"
        "  - titel: Tjänsteskrivelse Årsredovisning 2024\n"
        "    fil: handlingar/ts-arsredovisning-2024.md\n"), encoding="utf-8")
    p2 = k / "02-sekretess.md"
    p2.write_text(p2.read_text(encoding="utf-8").replace(
        "offentlig_rubrik:", "beslutsunderlag:\n  - titel: Zqhparagraf underlag\n"
        "    fil: handlingar/zqhparagraf-utredning.md\noffentlig_rubrik:"), encoding="utf-8")
    return rot
