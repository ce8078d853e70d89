"""outloud (PDF/UA-1 and WCAG checks) on every PDF the builds make: no errors, and no
data cells headed only by empty header cells (TBL-011)."""
from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

from standard_hjalp import ARKIV

# The reading copies (cover + protokoll or kallelse + the kommun's own PDF files, merged with
# pypdf) are documented as untagged, not archival copies (docs/pdf.md): a known gap, below.
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
    filer = [p for b in byggen.values() for p in b.pdfer()
             if "bilagor" not in p.parts and p.read_bytes() not in egna]
    assert len(filer) > 40
    resultat = _outloud(filer, tmp_path / "outloud.json")
    fynd, per_slag = [], collections.Counter()
    for r in resultat:
        p = Path(r["path"])
        if p.name in LASKOPIOR:
            continue
        slag = _slag(p)
        per_slag[(slag, "filer")] += 1
        assert r["error"] is None, f"{p}: {r['error']}"
        for f in r["findings"]:
            per_slag[(slag, f"{f['severity']} {f['rule']}")] += 1
            if f["severity"] == "error" or f["rule"] == "TBL-011":
                fynd.append(f"{p}: {f['severity']}: {f['rule']}: {f['message']}")
    (utdata_standard / "outloud.txt").write_text(
        "\n".join(f"{s} {k}: {v}" for (s, k), v in sorted(per_slag.items())) + "\n\n"
        + "\n".join(fynd) + "\n", encoding="utf-8")
    assert per_slag[("kallelse", "filer")] >= 1 and per_slag[("protokoll (arkiv)", "filer")] >= 1
    assert not fynd, "\n".join(fynd)


def test_laskopian_ar_en_kand_brist(byggen, tmp_path):
    """protokoll-med-bilagor.pdf (and kallelse-med-handlingar.pdf) is untagged (pypdf merge): outloud's errors on it are exactly
    the missing structure, which the tillgänglighetsredogörelse lists as a known gap."""
    filer = [p for b in byggen.values() for n in LASKOPIOR for p in b.site.rglob(n)]
    assert filer
    for r in _outloud(filer, tmp_path / "laskopia.json"):
        fel = {f["rule"] for f in r["findings"] if f["severity"] == "error"}
        assert fel <= {"DOC-001", "DOC-002", "DOC-010", "DOC-011", "DOC-012"}, fel
