"""Feeds and open data: Atom, JSON per meeting, CSV of public §§ (the iCalendar: kalender.py).

Everything is built from the public view (``Webbplats.arkiv``), never from the
raw model, and is deterministic for a given archive and day (no wall-clock
timestamps), so unchanged input gives byte-identical output.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date, datetime, time
from typing import Callable, Iterator
from xml.sax.saxutils import escape as xml_escape

from generator.common.datum import langt
from generator.render.markup import till_html
from generator.archive.model import Organ, Paragraf, Sammantrade
from generator.render.site import dataschema, handlingsdata, ledamoter, urls
from generator.render.site.html import avvapna, spann
from generator.render.site.kalender import STHLM, ics, motesdatum
from generator.render.site.webbplats import Webbplats
from generator.render.site.tavla import alla_anslag

def _x(s: object) -> str:
    return avvapna(xml_escape(str(s), {'"': "&quot;"}))


def _rfc3339(d: date, t: time = time(0, 0)) -> str:
    return datetime.combine(d, t, STHLM).isoformat()


# ------------------------------------------------------------------ Atom

def atom(w: Webbplats, organ: Organ | None = None) -> bytes:
    """One entry per anslag that has been put up (newest first)."""
    k = w.kommun
    webb = k.webbplats
    sokvag = urls.organ_flode(organ.id) if organ else urls.ANSLAG_XML
    anslag = [an for an in alla_anslag(w.arkiv)
              if an.datum.uppsatt <= w.idag and (organ is None or an.organ.id == organ.id)]
    anslag.sort(key=lambda an: (an.datum.uppsatt, an.id), reverse=True)
    anslag = anslag[:200]
    poster = [(an.datum.uppsatt, an.id, None, an) for an in anslag]
    if organ is not None:  # the organ's feed also tells when a kallelse is issued
        poster += [(d, i, x, None) for d, i, x in handlingsdata.kallelse_poster(w, organ)]
        poster.sort(key=lambda t: (t[0], str(t[1])), reverse=True)
    titel = f"Anslag – {organ.namn}" if organ else f"Anslagstavla – {k.namn}"
    uppdaterad = poster[0][0] if poster else senast_andrat(w, organ)
    ut = ['<?xml version="1.0" encoding="utf-8"?>',
          '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
          f"<id>{_x(urls.absolut(webb, sokvag))}</id>",
          f"<title>{_x(titel)}</title>",
          f"<updated>{_rfc3339(uppdaterad)}</updated>",
          f'<link rel="self" type="application/atom+xml" href="{_x(urls.absolut(webb, sokvag))}"/>',
          f'<link rel="alternate" type="text/html" href="{_x(urls.absolut(webb, urls.TAVLA))}"/>',
          f"<author><name>{_x(k.namn)}</name></author>"]
    for _d, _i, xml, an in poster:
        ut.append(xml if an is None else _atom_entry(w, an))
    ut.append("</feed>")
    return ("\n".join(ut) + "\n").encode("utf-8")


def senast_andrat(w: Webbplats, organ: Organ | None = None) -> date:
    """The latest day (up to the build's day) on which the content of ``organ`` (or of the
    whole archive) changed: a meeting held, a kallelse, a justering, a rättelse; the build's
    day only when nothing has happened yet."""
    return max((d for d in handelsedagar(w, [], organ) if d <= w.idag), default=w.idag)


def _atom_entry(w: Webbplats, an) -> str:
    webb = w.kommun.webbplats
    m, o = an.sammantrade, an.organ
    nummer = [p.nummer for p in an.paragrafer]
    if an.omedelbart:
        p = an.paragrafer[0]
        lank = urls.absolut(webb, urls.paragraf(o.id, m.datum, p.nummer))
        titel = f"{o.namn} {m.datum.isoformat()} {spann(nummer)} {p.publik_rubrik} (omedelbart justerad)"
    else:
        lank = urls.absolut(webb, urls.sammantrade(o.id, m.datum))
        titel = f"{o.namn} {m.datum.isoformat()}: protokollet är justerat"
    d = an.datum
    rader = [f"<p>{_x(o.namn)}, sammanträde {_x(langt(m.datum))}. "
             f"Justerat {d_iso(an.justeringsdatum)}. Anslaget uppsatt {d_iso(d.uppsatt)}, "
             f"sista dag för överklagande {d_iso(d.sista_dag)}, anslaget tas ned "
             f"{d_iso(d.nedtas)}. Förvaringsplats: {_x(an.forvaringsplats or '–')}.</p>",
             "<ul>"]
    for p in an.paragrafer:
        rad = f"§ {p.nummer} {_x(p.publik_rubrik)}"
        if not p.ar_sekretess and p.beslut and p.beslut.text:
            rad += f": {_x(_kort(html.unescape(_ren_text(p.beslut.text))))}"
        rader.append(f"<li>{rad}</li>")
    rader.append("</ul>")
    innehall = "".join(rader)
    return ("<entry>"
            f"<id>{_x(lank)}#anslag-{_x(an.id)}</id>"
            f"<title>{_x(titel)}</title>"
            f"<updated>{_rfc3339(d.uppsatt)}</updated>"
            f"<published>{_rfc3339(d.uppsatt)}</published>"
            f'<link rel="alternate" type="text/html" href="{_x(lank)}"/>'
            f'<content type="html">{_x(innehall)}</content>'
            "</entry>")


def d_iso(d: date) -> str:
    return d.isoformat()


def _kort(text: str, n: int = 300) -> str:
    t = " ".join(re.sub(r"[*_`#>\[\]]", "", text).split())
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------ JSON, CSV

def _ref_json(w: Webbplats, r) -> dict:
    d = {"text": r.text}
    if r.nyckel and w.finns(r.nyckel):
        oid, dt, n = r.nyckel
        d["url"] = urls.absolut(w.kommun.webbplats, urls.paragraf(oid, dt, n))
    return d


def _paragraf_json(w: Webbplats, o: Organ, m: Sammantrade, p: Paragraf) -> dict:
    webb = w.kommun.webbplats
    d: dict = {"paragraf": p.nummer, "rubrik": p.publik_rubrik,
               "url": urls.absolut(webb, urls.paragraf(o.id, m.datum, p.nummer))}
    if p.ar_sekretess:
        d["sekretess"] = p.sekretess
        return d
    d["dnr"] = p.dnr
    d["omedelbart_justerad"] = p.omedelbart_justerad
    if p.anslag:
        d["anslag"] = _anslag_json(p.anslag)
    d["beredning"] = [_ref_json(w, r) for r in p.beredning]
    d["vidare_behandling"] = [_ref_json(w, r) for r in p.vidare_behandling]
    d["hanvisningar"] = [_ref_json(w, r) for r in p.hanvisningar]
    if p.ingress:
        d["ingress"] = _text_json(p.ingress)
    d["sektioner"] = [{"rubrik": s.rubrik, **_text_json(s.text), "beslut": s.ar_beslut}
                      for s in p.sektioner]
    bu = []
    for b in p.beslutsunderlag:
        x: dict = {"titel": b.titel}
        if b.fil and b.kalla:
            x["url"] = urls.absolut(webb, urls.bilaga(o.id, m.datum, b.fil))
            if b.sha256:
                x["sha256"] = b.sha256
        bu.append(x)
    d["beslutsunderlag"] = bu
    d["expedieras"] = list(p.expedieras)
    d["jav"] = [str(n) for n in p.jav]
    d["reservationer"] = [str(n) for n in p.reservationer]
    if p.omrostning:
        o = p.omrostning
        d["omrostning"] = {"ja": [str(n) for n in o.ja], "nej": [str(n) for n in o.nej],
                           "avstar": [str(n) for n in o.avstar]}
    return d


def _anslag_json(a) -> dict:
    return {"uppsatt": a.uppsatt.isoformat(), "sista_dag_for_overklagande": a.sista_dag.isoformat(),
            "nedtas": a.nedtas.isoformat()}


def sammantrade_json(w: Webbplats, o: Organ, m: Sammantrade) -> bytes:
    webb = w.kommun.webbplats
    d: dict = {
        "organ": {"id": o.id, "namn": o.namn, "kortnamn": o.kortnamn, "typ": o.typ},
        "datum": m.datum.isoformat(), "url": urls.absolut(webb, urls.sammantrade(o.id, m.datum)),
        "utdrag": m.utdrag,
        "protokoll_publicerat": bool(m.paragrafer) and (o.id, m.datum) not in w.publikt.ej_justerade,
        "tid": m.tid, "plats": m.plats, "ordforande": str(m.ordforande) if m.ordforande else None,
        "sekreterare": str(m.sekreterare) if m.sekreterare else None,
        "justerare": [str(j) for j in m.justerare],
        "beslutande": [{"namn": p.namn, "parti": p.parti,
                        "ersatter": ({"namn": p.ersatter.namn, "parti": p.ersatter.parti}
                                     if p.ersatter else None)} for p in m.beslutande],
        "ersattare": [{"namn": p.namn, "parti": p.parti} for p in m.ersattare],
        "ovriga": list(m.ovriga),
        "kallelse": handlingsdata.kallelse_json(w, o, m),
        "handlingar": handlingsdata.mote_json(w, o, m),
        "justering": ({"datum": m.justering.datum.isoformat(), "plats": m.justering.plats}
                      if m.justering else None),
        "anslag": _anslag_json(m.anslag) if m.anslag else None,
        "forvaringsplats": m.forvaringsplats,
        "text": _text_json(m.text) if m.text else None,
        "rattelser": [{"datum": r.datum.isoformat(), "orsak": r.orsak} for r in m.rattelser],
        "paragrafer": [_paragraf_json(w, o, m, p) for p in m.paragrafer],
    }
    if protokoll := w.protokoll_pdf(m):
        d["protokoll_pdf"] = urls.absolut(webb, protokoll)
    return json_bytes(d)


def json_bytes(d) -> bytes:
    """UTF-8 JSON; <, > and & as \\u escapes so no markup appears in the bytes, and the
    colon of a script-looking scheme (``javascript:``) and the ``=`` of an event handler
    (``onerror=``) escaped too (same text for a JSON reader, inert for anything else)."""
    t = json.dumps(d, ensure_ascii=False, separators=(",", ":"))
    if "=" in t:   # before < becomes \\u003c, which would hide the word boundary of "<onerror="
        t = _JSON_HANDLARE.sub(_json_ersatt, t)
    t = t.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (_JSON_SCHEMA.sub(_json_ersatt, t) + "\n").encode("utf-8")


# Each alternative starts with its first letter as a plain character class, so the regex
# engine can skip ahead quickly (3x faster than one alternation over a 30,000-page archive).
_JSON_SCHEMA = re.compile(r"[jJvVdDlL](?:(?<=[jJ])avascript|(?<=[vV])bscript|(?<=[dD])ata|"
                          r"(?<=[lL])ivescript)\s*:", re.I)
_JSON_HANDLARE = re.compile(r"\bon[a-z]+\s*=", re.I)
_JSON_TECKEN = {":": "\\u003a", "=": "\\u003d"}


def _json_ersatt(m: re.Match) -> str:
    t = m.group(0)
    return t[:-1] + _JSON_TECKEN[t[-1]]


_W: list = []   # the Webbplats whose Markdown cache the helpers below use


def _sakert(markdown_text: str) -> str:
    return _W[0].sakert(markdown_text) if _W else avvapna(till_html(markdown_text))


def _ren_text(markdown_text: str) -> str:
    """Plain text of content Markdown, rendered safely: tags removed, the characters
    <, > and & kept as HTML entities (raw HTML never appears in any output)."""
    h = _sakert(markdown_text)
    h = re.sub(r"</(p|li|h[1-6]|tr|table|ul|ol|blockquote)>", "\n", h)
    t = avvapna(re.sub(r"<[^>]*>", "", h))
    return "\n".join(x.strip() for x in t.strip().splitlines() if x.strip())


def _text_json(markdown_text: str) -> dict:
    """Content text for open data: safe HTML (as on the site) and plain text."""
    return {"html": _sakert(markdown_text), "text": html.unescape(_ren_text(markdown_text))}


def sammantraden_json(w: Webbplats) -> bytes:
    webb = w.kommun.webbplats
    lista = [{"organ": o.id, "datum": m.datum.isoformat(),
              "url": urls.absolut(webb, urls.sammantrade(o.id, m.datum)),
              "json": urls.absolut(webb, urls.sammantrade_json(o.id, m.datum))}
             for o in w.organ for m in sorted(o.sammantraden, key=lambda m: m.datum)]
    return json_bytes({"kommun": w.kommun.namn, "sammantraden": lista})


def paragrafer_csv(w: Webbplats) -> bytes:
    webb = w.kommun.webbplats
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n")
    wr.writerow(["organ", "organ_namn", "datum", "paragraf", "dnr", "rubrik", "beslut", "url"])
    for o in w.organ:
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            for p in m.paragrafer:
                if p.ar_sekretess:
                    continue
                b = p.beslut
                wr.writerow([o.id, _csv(o.namn), m.datum.isoformat(), p.nummer, _csv(p.dnr or ""),
                             _csv(p.rubrik), _ren_text(b.text) if b else "",
                             urls.absolut(webb, urls.paragraf(o.id, m.datum, p.nummer))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv(text: str) -> str:
    """Text for the CSV like on the site: <, > and & as entities, script-looking text defanged."""
    return avvapna(html.escape(text, quote=False))


def robots(w: Webbplats) -> bytes:
    return (f"User-agent: *\nAllow: /\nSitemap: {urls.absolut(w.kommun.webbplats, 'sitemap.xml')}\n"
            ).encode("utf-8")


def handelsedagar(w: Webbplats, uppsatta: list[tuple[str, date]],
                  organ: Organ | None = None) -> list[date]:
    """Every date of the archive (or of ``organ``) that the feeds and the calendar compare
    the build's day with: the meetings, their kallelser, justeringar and rättelser, and
    (``uppsatta``: (organ id, date) of every anslag) the days anslag are put up."""
    dagar = [d for o in ([organ] if organ else w.organ) for m in o.sammantraden
             for d in [m.datum, *motesdatum(m)]]
    return dagar + [d for oid, d in uppsatta if organ is None or oid == organ.id]


def _dagens(w: Webbplats, uppsatta: list[tuple[str, date]], organ: Organ | None = None) -> bytes:
    """The memo key of a feed: where the day lies among its dates, and the day itself
    while none of them is reached (then the feed's <updated> is the day, ``senast_andrat``)."""
    dagar = handelsedagar(w, uppsatta, organ)
    return w.minne.dagligt(dagar, None if any(d <= w.idag for d in dagar) else w.idag)


def filer(w: Webbplats) -> Iterator[tuple[str, bytes]]:
    """Every generated non-page file: (site path, bytes). Each is a unit of the memo
    (``minne.py``): a meeting's JSON keyed by the meeting, the files that read the whole
    archive by all of it, and those that also read the day by where it lies among the
    archive's dates (``handelsedagar``)."""
    _W[:] = [w]
    mi = w.minne
    helt = mi.arkivet()
    upps = [(an.organ.id, an.datum.uppsatt) for an in alla_anslag(w.arkiv)]
    yield urls.ANSLAG_XML, mi.varde("f|anslag", _dagens(w, upps), lambda: atom(w))
    for o in w.organ:
        yield urls.organ_flode(o.id), mi.varde(f"f|anslag|{o.id}", _dagens(w, upps, o),
                                               lambda o=o: atom(w, o))
    yield urls.ICS, mi.varde("f|ics", mi.dagligt(handelsedagar(w, upps)), lambda: ics(w))
    yield urls.CSV, mi.varde("f|csv", helt, lambda: paragrafer_csv(w))
    yield handlingsdata.CSV, mi.varde("f|handlingar", helt,
                                      lambda: handlingsdata.handlingar_csv(w))
    yield urls.SAMMANTRADEN_JSON, mi.varde("f|sammantraden", helt, lambda: sammantraden_json(w))
    for o in w.organ:
        for m in o.sammantraden:
            yield urls.sammantrade_json(o.id, m.datum), mi.varde(*motesfil(w, o, m))
    yield from mi.varde("f|data", helt, lambda: list(_data(w)))
    yield "robots.txt", robots(w)


def motesfil(w: Webbplats, o: Organ, m: Sammantrade) -> tuple[str, bytes, Callable[[], bytes]]:
    """The memo unit of a meeting's JSON: (id, key, how it is made); ``halvor.py`` makes it
    ahead with the meeting's pages."""
    _W[:] = [w]
    return f"j|{o.id}|{m.datum}", w.minne.mote(o, m), lambda: sammantrade_json(w, o, m)


def _data(w: Webbplats) -> Iterator[tuple[str, bytes]]:
    """The person files and the schemas of the open data (data/schema/)."""
    data = []
    for sokvag, innehall in ledamoter.filer(w, json_bytes):
        data.append(sokvag)
        yield sokvag, innehall
    data += [urls.CSV, handlingsdata.CSV, urls.SAMMANTRADEN_JSON] + [
        urls.sammantrade_json(o.id, m.datum) for o in w.organ for m in o.sammantraden]
    yield from dataschema.filer(set(data), lambda s: urls.absolut(w.kommun.webbplats, s),
                                json_bytes)


def bilagor(w: Webbplats):
    """(site path, source path) of every file the publishing plan publishes as it is."""
    for f in w.publikt.filer():
        yield f.sokvag, f.kalla
