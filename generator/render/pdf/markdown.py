"""Markdown -> JSON nodes for the Typst templates.

The tree comes from ``generator.render.markup.till_trad`` (sanitised: no raw HTML,
unsafe links already turned into plain spans). Every piece of text becomes a
JSON string that the template inserts as a Typst *string*, which Typst never
parses as markup or code; so ``#``, ``$``, ``@``, ``<``, ``]`` and
backslashes in content come out literally.

Block nodes: ``p``, ``h``, ``ul``, ``ol``, ``table``, ``quote``, ``pre``, ``hr``.
Inline nodes: ``text``, ``strong``, ``em``, ``del``, ``code``, ``br``, ``link``.
"""
from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
import xml.etree.ElementTree as etree
from urllib.parse import urljoin

from markdown.treeprocessors import Treeprocessor

from generator.render.markup import ny_markdown, saker_lank, till_trad  # noqa: F401  (till_trad: same tree)

Nod = dict

_STYR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufffe\uffff]")
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote",
          "pre", "hr", "div"}


def ren_text(s: str | None) -> str:
    """NFC, no control characters (Markdown's placeholders included)."""
    if not s:
        return ""
    return _STYR.sub("", unicodedata.normalize("NFC", s))


def _text(s: str | None) -> list[Nod]:
    s = ren_text(s)
    if not s:
        return []
    # A soft line break inside a paragraph is a space (Markdown semantics).
    return [{"t": "text", "v": s.replace("\r", "").replace("\n", " ")}]


def _absolut_url(href: str, bas: str | None) -> str | None:
    href = "".join(href.split())
    if not href or href.startswith("#") or not saker_lank(href):
        return None
    if re.match(r"^(https?|mailto):", href, re.I):
        return href
    if bas:
        return urljoin(bas, href)
    return None


def _inline(el: etree.Element, bas: str | None) -> list[Nod]:
    """The inline content of ``el`` (its text, children and their tails)."""
    ut: list[Nod] = _text(el.text)
    for c in el:
        ut.extend(_inline_element(c, bas))
        ut.extend(_text(c.tail))
    return _sla_ihop(ut)


def _inline_element(c: etree.Element, bas: str | None) -> list[Nod]:
    tag = c.tag
    if tag in ("strong", "b"):
        return [{"t": "strong", "c": _inline(c, bas)}]
    if tag in ("em", "i"):
        return [{"t": "em", "c": _inline(c, bas)}]
    if tag in ("del", "s"):
        return [{"t": "del", "c": _inline(c, bas)}]
    if tag == "code":
        return [{"t": "code", "v": ren_text("".join(c.itertext()))}]
    if tag == "br":
        return [{"t": "br"}]
    if tag == "a":
        url = _absolut_url(c.get("href", ""), bas)
        inre = _inline(c, bas)
        if url:
            return [{"t": "link", "url": url, "c": inre or [{"t": "text", "v": url}]}]
        return inre
    # span and anything unknown: keep the text only
    return _inline(c, bas)


def _sla_ihop(noder: list[Nod]) -> list[Nod]:
    ut: list[Nod] = []
    for n in noder:
        if n["t"] == "text" and ut and ut[-1]["t"] == "br":
            n = {"t": "text", "v": n["v"].lstrip()}
            if not n["v"]:
                continue
        if n["t"] == "text" and ut and ut[-1]["t"] == "text":
            ut[-1] = {"t": "text", "v": ut[-1]["v"] + n["v"]}
        else:
            ut.append(n)
    return ut


def _trimma(noder: list[Nod]) -> list[Nod]:
    if noder and noder[0]["t"] == "text":
        v = noder[0]["v"].lstrip()
        noder = ([{"t": "text", "v": v}] if v else []) + noder[1:]
    if noder and noder[-1]["t"] == "text":
        v = noder[-1]["v"].rstrip()
        noder = noder[:-1] + ([{"t": "text", "v": v}] if v else [])
    return noder


