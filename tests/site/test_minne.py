"""The page memo: a rebuild reuses a unit only when its pages would come out the same.

Each scenario builds the pages of archive A, keeps the memo, changes the content,
and generates the pages of archive B twice: with A's memo and from scratch. Every
page that the memo reused must be byte-identical to the page generated from
scratch, every generated one too, and the memo must have reused something (so
the test cannot pass by never reusing)."""
from __future__ import annotations

from datetime import date

import pytest

from generator.archive.plan import plan
from generator.rules import las_arkiv
from generator.render.site.sidor import sidor
from generator.render.site.webbplats import Webbplats


def _arkiv(rot):
    arkiv, rapport = las_arkiv(rot)
    assert arkiv is not None and not rapport.har_fel, [str(d) for d in rapport.sorterade()]
    return arkiv


def _sidor(w: Webbplats) -> dict[str, str | None]:
    w.minne.kan_ateranvanda = lambda sokvagar: True
    ut = {s.sokvag: s.html for s in sidor(w)}
    from generator.render.site import floden
    ut.update({f"fil:{v}": d for v, d in floden.filer(w)})
    return ut


def _grund(rot, hjalp):
    hjalp.grund(rot)
    hjalp.mote(rot, "2025-03-05", "2025-03-07", "2025-03-07")
    hjalp.paragraf(rot, "2025-03-05", "01.md", "paragraf: 1\nrubrik: Budget 2026\ndnr: 2025/00001",
                   "## Socialnämndens beslut\n\nGodkänns. Frågan återkommer i SN 2025-03-19 § 3.")
    hjalp.paragraf(rot, "2025-03-05", "02.md", "paragraf: 2\nrubrik: Delegationsbeslut\n"
                   "dnr: 2025/00002", "## Socialnämndens beslut\n\nLäggs till handlingarna.")
    hjalp.skriv_filer(rot, {"sn/2025-04-02/sammantrade.md":   # planned: no §§ yet
                            "---\nplats: Kommunhuset\ntid: \"13:00\"\nkallelse:\n"
                            "  datum: 2025-03-26\n  arenden:\n    - rubrik: Budget 2026\n---\n"})
    hjalp.mote(rot, "2024-11-05", "2024-11-07", "2024-11-07")
    hjalp.paragraf(rot, "2024-11-05", "01.md", "paragraf: 1\nrubrik: Ett orört ärende\n"
                   "dnr: 2025/00009", "## Socialnämndens beslut\n\nGodkänns.")


def _nytt_mote(rot, hjalp):
    """Same dnr as § 1 of 2025-03-05 and the § its text refers to, no beredning key."""
    hjalp.mote(rot, "2025-03-19", "2025-03-20", "2025-03-20")
    hjalp.paragraf(rot, "2025-03-19", "01.md", "paragraf: 3\nrubrik: Budget 2026, fortsättning\n"
                   "dnr: 2025/00001", "## Socialnämndens beslut\n\nKlart.")
    hjalp.paragraf(rot, "2025-03-19", "02.md", "paragraf: 4\nrubrik: Övrigt\ndnr: 2025/00003",
                   "## Socialnämndens beslut\n\nInget.")


def _sekretess(rot, hjalp):
    hjalp.paragraf(rot, "2025-03-05", "02.md", "paragraf: 2\nrubrik: Delegationsbeslut\n"
                   "dnr: 2025/00002\nsekretess: OSL 26 kap. 1 §",
                   "## Socialnämndens beslut\n\nLäggs till handlingarna.")


SCENARIER = {"nytt sammanträde": (_nytt_mote, date(2025, 3, 21), date(2025, 3, 21)),
             "paragraf blir sekretess": (_sekretess, date(2025, 3, 21), date(2025, 3, 21)),
             "ny dag, protokollet publiceras": (None, date(2025, 3, 6), date(2025, 3, 7)),
             "ny dag, planerat sammanträde har passerat": (None, date(2025, 4, 1),
                                                            date(2025, 4, 3))}


