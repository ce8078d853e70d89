"""Build the model from loaded content, then run every rule of the contract.

``bygg_modell`` turns loaded content into the model; ``generator.rules.las_arkiv`` is the
entry point that also runs the rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import regex

from generator.archive import frister
from generator.common.diagnostics import Rapport
from generator.common.filer import ar_pdf, sha256_fil
from generator.content.lasfil import TrasigLasfil, las_lasfil
from generator.content.loading import Dokument, Innehall, RaSammantrade, ar_datum
from generator.archive.model import (Anslagsdatum, Rattelse, Arkiv, Bilaga, Handling, Justering, Kallelse, KallelseArende, Kommun,
                    Omrostning, Organ, Overklagande, Paragraf, Person, Referens, Sammantrade,
                    Sektion)
from generator.archive.handlingar import andring, bygg_handlingar, kallelse_handlingar
from generator.archive.referenser import Organregister, lanka, tolka
from generator.schema.falt import (ANSLAG_NYCKLAR, ARENDE_NYCKLAR, BILAGA_NYCKLAR, JUSTERING_NYCKLAR,
                     KALLELSE_NYCKLAR, KOMMUN_NYCKLAR, OMROSTNING_NYCKLAR, ORGAN_NYCKLAR,
                     OVERKLAGANDE_NYCKLAR, PARAGRAF_NYCKLAR, SAMMANTRADE_NYCKLAR, TILLGANGLIGHET_NYCKLAR,
                     MAX_AR, MIN_AR, Falt, tid_text, webbadress_fel)


@dataclass(slots=True)
class Kontext:
    """What the rules see: the model plus where each part came from."""

    arkiv: Arkiv
    innehall: Innehall
    register: Organregister
    sammantraden: list[tuple[Sammantrade, Dokument | None, RaSammantrade]] = field(default_factory=list)
    paragrafer: list[tuple[Paragraf, Dokument, Sammantrade]] = field(default_factory=list)
    ra_referenser: dict[int, dict[str, list[str]]] = field(default_factory=dict)  # id(§) -> key -> raw
    nedtas_angivet: dict[int, tuple[str, date]] = field(default_factory=dict)  # id(obj) -> (key, date)
    handlingar: list[tuple[Handling, Dokument | None, Sammantrade]] = field(default_factory=list)


# ---------------------------------------------------------------- kommun, organ

def _kommun(doc: Dokument | None, rapport: Rapport) -> Kommun | None:
    if doc is None:
        return None
    f = Falt(doc, rapport)
    f.okanda(KOMMUN_NYCKLAR)
    namn = f.text("namn", kravs=True, exempel="Smedjebackens kommun")
    webb = f.text("webbplats", kravs=True, exempel="https://anslagstavla.kommun.se/")
    if webb and webbadress_fel(webb):
        webb = None   # reported by rules.kommun.webbplats_ar_en_adress
    monster = f.text("dnr_monster")
    if monster and len(monster) > 200:
        f.fel("dnr_monster", "mönstret är längre än 200 tecken. Skriv ett kortare mönster, "
                             "t.ex. '^\\d{4}/\\d{5}$'.")
        monster = None
    if monster:
        try:
            regex.compile(monster)
        except (regex.error, ValueError, OverflowError, RecursionError, MemoryError) as e:
            f.fel("dnr_monster", f"ogiltigt reguljärt uttryck ({e}). Rätta mönstret, "
                                 "t.ex. '^\\d{4}/\\d{5}$'.")
            monster = None
    regler = Overklagande()
    sub = f.mapping("overklagande", OVERKLAGANDE_NYCKLAR)
    if sub:
        regler = Overklagande(
            veckor=sub.heltal("veckor", minst=1, storst=52) or 3,
            tillkannagivande_dagar=sub.heltal("tillkannagivande_dagar", exempel="2",
                                              storst=365) or 2,
            justering_dagar=sub.heltal("justering_dagar", exempel="14", storst=365) or 14)
    if not namn:
        return None
    personsidor = f.sant("personsidor") if f.finns("personsidor") else True
    tg = f.mapping("tillganglighet", TILLGANGLIGHET_NYCKLAR)
    return Kommun(namn, webb or "https://example.invalid/", f.text("forvaringsplats"),
                  monster, regler, personsidor, tg.text("kontakt") if tg else None)


def _organ(oid: str, doc: Dokument, rapport: Rapport) -> Organ:
    f = Falt(doc, rapport)
    f.okanda(ORGAN_NYCKLAR)
    namn = f.text("namn", kravs=True, exempel="Kommunstyrelsen") or oid
    kort = f.text("kortnamn", kravs=True, exempel="KS") or oid.upper()
    typ = f.text("typ", kravs=True, exempel="namnd") or "ovrigt"
    return Organ(oid, namn, kort, typ, doc.path, under=f.text("under"),
                 forvaringsplats=f.text("forvaringsplats"),
                 sidfot=f.text("sidfot") or "Justerandes signatur")


# ---------------------------------------------------------------- people

def _personer(f: Falt, key: str, kravs: bool) -> list[Person]:
    ut = []
    for s in f.textlista(key, kravs=kravs, exempel="Namn Namnsson (S)"):
        p, err = Person.tolka(s)
        if err:
            f.fel(key, err)
        elif p:
            ut.append(p)
    return ut


def _namn(f: Falt, key: str) -> list[Person]:
    """jäv, reservationer, omröstning: ``Namn (Parti)`` (party optional), parsed once here."""
    return [Person.las(s) for s in f.textlista(key)]


# ---------------------------------------------------------------- sammanträde

def _anslag(f: Falt, ctx_ned: dict, obj_id: int, regler: Overklagande,
            uppsatt_default: date | None = None) -> Anslagsdatum | None:
    sub = f.mapping("anslag", ANSLAG_NYCKLAR)
    uppsatt = sub.datum("uppsatt", kravs=True) if sub else uppsatt_default
    if uppsatt is None:
        return None
    nedtas = sub.datum("nedtas") if sub else None
    if nedtas is not None:
        ctx_ned[obj_id] = (f"{f.prefix}anslag.nedtas", nedtas)
    return frister.anslagsdatum(uppsatt, regler, nedtas)


def _sammantrade(ra: RaSammantrade, datum: date, organ: Organ, kommun: Kommun,
                 ctx: Kontext, rapport: Rapport) -> Sammantrade:
    doc = ra.sammantrade
    m = Sammantrade(organ.id, datum, ra.sammantrade_path)
    if doc is None:
        return m
    f = Falt(doc, rapport)
    f.okanda(SAMMANTRADE_NYCKLAR)
    m.utdrag = f.sant("utdrag")
    har_par = bool(ra.paragrafer) or bool([n for n in ra.filer if n.endswith(".md")
                                            and n != "sammantrade.md" and "/" not in n])
    kravs = har_par and not m.utdrag
    m.plats = f.text("plats", kravs=not m.utdrag, exempel="Sammanträdesrummet, Kommunhuset")
    m.tid = tid_text(f)
    ordf = f.text("ordforande", kravs=kravs, exempel="Namn Namnsson")
    m.ordforande = Person.av_text(ordf) if ordf else None
    sekr = f.text("sekreterare", kravs=kravs, exempel="Namn Namnsson")
    m.sekreterare = Person.av_text(sekr) if sekr else None
    m.justerare = [Person.av_text(j) for j in f.textlista("justerare", kravs=kravs,
                                                            exempel="Namn Namnsson")]
    m.beslutande = _personer(f, "beslutande", kravs)
    m.ersattare = _personer(f, "ersattare", False)
    m.ovriga = f.textlista("ovriga")
    kal = f.mapping("kallelse", KALLELSE_NYCKLAR)
    if kal:
        kd = kal.datum("datum", kravs=True)
        arenden = []
        for i, a in enumerate(kal.lista("arenden"), 1):
            if isinstance(a, dict):
                af = Falt(doc, rapport, a, f"kallelse.arenden[{i}].")
                af.okanda(ARENDE_NYCKLAR)
                grund = af.text("sekretess", exempel="OSL 26 kap. 1 §")
                rub = af.text("rubrik", kravs=not grund, exempel="Ärendets rubrik")
                offentlig = af.text("offentlig_rubrik")
                if offentlig and not grund:
                    af.varning("offentlig_rubrik", "används bara för ett ärende med sekretess. "
                                                   "Ta bort den eller lägg till \"sekretess:\".")
                if rub or grund:
                    arenden.append(KallelseArende(rub or "", af.text("dnr"), grund, offentlig,
                                                  kallelse_handlingar(af, ra), andring(af)))
            elif isinstance(a, str):
                arenden.append(KallelseArende(a.strip()))
            else:
                kal.fel("arenden", f"post {i} ska ha rubrik (och dnr).")
        if kd:
            m.kallelse = Kallelse(kd, tuple(arenden))
    jus = f.mapping("justering", JUSTERING_NYCKLAR)
    if jus:
        jd = jus.datum("datum", kravs=True)
        if jd:
            m.justering = Justering(jd, jus.text("plats"))
    if f.finns("anslag") and not f.finns("justering"):
        f.fel("anslag", "anslag kräver justering. Lägg till \"justering:\" med datum, "
                        "eller ta bort anslag tills protokollet är justerat.")
    elif m.justering:
        m.anslag = _anslag(f, ctx.nedtas_angivet, id(m), kommun.overklagande)
    m.forvaringsplats = (f.text("forvaringsplats") or organ.forvaringsplats
                         or kommun.forvaringsplats)
    m.text = doc.body.strip()
    return m


# ---------------------------------------------------------------- paragraf

_RUBRIK2 = re.compile(r"##\s+\S")


def dela_sektioner(body: str) -> tuple[str, list[Sektion]]:
    """Split the body at ``##`` headings; the heading ending in "beslut" is the decision."""
    ingress: list[str] = []
    sektioner: list[tuple[str, list[str]]] = []
    i_kod = False
    for line in body.split("\n"):
        if "```" in line and line.lstrip().startswith("```"):
            i_kod = not i_kod
        if not i_kod and line.startswith("##") and _RUBRIK2.match(line) and not line.startswith("###"):
            sektioner.append((line[2:].strip().rstrip("#").strip(), []))
        elif sektioner:
            sektioner[-1][1].append(line)
        else:
            ingress.append(line)
    ut = [Sektion(r, "\n".join(t).strip(), r.rstrip(" .:").casefold().endswith("beslut"))
          for r, t in sektioner]
    return "\n".join(ingress).strip(), ut


