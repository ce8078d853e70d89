"""Public paths of the documents of a meeting (site paths, no leading slash).

The publishing plan (``generator.archive.plan``) gives every published file
its path here, and the site's URL helpers use the same functions, so a PDF or
a bilaga is linked where it is written. These are permalinks (content-format
"Public URLs"): once published, never changed.
"""
from __future__ import annotations

from datetime import date


def sammantrade(oid: str, datum: date) -> str:
    return f"protokoll/{oid}/{datum.isoformat()}/"


def protokoll_pdf(oid: str, datum: date) -> str:
    return f"{sammantrade(oid, datum)}protokoll.pdf"


def utdrag_pdf(oid: str, datum: date, nummer: int) -> str:
    return f"{sammantrade(oid, datum)}utdrag-{nummer}.pdf"


def kallelse_pdf(oid: str, datum: date) -> str:
    return f"{sammantrade(oid, datum)}kallelse.pdf"


def paket_pdf(oid: str, datum: date) -> str:
    return f"{sammantrade(oid, datum)}protokoll-med-bilagor.pdf"


def bilaga_rel(fil: str) -> str:
    """A bilaga's path inside the meeting's ``bilagor/`` folder: ``bilagor/x.pdf`` and
    ``x.pdf`` both become ``x.pdf``; empty, ``.`` and ``..`` segments are dropped."""
    rel = fil.replace("\\", "/").lstrip("/")
    if rel.startswith("bilagor/"):
        rel = rel[len("bilagor/"):]
    return "/".join(d for d in rel.split("/") if d not in ("", ".", ".."))


def bilaga(oid: str, datum: date, fil: str) -> str:
    """A bilaga is published beside the protokoll under ``bilagor/``."""
    return f"{sammantrade(oid, datum)}bilagor/{bilaga_rel(fil)}"


def bilagesummor(oid: str, datum: date) -> str:
    """The meeting's ``bilagor/SHA256SUMS`` (a checksum list, not itself a document)."""
    return f"{sammantrade(oid, datum)}bilagor/SHA256SUMS"
