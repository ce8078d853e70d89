"""outloud (PDF/UA-1 and WCAG checks) on every PDF the builds make, the reading copies
(protokoll-med-bilagor.pdf, kallelse-med-handlingar.pdf) included: no errors, no data cells
headed only by empty header cells (TBL-011), and a "ruled grid no /Table covers" (TBL-014)
only where a tagged /Table does cover it (see ``_tabell_tackt``)."""
from __future__ import annotations

import collections
import hashlib
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

from standard_hjalp import ARKIV, registrera

LASKOPIOR = {"protokoll-med-bilagor.pdf", "kallelse-med-handlingar.pdf"}


def _outloud(filer: list[Path], ut: Path) -> list[dict]:
    outloud = Path(sys.executable).parent / "outloud"
    p = subprocess.run([str(outloud), "--json", str(ut), "--fail-on", "never", "-q",
                        *map(str, filer)], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    return json.loads(ut.read_text("utf-8"))["results"]


def _slag(p: Path) -> str:
    if p.name.startswith("utdrag-"):
        return "utdrag"
    return p.name.removesuffix(".pdf") + (" (arkiv)" if "arkiv" in p.parts[-4:-2] else "")


def test_outloud_pa_varje_pdf(byggen, utdata_standard, tmp_path):
    # not the kommun's own files, published as they are (bilagor, PDF handlingar)
    egna = {f.read_bytes() for b in ARKIV.values() for f in b[0].rglob("*.pdf")}
    per_bygge = {namn: [p for p in b.pdfer() if "bilagor" not in p.parts
                        and p.read_bytes() not in egna] for namn, b in byggen.items()}
    # The engines build the same PDFs (the PDF stage knows nothing of the site's engine):
    # each distinct file is checked once, and every build's files are among them.
    unika: dict[str, Path] = {}
    for filer in per_bygge.values():
        for p in filer:
            unika.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), p)
    assert len(unika) > 40
    resultat = {Path(r["path"]): r for r in _outloud(list(unika.values()), tmp_path / "o.json")}
    fynd, per_slag = [], collections.Counter()
    for r in resultat.values():
        p = Path(r["path"])
        slag = _slag(p)
        per_slag[(slag, "filer")] += 1
        assert r["error"] is None, f"{p}: {r['error']}"
        for f in r["findings"]:
            per_slag[(slag, f"{f['severity']} {f['rule']}")] += 1
            if f["severity"] == "error" or f["rule"] == "TBL-011" or (
                    f["rule"] == "TBL-014" and not _tabell_tackt(p, f)):
                fynd.append(f"{p}: {f['severity']}: {f['rule']}: {f['message']}")
    fel = sum(v for (s, k), v in per_slag.items() if k.startswith("error"))
    (utdata_standard / "outloud.txt").write_text(
        f"outloud: {len(unika)} olika PDF:er, {fel} fel\n"
        + "\n".join(f"{s} {k}: {v}" for (s, k), v in sorted(per_slag.items())) + "\n\n"
        + "\n".join(fynd) + "\n", encoding="utf-8")
    assert per_slag[("kallelse", "filer")] >= 1 and per_slag[("protokoll (arkiv)", "filer")] >= 1
    for namn in LASKOPIOR:   # the reading copies are checked like every other PDF
        assert per_slag[(namn.removesuffix(".pdf"), "filer")] >= 1, namn
    assert not fynd, "\n".join(fynd)
    version = importlib.metadata.version("outloud")
    for namn, filer in per_bygge.items():
        assert all(unika[hashlib.sha256(p.read_bytes()).hexdigest()] in resultat for p in filer)
        registrera(f"outloud-{namn}", {
            "verktyg": {"outloud": version}, "bygge": byggen[namn].etikett, "antal": len(filer),
            "text": f"outloud: {len(filer)} PDF:er, 0 fel"})