def _paragraf(doc: Dokument, m: Sammantrade, ra: RaSammantrade, kommun: Kommun,
              ctx: Kontext, rapport: Rapport) -> Paragraf | None:
    f = Falt(doc, rapport)
    f.okanda(PARAGRAF_NYCKLAR)
    nr = f.heltal("paragraf", kravs=True, minst=1)
    rubrik = f.text("rubrik", kravs=True, exempel="Ärendets rubrik")
    if nr is None or rubrik is None:
        return None
    p = Paragraf(m.organ_id, m.datum, nr, rubrik, doc.path)
    p.dnr = f.text("dnr", exempel="2025/00012")
    ctx.ra_referenser[id(p)] = {"beredning": f.textlista("beredning"),
                                "hanvisningar": f.textlista("hanvisningar")}
    p.omedelbart_justerad = f.sant("omedelbart_justerad")
    if f.finns("anslag") and not p.omedelbart_justerad:
        f.fel("anslag", "eget anslag gäller bara en paragraf med \"omedelbart_justerad: true\". "
                        "Ta bort anslag här; anslaget för sammanträdet anges i sammantrade.md.")
    if p.omedelbart_justerad:
        p.anslag = _anslag(f, ctx.nedtas_angivet, id(p), kommun.overklagande,
                           uppsatt_default=m.datum)
    p.sekretess = f.text("sekretess", exempel="OSL 26 kap. 1 §")
    p.offentlig_rubrik = f.text("offentlig_rubrik")
    if p.offentlig_rubrik and not p.sekretess:
        f.varning("offentlig_rubrik", "används bara för en paragraf med sekretess. "
                                      "Ta bort den eller lägg till \"sekretess:\".")
    p.expedieras = f.textlista("expedieras")
    p.jav = _namn(f, "jav")
    p.reservationer = _namn(f, "reservationer")
    om = f.mapping("omrostning", OMROSTNING_NYCKLAR)
    if om:
        p.omrostning = Omrostning(tuple(_namn(om, "ja")), tuple(_namn(om, "nej")),
                                  tuple(_namn(om, "avstar")))
    p.beslutsunderlag = _beslutsunderlag(f, ra)
    p.ingress, p.sektioner = dela_sektioner(doc.body)
    return p


