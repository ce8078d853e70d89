"""Förtroendevalda on the site: the register of the public view, its URLs and open data.

``register(w)`` builds (once per ``Webbplats``) the persons of the public archive,
or None when kommun.yml says ``personsidor: false``. The pages are in
``generator.render.site.vyer.ledamoter``; the open data files here:

``data/personer.json``      every förtroendevald: party, current assignments, attendance per year,
                            meetings with role, and the public §§ with jäv, reservation or vote
``data/omrostningar.csv``   one row per vote cast in a public §: organ, datum, paragraf, person,
                            parti, röst (UTF-8 with BOM, RFC 4180)
"""
from __future__ import annotations

import csv
import html
import io
from datetime import date
from typing import Iterator

from generator.archive.personer import ROLLNAMN, Fortroendevald, Ledamotsregister, bygg_register
from generator.render.site import urls
from generator.render.site.html import avvapna

ROSTNAMN = {"ja": "ja", "nej": "nej", "avstar": "avstår"}


def register(w) -> Ledamotsregister | None:
    """The förtroendevalda of the site's public view (None when person pages are off)."""
    if not w.kommun.personsidor:
        return None
    reg = getattr(w, "_ledamotsregister", None)
    if reg is None:
        reg = bygg_register(w.arkiv, lambda m: w.publikt.protokoll_publicerat(m.organ_id, m.datum))
        w._ledamotsregister = reg
    return reg


def personer_data(w, reg: Ledamotsregister) -> dict:
    """The content of data/personer.json (serialised by the caller with its safe JSON writer)."""
    webb = w.kommun.webbplats
    return {"kommun": w.kommun.namn,
            "personer": [_person(w, webb, fv) for fv in reg.personer.values()]}


def _person(w, webb: str, fv: Fortroendevald) -> dict:
    return {
        "namn": fv.namn,
        "parti": fv.parti,
        "url": urls.absolut(webb, urls.ledamot(fv.slug)),
        "partier": [{"parti": p, "fran": d.isoformat()} for d, p in fv.partier],
        "uppdrag": [{"organ": u.organ_id, "organ_namn": _organ_namn(w, u.organ_id),
                     "roll": ROLLNAMN[u.roll] if u.roll != "ersattare" else "ersättare",
                     "forsta_sammantrade": u.sedan.isoformat(),
                     "senaste_sammantrade": u.senast.isoformat()} for u in fv.uppdrag],
        "narvaro": [{"ar": ar, "som_ledamot": r["ledamot"],
                     "som_tjanstgorande_ersattare": r["tjanstgorande"],
                     "som_ej_tjanstgorande_ersattare": r["ersattare"]}
                    for ar, r in fv.narvaro_per_ar().items()],
        "sammantraden": [{"organ": n.organ_id, "datum": n.datum.isoformat(),
                          "roll": ROLLNAMN[n.roll], "ersatter": n.ersatter,
                          "url": urls.absolut(webb, urls.sammantrade(n.organ_id, n.datum))}
                         for n in fv.narvaro],
        "paragrafer": [{"organ": h.organ_id, "datum": h.datum.isoformat(), "paragraf": h.nummer,
                        "rubrik": h.rubrik, **_handelse(h.typ),
                        "url": urls.absolut(webb, urls.paragraf(h.organ_id, h.datum, h.nummer))}
                       for h in fv.handelser],
    }


def _handelse(typ: str) -> dict:
    """``{"typ": "jäv"}``, ``{"typ": "reservation"}`` or ``{"typ": "röst", "rost": "avstår"}``."""
    if typ == "jav":
        return {"typ": "jäv"}
    if typ == "reservation":
        return {"typ": "reservation"}
    return {"typ": "röst", "rost": ROSTNAMN[typ]}


def _organ_namn(w, oid: str) -> str:
    o = w.arkiv.organ.get(oid)
    return o.namn if o else oid


def roster(w, reg: Ledamotsregister) -> Iterator[tuple[str, date, int, Fortroendevald, str, str]]:
    """Every vote cast in a public § without sekretess: (organ, datum, §, person, parti, röst)."""
    per_nyckel = reg.per_nyckel()
    for o in w.organ:
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            partier = {p.nyckel: p.parti for p in m.beslutande}
            for p in m.paragrafer:
                if p.ar_sekretess or p.omrostning is None:
                    continue
                for typ, skrivet in p.omrostning.roster():
                    fv = per_nyckel.get(skrivet.nyckel)
                    if fv is None:
                        continue
                    parti = partier.get(skrivet.nyckel) or skrivet.parti or ""
                    yield o.id, m.datum, p.nummer, fv, parti, ROSTNAMN[typ]


def omrostningar_csv(w, reg: Ledamotsregister) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n")
    wr.writerow(["organ", "datum", "paragraf", "person", "parti", "röst"])
    for oid, d, nr, fv, parti, rost in roster(w, reg):
        wr.writerow([oid, d.isoformat(), nr, _cell(fv.namn), _cell(parti), rost])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """A CSV value like paragrafer.csv (<, > and & as entities, script-looking text defanged);
    a leading =, +, - or @ gets an apostrophe so no spreadsheet reads it as a formula."""
    t = avvapna(html.escape(text, quote=False))
    return "'" + t if t[:1] in ("=", "+", "-", "@") else t


def filer(w, json_bytes) -> Iterator[tuple[str, bytes]]:
    """The person data files: (site path, bytes); nothing when person pages are off."""
    reg = register(w)
    if reg is None:
        return
    yield urls.PERSONER_JSON, json_bytes(personer_data(w, reg))
    yield urls.OMROSTNINGAR_CSV, omrostningar_csv(w, reg)