@pytest.mark.parametrize("namn", list(SCENARIER))
def test_ateranvanda_sidor_ar_identiska_med_nygenererade(tmp_path, hjalp, namn):
    andra, dag_a, dag_b = SCENARIER[namn]
    rot = tmp_path / "innehall"
    _grund(rot, hjalp)
    wa = Webbplats(plan(_arkiv(rot), dag_a, pdf=True))
    fore = _sidor(wa)
    if andra is not None:
        andra(rot, hjalp)
    arkiv_b = _arkiv(rot)
    wb = Webbplats(plan(arkiv_b, dag_b, pdf=True))
    wb.minne.las(wa.minne.spara())
    med_minne = _sidor(wb)
    fran_borjan = _sidor(Webbplats(plan(arkiv_b, dag_b, pdf=True)))

    assert set(med_minne) == set(fran_borjan)
    for sokvag, html in med_minne.items():
        if html is None:   # reused: the page written in build A must be today's page
            assert fore[sokvag] == fran_borjan[sokvag], f"inaktuell sida återanvänd: {sokvag}"
        else:
            assert html == fran_borjan[sokvag], sokvag
    assert wb.minne.ateranvanda > 0
    assert med_minne["protokoll/sn/2024-11-05/1/"] is None     # the untouched meeting is reused
    if andra is _nytt_mote:   # the older § now says the ärende has more §§, and links forward
        assert med_minne["protokoll/sn/2025-03-05/1/"] is not None
        assert "arenden/2025-00001/" in fran_borjan["protokoll/sn/2025-03-05/1/"]
        assert "2025-03-19/3/" in fran_borjan["protokoll/sn/2025-03-05/1/"]


def test_arendets_gang_med_handlingar_ateranvands_bara_nar_den_ar_densamma(tmp_path):
    """Ärendets gång of a dnr with handlingar is a memo unit too (it used to be generated
    in every build): the day the kallelse is issued its handlingar enter the page, and a
    changed handling changes it; otherwise it is reused."""
    from tests import handlingar_hjalp as hh
    rot = hh.skriv_arkiv(tmp_path / "innehall")
    sida = "arenden/KS 2025-40/"

    def bygg(dag, forra=None):
        w = Webbplats(plan(_arkiv(rot), dag, pdf=True))
        if forra is not None:
            w.minne.las(forra.minne.spara())
        return w, _sidor(w)

    wa, a = bygg(hh.MELLAN)
    assert a[sida] is not None and "Budget 2026" in a[sida]
    wb, b = bygg(hh.MELLAN, wa)
    assert b[sida] is None and wb.minne.ateranvanda > 0            # unchanged: reused
    tj = rot / hh.MOTE / "handlingar" / "tjansteskrivelse-budget-2026.md"
    tj.write_text(tj.read_text(encoding="utf-8").replace("rubrik: Budget 2026",
                                                         "rubrik: Budget 2026 (reviderad)"),
                  encoding="utf-8")
    _wc, c = bygg(hh.MELLAN, wb)
    _wd, facit = bygg(hh.MELLAN)
    assert c[sida] is not None and c[sida] == facit[sida] and "(reviderad)" in c[sida]
    _we, fore = bygg(hh.FORE_KALLELSE)                               # not issued yet
    _wf, efter = bygg(hh.MELLAN, _we)
    assert efter.get(sida) == facit[sida]


HELA_ARKIVET = {"ledamoter", "arenden", "o|sn", "f|anslag", "f|anslag|sn", "f|ics", "f|csv",
                "f|sammantraden", "f|data"}   # the units that read the whole archive


def _dag_efter_dag(rot, dag_a, dag_b):
    """Pages and files of day B with day A's memo, B's from scratch, and A's; and the
    units day B generated again."""
    wa = Webbplats(plan(_arkiv(rot), dag_a, pdf=True))
    fore = _sidor(wa)
    wb = Webbplats(plan(_arkiv(rot), dag_b, pdf=True))
    wb.minne.las(wa.minne.spara())
    med_minne = _sidor(wb)
    facit = _sidor(Webbplats(plan(_arkiv(rot), dag_b, pdf=True)))
    assert set(med_minne) == set(facit)
    for sokvag, html in med_minne.items():
        assert (fore[sokvag] if html is None else html) == facit[sokvag], sokvag
    return fore, facit, wb.minne.byggda


