"""The iCalendar of meetings (/sammantraden.ics, RFC 5545), from the public view.

Deterministic for a given archive and day: DTSTAMP and SEQUENCE follow the meeting's own
record (kallelse, justering, rättelser), never the build's clock.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator.archive.model import Organ, Sammantrade
from generator.render.site import urls
from generator.render.site.html import _HANDELSE, _SCHEMA
from generator.render.site.webbplats import Webbplats

STHLM = ZoneInfo("Europe/Stockholm")


def motesdatum(m: Sammantrade) -> list[date]:
    """The days a meeting's published record changed: kallelse, justering, each rättelse."""
    d = [m.kallelse.datum] if m.kallelse else []
    if m.justering and m.paragrafer:
        d.append(m.justering.datum)
    return d + [r.datum for r in m.rattelser]


_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Stockholm
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

_TID = re.compile(r"(\d{1,2})[:.](\d{2})(?:\s*[-–—]\s*(\d{1,2})[:.](\d{2}))?")


def _ics_text(s: str) -> str:
    # calendar apps may render HTML in text fields: no angle brackets or script schemes
    s = s.replace("<", "‹").replace(">", "›")
    s = _SCHEMA.sub(lambda m: m.group(1) + "\uff1a", s)
    s = _HANDELSE.sub(lambda m: m.group(1) + "\uff1d", s)
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _vik(rad: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1)."""
    b = rad.encode("utf-8")
    if len(b) <= 75:
        return rad
    delar, start, grans = [], 0, 75
    while start < len(b):
        slut = min(start + grans, len(b))
        while slut < len(b) and (b[slut] & 0xC0) == 0x80:  # do not split a UTF-8 sequence
            slut -= 1
        delar.append(b[start:slut].decode("utf-8"))
        start, grans = slut, 74
    return "\r\n ".join(delar)


def ics(w: Webbplats) -> bytes:
    webb = w.kommun.webbplats
    vard = urlsplit(webb).hostname or "anslagstavla"
    rader = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//Anslagstavlan//Sammanträden//SV",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_ics_text('Sammanträden – ' + w.kommun.namn)}",
             "X-WR-TIMEZONE:Europe/Stockholm"]
    rader += _VTIMEZONE.split("\n")
    for o in w.organ:
        for m in sorted(o.sammantraden, key=lambda m: m.datum):
            if m.utdrag:
                continue
            rader += _vevent(w, o, m, vard)
    rader.append("END:VCALENDAR")
    return ("\r\n".join(_vik(r) for r in rader) + "\r\n").encode("utf-8")


def _vevent(w: Webbplats, o: Organ, m: Sammantrade, vard: str) -> list[str]:
    # A new version of the event each time its record changes (kallelse, justering, rättelse):
    # SEQUENCE counts those days, DTSTAMP is the latest one (midnight in Stockholm, as UTC).
    # Both stay the same from build to build while the meeting is unchanged (RFC 5545 3.8.7).
    andrat = sorted(d for d in motesdatum(m) if d <= w.idag)
    senast = andrat[-1] if andrat else m.datum
    stamp = datetime.combine(senast, time(0, 0), STHLM).astimezone(timezone.utc)
    ut = ["BEGIN:VEVENT", f"UID:{o.id}-{m.datum.isoformat()}@{vard}",
          f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}", f"SEQUENCE:{max(len(andrat) - 1, 0)}"]
    t = _TID.search(m.tid or "")
    if t:
        h1, m1 = int(t.group(1)), int(t.group(2))
        start = datetime.combine(m.datum, time(min(h1, 23), min(m1, 59)))
        ut.append(f"DTSTART;TZID=Europe/Stockholm:{start:%Y%m%dT%H%M%S}")
        if t.group(3):
            slut = datetime.combine(m.datum, time(min(int(t.group(3)), 23), min(int(t.group(4)), 59)))
            if slut > start:
                ut.append(f"DTEND;TZID=Europe/Stockholm:{slut:%Y%m%dT%H%M%S}")
    else:
        ut.append(f"DTSTART;VALUE=DATE:{m.datum:%Y%m%d}")
        ut.append(f"DTEND;VALUE=DATE:{m.datum + timedelta(days=1):%Y%m%d}")
    ut.append(f"SUMMARY:{_ics_text(o.namn + ' sammanträder')}")
    if m.plats:
        ut.append(f"LOCATION:{_ics_text(m.plats)}")
    if m.paragrafer:
        beskr = "Ärenden: " + "; ".join(f"§ {p.nummer} {p.publik_rubrik}" for p in m.paragrafer)
    elif m.kallelse and m.kallelse.arenden:
        beskr = "Ärenden: " + "; ".join(x.rubrik for x in m.kallelse.arenden)
    else:
        beskr = ""
    if beskr:
        ut.append(f"DESCRIPTION:{_ics_text(beskr)}")
    ut.append(f"URL:{urls.absolut(w.kommun.webbplats, urls.sammantrade(o.id, m.datum))}")
    ut.append("STATUS:CONFIRMED")
    ut.append("END:VEVENT")
    return ut
