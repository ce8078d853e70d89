"""PDF protokoll, protokollsutdrag, kallelse/kungörelse, bilagor and packet.

Public API (called by the site build)::

    rendera_pdfer(arkiv, site_dir, arkiv_dir, cache_dir=None, idag=None, framsteg=None)

Output (public, under ``site_dir/protokoll/<organ>/<YYYY-MM-DD>/``):

* ``protokoll.pdf``  every justerat meeting that is not ``utdrag`` (justering
  on or before ``idag``, the site's rule);
* ``utdrag-<n>.pdf`` every public § of a justerat meeting and of every
  ``utdrag`` meeting (the archive holds extracts of justerade protokoll);
* ``kallelse.pdf``   every meeting with ``kallelse`` data (kungörelse for
  fullmäktige), also after it got §§ so a published URL never disappears;
* ``bilagor/<fil>`` (+ ``bilagor/SHA256SUMS``) the files of public §§ and
  ``protokoll-med-bilagor.pdf`` (reading copy, not PDF/A) when there are any.

Internal (under ``arkiv_dir/<organ>/<YYYY-MM-DD>/``, never inside site_dir):
``protokoll.pdf`` with full sekretess text for every meeting with §§ that is
not ``utdrag`` (marked "OJUSTERAT" while not justerat), and
``utdrag-<n>.pdf`` with full text for every sekretess §.

All PDFs are PDF/A-2b + PDF/UA-1, tagged, ``/Lang sv``, rendered by Typst from
JSON data only, and cached by content hash (``cache_dir``).
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator.common.datum import idag_stockholm
from generator.common.filer import kopiera, sha256_fil, skriv_atomiskt
from generator.archive.model import Arkiv, Organ, Paragraf, Sammantrade
from generator.archive.publik import kallelse_vy, protokoll_publicerat

from generator.render.pdf.data import (Data, kallelse_data, omslag_data, protokoll_data, utdrag_data)
from generator.render.pdf.markdown import ren_text
from generator.render.pdf.motor import FORMAT, Cache, Motor, RenderingsFel, json_bytes
from generator.render.pdf.paket import PaketBilaga, ar_pdf, bygg_paket

__all__ = ["rendera_pdfer", "PdfStatistik", "RenderingsFel", "motor", "rendera_data"]

Framsteg = Callable[[int, int], None]


@dataclass(slots=True)
class PdfStatistik:
    renderade: int = 0          # PDFs rendered by Typst in this run
    cachade: int = 0            # PDFs taken from the cache
    filer: int = 0              # PDF files written (public + internal)
    bilagor: int = 0            # bilaga files copied
    paket: int = 0              # protokoll-med-bilagor.pdf written
    sekunder: float = 0.0       # wall time of rendera_pdfer
    render_sekunder: float = 0.0  # summed Typst time
    varningar: list[str] = field(default_factory=list)
    borttagna: int = 0          # stale files of ours removed from site_dir
    publicerade_bilagor: set[Path] = field(default_factory=set, repr=False)

    def __str__(self) -> str:
        return (f"PDF: {self.renderade} renderade, {self.cachade} från cache, {self.filer} filer, "
                f"{self.bilagor} bilagor, {self.paket} paket, "
                f"{self.sekunder:.2f} s".replace(".", ","))


_MOTOR: Motor | None = None
_MOTOR_LAS = threading.Lock()


_MOTOR_STAT: tuple = ()


def _mall_stat() -> tuple:
    from generator.render.pdf.motor import MALL_DIR
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                        for p in MALL_DIR.rglob("*") if p.is_file()))


def motor() -> Motor:
    """The process-wide engine (re-created when a template or font file changed)."""
    global _MOTOR, _MOTOR_STAT
    with _MOTOR_LAS:
        st = _mall_stat()
        if _MOTOR is None or st != _MOTOR_STAT:
            _MOTOR = Motor()
            _MOTOR_STAT = st
        return _MOTOR


def rendera_data(data: Data) -> bytes:
    """Render one document's data without cache (tests, benchmark)."""
    return motor().rendera(json_bytes(data))


@dataclass(slots=True)
class _Jobb:
    data: bytes
    mal: list[Path]
    nyckel: str = ""


def _mappnamn(m: Sammantrade) -> str:
    return m.datum.isoformat()


def _inuti(barn: Path, foralder: Path) -> bool:
    try:
        barn.relative_to(foralder)
        return True
    except ValueError:
        return False


def _bilaga_mal(fil: str) -> str:
    rel = fil.replace("\\", "/").lstrip("/")
    if rel.startswith("bilagor/"):
        rel = rel[len("bilagor/"):]
    delar = [d for d in rel.split("/") if d not in ("", ".", "..")]
    return "/".join(delar)


