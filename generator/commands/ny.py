"""`anslag ny ORGAN DATUM [--arenden N]`: scaffold a meeting folder.

sammantrade.md is prefilled from the organ's latest held meeting (plats, tid,
ordförande, sekreterare, beslutande, ersättare), so that the new folder passes
`anslag kontrollera` as a planned meeting. With ``--arenden N`` it also gets N
paragraph stubs numbered on from the organ's last § that calendar year (and
then the justerare of the latest meeting, since a meeting with §§ needs them;
the secretary changes them to the ones elected).

An existing folder is never overwritten. The one exception fills a planned
meeting: when the folder holds only sammantrade.md with a kallelse list, ``ny
ORGAN DATUM --arenden N`` writes the § stubs with the rubrik and dnr of the
kallelse's ärenden.

Stub texts are plain Swedish sentences that pass the contract's placeholder
check (no ``<Ange …>``, ``§ XX`` or ``xx`` dates) and are obviously to be
replaced: rubrik "Rubrik för § 17", "Skriv beslutet här." `anslag kontrollera` warns
while they are left (rule ``ingen_stubbtext``), and `anslag justera` refuses.
"""
from __future__ import annotations

import re
import shutil
import sys
import unicodedata
from datetime import date
from pathlib import Path

from generator.common.datum import langt
from generator.commands import osfel
from generator.common.diagnostics import innehall_saknas, menade_du
from generator.commands.redigering import yaml_skalar
from generator.archive.model import Organ, Sammantrade
from generator.content.frontmatter import sammanfoga
from generator.rules.text import STUBB_BESKRIVNING, STUBB_BESLUT, STUBB_RUBRIK

