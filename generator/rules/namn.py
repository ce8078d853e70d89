"""Rules for names: ordförande, justerare, jäv, reservationer and omröstning
must be among the meeting's beslutande; a near miss suggests the closest name."""
from __future__ import annotations

from generator.archive.model import bara_namn
from generator.common.diagnostics import fel, menade_du

# The names must be written exactly as among the beslutande (party may be left out): a
# near miss is an error with a suggestion. Site, PDF and förtroendevalda then compare
# persons with the one folding function (archive.model.namnnyckel), which agrees.


def _okand(path: str, key: str, namn: str, beslutande: list[str], vad: str):
    return fel(path, key, f"\"{namn}\" finns inte bland sammanträdets beslutande ({vad} måste "
               f"vara beslutande).{menade_du(bara_namn(namn), beslutande)} Skriv namnet exakt "
               "som i beslutande i sammantrade.md.")


def ordforande_bland_beslutande(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or not m.ordforande or not m.beslutande:
            continue
        namn = m.ledamot_namn()
        if m.ordforande.namn not in namn:
            yield _okand(doc.path, "ordforande", str(m.ordforande), namn, "ordföranden")


def justerare_bland_beslutande(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or not m.beslutande:
            continue
        namn = m.ledamot_namn()
        for j in m.justerare:
            if j.namn not in namn:
                yield _okand(doc.path, "justerare", str(j), namn, "justerare")


def namn_i_jav_reservationer_omrostning(ctx):
    for p, doc, m in ctx.paragrafer:
        if not m.beslutande:
            continue
        namn = m.ledamot_namn()
        listor = [("jav", p.jav), ("reservationer", p.reservationer)]
        if p.omrostning:
            listor += [("omrostning.ja", p.omrostning.ja), ("omrostning.nej", p.omrostning.nej),
                       ("omrostning.avstar", p.omrostning.avstar)]
        for key, lista in listor:
            for n in lista:
                if bara_namn(n) not in namn:
                    yield _okand(doc.path, key, n, namn, "den som anges")


def omrostning_rimlig(ctx):
    for p, doc, m in ctx.paragrafer:
        if not p.omrostning:
            continue
        o = p.omrostning
        roster = [bara_namn(n) for n in (*o.ja, *o.nej, *o.avstar)]
        sett: set[str] = set()
        for n in roster:
            if n in sett:
                yield fel(doc.path, "omrostning", f"{n} finns med mer än en gång i omröstningen. "
                          "Var och en röstar en gång: ja, nej eller avstår.")
            sett.add(n)
        for j in p.jav:
            if bara_namn(j) in sett:
                yield fel(doc.path, "omrostning", f"{bara_namn(j)} har anmält jäv och får inte "
                          "delta i omröstningen. Ta bort namnet ur omrostning eller ur jav.")
        if m.beslutande and len(sett) > len(m.beslutande):
            yield fel(doc.path, "omrostning", f"omröstningen har {len(sett)} röstande men "
                      f"sammanträdet bara {len(m.beslutande)} beslutande.")
