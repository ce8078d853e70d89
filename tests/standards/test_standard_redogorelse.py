"""/tillganglighet/: the tillgänglighetsredogörelse as DIGG prescribes it, linked from every
page's footer, with the kommun's feedback channel from kommun.yml (escaped)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

from standard_hjalp import BYGGEN, GRANSKNING, ROT, kravda, registrera


def test_redogorelsen_har_digg_delarna(byggen):
    html = (byggen["exempel"].site / "tillganglighet" / "index.html").read_text("utf-8")
    for del_ in ["Tillgänglighetsredogörelse", "delvis förenlig", "Innehåll som inte är tillgängligt",
                 "protokoll-med-bilagor.pdf", "sidans text som alternativtext",
                 "Hur vi har testat webbplatsen",
                 "Rapportera brister", 'href="https://www.digg.se/tdosanmalan"',
                 "axe-core", "Nu Html Checker", "outloud",
                 'href="mailto:anslagstavla@example.se"']:
        assert del_ in html, del_
    senaste = byggen["exempel"].granskning   # theme/granskning.json, as the build read it
    assert senaste is not None, f"{GRANSKNING} saknas"
    assert date.fromisoformat(senaste["granskad"]) <= date.today()
    assert f'datetime="{senaste["granskad"]}"' in html
    assert f'{senaste["sidor"]} sidor (' in html and f'{senaste["pdfer"]}\nPDF-filer' in html
    for namn in ("axe-core", "Chromium", "Nu Html Checker", "outloud"):
        assert f"{namn} {senaste['verktyg'][namn]}" in html
    assert 'datetime="2025-02-20"' in html   # the statement's own date: the build's day
    # the fallback when kommun.yml names no contact
    bas = (byggen["bas"].site / "tillganglighet" / "index.html").read_text("utf-8")
    assert "kommunens officiella webbplats" in bas and "mailto:" not in bas


def test_varje_sida_lankar_till_redogorelsen(byggen):
    for b in byggen.values():
        for rel in b.html_sidor():
            fil = b.site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
            sidfot = fil.read_text("utf-8").split('<footer class="md-footer">', 1)[1]
            assert re.search(r'<a href="(?:[./]*tillganglighet/|(?:\./)+)">Tillgänglighet</a>', sidfot), rel


def test_kontakten_ar_escapad_och_bara_lankad_nar_den_ar_en_adress(tmp_path):
    innehall = tmp_path / "innehall"
    shutil.copytree(ROT / "tests" / "fixtures" / "bas", innehall)
    kommun = innehall / "kommun.yml"
    for kontakt, lank in [("<script>alert(1)</script>", None),
                          ("javascript:alert(1)", None),
                          ("https://exempelby.example/tillganglighet", "https://exempelby.example/tillganglighet")]:
        kommun.write_text(kommun.read_text("utf-8").split("tillganglighet:")[0]
                          + f"tillganglighet:\n  kontakt: '{kontakt}'\n", encoding="utf-8")
        ut = tmp_path / kontakt.replace("/", "_").replace(":", "_").replace("<", "_").replace(">", "_")
        p = subprocess.run([sys.executable, "-m", "generator.commands.cli", "bygg", "--innehall",
                            str(innehall), "--ut", str(ut / "site"), "--arkiv", str(ut / "arkiv"),
                            "--idag", "2025-03-20", "--utan-pdf", "--tyst"], cwd=ROT,
                           capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        html = (ut / "site" / "tillganglighet" / "index.html").read_text("utf-8")
        assert "<script>alert" not in html and 'href="javascript' not in html
        if lank:
            assert f'href="{lank}"' in html
        else:
            assert "Kontakt: " in html


def test_granskningen_skrivs_bara_nar_alla_granskare_gatt_igenom(tmp_path):
    """The record is written when the last missing checker result of this run arrives, not
    before; a result from another run does not count."""
    mapp, mal = tmp_path / "antal", tmp_path / "granskning.json"
    mapp.mkdir()
    (mapp / "vnu-exempel.json").write_text(json.dumps({"korning": "en annan körning"}))
    kvar = sorted(kravda())
    post = {"verktyg": {"axe-core": "4", "Nu Html Checker": "26", "outloud": "0", "Chromium": "1"},
            "bygge": "exempel, MkDocs", "text": "x", "antal": 2}
    for nyckel in kvar[:-1]:
        assert registrera(nyckel, post, mapp, mal) is None
        assert not mal.exists()
    rekord = registrera(kvar[-1], post, mapp, mal)
    assert rekord is not None and json.loads(mal.read_text("utf-8")) == rekord
    assert rekord["sidor"] == 2 * len(BYGGEN) and rekord["pdfer"] == 2 * len(BYGGEN) // 2
    assert rekord["granskad"] == datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat()
