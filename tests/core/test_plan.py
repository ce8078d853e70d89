"""The publishing plan (generator.archive.plan): one decision of what is public, read by
the site, the PDF stage and the checksum manifest. Real content (tests/fixtures/bas),
real builds through the CLI; nothing mocked."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from generator.archive.model import SEKRETESS_RUBRIK
from generator.archive.plan import plan
from generator.render.manifest import PlaneradFilSaknas, dokument, kontrollsummor, las_manifest
from generator.rules import las_arkiv
from tests.conftest import BAS, kor_anslag

KS = date(2025, 2, 25)
MOTE = "protokoll/ks/2025-02-25/"
MOTESDAGEN, JUSTERAT = date(2025, 2, 25), date(2025, 3, 1)


@pytest.fixture(scope="module")
def arkiv():
    a, rapport = las_arkiv(BAS)
    assert a is not None and not rapport.har_fel, rapport.sorterade()
    return a


def test_pa_motesdagen_bara_det_omedelbart_justerade(arkiv):
    pl = plan(arkiv, MOTESDAGEN)
    mp = pl.moten[("ks", KS)]
    assert [d.sokvag for d in mp.pdfer] == [MOTE + "utdrag-3.pdf"]
    assert pl.publicerade >= {("ks", KS, 3)} and ("ks", KS, 1) not in pl.publicerade
    assert ("ks", KS) in pl.ej_justerade and not pl.protokoll_publicerat("ks", KS)
    assert mp.filer == []                      # § 1 (with the bilaga) is not public yet
    # the internal archive copies (full text) do not wait for the day
    assert [d.sokvag for d in mp.interna] == ["ks/2025-02-25/protokoll.pdf",
                                              "ks/2025-02-25/utdrag-2.pdf"]


def test_efter_justeringen(arkiv):
    pl = plan(arkiv, JUSTERAT)
    mp = pl.moten[("ks", KS)]
    assert sorted(d.sokvag for d in mp.pdfer) == [
        MOTE + x for x in ("protokoll-med-bilagor.pdf", "protokoll.pdf", "utdrag-1.pdf",
                           "utdrag-3.pdf")]
    assert pl.utdrag_pdf("ks", KS, 2) is None   # the sekretess §: never a public utdrag
    assert [(f.sokvag, f.nummer, f.ar_pdf) for f in mp.filer] == [
        (MOTE + "bilagor/arsredovisning-2024.pdf", 1, True)]
    assert sorted(d.sokvag for d in mp.interna) == ["ks/2025-02-25/protokoll.pdf",
                                                     "ks/2025-02-25/utdrag-2.pdf"]
    assert mp.dokument == sorted([d.sokvag for d in mp.pdfer] + [f.sokvag for f in mp.filer])
    # a kungörelse is planned for the fullmäktige meeting that has no §§ yet, from the day
    # it is issued (2025-03-06); before that nothing of it is public (issue 11)
    assert pl.kallelse_pdf("kf", date(2025, 3, 17)) is None
    assert pl.arkiv.sammantrade("kf", date(2025, 3, 17)).kallelse is None
    pl = plan(arkiv, date(2025, 3, 6))
    assert pl.kallelse_pdf("kf", date(2025, 3, 17)) == "protokoll/kf/2025-03-17/kallelse.pdf"
    assert pl.arkiv.sammantrade("kf", date(2025, 3, 17)).kallelse.arenden


def test_sekretessparagrafen_ar_reducerad_overallt(arkiv):
    pl = plan(arkiv, JUSTERAT)
    for p in (pl.arkiv.paragraf("ks", KS, 2), pl.moten[("ks", KS)].pdf_mote.paragraf(2)):
        assert p.rubrik == "Ärende om enskilds personliga förhållanden" != SEKRETESS_RUBRIK
        assert p.sekretess == "OSL 26 kap. 1 §"
        assert (p.dnr, p.sektioner, p.beslutsunderlag, p.jav, p.reservationer, p.omrostning,
                p.expedieras, p.fil) == (None, [], [], [], [], None, [], "")
    assert "KS 2025/7" not in pl.arkiv.arenden
    assert all(not p.ar_sekretess for p in pl.paragrafer() if p.dnr)


def test_utan_pdf_planeras_inga_pdf_men_bilagorna(arkiv):
    pl = plan(arkiv, JUSTERAT, pdf=False)
    assert all(mp.pdfer == [] and mp.interna == [] for mp in pl.moten.values())
    assert [f.sokvag for f in pl.filer()] == [MOTE + "bilagor/arsredovisning-2024.pdf"]
    assert dokument(pl, pdfer=False) == [MOTE + "bilagor/arsredovisning-2024.pdf"]


def test_planerad_fil_som_saknas_ar_ett_fel(arkiv, tmp_path: Path):
    with pytest.raises(PlaneradFilSaknas, match="planerad för publicering men skapades inte"):
        kontrollsummor(tmp_path, dokument(plan(arkiv, MOTESDAGEN)))


def _bygg(tmp_path: Path, idag: date) -> Path:
    ut = tmp_path / f"site-{idag}"
    k = kor_anslag("bygg", "--innehall", str(BAS), "--ut", str(ut), "--arkiv",
                   str(tmp_path / f"arkiv-{idag}"), "--idag", idag.isoformat())
    assert k.kod == 0, k.fel
    return ut


def test_bygget_publicerar_och_summerar_exakt_planen(arkiv, tmp_path: Path):
    """Site, PDF stage and manifest read the same plan: every planned document is in the
    site and in data/sha256.txt, nothing else is, and the site links every planned PDF."""
    for idag in (MOTESDAGEN, JUSTERAT):
        site = _bygg(tmp_path, idag)
        pl = plan(arkiv, idag)
        summor = las_manifest(site / "data/sha256.txt")
        assert sorted(summor) == dokument(pl)
        for rel, h in summor.items():
            assert hashlib.sha256((site / rel).read_bytes()).hexdigest() == h, rel
        publicerat = sorted(p.relative_to(site).as_posix() for p in (site / "protokoll").rglob("*")
                            if p.is_file() and p.suffix != ".html" and p.name != "SHA256SUMS"
                            and p.suffix not in (".xml",))
        assert publicerat == dokument(pl)
        for d in pl.moten[("ks", KS)].pdfer:
            sida = MOTE + (f"{d.nummer}/" if d.nummer else "") + "index.html"
            if d.slag != "paket":
                assert d.sokvag.rsplit("/", 1)[1] in (site / sida).read_text("utf-8"), d
    # before the justering: the omedelbart justerad § 3 has its utdrag, and its page links it
    fore = tmp_path / f"site-{MOTESDAGEN}"
    assert "utdrag-3.pdf" in (fore / MOTE / "3/index.html").read_text("utf-8")
    # after: the bilaga's checksum list beside it
    efter = tmp_path / f"site-{JUSTERAT}"
    summor = (efter / MOTE / "bilagor/SHA256SUMS").read_text("utf-8")
    bil = efter / MOTE / "bilagor/arsredovisning-2024.pdf"
    assert summor == f"{hashlib.sha256(bil.read_bytes()).hexdigest()}  arsredovisning-2024.pdf\n"
