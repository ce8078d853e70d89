"""End to end with the real build: a rättelse is shown on the protokoll page, the
PDFs are rendered again, and the manifest tells the old copy from the new."""
from __future__ import annotations

import shutil
from pathlib import Path

from arbetsflode_hjalp import PAR3, kor
from generator.render.manifest import manifest_for_sammantrade


def _bygg(innehall: Path, tmp: Path, idag: str = "2025-02-20") -> Path:
    site = tmp / "site"
    r = kor("bygg", "--innehall", innehall, "--ut", site, "--arkiv", tmp / "arkiv",
            "--idag", idag, "--tyst")
    assert r.kod == 0, r.allt
    return site


def test_rattelse_syns_pa_sidan_och_pdf_gors_om(last: Path, tmp_path: Path):
    site = _bygg(last, tmp_path)
    fore = manifest_for_sammantrade(site, "fun", "2025-02-06")
    pdf = "protokoll/fun/2025-02-06/protokoll.pdf"
    assert pdf in fore
    gammal_kopia = tmp_path / "nedladdad.pdf"
    shutil.copy(site / pdf, gammal_kopia)
    assert kor("verifiera", gammal_kopia, "--ut", site).kod == 0

    par = last / PAR3
    par.write_text(par.read_text(encoding="utf-8").replace(
        "godkänns.", "godkänns och läggs till handlingarna."), encoding="utf-8")
    assert kor("bygg", "--innehall", last, "--ut", site, "--arkiv", tmp_path / "arkiv",
               "--idag", "2025-02-20", "--tyst").kod == 1          # locked: nothing is built
    orsak = "I § 3 saknades att rapporten läggs till handlingarna."
    assert kor("justera", "fun", "2025-02-06", "--innehall", last, "--rattelse", orsak).kod == 0

    site = _bygg(last, tmp_path)
    sida = (site / "protokoll" / "fun" / "2025-02-06" / "index.html").read_text(encoding="utf-8")
    assert "Rättelser" in sida and orsak in sida
    efter = manifest_for_sammantrade(site, "fun", "2025-02-06")
    assert efter[pdf] != fore[pdf]                                  # rendered again
    assert efter["protokoll/fun/2025-02-06/utdrag-3.pdf"] != \
        fore["protokoll/fun/2025-02-06/utdrag-3.pdf"]
    r = kor("verifiera", gammal_kopia, "--ut", site)
    assert r.kod == 1 and "stämmer INTE" in r.ut