def _jobb_for(arkiv: Arkiv, organ: Organ, m: Sammantrade, site: Path,
              intern: Path | None, idag: date, kallelse) -> list[tuple[Data, Path]]:
    """``kallelse``: the meeting's public kallelse (items naming a secret § left out)."""
    ut: list[tuple[Data, Path]] = []
    pub = site / "protokoll" / organ.id / _mappnamn(m)
    ark = intern / organ.id / _mappnamn(m) if intern is not None else None
    if kallelse is not None and not m.utdrag:
        ut.append((kallelse_data(arkiv, organ, replace(m, kallelse=kallelse)), pub / "kallelse.pdf"))
    if not m.paragrafer:
        return ut
    if m.utdrag:
        for p in m.paragrafer:
            if not p.ar_sekretess:
                ut.append((utdrag_data(arkiv, organ, m, p, publik=True), pub / f"utdrag-{p.nummer}.pdf"))
            elif ark is not None:  # full text of a sekretess § only internally
                ut.append((utdrag_data(arkiv, organ, m, p, publik=False), ark / f"utdrag-{p.nummer}.pdf"))
        return ut
    if _protokoll_publicerat(m, idag):
        ut.append((protokoll_data(arkiv, organ, m, publik=True), pub / "protokoll.pdf"))
    for p in m.paragrafer:
        # an omedelbart justerad § is public (own anslag) before the protokoll is
        if _offentlig_paragraf(m, p, idag):
            ut.append((utdrag_data(arkiv, organ, m, p, publik=True), pub / f"utdrag-{p.nummer}.pdf"))
    if ark is not None:
        # the full protokoll (OJUSTERAT until justerat) and internal utdrag of sekretess §§
        ut.append((protokoll_data(arkiv, organ, m, publik=False), ark / "protokoll.pdf"))
        for p in m.paragrafer:
            if p.ar_sekretess and (m.justering is not None or p.omedelbart_justerad):
                ut.append((utdrag_data(arkiv, organ, m, p, publik=False),
                           ark / f"utdrag-{p.nummer}.pdf"))
    return ut


_KODFILER = ("generator/publik.py", "generator/pdf/data.py", "generator/pdf/markdown.py", "generator/pdf/__init__.py",
             "generator/markup.py", "generator/datum.py", "generator/model.py")


def _kodversion() -> bytes:
    """Hash of the Python code that turns the model into data (part of the
    meeting fingerprint, so a code change invalidates the index)."""
    import markdown as _md
    rot = Path(__file__).resolve().parents[3]
    h = hashlib.sha256(_md.__version__.encode())
    for rel in _KODFILER:
        f = rot / rel
        h.update(b"\0" + rel.encode() + b"\0" + (f.read_bytes() if f.is_file() else b""))
    return h.digest()


def _fingeravtryck(kod: bytes, mot: Motor, arkiv: Arkiv, organ: Organ, m: Sammantrade,
                   med_arkiv: bool, publicerat: tuple) -> str:
    k = arkiv.kommun
    h = hashlib.sha256(FORMAT + b"\0index\0" + kod + mot.nyckel(b"").encode())
    h.update(repr((k.namn, k.webbplats, organ.id, organ.namn, organ.kortnamn, organ.typ,
                   organ.sidfot, med_arkiv, publicerat)).encode())
    h.update(repr(m).encode())
    return h.hexdigest()


def _protokoll_publicerat(m: Sammantrade, idag: date) -> bool:
    """The site's rule (generator.archive.publik): an utdrag meeting, or justerat on or before idag."""
    return bool(m.paragrafer) and protokoll_publicerat(m, idag)


def _offentlig_paragraf(m: Sammantrade, p: Paragraf, idag: date) -> bool:
    """A § whose text (utdrag, bilagor) is published."""
    if p.ar_sekretess:
        return False
    return _protokoll_publicerat(m, idag) or (p.omedelbart_justerad and m.datum <= idag)