def _rutor(doc, el, sida: int) -> list[tuple]:
    """The boxes of an element's marked content on page ``sida``."""
    innehall = doc.content(sida).mcid_bbox
    return [innehall[(r.stream, r.mcid)] for n in [el, *el.descendants()] for r in n.mcrefs
            if r.page == sida and (r.stream, r.mcid) in innehall]


def _tabell_tackt(pdf: Path, fynd: dict) -> bool:
    """Whether a TBL-014 finding ("a ruled grid no /Table covers") is made of tagged tables
    after all: every ruled line of the grid is drawn around a /Table of that page. outloud
    matches a Table only by the element's own /Pg, which PDF does not require on a Table
    (Typst puts /Pg on the elements that own the content, and a table can run over several
    pages), and it draws one grid over two tables with text between them.

    Here a Table's band on the page is the height of its marked content there; a vertical
    rule belongs to it when it crosses that band, and a horizontal rule when it lies within
    the height of the Table's vertical rules (a continuation page repeats the header row as
    an untagged artifact, and a row split over two pages keeps its borders)."""
    from outloud.model import Document
    doc = Document(str(pdf))
    b = fynd["boxes"][0]
    sida, (x0, y0, x1, y1) = b["page"] - 1, (b["x0"], b["y0"], b["x1"], b["y1"])
    innehall = doc.content(sida)
    linjer = [p.bbox for p in innehall.paths if (p.stroked or p.filled)
              and x0 - 2 <= p.bbox[0] and p.bbox[2] <= x1 + 2 and y0 - 2 <= p.bbox[1]
              and p.bbox[3] <= y1 + 2 and min(p.bbox[2] - p.bbox[0], p.bbox[3] - p.bbox[1]) <= 2.5]
    lodrata = [ln for ln in linjer if ln[2] - ln[0] <= 2.5]
    omraden = []
    for t in doc.elements_of("Table"):
        lador = [innehall.mcid_bbox[(r.stream, r.mcid)] for n in [t, *t.descendants()]
                 for r in n.mcrefs if r.page == sida and (r.stream, r.mcid) in innehall.mcid_bbox]
        if not lador:
            continue
        lo, hi = min(x[1] for x in lador), max(x[3] for x in lador)
        egna = [ln for ln in lodrata if ln[1] < hi and ln[3] > lo]
        omraden.append((lo, hi, min([lo, *(ln[1] for ln in egna)]) - 1,
                        max([hi, *(ln[3] for ln in egna)]) + 1))
    def tackt(ln) -> bool:
        if ln in lodrata:
            return any(ln[1] < hi and ln[3] > lo for lo, hi, _, _ in omraden)
        return any(u <= ln[1] and ln[3] <= o for _, _, u, o in omraden)
    return bool(linjer) and all(tackt(ln) for ln in linjer)


def test_tbl014_kontrollen_skiljer_tabell_fran_ritat_rutnat(tmp_path):
    """_tabell_tackt accepts a tagged table and still rejects a drawn grid without one."""
    import typst
    celler = ", ".join(f'[Rad {r} kolumn {k} text]' for r in range(5) for k in range(4))
    for slag, vantat in [("table", True), ("grid", False)]:
        src = tmp_path / f"{slag}.typ"
        src.write_text(f'#set document(title: "T")\n#set text(lang: "sv")\n= Rubrik\n'
                       f'#{slag}(columns: 4, stroke: 0.5pt, inset: 4pt, {celler})\n', "utf-8")
        pdf = tmp_path / f"{slag}.pdf"
        pdf.write_bytes(typst.compile(str(src), root=str(tmp_path)))
        fynd = [f for r in _outloud([pdf], tmp_path / f"{slag}.json") for f in r["findings"]
                if f["rule"] == "TBL-014"]
        assert len(fynd) == 1, (slag, fynd)   # outloud flags both
        assert _tabell_tackt(pdf, fynd[0]) is vantat, slag
