"""`anslag status`: the secretary's dashboard.

What is on the anslagstavla today and for how many more days, what comes down
within a week, justeringar not yet announced (the two-day rule of KL 8 kap.
12 §; at risk in red), held meetings older than ``justering_dagar`` without
justering, planned meetings, and kungörelser on the board or due. With rich
on a terminal; plain text when stdout is not a terminal (cron mail, CI logs,
a pipe).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import IO

from generator.archive import anslagstavla as tavla
from generator.archive.model import Arkiv, Sammantrade

# row styles: "" normal, "gul" attention, "rod" at risk / too late, "gron" fine
STILAR = {"": "", "gul": "yellow", "rod": "bold red", "gron": "green"}


@dataclass(slots=True)
class Sektion:
    rubrik: str
    kolumner: list[str]
    rader: list[tuple[list[str], str]] = field(default_factory=list)  # (cells, style)
    tom: str = "inga"
    fotnot: str = ""
    identitet: int = 2             # plain text: the first cells name the row ...
    mallar: list[str] = field(default_factory=list)  # ... the rest use these templates

    def text(self, celler: list[str]) -> str:
        namn = " ".join(c for c in celler[:self.identitet] if c)
        rest = [(self.mallar[i] if i < len(self.mallar) else "{}").format(c)
                for i, c in enumerate(celler[self.identitet:]) if c]
        return f"{namn}: {', '.join(rest)}" if rest else namn


def dagar(n: int) -> str:
    return f"{n} dag" if abs(n) == 1 else f"{n} dagar"


def _kort(arkiv: Arkiv, m: Sammantrade) -> str:
    o = arkiv.organ.get(m.organ_id)
    return o.kortnamn if o else m.organ_id


def sektioner(arkiv: Arkiv, idag: date) -> list[Sektion]:
    regler = arkiv.kommun.overklagande
    ut: list[Sektion] = []

    # on the board today
    pa = Sektion("På anslagstavlan idag",
                 ["Organ", "Sammanträde", "Paragrafer", "Uppsatt", "Överklaga senast",
                  "Tas ned", "Kvar"], tom="inga anslag", identitet=3,
                 mallar=["uppsatt {}", "sista dag att överklaga {}", "tas ned {}", "{} kvar"])
    for a in tavla.aktuella_anslag(arkiv, idag):
        kvar = tavla.dagar_till_nedtagning(a, idag)
        par = a.paragrafspann + (" (omedelbart justerad)" if a.omedelbart else "")
        pa.rader.append(([a.organ.kortnamn, a.sammantrade.datum.isoformat(), par,
                          a.datum.uppsatt.isoformat(), a.datum.sista_dag.isoformat(),
                          a.datum.nedtas.isoformat(), dagar(kvar)],
                         "gul" if kvar <= 7 else ""))
    for k in tavla.kungorelser(arkiv, idag):
        kvar = (k.till - idag).days + 1
        pa.rader.append(([k.organ.kortnamn, k.sammantrade.datum.isoformat(), "kungörelse",
                          k.fran.isoformat(), "–", (k.till + timedelta(days=1)).isoformat(),
                          dagar(kvar)], ""))
    ut.append(pa)

    # coming down within a week
    snart = Sektion("Tas ned inom en vecka", ["Organ", "Sammanträde", "Paragrafer", "Tas ned",
                                               "Om"], identitet=3, mallar=["tas ned {}", "om {}"])
    for a in tavla.nedtas_inom(arkiv, idag, 7):
        om = (a.datum.nedtas - idag).days
        snart.rader.append(([a.organ.kortnamn, a.sammantrade.datum.isoformat(), a.paragrafspann,
                             a.datum.nedtas.isoformat(), dagar(om)], "gul"))
    ut.append(snart)

    # justerade, not announced (no anslag yet, or uppsatt later than today)
    frist = regler.tillkannagivande_dagar
    ej = Sektion("Justerade men inte tillkännagivna",
                 ["Organ", "Sammanträde", "Justerat", "Tillkännages senast", "Läge"],
                 mallar=["justerat {}", "ska tillkännages senast {}", "{}"],
                 fotnot=f"Justeringen ska tillkännages på anslagstavlan senast {frist} dagar "
                        "efter justeringen (KL 8 kap. 12 §).")
    kommande_anslag = [a for a in tavla.alla_anslag(arkiv)
                       if a.datum.uppsatt > idag and not a.omedelbart]
    for m in tavla.ej_tillkannagivna(arkiv):
        senast = m.justering.datum + timedelta(days=frist)
        kvar = (senast - idag).days
        if kvar < 0:
            lage, stil = f"FÖR SENT, {dagar(-kvar)} över tiden", "rod"
        elif kvar == 0:
            lage, stil = "sista dagen idag!", "rod"
        else:
            lage, stil = f"{dagar(kvar)} kvar", "gul"
        ej.rader.append(([_kort(arkiv, m), m.datum.isoformat(), m.justering.datum.isoformat(),
                          senast.isoformat(), lage], stil))
    for a in kommande_anslag:
        senast = a.justeringsdatum + timedelta(days=frist)
        if a.datum.uppsatt > senast:
            lage, stil = f"sätts upp {a.datum.uppsatt}, efter fristen!", "rod"
        else:
            lage, stil = f"sätts upp {a.datum.uppsatt}", "gron"
        ej.rader.append(([a.organ.kortnamn, a.sammantrade.datum.isoformat(),
                          a.justeringsdatum.isoformat(), senast.isoformat(), lage], stil))
    ut.append(ej)

    # held, not justerade in time
    jd = regler.justering_dagar
    sena = Sektion(f"Hållna sammanträden utan justering efter {jd} dagar",
                   ["Organ", "Sammanträde", "Paragrafer", "Sedan sammanträdet"],
                   identitet=3, mallar=["{} sedan sammanträdet"],
                   fotnot=f"Protokollet ska justeras senast {jd} dagar efter sammanträdet; "
                          "registrera justeringen med \"anslag justera ORGAN DATUM\".")
    for m in sorted(tavla.ej_justerade(arkiv, idag, jd), key=lambda m: (m.datum, m.organ_id)):
        sena.rader.append(([_kort(arkiv, m), m.datum.isoformat(), m.paragrafspann,
                            dagar((idag - m.datum).days)], "rod"))
    ut.append(sena)

    # planned meetings
    plan = Sektion("Planerade sammanträden", ["Organ", "Datum", "Tid", "Plats", "Kallelse"],
                   mallar=["tid {}", "{}", "kallelse {}"])
    for m in tavla.kommande_sammantraden(arkiv, idag):
        kal = (f"{m.kallelse.datum} ({len(m.kallelse.arenden)} ärenden)" if m.kallelse
               else "inte skickad")
        plan.rader.append(([_kort(arkiv, m), m.datum.isoformat(), m.tid or "", m.plats or "",
                            kal], ""))
    ut.append(plan)

    # issued kallelser of coming meetings: are their handlingar complete?
    from generator.commands.handlingar import status_rader
    utf = Sektion("Utfärdade kallelser och handlingar",
                  ["Organ", "Sammanträde", "Kallelse", "Handlingar"],
                  mallar=["kallelse {}", "handlingar: {}"], tom="inga utfärdade kallelser")
    utf.rader.extend(status_rader(arkiv, idag))
    ut.append(utf)

    # kungörelser (fullmäktige): on the board, or due
    kung = Sektion("Kungörelser", ["Organ", "Sammanträde", "Kungörelse", "Läge"],
                   mallar=["kungörelse {}", "{}"],
                   fotnot="Fullmäktiges sammanträden kungörs på anslagstavlan minst en vecka "
                          "före sammanträdet (KL 5 kap.).")
    pa_tavlan = {id(k.sammantrade) for k in tavla.kungorelser(arkiv, idag)}
    for o in arkiv.organ.values():
        if o.typ != "fullmaktige":
            continue
        for m in o.sammantraden:
            if m.utdrag or m.datum < idag:
                continue
            senast = m.datum - timedelta(days=7)
            if id(m) in pa_tavlan:
                kung.rader.append(([o.kortnamn, m.datum.isoformat(), m.kallelse.datum.isoformat(),
                                    f"på tavlan till {m.datum}"], "gron"))
            elif m.kallelse and m.kallelse.datum > idag:
                stil = "rod" if m.kallelse.datum > senast else ""
                kung.rader.append(([o.kortnamn, m.datum.isoformat(), m.kallelse.datum.isoformat(),
                                    f"sätts upp {m.kallelse.datum}"
                                    + (", för sent!" if stil else "")], stil))
            elif not m.kallelse:
                kvar = (senast - idag).days
                stil = "rod" if kvar <= 0 else "gul" if kvar <= 7 else ""
                lage = (f"ska sättas upp senast {senast}" if kvar >= 0
                        else f"skulle ha satts upp senast {senast}!")
                kung.rader.append(([o.kortnamn, m.datum.isoformat(), "saknas", lage], stil))
    kung.rader.sort(key=lambda r: (r[0][1], r[0][0]))
    ut.append(kung)
    return ut


def olasta(arkiv: Arkiv) -> list[Sammantrade]:
    """Justerade meetings without a justering.lock (justerade before the tool)."""
    return sorted((m for m in arkiv.alla_sammantraden()
                   if m.justering and not m.last and not m.utdrag and m.paragrafer),
                  key=lambda m: (m.datum, m.organ_id))


def _slutrader(arkiv: Arkiv, idag: date) -> list[str]:
    rader = []
    ol = olasta(arkiv)
    if ol:
        exempel = ol[-1]
        antal = ("1 justerat sammanträde saknar" if len(ol) == 1
                 else f"{len(ol)} justerade sammanträden saknar")
        rader.append(f"{antal} justering.lock (justerat före verktyget), t.ex. {_kort(arkiv, exempel)} {exempel.datum}. Ett sådant "
                     f"protokoll låses som det är med: anslag justera {exempel.organ_id} {exempel.datum}")
    nyliga = [(m, r) for m in arkiv.alla_sammantraden() for r in m.rattelser
              if 0 <= (idag - r.datum).days <= 30]
    for m, r in sorted(nyliga, key=lambda x: x[1].datum):
        rader.append(f"Rättelse {r.datum} i {_kort(arkiv, m)} {m.datum}: {r.orsak}")
    return rader


# ---------------------------------------------------------------- rendering

def status_text(arkiv: Arkiv, idag: date) -> str:
    rader = [f"Anslagstavlan {idag.isoformat()} – {arkiv.kommun.namn}", ""]
    for s in sektioner(arkiv, idag):
        if not s.rader:
            rader += [f"{s.rubrik}: {s.tom}.", ""]
            continue
        rader.append(f"{s.rubrik}:")
        for celler, stil in s.rader:
            markering = "!! " if stil == "rod" else "   "
            rader.append(markering + s.text(celler))
        if s.fotnot:
            rader.append(f"   ({s.fotnot})")
        rader.append("")
    rader += _slutrader(arkiv, idag)
    return "\n".join(rader).rstrip() + "\n"


def _rich(arkiv: Arkiv, idag: date, fil: IO[str]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    c = Console(file=fil, force_terminal=True, highlight=False)
    c.rule(Text(f"Anslagstavlan {idag.isoformat()} – {arkiv.kommun.namn}", style="bold"))
    for s in sektioner(arkiv, idag):
        if not s.rader:
            c.print(Text.assemble((s.rubrik, "bold"), (f": {s.tom}", "dim")))
            continue
        t = Table(title=s.rubrik, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, collapse_padding=True)
        # the naming cells (organ, date, §§) form one column, the rest stay short
        t.add_column("Sammanträde", no_wrap=True)
        for k in s.kolumner[s.identitet:]:
            t.add_column(k, overflow="fold", no_wrap=k not in ("Plats", "Läge"))
        for celler, stil in s.rader:
            namn = " ".join(c for c in celler[:s.identitet] if c)
            t.add_row(Text(namn), *[Text(x) for x in celler[s.identitet:]],
                      style=STILAR.get(stil, ""))
        c.print(t)
        if s.fotnot:
            c.print(Text(s.fotnot, style="dim"))
        c.print()
    for rad in _slutrader(arkiv, idag):
        c.print(Text(rad, style="dim"))


def visa_status(arkiv: Arkiv, idag: date, fil: IO[str] | None = None,
                tty: bool | None = None) -> int:
    fil = fil if fil is not None else sys.stdout
    if tty is None:
        try:
            tty = fil.isatty()
        except (AttributeError, ValueError):
            tty = False
    if tty:
        _rich(arkiv, idag, fil)
    else:
        fil.write(status_text(arkiv, idag))
        fil.flush()
    return 0
