"""Safe Markdown for every renderer.

Raw HTML in content never reaches any output: the html_block preprocessor and
the inline html pattern are removed, so ``<script>`` is kept as literal text
(escaped by the serializer). Links and images with a scheme other than http,
https, mailto or a relative path are dropped (``javascript:``, ``data:``...).
The site renders the tree to HTML; the PDF stage turns the same tree into JSON
nodes for Typst.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_SAKER_HREF = re.compile(r"^(https?:|mailto:|/|#|\.{0,2}/|[A-Za-z0-9_.-]+(/|$|#|\?))", re.I)


def saker_lank(href: str) -> bool:
    h = "".join(href.split())  # browsers ignore whitespace/control chars in schemes
    if ":" in h.split("/", 1)[0] and not re.match(r"^(https?|mailto):", h, re.I):
        return False
    return bool(_SAKER_HREF.match(h)) or h == ""


class _Sanering(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    # images in content are not supported: keep the alt text
                    alt = child.get("alt", "")
                    idx = list(parent).index(child)
                    parent.remove(child)
                    _infoga_text(parent, idx, alt + (child.tail or ""))
                elif child.tag == "a":
                    if not saker_lank(child.get("href", "")):
                        child.tag = "span"
                        child.attrib.clear()
                    else:
                        for k in list(child.attrib):
                            if k not in ("href", "title"):
                                del child.attrib[k]


def _infoga_text(parent: etree.Element, idx: int, text: str) -> None:
    if idx == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[idx - 1]
        prev.tail = (prev.tail or "") + text


class SakerMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        md.treeprocessors.register(_Sanering(md), "anslag_sanering", 0)


class _TommaRubrikceller(Treeprocessor):
    """An empty table header cell gets a label for screen readers only ("Kolumn 2"), so the
    data cells below it are not announced under silence (WCAG 1.3.1). HTML only: the PDF
    stage gives the same label in Typst (theme/pdf/gemensamt.typ)."""

    def run(self, root: etree.Element) -> None:
        for thead in root.iter("thead"):
            for tr in thead.iter("tr"):
                for nr, th in enumerate((c for c in tr if c.tag == "th"), start=1):
                    if not "".join(th.itertext()).strip() and len(th) == 0:
                        th.text = None
                        dold = etree.SubElement(th, "span", {"class": "visuellt-dold"})
                        dold.text = f"Kolumn {nr}"


def ny_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[SakerMarkdown(), "tables", "sane_lists"],
                             output_format="html")


_MD = ny_markdown()
_MD.treeprocessors.register(_TommaRubrikceller(_MD), "anslag_tomma_rubrikceller", -50)


def till_html(text: str) -> str:
    """Markdown -> safe HTML."""
    _MD.reset()
    return _MD.convert(text)


def till_trad(text: str) -> etree.Element:
    """Markdown -> a sanitised ElementTree (root tag 'div')."""
    md = ny_markdown()
    root_holder: list[etree.Element] = []

    class _Fanga(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            root_holder.append(root)

    md.treeprocessors.register(_Fanga(md), "anslag_fanga", -100)
    md.convert(text)
    return root_holder[0] if root_holder else etree.Element("div")