def _beslutsunderlag(f: Falt, ra: RaSammantrade) -> list[Bilaga]:
    from generator.content.sokvagar import bilaga_sokvag
    ut: list[Bilaga] = []
    for i, b in enumerate(f.lista("beslutsunderlag"), 1):
        if isinstance(b, (str, int, float)) and not isinstance(b, bool):
            ut.append(Bilaga(str(b).strip()))
            continue
        if not isinstance(b, dict):
            f.fel("beslutsunderlag", f"post {i} ska vara text eller {{titel, fil}}.")
            continue
        bf = Falt(f.doc, f.rapport, b, f"beslutsunderlag[{i}].")
        bf.okanda(BILAGA_NYCKLAR)
        titel = bf.text("titel", kravs=True, exempel="Bilagans titel")
        fil = bf.text("fil")
        if fil is None and "fil" in b and not isinstance(b.get("fil"), (dict, list, bool)):
            fil = ""   # `fil: ""` or `fil:`: an error below, never a silent text entry
        if fil is None:
            if titel:
                ut.append(Bilaga(titel))
            continue
        kalla, fel = bilaga_sokvag(fil, ra.mapp)
        if fel:
            bf.fel("fil", fel)
            continue
        try:
            summa, storlek = sha256_fil(kalla), kalla.stat().st_size
        except OSError as e:
            bf.fel("fil", f"\"{fil}\" kan inte läsas ({e.strerror}). Kontrollera filen.")
            continue
        ut.append(Bilaga(titel or Path(fil).name, fil, kalla, summa, storlek, ar_pdf(kalla)))
    return ut


