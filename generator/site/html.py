"""Small HTML helpers: escaping, dates, reference links in body text."""
from __future__ import annotations

import html
import re
from datetime import date

from ..datum import langt

_TAG = re.compile(r"(<[^>]*>)")


def e(s: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(s), quote=True)


def iso(d: date) -> str:
    """ISO date in a <time> element (tables, fact lists)."""
    return f'<time datetime="{d.isoformat()}">{d.isoformat()}</time>'


def prosa(d: date) -> str:
    """Swedish prose date in a <time> element: "torsdagen den 6 februari 2025"."""
    return f'<time datetime="{d.isoformat()}">{langt(d)}</time>'


def a(href: str, text_html: str, **attr: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{e(v)}"' for k, v in attr.items())
    return f'<a href="{e(href)}"{extra}>{text_html}</a>'


def spann(nummer: list[int]) -> str:
    """``§§ 1–16``, ``§ 3`` or ``§§ 1, 3, 7``."""
    if not nummer:
        return ""
    nummer = sorted(nummer)
    if len(nummer) == 1:
        return f"§ {nummer[0]}"
    if nummer == list(range(nummer[0], nummer[-1] + 1)):
        return f"§§ {nummer[0]}–{nummer[-1]}"
    return "§§ " + ", ".join(str(n) for n in nummer)


def lanka_text(fragment: str, hitta, lank_for) -> str:
    """Turn references in the text nodes of an HTML fragment into links.

    ``hitta(text)`` yields (start, end, organ_id, datum, n) as
    ``Organregister.hitta``; ``lank_for(organ_id, datum, n)`` returns a href or
    None when the target is not in the archive. Text inside <a>, <code> and
    <pre> is left alone.
    """
    delar = _TAG.split(fragment)
    djup = 0
    andrad = False
    for i, del_ in enumerate(delar):
        if i % 2:
            tag = del_.lower()
            if re.match(r"<(a|code|pre)[\s>]", tag):
                djup += 1
            elif re.match(r"</(a|code|pre)\s*>", tag):
                djup = max(0, djup - 1)
            continue
        if djup or "§" not in del_:
            continue
        text = html.unescape(del_)
        traffar = list(hitta(text))
        if not traffar:
            continue
        ut, pos = [], 0
        for start, slut, oid, d, n in traffar:
            href = lank_for(oid, d, n)
            if href is None:
                continue
            ut.append(html.escape(text[pos:start], quote=False))
            ut.append(a(href, html.escape(text[start:slut], quote=False)))
            pos = slut
        if ut:
            ut.append(html.escape(text[pos:], quote=False))
            delar[i] = "".join(ut)
            andrad = True
    return "".join(delar) if andrad else fragment