def test_helarkivsenheter_byggs_om_bara_en_dag_som_andrar_dem(tmp_path, hjalp):
    """Person pages, ärenden index, organ page, feeds, calendar and open data are memo
    units keyed by the whole archive (and the feeds and the calendar by where the day lies
    among the archive's dates): a next day that changes none of them reuses them all, a
    day when an anslag is put up or a kallelse issued makes the feeds and the calendar
    again, and every result is the page or file a build from scratch makes."""
    rot = tmp_path / "innehall"
    _grund(rot, hjalp)
    _fore, _facit, byggda = _dag_efter_dag(rot, date(2025, 3, 10), date(2025, 3, 11))
    assert not byggda & HELA_ARKIVET, sorted(byggda & HELA_ARKIVET)

    fore, facit, byggda = _dag_efter_dag(rot, date(2025, 3, 6), date(2025, 3, 7))   # justerat
    assert {"f|anslag", "f|anslag|sn", "f|ics", "ledamoter"} <= byggda, sorted(byggda)
    assert fore["fil:anslag.xml"] != facit["fil:anslag.xml"]

    hjalp.mote(rot, "2025-05-05", "2025-05-07", "2025-05-09")   # put up two days after
    hjalp.paragraf(rot, "2025-05-05", "01.md", "paragraf: 5\nrubrik: Taxor\ndnr: 2025/00005",
                   "## Socialnämndens beslut\n\nGodkänns.")
    fore, facit, byggda = _dag_efter_dag(rot, date(2025, 5, 8), date(2025, 5, 9))   # only that
    assert {"f|anslag", "f|anslag|sn"} <= byggda and "ledamoter" not in byggda, sorted(byggda)
    assert fore["fil:anslag.xml"] != facit["fil:anslag.xml"]

    fore, facit, byggda = _dag_efter_dag(rot, date(2025, 3, 25), date(2025, 3, 26))  # kallelse
    assert {"f|anslag|sn", "f|ics"} <= byggda, sorted(byggda)
    assert fore["fil:sammantraden.ics"] != facit["fil:sammantraden.ics"]


def test_flode_utan_nagon_handelse_an_far_dagens_datum(tmp_path, hjalp):
    """Before anything in the archive has happened a feed's <updated> is the build's day:
    then the day itself is part of the feed's memo key."""
    rot = tmp_path / "innehall"
    hjalp.grund(rot)
    hjalp.skriv_filer(rot, {"sn/2025-04-02/sammantrade.md":
                            "---\nplats: Kommunhuset\nkallelse:\n  datum: 2025-03-26\n"
                            "  arenden:\n    - rubrik: Budget 2026\n---\n"})
    fore, facit, byggda = _dag_efter_dag(rot, date(2025, 3, 1), date(2025, 3, 2))
    assert "f|anslag" in byggda
    assert "2025-03-02" in facit["fil:anslag.xml"].decode() != fore["fil:anslag.xml"]


def test_markdowncachen_behaller_texterna_som_ateranvanda_enheter_laser(tmp_path, hjalp):
    """A build that reuses units (a new day that reaches no date) keeps the Markdown of
    their texts (the § pages, paragrafer.csv) for the day they are made again."""
    from generator.commands.bygg import markdown_cache
    rot = tmp_path / "innehall"
    _grund(rot, hjalp)
    ut = tmp_path / "ut" / "site"
    hjalp.bygg_site(rot, ut, date(2025, 3, 10), utan_pdf=True)
    cache = markdown_cache(ut.parent / ".cache" / "anslag-site")
    fore = cache.las()
    assert any("Läggs till handlingarna." in k for k in fore), sorted(fore)
    hjalp.bygg_site(rot, ut, date(2025, 3, 11), utan_pdf=True)
    efter = cache.las()
    assert fore.items() <= efter.items()
