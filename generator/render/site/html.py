"""Small HTML helpers: escaping, dates, reference links in body text."""
from __future__ import annotations

import html
import re
from datetime import date

from generator.common.datum import langt

_TAG = re.compile(r"(<[^>]*>)")


def e(s: object) -> str:
    """Escape text for HTML content and attribute values (script-looking text defanged)."""
    t = html.escape(str(s), quote=True)
    return avvapna(t) if (":" in t or "=" in t) else t


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


_SCHEMA = re.compile(r"(javascript|vbscript|data|livescript)\s*:", re.I)
_HANDELSE = re.compile(r"\b(on[a-z]+)\s*=", re.I)


def avvapna(fragment: str) -> str:
    """Defang text that only looks like script in an HTML fragment whose unsafe links are
    already dropped (``generator.render.markup``): ``javascript:`` and ``onerror=`` written as
    text are kept but as character references, so the bytes hold no such pattern."""
    if ":" not in fragment and "=" not in fragment:
        return fragment
    delar = _TAG.split(fragment)
    for i in range(0, len(delar), 2):
        t = _SCHEMA.sub(lambda m: m.group(1) + "&#58;", delar[i])
        delar[i] = _HANDELSE.sub(lambda m: m.group(1) + "&#61;", t)
    return "".join(delar)
