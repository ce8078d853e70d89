"""`anslag bygg` orchestration, the MkDocs entry point, feeds and open data."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

ROT = Path(__file__).resolve().parents[2]
INNEHALL = ROT / "content"

ATOM = "{http://www.w3.org/2005/Atom}"


def _avtryck(rot: Path) -> dict[str, str]:
    return {p.relative_to(rot).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(rot.rglob("*")) if p.is_file()}


def _ett_sammantrade(tmp_path, hjalp, frontmatter: str, ut: str):
    """A content folder with SN 2025-03-05 § 1, built (without PDFs) as on 2025-03-10."""
    rot = tmp_path / "innehall"
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.paragraf(rot, "2025-03-05", "01.md", frontmatter, "## Socialnämndens beslut\n\nGodkänns.")
    site = tmp_path / ut / "site"
    hjalp.bygg_site(rot, site, date(2025, 3, 10), utan_pdf=True)
    return rot, site


def test_misslyckat_bygge_lamnar_ut_orort(tmp_path, hjalp):
    rot, ut = _ett_sammantrade(tmp_path, hjalp, "paragraf: 1\nrubrik: Ett ärende", "ut")
    fore = _avtryck(ut)
    mtider = {p: p.stat().st_mtime_ns for p in ut.rglob("*")}
    # 1) an error in the content
    hjalp.paragraf(rot, "2025-03-05", "02.md", "paragraf: 3\nrubrik: Hopp i numreringen", "Text")
    from generator.commands.bygg import bygg
    assert bygg(rot, ut, tmp_path / "ut" / "arkiv", date(2025, 3, 11), True, tyst=True) == 1
    assert _avtryck(ut) == fore
    # 2) a failure while rendering (after staging has started)
    (rot / "sn/2025-03-05/02.md").unlink()
    import generator.render.site.sidor as sidor
    orig = sidor.tavla
    sidor.tavla = lambda w: (_ for _ in ()).throw(RuntimeError("trasig"))
    try:
        assert bygg(rot, ut, tmp_path / "ut" / "arkiv", date(2025, 3, 11), True, tyst=True) == 1
    finally:
        sidor.tavla = orig
    assert _avtryck(ut) == fore
    assert {p: p.stat().st_mtime_ns for p in ut.rglob("*")} == mtider
    assert sorted(x.name for x in ut.parent.iterdir()) == [".cache", "site"]


def test_inkrementellt_bygge_ger_samma_webbplats(tmp_path, hjalp):
    rot, ut = _ett_sammantrade(
        tmp_path, hjalp, "paragraf: 1\nrubrik: Första ärendet\ndnr: 2025/00001", "a")
    forra = tmp_path / "forra"
    # hard links keep the previous build's bytes visible: it must not change
    subprocess.run(["cp", "-al", str(ut), str(forra)], check=True)
    forra_avtryck = _avtryck(forra)
    # add a meeting whose § continues the first one; remove nothing
    hjalp.mote(rot, "2025-03-19", "2025-03-20", "2025-03-20")
    hjalp.paragraf(rot, "2025-03-19", "02.md",
                   "paragraf: 2\nrubrik: Fortsättning\ndnr: 2025/00001\nberedning: SN 2025-03-05 § 1",
                   "## Socialnämndens beslut\n\nKlart.")
    hjalp.bygg_site(rot, ut, date(2025, 3, 21), utan_pdf=True)
    full = hjalp.bygg_site(rot, tmp_path / "b" / "site", date(2025, 3, 21), utan_pdf=True)
    a, b = _avtryck(ut), _avtryck(full)
    skillnad = {k for k in set(a) | set(b) if a.get(k) != b.get(k) and not k.startswith(
        ("pagefind/", "sitemap.xml"))}
    assert not skillnad, sorted(skillnad)
    assert _avtryck(forra) == forra_avtryck, "det förra bygget ändrades genom en hård länk"
    # the older § now links forward (its page was re-rendered because its content changed)
    assert "SN 2025-03-19 § 2" in (ut / "protokoll/sn/2025-03-05/1/index.html").read_text("utf-8")


def test_mkdocs_build_med_mkdocs_yml(tmp_path):
    env = dict(os.environ, ANSLAG_IDAG="2025-02-20", ANSLAG_SOK="false", NO_MKDOCS_2_WARNING="1")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROT / "mkdocs.yml"),
                        "-d", str(tmp_path / "site")], cwd=ROT, env=env, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="anslag-fun-2025-02-06"' in index
    assert (tmp_path / "site/protokoll/fun/2025-02-06/3/index.html").exists()


def test_floden_och_oppna_data(exempel_site):
    feed = ET.parse(exempel_site / "anslag.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert "Familje- och utbildningsnämnden" in entries[0].find(f"{ATOM}title").text
    assert entries[0].find(f"{ATOM}link").get("href") == \
        "https://anslagstavla.example.se/protokoll/fun/2025-02-06/"
    assert ET.parse(exempel_site / "protokoll/fun/anslag.xml").getroot().tag == f"{ATOM}feed"

    ics = (exempel_site / "sammantraden.ics").read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;TZID=Europe/Stockholm:20250206T090000" in ics
    assert all(len(r.encode()) <= 75 for r in ics.split("\r\n"))

    rader = list(csv.DictReader(io.StringIO((exempel_site / "data/paragrafer.csv").read_text("utf-8-sig"))))
    r3 = next(r for r in rader if r["organ"] == "fun" and r["paragraf"] == "3")
    assert r3["dnr"] == "2024/00392" and r3["datum"] == "2025-02-06"
    assert r3["url"] == "https://anslagstavla.example.se/protokoll/fun/2025-02-06/3/"
    assert "godkänns" in r3["beslut"]

    m = json.loads((exempel_site / "data/sammantraden/fun/2025-02-06.json").read_text("utf-8"))
    assert m["anslag"] == {"uppsatt": "2025-02-07", "sista_dag_for_overklagande": "2025-02-28",
                           "nedtas": "2025-03-01"}
    p3 = next(p for p in m["paragrafer"] if p["paragraf"] == 3)
    assert p3["beredning"][0]["url"].endswith("/protokoll/fun-au/2025-01-23/2/")


def test_overklaga_sidan(exempel_site):
    t = (exempel_site / "overklaga/index.html").read_text(encoding="utf-8")
    for bit in ["laglighetsprövning", "medlem av kommunen", "tre veckor", "förvaltningsrätten",
                "skriftligt", "13 kap. 5 §", "13 kap. 8 §", "förvaltningsbesvär",
                "Nya omständigheter får inte"]:
        assert bit in t, bit


def test_arkivsidor_ligger_utanfor_navigeringen(exempel_site):
    t = (exempel_site / "index.html").read_text(encoding="utf-8")
    nav = t[t.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert "2025-02-06" not in nav and "Protokoll" in nav


def test_skalrendering_ger_samma_bytes_som_material(tmp_path, monkeypatch):
    """The per-depth shell (plugin.on_page_context) gives the same page as Material's own
    rendering of each archive page."""
    from generator.rules import las_arkiv
    from generator.commands.bygg import bygg_webbplats
    import generator.render.site.mkdocs_sidor as ms

    arkiv, _ = las_arkiv(INNEHALL)
    bygg_webbplats(arkiv, tmp_path / "a", date(2025, 2, 20), sok=False)
    orig = ms.GenereradSida.read_source

    def utan_skal(self, config):
        orig(self, config)
        self.meta.pop("template", None)

    monkeypatch.setattr(ms.GenereradSida, "read_source", utan_skal)
    arkiv, _ = las_arkiv(INNEHALL)
    bygg_webbplats(arkiv, tmp_path / "b", date(2025, 2, 20), sok=False)
    a, b = _avtryck(tmp_path / "a"), _avtryck(tmp_path / "b")
    assert a == b, sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))[:10]


def test_kontrollsummor_publiceras_med_bygget(exempel_site):
    """anslag bygg publishes data/sha256.txt and each meeting's documents in its JSON."""
    rader = (exempel_site / "data/sha256.txt").read_text("utf-8").splitlines()
    summor = dict(reversed(r.split("  ", 1)) for r in rader)
    prot = "protokoll/fun/2025-02-06/protokoll.pdf"
    assert prot in summor and "protokoll/fun/2025-02-06/utdrag-3.pdf" in summor
    for rel, h in summor.items():
        assert hashlib.sha256((exempel_site / rel).read_bytes()).hexdigest() == h, rel
    m = json.loads((exempel_site / "data/sammantraden/fun/2025-02-06.json").read_text("utf-8"))
    dokument = {d["fil"]: d["sha256"] for d in m["dokument"]}
    assert dokument == {k: v for k, v in summor.items()
                        if k.startswith("protokoll/fun/2025-02-06/")}
    assert "sha256.txt" in (exempel_site / "data/index.html").read_text("utf-8")


def test_bygg_fel_mapp_ger_svenskt_besked_utan_traceback(tmp_path):
    from tests.conftest import kor_anslag
    r = kor_anslag("bygg", "--innehall", str(tmp_path / "finns-inte"), "--ut",
                   str(tmp_path / "site"), "--tyst")
    assert r.kod == 1 and "innehall: mappen finns inte" in r.fel and "Traceback" not in r.fel
    hinder = tmp_path / "fil"
    hinder.write_text("ingen mapp")
    r = kor_anslag("bygg", "--innehall", str(INNEHALL), "--ut", str(hinder / "site"),
                   "--arkiv", str(tmp_path / "arkiv"), "--idag", "2025-02-20", "--tyst")
    assert r.kod == 1 and "kan inte skriva i" in r.fel and "Traceback" not in r.fel, r.fel
