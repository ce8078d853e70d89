"""Rules for published text: no personnummer, no template placeholders.

Only text that would be published is checked: for a sekretess paragraph that
is the number, offentlig_rubrik and the ground (the rest never leaves the
internal archive)."""
from __future__ import annotations

import re
from datetime import date

from ..diagnostics import fel

PNR_RE = re.compile(r"(?<![\d/-])(?:(\d{2}))?(\d{2})(\d{2})(\d{2})\s?([-+]?)\s?(\d{4})(?![\d/])")

PLATSHALLARE = [
    (re.compile(r"<\s*Ange[^>]*>", re.I), "en mall-platshållare"),
    (re.compile(r"§\s*[xX]{1,3}\b"), "ett paragrafnummer som inte är ifyllt"),
    (re.compile(r"\b\d{4}-(?:[xX]{2}-(?:\d{2}|[xX]{2})|\d{2}-[xX]{2})\b"), "ett datum som inte är ifyllt"),
    (re.compile(r"\b[xX]{4}-[xX0-9]{2}-[xX0-9]{2}\b"), "ett datum som inte är ifyllt"),
    (re.compile(r"\b(?:\d{4}|[xX]{4})/[0-9]*[xX]{2,}[0-9xX]*\b"), "ett diarienummer som inte är ifyllt"),
]

PUBLIKA_NYCKLAR_SEKRETESS = ("paragraf", "offentlig_rubrik", "sekretess")


def _luhn(siffror: str) -> bool:
    s = 0
    for i, c in enumerate(siffror):
        d = int(c) * (2 if i % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return s % 10 == 0


def ar_personnummer(m: re.Match) -> bool:
    sekel, yy, mm, dd, _sep, sista = m.groups()
    dag = int(dd)
    if dag > 60:  # samordningsnummer: day + 60
        dag -= 60
    if not (1 <= int(mm) <= 12 and 1 <= dag <= 31):
        return False
    if sekel and sekel not in ("18", "19", "20"):
        return False
    try:
        date(2000 if not sekel else int(sekel + yy), int(mm), dag)
    except ValueError:
        if not (int(mm) == 2 and dag == 29):
            return False
    return _luhn(yy + mm + dd + sista)


def _publika_rader(doc, paragraf) -> list[tuple[int, str]]:
    rader = doc.text.split("\n")
    if paragraf is not None and paragraf.ar_sekretess:
        nummer = {doc.rad(k) for k in PUBLIKA_NYCKLAR_SEKRETESS} - {None}
        return [(n, rader[n - 1]) for n in sorted(nummer) if n - 1 < len(rader)]
    return list(enumerate(rader, 1))


def _dokument(ctx):
    par = {id(d): p for p, d, _m in ctx.paragrafer}
    docs = [ctx.innehall.kommun] + [o.organ for o in ctx.innehall.organ]
    for o in ctx.innehall.organ:
        for m in o.sammantraden:
            docs.append(m.sammantrade)
            docs.extend(m.paragrafer)
    for d in docs:
        if d is not None:
            yield d, par.get(id(d))


def _nyckel_for_rad(doc, rad: int) -> str:
    if rad >= doc.body_rad and doc.body_rad > 1:
        return "text"
    basta = "text"
    for k, r in doc.nyckelrader.items():
        if r <= rad and (basta == "text" or r >= doc.nyckelrader[basta]):
            basta = k
    return basta


def inga_personnummer(ctx):
    for doc, p in _dokument(ctx):
        for nr, rad in _publika_rader(doc, p):
            for m in PNR_RE.finditer(rad):
                if ar_personnummer(m):
                    yield fel(doc.path, _nyckel_for_rad(doc, nr), f"rad {nr} innehåller ett "
                              "personnummer eller samordningsnummer. Ta bort det: det får inte "
                              "publiceras.")


def inga_platshallare(ctx):
    for doc, p in _dokument(ctx):
        for nr, rad in _publika_rader(doc, p):
            for rx, vad in PLATSHALLARE:
                m = rx.search(rad)
                if m:
                    yield fel(doc.path, _nyckel_for_rad(doc, nr), f"rad {nr} innehåller {vad} "
                              f"från mallen (\"{m.group(0)}\"). Fyll i det riktiga värdet.")
                    break