def rendera_pdfer(arkiv: Arkiv, site_dir: Path, arkiv_dir: Path | None,
                  cache_dir: Path | None = None, idag: date | None = None,
                  framsteg: Framsteg | None = None) -> PdfStatistik:
    """Render every PDF of the archive (see the module doc).

    ``cache_dir`` None disables the cache. ``idag`` (default: today in
    Europe/Stockholm) decides only *whether* a document is published, with
    the site's rule (justering.datum <= idag; an omedelbart justerad § from
    the meeting day); no PDF's content depends on it, so PDFs stay
    byte-identical and cached across days. ``framsteg(klara, totalt)`` is
    called as documents finish.
    """
    idag = idag or idag_stockholm()
    t0 = time.perf_counter()
    site = Path(site_dir).resolve()
    intern = Path(arkiv_dir).resolve() if arkiv_dir is not None else None
    if intern is not None and (_inuti(intern, site) or _inuti(site, intern)):
        raise ValueError(f"arkivmappen {intern} får inte ligga i eller innehålla webbplatsmappen {site}")
    stat = PdfStatistik()
    mot = motor()
    cache = Cache(cache_dir)

    sammantraden = [(o, m) for o in arkiv.organ.values() for m in o.sammantraden]
    # Build the job list meeting by meeting; identical documents (a public and
    # an internal copy without sekretess) are rendered once. A meeting whose
    # model fingerprint is in the cache index, with every PDF cached, is not
    # even turned into data (warm rebuilds cost a few file copies).
    jobb: list[_Jobb] = []
    nya_index: list[tuple[str, list[_Jobb], Path, Path | None]] = []
    kod = _kodversion()
    kallelser = kallelse_vy(arkiv, idag)
    for organ, m in sammantraden:
        kallelse = kallelser.get((organ.id, m.datum))
        pub = site / "protokoll" / organ.id / _mappnamn(m)
        ark = intern / organ.id / _mappnamn(m) if intern is not None else None
        fp = _fingeravtryck(kod, mot, arkiv, organ, m, intern is not None,
                            (_protokoll_publicerat(m, idag), repr(kallelse),
                             tuple(_offentlig_paragraf(m, p, idag) for p in m.paragrafer)))
        fran_index = cache.las_index(fp, pub, ark)
        if fran_index is not None:
            jobb.extend(_Jobb(b"", mal, k) for k, mal in fran_index)
            continue
        per_nyckel: dict[str, _Jobb] = {}
        for data, mal in _jobb_for(arkiv, organ, m, site, intern, idag, kallelse):
            b = json_bytes(data)
            k = mot.nyckel(b)
            if k in per_nyckel:
                per_nyckel[k].mal.append(mal)
            else:
                per_nyckel[k] = _Jobb(b, [mal], k)
                jobb.append(per_nyckel[k])
        nya_index.append((fp, list(per_nyckel.values()), pub, ark))

    totalt = len(jobb)
    klara = 0
    las = threading.Lock()

    def klar() -> None:
        nonlocal klara
        klara += 1
        if framsteg is not None:
            framsteg(klara, totalt)

    def skriv(j: _Jobb, pdf: bytes | None, kalla: Path | None) -> None:
        for mal in j.mal:
            if pdf is not None:
                skriv_atomiskt(mal, pdf)
            else:
                kopiera(kalla, mal)
            stat.filer += 1

    missar: list[_Jobb] = []
    for j in jobb:
        traff = cache.finns(j.nyckel)
        if traff is not None:
            skriv(j, None, traff)
            stat.cachade += 1
            klar()
        elif not j.data:
            raise RenderingsFel(f"PDF-cachen ändrades under bygget ({j.nyckel}); bygg igen")
        else:
            missar.append(j)

    def arbeta(j: _Jobb) -> tuple[_Jobb, bytes, float]:
        t = time.perf_counter()
        pdf = mot.rendera(j.data)
        return j, pdf, time.perf_counter() - t

    if missar:
        arbetare = max(1, min(len(missar), os.cpu_count() or 1, 8))
        if arbetare == 1:
            resultat: Iterator = (arbeta(j) for j in missar)
            for j, pdf, s in resultat:
                cache.spara(j.nyckel, pdf)
                skriv(j, pdf, None)
                stat.renderade += 1
                stat.render_sekunder += s
                klar()
        else:
            with ThreadPoolExecutor(max_workers=arbetare, thread_name_prefix="pdf") as ex:
                kvar = iter(missar)
                aktiva: set[Future] = set()

                def fyll() -> None:
                    for j in kvar:
                        aktiva.add(ex.submit(arbeta, j))
                        if len(aktiva) >= arbetare * 4:
                            break

                fyll()
                while aktiva:
                    gjorda, _ = wait(aktiva, return_when=FIRST_COMPLETED)
                    for f in gjorda:
                        aktiva.discard(f)
                        j, pdf, s = f.result()
                        with las:
                            cache.spara(j.nyckel, pdf)
                            skriv(j, pdf, None)
                            stat.renderade += 1
                            stat.render_sekunder += s
                            klar()
                    fyll()

    for fp, mjobb, pub, ark in nya_index:
        cache.skriv_index(fp, [(j.nyckel, j.mal) for j in mjobb], pub, ark)

    # Bilagor of public §§ and the reading packet.
    for organ, m in sammantraden:
        if any(_offentlig_paragraf(m, p, idag) for p in m.paragrafer):
            _bilagor_och_paket(arkiv, organ, m, site, mot, cache, stat, idag)

    # A file of ours left from an earlier build in a reused site folder (a §
    # that became sekretess, a removed bilaga) must not stay published.
    skrivna = {mal for j in jobb for mal in j.mal}
    for organ, m in sammantraden:
        _stada(site / "protokoll" / organ.id / _mappnamn(m), skrivna, stat)

    stat.sekunder = time.perf_counter() - t0
    return stat


