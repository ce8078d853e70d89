"""Open data: every file in /data/ has a published JSON Schema that it satisfies
(``jsonschema``), and every CSV is Excel-ready: UTF-8 with a BOM, RFC 4180. sha256.txt is
checked line by line (sha256sum's format) against its schema."""
from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from jsonschema import Draft202012Validator

from generator.render.site.dataschema import schema_for
from standard_hjalp import BYGGEN

# Files in /data/ that are not data records: the page about it and the schemas themselves.
INTE_DATA = ("data/index.html",)
SHA256SUM = re.compile(r"([0-9a-f]{64})  ([^\n]+)")


def _validerare(site, data_sokvag: str) -> Draft202012Validator:
    schema_sokvag = schema_for(data_sokvag)
    assert schema_sokvag, f"{data_sokvag}: inget schema"
    schema = json.loads((site / schema_sokvag).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _sha256_rader(data: bytes) -> list[dict]:
    """sha256sum's format, strictly: '<hex>  <path>' lines, LF, sorted by path. A line that
    does not parse becomes an object the schema rejects."""
    text = data.decode("utf-8")
    assert text.endswith("\n") and "\r" not in text
    rader = text.split("\n")[:-1]
    ut = []
    for rad in rader:
        m = SHA256SUM.fullmatch(rad)
        ut.append({"sha256": m[1], "fil": m[2]} if m else {"rad": rad})
    assert [r.get("fil", "") for r in ut] == sorted(r.get("fil", "") for r in ut)
    return ut


def _csv_rader(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV utan UTF-8-BOM"
    text = data[3:].decode("utf-8")
    assert text.split("\n", 1)[0].endswith("\r") and text.endswith("\r\n"), "radslut ska vara CRLF"
    rader = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    huvud = rader[0]
    assert all(len(r) == len(huvud) for r in rader), "olika antal fält per rad"
    return [dict(zip(huvud, r)) for r in rader[1:]]


@pytest.mark.parametrize("namn", list(BYGGEN))
def test_varje_datafil_har_ett_schema_den_foljer(byggen, namn):
    site = byggen[namn].site
    filer = sorted(p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file())
    data = [f for f in filer if f not in INTE_DATA and not f.startswith("data/schema/")]
    assert {"data/paragrafer.csv", "data/sammantraden.json", "data/sha256.txt"} <= set(data)
    antal = 0
    for rel in data:
        v = _validerare(site, rel)
        if rel.endswith(".csv"):
            poster = _csv_rader((site / rel).read_bytes())
        elif rel == "data/sha256.txt":
            poster = _sha256_rader((site / rel).read_bytes())
            assert all((site / p["fil"]).is_file() for p in poster)
        else:
            poster = [json.loads((site / rel).read_text("utf-8"))]
        for post in poster:
            fel = sorted(v.iter_errors(post), key=str)
            assert not fel, f"{rel}: {fel[0].message} vid {list(fel[0].absolute_path)}"
            antal += 1
    assert antal > 3
    # every schema published is used by some file
    assert {schema_for(f) for f in data} == {f for f in filer if f.startswith("data/schema/")}


def test_schemat_sager_ifran_nar_data_ar_fel(byggen):
    """The check can fail: a § number 0 and a missing column are caught."""
    site = byggen["exempel"].site
    v = _validerare(site, "data/paragrafer.csv")
    rad = _csv_rader((site / "data/paragrafer.csv").read_bytes())[0]
    with pytest.raises(jsonschema.ValidationError):
        v.validate({**rad, "paragraf": "0"})
    with pytest.raises(jsonschema.ValidationError):
        v.validate({k: x for k, x in rad.items() if k != "url"})
    summa = _sha256_rader((site / "data/sha256.txt").read_bytes())[0]
    v = _validerare(site, "data/sha256.txt")
    v.validate(summa)
    for fel in [{**summa, "sha256": summa["sha256"].upper()}, {**summa, "fil": "/etc/passwd"},
                {**summa, "fil": "protokoll/../../x"}, {"rad": "inte en kontrollsumma"}]:
        with pytest.raises(jsonschema.ValidationError):
            v.validate(fel)
    mote = json.loads(next((site / "data/sammantraden").rglob("*.json")).read_text("utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        _validerare(site, "data/sammantraden/x.json").validate({**mote, "datum": "6 februari"})


def test_csv_oppnas_som_utf8_i_excel(byggen):
    """The BOM makes Excel read UTF-8: å, ä, ö survive instead of 'KommunfullmÃ¤ktige'."""
    data = (byggen["exempel"].site / "data/paragrafer.csv").read_bytes()
    assert data[:3] == b"\xef\xbb\xbf"
    assert "Familje- och utbildningsnämnden" in data.decode("utf-8-sig")
