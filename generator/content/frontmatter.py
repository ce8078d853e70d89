"""The one frontmatter splitter: where a Markdown file's YAML block begins and ends.

A file starts with a boundary line and its frontmatter ends at the next
boundary line. A boundary line is three or more hyphens, optionally followed
by spaces or tabs (python-frontmatter's rule, ``^-{3,}\\s*$``, without letting
``\\s`` run into the next line); a CR left from a Windows line ending is
ignored. The loader (``generator.content.loading``), ``anslag justera`` (which
edits the block in place) and ``anslag ny`` (which writes one) all use this
module, so a file that one of them reads as frontmatter is read the same way
by the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

GRANS = "---"
_GRANS_RE = re.compile(r"-{3,}[ \t]*\r?")


class FrontmatterFel(ValueError):
    """``slag``: "saknas" (the file does not start with a boundary line) or "oavslutad"
    (no closing boundary line)."""

    def __init__(self, slag: Literal["saknas", "oavslutad"]) -> None:
        super().__init__(slag)
        self.slag = slag


def ar_grans(rad: str) -> bool:
    return _GRANS_RE.fullmatch(rad) is not None


def slutrad(rader: list[str]) -> int:
    """Index of the closing boundary in ``rader`` (the file's lines, split on "\\n").
    Raises FrontmatterFel."""
    if not rader or not ar_grans(rader[0]):
        raise FrontmatterFel("saknas")
    for i in range(1, len(rader)):
        if ar_grans(rader[i]):
            return i
    raise FrontmatterFel("oavslutad")


@dataclass(frozen=True, slots=True)
class Delad:
    fm_text: str        # the YAML between the boundaries, each line ending in "\n"
    body: str           # everything after the closing boundary, stripped
    fm_rad: int         # line number (1-based) of the frontmatter's first line
    body_rad: int       # line number (1-based) of the line after the closing boundary


def dela(text: str) -> Delad:
    """Split ``text`` (LF line endings) into frontmatter and body. Raises FrontmatterFel."""
    rader = text.split("\n")
    slut = slutrad(rader)
    fm = "".join(r + "\n" for r in rader[1:slut])
    return Delad(fm, "\n".join(rader[slut + 1:]).strip(), 2, slut + 2)


def sammanfoga(fm_rader: list[str], body: str = "") -> str:
    """A Markdown file from frontmatter lines and a body (as ``dela`` reads it back),
    with a blank line between the closing boundary and the body."""
    return "\n".join([GRANS, *fm_rader, GRANS, ""]) + ("\n" + body if body else "")
