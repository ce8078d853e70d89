"""Handlingar in the feeds and open data (content-format "Handlingar"): the meeting JSON's
``handlingar`` and kallelse items, ``/data/handlingar.csv`` (UTF-8 with BOM, RFC 4180) and
the organ's Atom entry for an issued kallelse. Only what the publishing plan made public
is read (``MotesPlan.handlingar``; kallelse items name non-public handlingar by their
public text only)."""
from __future__ import annotations

import csv
import html
import io
from datetime import datetime, time
from xml.sax.saxutils import escape as xml_escape
from zoneinfo import ZoneInfo

from generator.archive.handlingsplan import PubliceradHandling
from generator.archive.model import Organ, Sammantrade
from generator.common.datum import langt
from generator.render.site import urls
from generator.render.site.html import avvapna
from generator.render.site.webbplats import Webbplats

CSV = "data/handlingar.csv"
STHLM = ZoneInfo("Europe/Stockholm")


def _x(s: object) -> str:
    return avvapna(xml_escape(str(s), {'"': "&quot;"}))


def _csv(text: str | None) -> str:
    """Text like on the site: <, > and & as entities, script-looking text defanged."""
    return avvapna(html.escape(text or "", quote=False))


def _publika(w: Webbplats, o: Organ, m: Sammantrade) -> list[PubliceradHandling]:
    mp = w.publikt.moten.get((o.id, m.datum))
    return list(mp.handlingar.publika.values()) if mp else []


def _url(w: Webbplats, ph: PubliceradHandling) -> str:
    return urls.absolut(w.kommun.webbplats, ph.lank)


def handling_json(w: Webbplats, ph: PubliceradHandling) -> dict:
    h = ph.handling
    return {"fil": h.fil, "titel": h.titel, "typ": h.typ,
            "datum": h.datum.isoformat() if h.datum else None, "dnr": h.dnr,
            "avsandare": h.avsandare, "handlaggare": list(h.handlaggare), "till": h.till,
            "skickas_till": list(h.skickas_till), "url": _url(w, ph),
            "sha256": None if h.markdown else h.sha256,
            "behandlad_i": [r.text for r in ph.behandlad]}


def kallelse_json(w: Webbplats, o: Organ, m: Sammantrade) -> dict | None:
    """The kallelse with its items' handlingar (public ones by URL, others by their public
    text); ``utfardad``: it has been issued (``datum`` <= the build's day)."""
    k = m.kallelse
    if k is None:
        return None
    d: dict = {"datum": k.datum.isoformat(), "utfardad": k.datum <= w.idag}
    publ = {ph.handling.fil: ph for ph in _publika(w, o, m)}
    d["arenden"] = [{"rubrik": a.rubrik, "dnr": a.dnr, "andring": a.andring,
                     "handlingar": [{"titel": publ[b.fil].handling.titel,
                                     "url": _url(w, publ[b.fil])} if b.fil in publ
                                    else {"titel": b.titel, "url": None}
                                    for b in a.handlingar]}
                    for a in k.arenden]
    return d


def mote_json(w: Webbplats, o: Organ, m: Sammantrade) -> list[dict]:
    return [handling_json(w, ph) for ph in _publika(w, o, m)]


def handlingar_csv(w: Webbplats) -> bytes:
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n")
    wr.writerow(["organ", "sammantrade", "typ", "titel", "datum", "dnr", "avsandare",
                 "handlaggare", "behandlad_i", "url"])
    for o in w.organ:
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            for ph in _publika(w, o, m):
                h = ph.handling
                wr.writerow([o.id, m.datum.isoformat(), _csv(h.typ), _csv(h.titel),
                             h.datum.isoformat() if h.datum else "", _csv(h.dnr),
                             _csv(h.avsandare), _csv("; ".join(h.handlaggare)),
                             "; ".join(r.text for r in ph.behandlad), _url(w, ph)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def kallelse_poster(w: Webbplats, organ: Organ) -> list[tuple[object, str, str]]:
    """Atom entries (date, id, XML) of the organ's kallelser issued by ``w.idag``."""
    webb = w.kommun.webbplats
    ut = []
    for m in organ.sammantraden:
        k = m.kallelse
        if k is None or k.datum > w.idag or m.utdrag:
            continue
        lank = urls.absolut(webb, urls.sammantrade(organ.id, m.datum))
        ord_ = "Kungörelse" if organ.typ == "fullmaktige" else "Kallelse"
        titel = f"{organ.namn} {m.datum.isoformat()}: {ord_.lower()} utfärdad"
        publ = {ph.handling.fil: ph for ph in _publika(w, organ, m)}
        rader = [f"<p>{_x(ord_)} till sammanträdet {_x(langt(m.datum))}"
                 f"{(' kl. ' + _x(m.tid)) if m.tid else ''}"
                 f"{(', ' + _x(m.plats)) if m.plats else ''}.</p><ol>"]
        for a in k.arenden:
            hl = [f'<a href="{_x(_url(w, publ[b.fil]))}">{_x(publ[b.fil].handling.titel)}</a>'
                  if b.fil in publ else _x(b.titel) for b in a.handlingar]
            rader.append(f"<li>{_x(a.rubrik)}{(': ' + ', '.join(hl)) if hl else ''}</li>")
        rader.append("</ol>")
        stampel = datetime.combine(k.datum, time(0, 0), STHLM).isoformat()
        ut.append((k.datum, f"kallelse-{m.datum.isoformat()}", (
            "<entry>"
            f"<id>{_x(lank)}#kallelse</id>"
            f"<title>{_x(titel)}</title>"
            f"<updated>{stampel}</updated><published>{stampel}</published>"
            f'<link rel="alternate" type="text/html" href="{_x(lank)}"/>'
            f'<content type="html">{_x("".join(rader))}</content>'
            "</entry>")))
    return ut