def _block(el: etree.Element, bas: str | None) -> list[Nod]:
    """The children of a block container as block nodes."""
    ut: list[Nod] = []
    los: list[Nod] = _text(el.text)  # loose inline content (tight list items)

    def tom_los() -> None:
        nonlocal los
        inre = _trimma(_sla_ihop(los))
        if inre:
            ut.append({"t": "p", "c": inre})
        los = []

    for c in el:
        if c.tag in _BLOCK:
            tom_los()
            ut.extend(_block_element(c, bas))
            los = _text(c.tail)
        else:
            los.extend(_inline_element(c, bas))
            los.extend(_text(c.tail))
    tom_los()
    return ut


def _block_element(c: etree.Element, bas: str | None) -> list[Nod]:
    tag = c.tag
    if tag == "p":
        inre = _trimma(_inline(c, bas))
        return [{"t": "p", "c": inre}] if inre else []
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        inre = _trimma(_inline(c, bas))
        return [{"t": "h", "c": inre}] if inre else []
    if tag in ("ul", "ol"):
        items = [_block(li, bas) for li in c if li.tag == "li"]
        nod: Nod = {"t": tag, "items": items}
        if tag == "ol":
            try:
                nod["start"] = max(0, int(c.get("start", "1")))
            except ValueError:
                nod["start"] = 1
        return [nod]
    if tag == "table":
        return _tabell(c, bas)
    if tag == "blockquote":
        return [{"t": "quote", "c": _block(c, bas)}]
    if tag == "pre":
        return [{"t": "pre", "v": ren_text("".join(c.itertext())).rstrip("\n")}]
    if tag == "hr":
        return [{"t": "hr"}]
    if tag == "div":
        return _block(c, bas)
    return []


def _tabell(t: etree.Element, bas: str | None) -> list[Nod]:
    rader: list[list[etree.Element]] = []
    huvud: list[etree.Element] = []
    for del_ in t:
        for tr in del_.iter("tr"):
            celler = [x for x in tr if x.tag in ("th", "td")]
            if del_.tag == "thead" and not huvud:
                huvud = celler
            else:
                rader.append(celler)
    if not huvud and rader:
        huvud, rader = rader[0], rader[1:]
    kol = max([len(huvud)] + [len(r) for r in rader]) if (huvud or rader) else 0
    if kol == 0:
        return []

    def just(cell: etree.Element | None) -> str:
        stil = (cell.get("style", "") if cell is not None else "") or (cell.get("align", "") if cell is not None else "")
        for a in ("right", "center"):
            if a in stil:
                return a
        return "left"

    def fyll(celler: list[etree.Element]) -> list[list[Nod]]:
        ut = [_trimma(_inline(x, bas)) for x in celler][:kol]
        return ut + [[] for _ in range(kol - len(ut))]

    return [{
        "t": "table",
        "kolumner": kol,
        "justering": [just(huvud[i] if i < len(huvud) else None) for i in range(kol)],
        "huvud": fyll(huvud),
        "rader": [fyll(r) for r in rader],
    }]


class _Omvandlare(threading.local):
    """One reusable Markdown instance per thread (creating one per text costs
    more than converting it). Uses the project's safe Markdown setup."""

    def __init__(self) -> None:
        self.md = ny_markdown()
        self.rot: etree.Element | None = None
        agare = self

        class _Fanga(Treeprocessor):
            def run(self, root: etree.Element) -> None:
                agare.rot = root

        self.md.treeprocessors.register(_Fanga(self.md), "anslag_pdf_fanga", -100)

    def trad(self, text: str) -> etree.Element:
        self.md.reset()
        self.rot = None
        self.md.convert(text)
        return self.rot if self.rot is not None else etree.Element("div")


_OMV = _Omvandlare()


@functools.lru_cache(maxsize=16384)
def _noder_json(markdown_text: str, bas_url: str | None) -> str:
    # ren_text drops \r and control characters (also Markdown's own \x02/\x03
    # placeholders, so content cannot forge them).
    return json.dumps(_block(_OMV.trad(ren_text(markdown_text)), bas_url), ensure_ascii=False)


def noder(markdown_text: str, bas_url: str | None = None) -> list[Nod]:
    """Markdown source -> block nodes. Relative links are made absolute with
    ``bas_url`` (the kommun's webbplats) or dropped to plain text."""
    if not markdown_text or not markdown_text.strip():
        return []
    return json.loads(_noder_json(markdown_text, bas_url))
