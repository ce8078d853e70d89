"""Rules for names: ordförande, justerare, jäv, reservationer and omröstning
must be among the meeting's beslutande; a near miss suggests the closest name."""
from __future__ import annotations

from generator.archive.model import Person
from generator.common.diagnostics import fel, menade_du

# The model holds every name as a Person (parsed once by archive.bygg). A name must be
# written as among the beslutande (party may be left out or differ): a near miss (case,
# hyphen, spacing, accents) is an error with a suggestion, so site, PDF and förtroendevalda,
# which compare persons with the one folding function (Person.nyckel), agree with the rules.


def _okand(path: str, key: str, p: Person, beslutande: list[str], vad: str):
    return fel(path, key, f"\"{p}\" finns inte bland sammanträdets beslutande ({vad} måste "
               f"vara beslutande).{menade_du(p.namn, beslutande)} Skriv namnet exakt "
               "som i beslutande i sammantrade.md.")


def ordforande_bland_beslutande(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or not m.ordforande or not m.beslutande:
            continue
        namn = m.ledamot_namn()
        if m.ordforande.namn not in namn:
            yield _okand(doc.path, "ordforande", m.ordforande, namn, "ordföranden")


def justerare_bland_beslutande(ctx):
    for m, doc, _ra in ctx.sammantraden:
        if doc is None or not m.beslutande:
            continue
        namn = m.ledamot_namn()
        for j in m.justerare:
            if j.namn not in namn:
                yield _okand(doc.path, "justerare", j, namn, "justerare")


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
                if n.namn not in namn:
                    yield _okand(doc.path, key, n, namn, "den som anges")


def omrostning_rimlig(ctx):
    for p, doc, m in ctx.paragrafer:
        if not p.omrostning:
            continue
        sett: set[str] = set()
        for _typ, n in p.omrostning.roster():
            if n.nyckel in sett:
                yield fel(doc.path, "omrostning", f"{n.namn} finns med mer än en gång i omröstningen. "
                          "Var och en röstar en gång: ja, nej eller avstår.")
            sett.add(n.nyckel)
        for j in p.jav:
            if j.nyckel in sett:
                yield fel(doc.path, "omrostning", f"{j.namn} har anmält jäv och får inte "
                          "delta i omröstningen. Ta bort namnet ur omrostning eller ur jav.")
        if m.beslutande and len(sett) > len(m.beslutande):
            yield fel(doc.path, "omrostning", f"omröstningen har {len(sett)} röstande men "
                      f"sammanträdet bara {len(m.beslutande)} beslutande.")
