"""Search inside published PDFs (content-format "Handlingar": search covers the text of
published PDF handlingar and bilagor).

The text of every PDF file that the publishing plan publishes as it is (bilagor of
public §§, public handlingar) is extracted with pypdf and added to the meeting year's
Pagefind bundle as a record whose URL is the file itself and whose title is the file's
public title. Only files the plan published are read, so no other text can reach the
index; nothing is written into the site for it (no stub pages). The text is extracted
once per file content and kept in our cache folder (``textcache``).
"""
from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from pathlib import Path

from generator.archive.plan import Publiceringsplan
from generator.common.cache import Cachefil, kodavtryck

Post = tuple[str, str, str]          # (URL from the site root, text, title)


def textcache(cache: Path) -> Cachefil:
    """Extracted text by the file's SHA-256, kept between builds in our cache folder: valid
    only for this module's code and the pypdf version."""
    return Cachefil(Path(cache) / "pdftext.pickle",
                    kodavtryck("generator.render.site.pdfsok", bibliotek=("pypdf",)))


def _text(data: bytes) -> str:
    from pypdf import PdfReader
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        r = PdfReader(io.BytesIO(data))
        return "\n".join((s.extract_text() or "") for s in r.pages)
    except Exception:  # noqa: BLE001 - a damaged or encrypted PDF is published, not searched
        return ""


def poster(plan: Publiceringsplan, buckets: Iterable[str] | None = None,
           cache: Path | None = None) -> dict[str, list[Post]]:
    """Search bucket (the meeting year) -> records of the published PDFs; only for
    ``buckets`` when given (the ones indexed again). With ``cache``, a file's text is
    extracted once and kept by the file's SHA-256 (the file is read, never parsed again)."""
    valda = set(buckets) if buckets is not None else None
    minne = textcache(cache) if cache is not None else None
    texter = minne.las() if minne is not None else {}
    anvanda: dict[str, str] = {}
    ut: dict[str, list[Post]] = {}
    for (_oid, datum), mp in plan.moten.items():
        bucket = str(datum.year)
        if valda is not None and bucket not in valda:
            continue
        for f in [*mp.filer, *mp.handlingsfiler]:
            if not f.ar_pdf:
                continue
            try:
                data = f.kalla.read_bytes()
            except OSError:
                continue
            h = hashlib.sha256(data).hexdigest()
            text = anvanda.get(h)
            if text is None:
                text = texter.get(h)
                if text is None:
                    text = _text(data)
                anvanda[h] = text
            if " ".join(text.split()):
                ut.setdefault(bucket, []).append(("/" + f.sokvag, text, f.titel))
    if minne is not None and (valda is None or anvanda):
        # the buckets not indexed this time keep their texts for the next build
        minne.spara(anvanda if valda is None else {**texter, **anvanda})
    return ut