_VARA_PDF = ("protokoll.pdf", "kallelse.pdf", "protokoll-med-bilagor.pdf")


def _stada(mapp: Path, skrivna: set[Path], stat: PdfStatistik) -> None:
    if not mapp.is_dir():
        return
    gamla = [f for f in mapp.iterdir() if f.is_file()
             and (f.name in _VARA_PDF or re.fullmatch(r"utdrag-\d+\.pdf", f.name))]
    bilagor = mapp / "bilagor"
    if bilagor.is_dir():
        gamla += [f for f in bilagor.rglob("*") if f.is_file()]
    for f in gamla:
        if f not in skrivna and f not in stat.publicerade_bilagor:
            f.unlink()
            stat.borttagna += 1


def _bilagor_och_paket(arkiv: Arkiv, organ: Organ, m: Sammantrade, site: Path, mot: Motor,
                       cache: Cache, stat: PdfStatistik, idag: date) -> None:
    pub = site / "protokoll" / organ.id / _mappnamn(m)
    kopierade: list[tuple[Paragraf, str, Path, str]] = []   # (§, titel, dest, sha)
    sett: dict[str, str] = {}
    for p in m.paragrafer:
        if not _offentlig_paragraf(m, p, idag):
            continue  # bilagor of a sekretess (or not yet justerad) § are never published
        for b in p.beslutsunderlag:
            if not b.fil or b.kalla is None:
                continue
            rel = _bilaga_mal(b.fil)
            if not rel:
                continue
            kalla = Path(b.kalla)
            if not kalla.is_file():
                stat.varningar.append(f"{organ.id}/{_mappnamn(m)}/{b.fil}: bilagan saknas")
                continue
            sha = sha256_fil(kalla)
            if b.sha256 and b.sha256.lower() != sha:
                stat.varningar.append(f"{organ.id}/{_mappnamn(m)}/{b.fil}: filen har ändrats sedan "
                                      "justeringen (SHA-256 stämmer inte)")
            dest = pub / "bilagor" / rel
            if rel not in sett:
                kopiera(kalla, dest)
                sett[rel] = sha
                stat.bilagor += 1
            kopierade.append((p, ren_text(b.titel), dest, sha))
    stat.publicerade_bilagor.update(pub / "bilagor" / rel for rel in sett)
    if not sett:
        return
    stat.publicerade_bilagor.add(pub / "bilagor" / "SHA256SUMS")
    summor = "".join(f"{sha}  {rel}\n" for rel, sha in sorted(sett.items()))
    skriv_atomiskt(pub / "bilagor" / "SHA256SUMS", summor.encode("utf-8"))

    if m.utdrag or not _protokoll_publicerat(m, idag):
        return
    protokoll = pub / "protokoll.pdf"
    pdf_bilagor = [PaketBilaga(t, p.nummer, d, s) for p, t, d, s in kopierade if ar_pdf(d)]
    if not pdf_bilagor or not protokoll.is_file():
        return
    prot_sha = sha256_fil(protokoll)
    delar = [{"titel": "Sammanträdesprotokoll (protokoll.pdf)", "paragraf": m.paragrafspann,
              "sha256": prot_sha}]
    delar += [{"titel": f"Bilaga: {b.titel}", "paragraf": f"§ {b.paragraf}", "sha256": b.sha256}
              for b in pdf_bilagor]
    omslag = json_bytes(omslag_data(arkiv, organ, m, delar))
    h = hashlib.sha256(FORMAT + b"\0paket\0" + mot.nyckel(omslag).encode() + prot_sha.encode())
    for b in pdf_bilagor:
        h.update(b"\0" + b.titel.encode() + b"\0" + str(b.paragraf).encode() + b"\0" + b.sha256.encode())
    nyckel = h.hexdigest()
    mal = pub / "protokoll-med-bilagor.pdf"
    traff = cache.finns(nyckel)
    if traff is not None:
        kopiera(traff, mal)
        stat.cachade += 1
    else:
        t = time.perf_counter()
        omslag_pdf = mot.rendera(omslag)
        paket, varn = bygg_paket(omslag_pdf, protokoll, pdf_bilagor,
                                 titel=f"Protokoll med bilagor {organ.namn} {m.datum.isoformat()} "
                                       "(inte arkivexemplar)",
                                 forfattare=arkiv.kommun.namn)
        stat.render_sekunder += time.perf_counter() - t
        stat.varningar.extend(varn)
        stat.renderade += 1
        if not varn:
            cache.spara(nyckel, paket)
        skriv_atomiskt(mal, paket)
    stat.publicerade_bilagor.add(mal)
    stat.paket += 1
    stat.filer += 1