# ---------------------------------------------------------------- the archive

def bygg_modell(innehall: Innehall, rapport: Rapport) -> Kontext | None:
    kommun = _kommun(innehall.kommun, rapport)
    if kommun is None:
        return None
    arkiv = Arkiv(kommun, {})
    for ra_o in innehall.organ:
        if ra_o.organ is None and (ra_o.mapp / "organ.yml").is_symlink():
            continue   # a link out of the content folder: reported by the loader
        if ra_o.organ is None:
            rapport.fel(ra_o.organ_path, "fil", f"mappen \"{ra_o.id}\" saknar organ.yml. Skapa den "
                        "med namn, kortnamn och typ, eller flytta mappen ur innehållet.")
            continue
        arkiv.organ[ra_o.id] = _organ(ra_o.id, ra_o.organ, rapport)
    register = Organregister({o.id: o.kortnamn for o in arkiv.organ.values()})
    ctx = Kontext(arkiv, innehall, register)
    for ra_o in innehall.organ:
        organ = arkiv.organ.get(ra_o.id)
        if organ is None:
            continue
        for ra_m in ra_o.sammantraden:
            datum = ar_datum(ra_m.datum_text)
            if datum is not None and not MIN_AR <= datum.year <= MAX_AR:
                rapport.fel(f"{ra_o.id}/{ra_m.datum_text}", "mapp",
                            f"mappnamnet \"{ra_m.datum_text}\" har ett orimligt år (år "
                            f"{MIN_AR}–{MAX_AR}). Döp om mappen till sammanträdets datum.")
                continue
            if datum is None:
                rapport.fel(f"{ra_o.id}/{ra_m.datum_text}", "mapp",
                            f"mappnamnet \"{ra_m.datum_text}\" är inget datum. Döp om mappen "
                            "till sammanträdets datum, ÅÅÅÅ-MM-DD.")
                continue
            if ra_m.sammantrade is None and not (ra_m.mapp / "sammantrade.md").exists():
                rapport.fel(ra_m.sammantrade_path, "fil", "sammantrade.md saknas. Skapa den "
                            "(t.ex. med \"anslag ny\") med minst plats.")
            m = _sammantrade(ra_m, datum, organ, kommun, ctx, rapport)
            if ra_m.lock is not None:  # justering.lock: locked, with its rättelser
                m.last, m.rattelser = True, rattelser_for_modellen(ra_m.lock)
            for doc in ra_m.paragrafer:
                p = _paragraf(doc, m, ra_m, kommun, ctx, rapport)
                if p is not None:
                    m.paragrafer.append(p)
                    ctx.paragrafer.append((p, doc, m))
            m.paragrafer.sort(key=lambda p: p.nummer)
            for h, hdoc in bygg_handlingar(ra_m, m, rapport):
                m.handlingar[h.fil] = h
                ctx.handlingar.append((h, hdoc, m))
            organ.sammantraden.append(m)
            ctx.sammantraden.append((m, ra_m.sammantrade, ra_m))
        organ.sammantraden.sort(key=lambda m: m.datum)
    _referenser(ctx)
    return ctx


def _referenser(ctx: Kontext) -> None:
    """Resolve beredning/hanvisningar, then link the §§ (``lanka``)."""
    for p, _doc, _m in ctx.paragrafer:
        ra = ctx.ra_referenser.get(id(p), {})
        for key in ("beredning", "hanvisningar"):
            ut = []
            for text in ra.get(key, []):
                t = tolka(text)
                if t is None:
                    continue  # reported by the reference rule
                ut.append(Referens(text.strip(), ctx.register.organ_id(t.organ), t.datum,
                                   t.paragraf))
            setattr(p, key, ut)
    lanka(ctx.arkiv, [p for p, _doc, _m in ctx.paragrafer])


def rattelser_for_modellen(path: Path) -> list[Rattelse]:
    """The rättelser of a lock as model objects; an unreadable lock gives none
    (the lock rule reports it)."""
    try:
        las = las_lasfil(path)
    except TrasigLasfil:
        return []
    return [Rattelse(r.datum, r.orsak, tuple(sorted(r.filer))) for r in las.rattelser]
