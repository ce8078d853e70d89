"""Typed persons matched by one folding function, and one frontmatter splitter
(issue 10.3). Real content, the real CLI, real PDFs read back with pypdf."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from generator.archive.model import Person, namnnyckel
from generator.commands.justera import satt_frontmatter
from generator.commands.ny import paragraf_text
from generator.content.frontmatter import dela
from tests.conftest import kor_anslag

MOTE = "ks/2025-02-25"


def _ersatt(fil: Path, fran: str, till: str) -> None:
    text = fil.read_text("utf-8")
    assert fran in text
    fil.write_text(text.replace(fran, till, 1), "utf-8")


def _platt(s: str) -> str:
    return "".join(s.split())


def test_ordforande_med_parti_markeras_pa_sidan_och_i_pdf(bas_kopia: Path, tmp_path: Path):
    """``ordforande: Eva Exempelsson (S)`` passes the rules, so the site and the PDF must
    mark her as ordförande too (they compared the raw text and did not)."""
    _ersatt(bas_kopia / MOTE / "sammantrade.md", "ordforande: Eva Exempelsson\n",
            "ordforande: Eva Exempelsson (S)\n")
    k = kor_anslag("kontrollera", "--innehall", str(bas_kopia))
    assert k.kod == 0 and ": fel: " not in k.fel, k.fel
    site = tmp_path / "site"
    b = kor_anslag("bygg", "--innehall", str(bas_kopia), "--ut", str(site),
                   "--arkiv", str(tmp_path / "arkiv"), "--idag", "2025-03-01")
    assert b.kod == 0, b.fel
    sida = (site / "protokoll" / MOTE / "index.html").read_text("utf-8")
    assert "Eva Exempelsson (S), ordförande" in sida
    pdf = PdfReader(io.BytesIO((site / "protokoll" / MOTE / "protokoll.pdf").read_bytes()))
    text = _platt("\n".join(p.extract_text() or "" for p in pdf.pages))
    assert _platt("Eva Exempelsson (S), ordförande") in text
    # the open data keep the name as written
    assert _platt('"ordforande":"Eva Exempelsson (S)"') in _platt(
        (site / "data/sammantraden/ks/2025-02-25.json").read_text("utf-8"))


def test_en_vikning_for_namn():
    assert namnnyckel("Gertrud  Jernberg-Zernig") == namnnyckel("gertrud jernberg zernig")
    assert namnnyckel("Ände") == namnnyckel("A\u0308nde".replace("A\u0308", "\u00c4"))
    eva = Person("Eva Exempelsson", "S")
    assert eva.samma(Person("Eva Exempelsson")) and eva.samma(Person.las("eva exempelsson (V)"))
    assert not eva.samma(Person("Eva Exempelson"))
    assert Person.las("  Eva   Exempelsson(S) ") == Person("Eva   Exempelsson", "S")
    assert Person.las("Eva Exempelsson (S)").nyckel == Person.las("eva  exempelsson").nyckel
    assert Person.las("Eva Exempelsson, ledamot") == Person("Eva Exempelsson, ledamot")
    assert Person.av_text("Eva Exempelsson (S)") == eva
    assert Person.tolka("Per Persson (S), ersätter Nils Nilsson (S)")[0].ersatter == \
        Person("Nils Nilsson", "S")


def test_narmast_stavning_ar_fortfarande_ett_fel(bas_kopia: Path):
    """Site and PDF fold names; the rules still demand the spelling of the beslutande list."""
    _ersatt(bas_kopia / MOTE / "sammantrade.md", "ordforande: Eva Exempelsson\n",
            "ordforande: eva exempelsson (S)\n")
    k = kor_anslag("kontrollera", "--innehall", str(bas_kopia))
    assert k.kod == 1
    assert any("sammantrade.md: fel: ordforande:" in r and 'Menade du "Eva Exempelsson"' in r
               for r in k.rader), k.fel


def test_avslutande_grans_med_blanksteg(bas_kopia: Path):
    """A closing ``---`` with trailing spaces ends the frontmatter for the loader too, as
    for python-frontmatter and justera (the loader's own scan skipped it: "frontmatter
    avslutas inte", or with a later ``---`` in the body, keys read from the wrong block)."""
    fil = bas_kopia / MOTE / "03-bredband.md"
    text = fil.read_text("utf-8")
    rader = text.split("\n")
    slut = rader.index("---", 1)
    rader[slut] = "---   "
    fil.write_text("\n".join(rader), "utf-8")
    k = kor_anslag("kontrollera", "--innehall", str(bas_kopia))
    assert k.kod == 0 and "03-bredband.md" not in k.fel, k.fel


def test_ett_delningsregel_for_lasare_justera_och_ny():
    text = paragraf_text(4, "Ett ärende", "KS 2025/1", "Kommunstyrelsens beslut", True)
    d = dela(text)
    assert d.fm_text.startswith("paragraf: 4\n") and d.body.startswith("## Kommunstyrelsens beslut")
    med_blanksteg = text.replace("\n---\n", "\n---  \n", 1).encode()
    ny = satt_frontmatter(med_blanksteg, {"justering": {"datum": date(2025, 3, 1)}}).decode()
    assert dela(ny).body == d.body
    assert "justering:\n  datum: 2025-03-01\n---  \n" in ny
