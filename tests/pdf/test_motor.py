"""The Typst engine's compiler pool (generator/render/pdf/motor.py): every document's data
reaches Typst through its compiler's own data.json, with the same sys.inputs each time."""
from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from generator.archive.plan import plan
from generator.render.pdf.data import utdrag_data
from generator.render.pdf.motor import Motor, json_bytes

from conftest import bygg_arkiv, platt, text_av


def _utdrag(tmp: Path, rubrik: str) -> bytes:
    arkiv = bygg_arkiv(tmp)
    m = plan(arkiv, date(2025, 6, 1)).moten[("fun", date(2025, 2, 6))].pdf_mote
    p = m.paragraf(1)
    assert p is not None
    p.rubrik = rubrik
    return json_bytes(utdrag_data(arkiv, arkiv.organ["fun"], m, p, publik=True))


def test_samma_kompilator_laser_varje_dokuments_data(tmp_path):
    """One compiler renders A, B, A: each PDF shows its own data (the data file is read
    again every time, nothing of the previous document is kept) and A twice gives the
    same bytes."""
    a = _utdrag(tmp_path / "a", "Första rubriken Åsa")
    b = _utdrag(tmp_path / "b", "Andra rubriken Örjan")
    m = Motor()
    pdf_a = m.rendera(a)
    pdf_b = m.rendera(b)
    igen = m.rendera(a)
    assert len(m._rotter) == 1   # one compiler did all three
    assert "FörstarubrikenÅsa" in platt(text_av(pdf_a)) and "Andra" not in text_av(pdf_a)
    assert "AndrarubrikenÖrjan" in platt(text_av(pdf_b)) and "Första" not in text_av(pdf_b)
    assert igen == pdf_a


def test_kompilatorernas_mappar_tas_bort(tmp_path):
    m = Motor()
    m.rendera(_utdrag(tmp_path, "Rubrik"))
    rotter = [Path(r) for r in m._rotter]
    assert rotter and all((r / "data.json").is_file() for r in rotter)
    del m
    gc.collect()
    assert not any(r.exists() for r in rotter)


def test_pdf_steget_lamnar_inga_mappar(tmp_path):
    """The PDF stage removes its compilers' folders itself (the CLI ends with os._exit)."""
    from generator.render.pdf import motor, rendera_pdfer
    arkiv = bygg_arkiv(tmp_path)
    stat = rendera_pdfer(plan(arkiv, date(2025, 6, 1)), tmp_path / "site", tmp_path / "arkiv")
    assert stat.renderade > 0
    assert motor()._rotter == []