PLATS_OKAND = "Meddelas senare"


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def slug(text: str, maxlangd: int = 60) -> str:
    s = unicodedata.normalize("NFKD", text.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if len(s) > maxlangd:
        s = s[:maxlangd].rsplit("-", 1)[0]
    return s or "paragraf"


def genitiv(namn: str) -> str:
    return namn if namn[-1:].lower() in ("s", "x", "z") else namn + "s"


def _forlaga(organ: Organ, datum: date) -> Sammantrade | None:
    """The latest meeting of the organ to copy from: a held one (with §§) before
    ``datum`` if there is one, else the latest held one, else the latest planned
    one; never an utdrag meeting."""
    alla = [m for m in organ.sammantraden if not m.utdrag and m.plats and m.datum != datum]
    kandidater = [m for m in alla if m.paragrafer and m.justerare] or alla
    fore = [m for m in kandidater if m.datum < datum]
    val = fore or kandidater
    return max(val, key=lambda m: m.datum) if val else None


def _beslutsrubrik(organ: Organ) -> tuple[str, bool]:
    """The decision heading the organ uses and whether it comes first."""
    for m in sorted(organ.sammantraden, key=lambda m: m.datum, reverse=True):
        for p in m.paragrafer:
            for i, s in enumerate(p.sektioner):
                if s.ar_beslut:
                    return s.rubrik, i == 0
    return f"{genitiv(organ.namn)} beslut", True


def sista_paragraf(organ: Organ, ar: int) -> int:
    return max((p.nummer for m in organ.sammantraden if m.datum.year == ar
                for p in m.paragrafer), default=0)


def _lista(nyckel: str, varden: list[str], kommentar: str = "") -> list[str]:
    if not varden:
        return []
    rader = [f"{nyckel}:{f'   # {kommentar}' if kommentar else ''}"]
    rader += [f"  - {yaml_skalar(v)}" for v in varden]
    return rader


def sammantrade_text(organ: Organ, datum: date, kalla: Sammantrade | None, idag: date,
                     med_justerare: bool) -> str:
    fran = f"{organ.kortnamn} {kalla.datum.isoformat()}" if kalla else None
    rader = ["---"]
    if fran:
        rader.append(f"# Skapad med \"anslag ny\" {idag.isoformat()}; uppgifterna är hämtade "
                     f"från {fran}. Kontrollera dem.")
    else:
        rader.append(f"# Skapad med \"anslag ny\" {idag.isoformat()}. Fyll i uppgifterna.")
    if kalla and kalla.tid:
        rader.append(f"tid: {_citerad(kalla.tid)}")
    plats = kalla.plats if kalla and kalla.plats else PLATS_OKAND
    rader.append(f"plats: {yaml_skalar(plats)}"
                 + ("" if kalla and kalla.plats else "   # skriv in lokalen"))
    if kalla and kalla.ordforande:
        rader.append(f"ordforande: {yaml_skalar(str(kalla.ordforande))}")
    if kalla and kalla.sekreterare:
        rader.append(f"sekreterare: {yaml_skalar(str(kalla.sekreterare))}")
    if kalla and kalla.justerare and med_justerare:
        rader += _lista("justerare", [str(j) for j in kalla.justerare],
                        f"från {fran}: byt till dem som väljs på sammanträdet")
    else:
        rader.append("# justerare: väljs på sammanträdet, t.ex. [Namn Namnsson]; "
                     "ska finnas bland beslutande")
    if kalla:
        rader += _lista("beslutande", [str(p) for p in kalla.beslutande],
                        "ändra efter närvaron")
        rader += _lista("ersattare", [str(p) for p in kalla.ersattare])
    if organ.typ == "fullmaktige":
        rader.append("# kallelse: datum då kungörelsen sattes upp (minst en vecka före "
                     "sammanträdet) och arenden med rubrik och dnr")
    else:
        rader.append("# kallelse: datum då kallelsen skickades och arenden med rubrik och dnr")
    return sammanfoga(rader[1:])


def _citerad(s: str) -> str:
    import json
    return json.dumps(s, ensure_ascii=False)


def paragraf_text(nummer: int, rubrik: str | None, dnr: str | None, beslutsrubrik: str,
                  beslut_forst: bool, sekretess: str | None = None,
                  offentlig_rubrik: str | None = None) -> str:
    rader = ["---", f"paragraf: {nummer}",
             f"rubrik: {yaml_skalar(rubrik or STUBB_RUBRIK.format(nummer=nummer))}"]
    if dnr:
        rader.append(f"dnr: {yaml_skalar(dnr)}")
    if sekretess:   # a secret kallelse item stays secret as a paragraph
        rader.append(f"sekretess: {yaml_skalar(sekretess)}")
        if offentlig_rubrik:
            rader.append(f"offentlig_rubrik: {yaml_skalar(offentlig_rubrik)}")
    beslut = [f"## {beslutsrubrik}", "", STUBB_BESLUT, ""]
    beskrivning = ["## Ärendebeskrivning", "", STUBB_BESKRIVNING, ""]
    return sammanfoga(rader[1:], "\n".join(beslut + beskrivning if beslut_forst
                                           else beskrivning + beslut))


def _stubbar(organ: Organ, start: int, antal: int, arenden) -> list[tuple[str, str]]:
    rubrik, forst = _beslutsrubrik(organ)
    ut = []
    for i in range(antal):
        nr = start + i
        a = arenden[i] if i < len(arenden) else None
        if a is None:
            namn, text = f"{nr:02d}-arende.md", paragraf_text(nr, None, None, rubrik, forst)
        else:
            namn = f"{nr:02d}-{'sekretess' if a.sekretess else slug(a.rubrik)}.md"
            text = paragraf_text(nr, a.rubrik or None, a.dnr, rubrik, forst, a.sekretess,
                                 a.offentlig_rubrik)
        ut.append((namn, text))
    return ut


def _kontroll(rot: Path, modell: str | None = None):
    from generator.common.cache import cachemapp
    from generator.commands.kontroll import kontrollera
    return kontrollera(rot, cachemapp(), modell=modell)


def _rapportera(rot: Path, organ_id: str, datum: date, fore) -> None:
    """The diagnostics of the meeting just written, checked in memory from the check
    ``fore`` made before writing (``commands.motekontroll``): the archive is not checked
    a second time."""
    from generator.commands.motekontroll import kontrollera_mote
    _ctx, egna = kontrollera_mote(rot, (organ_id, datum.isoformat()), fore)
    egna = sorted(set(egna))
    for d in egna:
        _err(str(d))
    fel = sum(1 for d in egna if d.niva == "fel")
    if fel:
        print(f"Kontroll av det nya sammanträdet: {fel} fel att rätta (se ovan) innan "
              "\"anslag kontrollera\" går igenom.")
    else:
        print("Kontroll av det nya sammanträdet: inga fel.")


def kommando_ny(args) -> int:
    from generator.common.cache import utan_skrapsamlare
    with utan_skrapsamlare():
        return _ny(args)


def _ny(args) -> int:
    from generator.common.datum import idag_stockholm
    rot: Path = args.innehall
    organ_id: str = args.organ
    datum: date = args.datum
    antal: int = args.arenden or 0
    idag = idag_stockholm()
    if antal < 0 or antal > 999:
        _err("anslag ny: --arenden ska vara ett antal paragrafer mellan 0 och 999.")
        return 2
    if innehall_saknas(rot):
        return 1
    res = _kontroll(rot)      # the check cache: nothing is reread when nothing changed
    if not res.ok:
        for d in res.rapport.sorterade():
            _err(str(d))
        _err("anslag ny: kommun.yml måste rättas först.")
        return 1
    organer = res.cache.get("organ") or {}
    if organ_id not in organer:
        _err(f"anslag ny: okänt organ \"{organ_id}\".{menade_du(organ_id, organer)} "
             f"Organen är: {', '.join(sorted(organer)) or 'inga'}. Ett nytt organ "
             f"skapas med en mapp {organ_id}/ och en organ.yml.")
        return 1
    from generator.commands.nyunderlag import underlag
    u = underlag(rot, organ_id, datum, res)   # only the meetings copied from are read
    if u is not None:
        arkiv, sista = u.arkiv, u.sista
    else:
        arkiv = _kontroll(rot, "arkiv").arkiv
        sista = sista_paragraf(arkiv.organ[organ_id], datum.year)
    organ = arkiv.organ[organ_id]
    mapp = rot / organ_id / datum.isoformat()
    rel = f"{organ_id}/{datum.isoformat()}"
    handlingar = bool(getattr(args, "handlingar", False))
    if mapp.exists() and handlingar and not antal:   # only handlingar/ in an existing meeting
        return _handlingar(mapp, rel, organ, idag, ny_mapp=False)
    if mapp.exists():
        return _fyll_planerat(organ, datum, mapp, rel, antal, rot, res, sista)

    kalla = _forlaga(organ, datum)
    filer = [("sammantrade.md", sammantrade_text(organ, datum, kalla, idag, antal > 0))]
    filer += _stubbar(organ, sista + 1, antal, [])
    try:
        mapp.mkdir(parents=False)
        for namn, text in filer:
            (mapp / namn).write_text(text, encoding="utf-8", newline="\n")
    except OSError as e:
        shutil.rmtree(mapp, ignore_errors=True)
        _err(f"anslag ny: kunde inte skapa {rel}/ ({osfel.orsak(e)}). Inget skapades.")
        return 1

    print(f"Skapade {rel}/ ({organ.kortnamn}, {langt(datum)}):")
    if kalla:
        print(f"  sammantrade.md: plats, tid, ordförande, sekreterare, beslutande och "
              f"ersättare från {organ.kortnamn} {kalla.datum.isoformat()}")
    else:
        print(f"  sammantrade.md: inget tidigare sammanträde att hämta uppgifter från; "
              f"plats är satt till \"{PLATS_OKAND}\". Fyll i uppgifterna.")
    if antal:
        fore = f"efter § {sista} " if sista else "från § 1 "
        print(f"  {filer[1][0]} … {filer[-1][0]}: § {sista + 1}–{sista + antal} "
              f"(numreringen fortsätter {fore}i {datum.year})" if antal > 1 else
              f"  {filer[1][0]}: § {sista + 1} (numreringen fortsätter {fore}i {datum.year})")
        if kalla and kalla.justerare:
            print(f"  justerare är hämtade från {organ.kortnamn} {kalla.datum.isoformat()}: "
                  "byt till dem som väljs på sammanträdet.")
    if handlingar:
        _handlingar(mapp, rel, organ, idag, ny_mapp=True)
    _rapportera(rot, organ_id, datum, res)
    print("Nästa steg: fyll i kallelsen och paragraferna, kör \"anslag kontrollera\", och "
          f"när protokollet är justerat: anslag justera {organ_id} {datum.isoformat()}")
    return 0


def _handlingar(mapp: Path, rel: str, organ: Organ, idag: date, ny_mapp: bool) -> int:
    """handlingar/ with a tjänsteskrivelse stub (generator.commands.handlingar)."""
    from generator.commands.handlingar import STUBB, skapa_stubb
    try:
        fil = skapa_stubb(mapp, organ, idag)
    except OSError as e:
        _err(f"anslag ny: kunde inte skapa {rel}/handlingar/ ({osfel.orsak(e)}).")
        return 1
    if fil is None:
        _err(f"anslag ny: {rel}/{STUBB} finns redan; ingenting skrevs över.")
        return 1 if not ny_mapp else 0
    print(f"  {STUBB}: en tjänsteskrivelse att fylla i. Lista den under \"handlingar:\" på "
          "ärendet i kallelsen (sammantrade.md); kopiera filen för fler handlingar.")
    return 0


def _fyll_planerat(organ: Organ, datum: date, mapp: Path, rel: str, antal: int, rot: Path,
                   fore, sista: int) -> int:
    m = organ.sammantrade(datum)
    har_par = any(f.suffix == ".md" and f.name != "sammantrade.md" for f in mapp.iterdir())
    arenden = list(m.kallelse.arenden) if m and m.kallelse else []
    if antal <= 0 or har_par or not arenden or (mapp / "justering.lock").exists():
        orsak = "har redan paragrafer" if har_par else "finns redan"
        _err(f"anslag ny: {rel}/ {orsak}; ingenting skrevs över. Öppna filerna där och "
             "redigera dem, eller välj ett annat datum."
             + ("" if har_par or not arenden else
                f" Paragrafer för kallelsens {len(arenden)} ärenden skapas med: "
                f"anslag ny {organ.id} {datum.isoformat()} --arenden {len(arenden)}"))
        return 1
    filer = _stubbar(organ, sista + 1, antal, arenden)
    skapade = []
    try:
        for namn, text in filer:
            with open(mapp / namn, "x", encoding="utf-8", newline="\n") as f:
                f.write(text)
            skapade.append(mapp / namn)
    except OSError as e:
        for p in skapade:
            p.unlink(missing_ok=True)
        _err(f"anslag ny: kunde inte skapa paragraferna i {rel}/ ({osfel.orsak(e)}). Inget skapades.")
        return 1
    print(f"Skapade {antal} paragrafer i {rel}/ från kallelsens ärendelista: "
          f"§ {sista + 1}–{sista + antal}" if antal > 1 else
          f"Skapade 1 paragraf i {rel}/ från kallelsens ärendelista: § {sista + 1}")
    if antal != len(arenden):
        print(f"  OBS: kallelsen har {len(arenden)} ärenden; {antal} paragrafer skapades.")
    _rapportera(rot, organ.id, datum, fore)
    print("Nästa steg: skriv in justerarna som valdes i sammantrade.md och besluten i "
          "paragraferna, kör \"anslag kontrollera\", och när protokollet är justerat: "
          f"anslag justera {organ.id} {datum.isoformat()}")
    return 0
