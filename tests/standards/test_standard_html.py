"""The Nu Html Checker (vnu-jar) over every HTML page of every covered build (MkDocs and
Zensical), in one run, and the theme's copies of the engines' base.html differ from theirs
only as they say."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from standard_hjalp import registrera, sidtyp, vnu_kor, vnu_version


def test_nu_html_checker_utan_fel_och_varningar(byggen, utdata_standard):
    sidor = {}
    for b in byggen.values():
        for rel in b.html_sidor():
            fil = b.site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
            sidor[fil.resolve().as_posix()] = (b.namn, rel)
    meddelanden = vnu_kor([Path(u) for u in sidor])
    fynd, per_typ = [], collections.Counter()
    for m in meddelanden:
        # vnu names a file "file:/tmp/..."
        url = "/" + m.get("url", "").removeprefix("file:").lstrip("/")
        namn, rel = sidor.get(url, ("?", m.get("url", "")))
        typ = m["type"] + (f"/{m['subType']}" if m.get("subType") else "")
        per_typ[(namn, sidtyp(rel), typ)] += 1
        fynd.append(f"{namn} /{rel}:{m.get('lastLine', '?')}: {typ}: {m['message']}")
    rapport = "\n".join(f"{n} {t} {k}: {v}" for (n, t, k), v in sorted(per_typ.items()))
    (utdata_standard / "vnu.txt").write_text(
        f"{len(sidor)} sidor, {len(meddelanden)} meddelanden\n{rapport}\n\n" + "\n".join(fynd) + "\n",
        encoding="utf-8")
    assert len(sidor) > 80
    # Errors, warnings and info messages alike: the pages give the checker nothing to say.
    assert not fynd, f"{len(fynd)} meddelanden från Nu Html Checker:\n" + "\n".join(fynd[:60])
    version = vnu_version()
    for b in byggen.values():
        registrera(f"vnu-{b.namn}", {
            "verktyg": {"Nu Html Checker": version}, "bygge": b.etikett,
            "antal": len(b.html_sidor()),
            "text": f"vnu: {len(b.html_sidor())} sidor, 0 fel, 0 varningar"})


@pytest.mark.parametrize("paket", ["material", "zensical"])
def test_base_html_ar_temats_med_bara_de_tva_andringarna(paket):
    """theme/overrides/anslag-base-<engine>.html are copies of the engines' base.html; when an
    engine changes its base.html this fails, so the copy is refreshed rather than drifting."""
    import importlib
    rot = Path(__file__).resolve().parents[2]
    mod = importlib.import_module(paket)
    original = (Path(mod.__file__).parent / "templates" / "base.html").read_text("utf-8")
    var = original.replace('id="__drawer" autocomplete="off">', 'id="__drawer">').replace(
        'id="__search" autocomplete="off">', 'id="__search">').replace(
        '<article class="md-content__inner md-typeset">', '<div class="md-content__inner md-typeset">'
    ).replace("              </article>\n", "              </div>\n").replace(
        '<label class="md-overlay" for="__drawer" aria-hidden="true">',   # Zensical only
        '<label class="md-overlay" for="__drawer">')
    assert var.count("<div class=\"md-content__inner md-typeset\">") == 1
    kopia = (rot / "theme" / "overrides" / f"anslag-base-{paket}.html").read_text("utf-8")
    assert kopia.split("-#}\n", 1)[1] == var
    assert "autocomplete" not in var.split("<body", 1)[1].split("{% block header %}", 1)[0]
