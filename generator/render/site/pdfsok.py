"""Search inside published PDFs (content-format "Handlingar": search covers the text of
published PDF handlingar and bilagor).

The text of every PDF file that the publishing plan publishes as it is (bilagor of
public §§, public handlingar) is extracted with pypdf and added to the meeting year's
Pagefind bundle as a record whose URL is the file itself and whose title is the file's
public title. Only files the plan published are read, so no other text can reach the
index; nothing is written into the site for it (no stub pages).
"""
from __future__ import annotations

import io
import logging

from generator.archive.plan import Publiceringsplan

Post = tuple[str, str, str]          # (URL from the site root, text, title)
_TEXT: dict[str, str] = {}           # sha256 -> extracted text (kept between builds in a process)


def _text(data: bytes) -> str:
    from pypdf import PdfReader
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        r = PdfReader(io.BytesIO(data))
        return "\n".join((s.extract_text() or "") for s in r.pages)
    except Exception:  # noqa: BLE001 - a damaged or encrypted PDF is published, not searched
        return ""


def poster(plan: Publiceringsplan) -> dict[str, list[Post]]:
    """Search bucket (the meeting year) -> records of the published PDFs."""
    ut: dict[str, list[Post]] = {}
    for (_oid, datum), mp in plan.moten.items():
        for f in [*mp.filer, *mp.handlingsfiler]:
            if not f.ar_pdf:
                continue
            nyckel = f.sha256 or f.sokvag
            text = _TEXT.get(nyckel) if f.sha256 else None
            if text is None:
                try:
                    text = _text(f.kalla.read_bytes())
                except OSError:
                    continue
                if f.sha256:
                    _TEXT[nyckel] = text
            if " ".join(text.split()):
                ut.setdefault(str(datum.year), []).append(("/" + f.sokvag, text, f.titel))
    return ut
