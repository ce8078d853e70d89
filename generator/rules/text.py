"""Rules for published text: no personnummer, no template placeholders.

Only text that would be published is checked: for a sekretess paragraph that
is the number, offentlig_rubrik and the ground (the rest never leaves the
internal archive)."""
from __future__ import annotations

import re
from datetime import date

from generator.common.diagnostics import fel, varning

# The separator may be any dash: text pasted from Word or extracted from a PDF often has
# U+2010-U+2015 or the minus sign U+2212 where the secretary typed "-".
PNR_RE = re.compile(r"(?<![\d/-])(?:(\d{2}))?(\d{2})(\d{2})(\d{2})\s?([-+\u2010-\u2015\u2212]?)\s?(\d{4})(?![\d/])")

PLATSHALLARE = [
    (re.compile(r"(?i:<\s*Ange[^>]*>)"), "en mall-platshållare"),
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


def _publika_traffar(doc, paragraf, rx: re.Pattern, forfilter: re.Pattern | None = None):
    """Yield (line number, match) for matches of ``rx`` in the published text of ``doc``.
    The whole text is scanned at once; line numbers are computed only on a hit."""
    if paragraf is not None and paragraf.ar_sekretess:
        rader = doc.text.split("\n")
        nummer = {doc.rad(k) for k in PUBLIKA_NYCKLAR_SEKRETESS} - {None}
        for n in sorted(nummer):
            if n - 1 < len(rader):
                for m in rx.finditer(rader[n - 1]):
                    yield n, m
        return
    if forfilter is not None and not forfilter.search(doc.text):
        return  # a cheap scan rules out most documents
    for m in rx.finditer(doc.text):
        yield doc.text.count("\n", 0, m.start()) + 1, m


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
        for nr, m in _publika_traffar(doc, p, PNR_RE, SEX_SIFFROR):
            if ar_personnummer(m):
                yield fel(doc.path, _nyckel_for_rad(doc, nr), f"rad {nr} innehåller ett "
                          "personnummer eller samordningsnummer. Ta bort det: det får inte "
                          "publiceras.")


# Cheap scans that rule out most documents before the full patterns run. Each begins
# with a character class so that `re` skips ahead to a possible start instead of trying
# the pattern at every character (ten times faster): SEX_SIFFROR is [0-9]{6} and
# PLATS_FORFILTER is [xX][xX]|§\s*[xX]|<\s*(?i:ange) (tests/core/test_helkontroll.py).
SEX_SIFFROR = re.compile(r"[0-9][0-9]{5}")
PLATS_FORFILTER = re.compile(r"[xX§<](?:(?<=[xX])[xX]|(?<=§)\s*[xX]|(?<=<)\s*(?i:ange))")
PLATSHALLARE_RE = re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in PLATSHALLARE))


def inga_platshallare(ctx):
    for doc, p in _dokument(ctx):
        sedda: set[int] = set()
        for nr, m in _publika_traffar(doc, p, PLATSHALLARE_RE, PLATS_FORFILTER):
            if nr in sedda:
                continue
            sedda.add(nr)
            vad = next(v for rx, v in PLATSHALLARE if rx.fullmatch(m.group(0)) or rx.search(m.group(0)))
            yield fel(doc.path, _nyckel_for_rad(doc, nr), f"rad {nr} innehåller {vad} "
                      f"från mallen (\"{m.group(0)}\"). Fyll i det riktiga värdet.")


# The texts that `anslag ny` writes into a paragraph stub (generator.commands.ny uses these).
STUBB_RUBRIK = "Rubrik för § {nummer}"
STUBB_BESLUT = "Skriv beslutet här."
STUBB_BESKRIVNING = "Skriv ärendebeskrivningen här."
_STUBB_RUBRIK_RE = re.compile(r"^Rubrik för § \d+$")


def ingen_stubbtext(ctx):
    """A § still holding the stub text of `anslag ny`: a warning while the protokoll is
    being written, an error once it is justerat (and `anslag justera` refuses)."""
    for p, doc, m in ctx.paragrafer:
        if _STUBB_RUBRIK_RE.match(p.rubrik or ""):
            nyckel, kvar = "rubrik", p.rubrik
        else:
            kvar = next((t for t in (STUBB_BESLUT, STUBB_BESKRIVNING) if t in doc.body), None)
            nyckel = "text"
        if kvar is None:
            continue
        niva = fel if m.justering is not None else varning
        yield niva(doc.path, nyckel, f"paragrafen har kvar mallens text från \"anslag ny\" "
                   f"(\"{kvar}\"). Skriv in det riktiga innehållet innan protokollet justeras.")


MAX_NIVAER = 10
_PREFIX = " \t>-*+.)0123456789"
_MARKOR = re.compile(r"(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


def _nivaer(rad: str) -> int:
    """How deeply a Markdown line nests, counted generously: every two columns of
    leading whitespace and every block-quote or list marker before the text is a level
    (the PDF engine allows about fifteen levels of nested quotes)."""
    kolumner = markorer = 0
    i = 0
    while i < len(rad):
        c = rad[i]
        if c == " ":
            kolumner += 1
        elif c == "\t":
            kolumner += 4
        else:
            m = _MARKOR.match(rad, i)
            if m is None:
                break
            markorer += 1
            i = m.end()
            continue
        i += 1
    return kolumner // 2 + markorer


def text_inte_for_djupt_nastlad(ctx):
    """Lists or quotes nested hundreds of levels deep are a mistake (and would exhaust
    the renderers' recursion): an error naming the line."""
    for doc, _p in _dokument(ctx):
        if not doc.body:
            continue
        for i, rad in enumerate(doc.body.split("\n")):
            # a level takes at least one character: short prefixes cannot be too deep
            if len(rad) - len(rad.lstrip(_PREFIX)) <= MAX_NIVAER:
                continue
            if _nivaer(rad) > MAX_NIVAER:
                yield fel(doc.path, "text", f"rad {doc.body_rad + i} är nästlad i fler än "
                          f"{MAX_NIVAER} nivåer (indrag eller >). Skriv texten med färre "
                          "nivåer av listor och citat.")
                break
