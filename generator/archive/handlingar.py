"""Handlingar in the model (content-format "Handlingar").

A kallelse item lists its handlingar (``handlingar:``: a Markdown handling by its
path, any other file as ``{titel, fil}``) and a § cites one in its
``beslutsunderlag`` (``fil: handlingar/...``). ``bygg_handlingar`` makes one
``Handling`` per file that is listed or cited; a Markdown handling's frontmatter
is read here. Publication is decided by the publishing plan, never here.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from generator.archive.model import Bilaga, Handling, Sammantrade
from generator.common.diagnostics import Rapport
from generator.common.filer import ar_pdf, sha256_fil
from generator.content.loading import Dokument, RaSammantrade
from generator.content.sokvagar import bilaga_sokvag
from generator.schema.falt import Falt
from generator.schema.handling import ANDRINGAR, HANDLING_NYCKLAR, MAPP, POST_NYCKLAR


@lru_cache(maxsize=1 << 16)   # asked for every citation of every handling (handlingsplan.status)
def normaliserad(fil: str) -> str:
    """``handlingar//./x.md`` -> ``handlingar/x.md`` (backslashes as slashes)."""
    if ("\\" not in fil and "//" not in fil and "./" not in fil and fil != "."
            and not fil.startswith("/") and not fil.endswith(("/", "/."))):
        return fil   # already normal: the common case, kept cheap for the plan
    return "/".join(d for d in fil.replace("\\", "/").split("/") if d not in ("", "."))


def ar_handling(fil: str | None) -> bool:
    """A path that names a handling (under the meeting's handlingar/)."""
    return bool(fil) and normaliserad(fil).startswith(MAPP)


def _post(f: Falt, nyckel: str, fil: str, titel: str, ra: RaSammantrade) -> Bilaga | None:
    kalla, fel = bilaga_sokvag(fil, ra.mapp)
    if fel or kalla is None:
        f.fel(nyckel, (fel or "").replace("bilagor/", MAPP))
        return None
    if not ar_handling(fil):
        f.fel(nyckel, f"\"{fil}\" ligger inte i mötesmappens {MAPP}. Flytta filen dit och "
                      f"skriv \"{MAPP}{Path(fil).name}\".")
        return None
    return Bilaga(titel, normaliserad(fil), kalla)


def kallelse_handlingar(af: Falt, ra: RaSammantrade) -> tuple[Bilaga, ...]:
    """The ``handlingar`` list of one kallelse item."""
    ut: list[Bilaga] = []
    for j, post in enumerate(af.lista("handlingar"), 1):
        nyckel = f"handlingar[{j}]"
        if isinstance(post, str) and post.strip():
            fil = post.strip()
            if not fil.endswith(".md"):
                af.fel(nyckel, f"\"{fil}\" är ingen Markdown-handling. En annan fil skrivs "
                               f"med titel: \"- titel: Handlingens titel\" och \"fil: {fil}\".")
                continue
            b = _post(af, nyckel, fil, "", ra)
        elif isinstance(post, dict):
            pf = Falt(af.doc, af.rapport, post, f"{af.prefix}{nyckel}.")
            pf.okanda(POST_NYCKLAR)
            fil = pf.text("fil", kravs=True, exempel=f"{MAPP}tjansteskrivelse.pdf")
            titel = pf.text("titel", kravs=not (fil or "").endswith(".md"),
                            exempel="Tjänsteskrivelse") or ""
            if not fil:
                continue
            b = _post(af, f"{nyckel}.fil", fil, titel, ra)
        else:
            af.fel(nyckel, f"post {j} ska vara sökvägen till en Markdown-handling "
                           f"(\"{MAPP}x.md\") eller {{titel, fil}}.")
            continue
        if b is not None:
            ut.append(b)
    return tuple(ut)


def andring(af: Falt) -> str | None:
    v = af.text("andring", exempel="tillagt")
    if v is not None and v not in ANDRINGAR:
        af.fel("andring", f"\"{v}\" är ingen ändring. Skriv \"tillagt\" (visas /tillagd/) "
                          "eller \"reviderat\" (visas /reviderad/).")
        return None
    return v


def _poster(m: Sammantrade) -> dict[str, tuple[str, Path | None]]:
    """fil -> (title, file on disk), for every handling the meeting lists or cites (the
    first title wins)."""
    ut: dict[str, tuple[str, Path | None]] = {}
    bilagor = [b for a in (m.kallelse.arenden if m.kallelse else ()) for b in a.handlingar]
    bilagor += [b for p in m.paragrafer for b in p.beslutsunderlag]
    for b in bilagor:
        if b.fil and ar_handling(b.fil) and b.kalla is not None:
            fil = normaliserad(b.fil)
            if fil not in ut or not ut[fil][0]:
                ut[fil] = (b.titel, Path(b.kalla))
    return ut


def handlaggare(poster: list[str]) -> tuple[str, ...]:
    """"Namn, titel" per handläggare. Written as the contract's example,
    ``[Helena C Bergh, förvaltningsekonom]``, YAML reads two items: an item that starts
    with a lowercase letter is the title of the name before it."""
    ut: list[str] = []
    for p in poster:
        if ut and p[:1].islower() and "," not in ut[-1]:
            ut[-1] = f"{ut[-1]}, {p}"
        else:
            ut.append(p)
    return tuple(ut)


def bygg_handlingar(ra: RaSammantrade, m: Sammantrade,
                    rapport: Rapport) -> list[tuple[Handling, Dokument | None]]:
    """One Handling per listed or cited file (paths already checked), with its document."""
    from generator.archive.bygg import dela_sektioner
    ut: list[tuple[Handling, Dokument | None]] = []
    for fil, (titel, kalla) in sorted(_poster(m).items()):
        if kalla is None or not kalla.is_file():
            continue
        summa, storlek = sha256_fil(kalla), kalla.stat().st_size
        if not fil.endswith(".md"):
            ut.append((Handling(fil, titel or Path(fil).name, kalla, summa, storlek,
                                ar_pdf=ar_pdf(kalla)), None))
            continue
        doc = ra.handlingar.get(fil) or ra.handlingar.get(
            unicodedata.normalize("NFC", kalla.relative_to(ra.mapp.resolve()).as_posix())
            if ra.mapp.resolve() in kalla.parents else "")
        if doc is None:
            continue  # unreadable: reported by the loader
        f = Falt(doc, rapport)
        f.okanda(HANDLING_NYCKLAR)
        typ = f.text("typ", kravs=True, exempel="Tjänsteskrivelse")
        rubrik = f.text("rubrik", kravs=True, exempel="Handlingens rubrik")
        datum = f.datum("datum", kravs=True)
        publiceras = f.sant("publiceras") if f.finns("publiceras") else True
        ingress, sektioner = dela_sektioner(doc.body)
        h = Handling(fil, rubrik or titel or Path(fil).stem, kalla, summa, storlek,
                     typ=typ or "Handling", datum=datum, dnr=f.text("dnr", exempel="2025/00012"),
                     avsandare=f.text("avsandare"),
                     handlaggare=handlaggare(f.textlista("handlaggare")), till=f.text("till"),
                     skickas_till=tuple(f.textlista("skickas_till")),
                     sekretess=f.text("sekretess", exempel="OSL 26 kap. 1 §"),
                     publiceras=publiceras, ingress=ingress, sektioner=tuple(sektioner))
        ut.append((h, doc))
    return ut
