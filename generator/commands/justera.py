"""`anslag justera`: record the justering, lock the protokoll, record rättelser.

1. The content must be free of errors (the lock errors of this very meeting
   are expected when a rättelse is recorded, and are not counted).
2. ``justering: {datum, plats}`` and ``anslag: {uppsatt}`` are written into
   sammantrade.md by a targeted edit of the frontmatter: only the lines that
   carry those values are added or changed; comments, key order, quoting, the
   BOM, the line endings and the free text stay byte for byte. The result is
   parsed again and must equal the old frontmatter with exactly those values
   set, otherwise nothing is written.
3. The meeting is validated again, in memory (``commands.motekontroll``: the archive
   is checked once; a bad date rolls the edit back), then
   justering.lock is written with the checksum of every file of the meeting
   (see ``generator.content.lasfil``).

A meeting that is already locked is only changed through ``--rattelse TEXT``:
the changed, added and removed files are recorded with their old and new
checksums, date and reason in the lock's history, and the meeting is locked
again. The model's ``Sammantrade.rattelser`` lists them; the protokoll page
shows them and the PDFs are rendered again (their cache key is the content).

A meeting that was justerat before the tool (``justering:`` already written,
no lock) is locked as it is: values already in the file are kept unless an
option is given.
"""
from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

from generator.common.datum import idag_stockholm
from generator.common.diagnostics import Diagnostik, Rapport, innehall_saknas, menade_du
from generator.common.filer import skriv_atomiskt
from generator.commands import journal
# the frontmatter edit (re-exported here for anslag ny and the tests)
from generator.commands.redigering import RedigeringsFel, satt_frontmatter, yaml_skalar
from generator.content.register import REGISTER, TrasigtRegister, las_register, skriv_register
from generator.content.lasfil import (LASFIL, Las, RattelsePost, TrasigLasfil, jamfor, kanda_summor,
                     kontrollsummor, las_lasfil, motesfiler, skriv_lasfil)

STANDARDPLATS = "Digital signering"


# ---------------------------------------------------------------- reading the content

def _kontext(rot: Path, organ_id: str, datum: date):
    """The check of the archive (only what changed is checked: the check cache):
    ``Resultat.ctx`` the context of the meeting (every organ, that meeting),
    ``Resultat.rapport`` every diagnostic, ``Resultat.lasta`` the meetings with a lock."""
    from generator.common.cache import cachemapp
    from generator.commands.kontroll import kontrollera
    return kontrollera(rot, cachemapp(), mote=(organ_id, datum.isoformat()))


def _efter_redigering(rot: Path, organ_id: str, datum: date, fore):
    """The meeting after the edit of its sammantrade.md, checked in memory
    (``commands.motekontroll``) instead of the archive again: its one-meeting rules
    anew, and the cross-meeting diagnostics of the check ``fore`` (the edit changes
    justering and anslag only, which no cross-meeting rule reads; the archive had no other
    error, or nothing would have been written)."""
    from generator.commands.motekontroll import kontrollera_mote
    mote = (organ_id, datum.isoformat())
    ctx, lokala = kontrollera_mote(rot, mote, fore, overgripande=False)
    prefix = f"{organ_id}/{datum.isoformat()}/"
    over = [d for d in fore.cache.get("overgripande", ()) if d.path.startswith(prefix)]
    return ctx, Rapport(lokala + over)


def _hitta(ctx, organ_id: str, datum: date):
    for m, doc, ra in ctx.sammantraden:
        if m.organ_id == organ_id and m.datum == datum:
            return m, doc, ra
    return None


def _egen_lasdiagnostik(d: Diagnostik, organ_id: str, datum: date) -> bool:
    return d.nyckel == "justering.lock" and d.path.startswith(f"{organ_id}/{datum.isoformat()}/")


def _fel_utom_eget_las(rapport: Rapport, organ_id: str, datum: date) -> list[Diagnostik]:
    return [d for d in rapport.sorterade()
            if d.niva == "fel" and not _egen_lasdiagnostik(d, organ_id, datum)]


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _skriv_diagnostik(poster) -> None:
    for d in poster:
        _err(str(d))


def _personnummer_i(text: str) -> bool:
    from generator.rules.text import PNR_RE, ar_personnummer
    return any(ar_personnummer(m) for m in PNR_RE.finditer(text))


# ---------------------------------------------------------------- the command

def kommando_justera(args) -> int:
    from generator.common.cache import utan_skrapsamlare
    with utan_skrapsamlare():
        return _justera(args)


def _justera(args) -> int:
    rot: Path = args.innehall
    organ_id: str = args.organ
    datum: date = args.datum
    idag = idag_stockholm()
    namn = f"{organ_id} {datum.isoformat()}"
    rattelse = args.rattelse
    orsak = (unicodedata.normalize("NFC", " ".join(rattelse.split()))
             if rattelse is not None else None)
    plats_arg = unicodedata.normalize("NFC", args.plats.strip()) if args.plats else None

    if innehall_saknas(rot):
        return 1
    if rattelse is not None and not orsak:
        _err("anslag justera: --rattelse behöver en förklaring, t.ex. "
             "--rattelse \"Fel belopp i beslutet i § 3 rättat.\"")
        return 1
    if orsak and _personnummer_i(orsak):
        _err("anslag justera: förklaringen till rättelsen innehåller ett personnummer. "
             "Rättelsen visas offentligt; skriv den utan personuppgifter.")
        return 1

    mapp_abs = Path(rot) / organ_id / datum.isoformat()
    if mapp_abs.is_dir():
        try:
            atervunnet = journal.atervinn(Path(rot), mapp_abs)
        except (ValueError, TrasigtRegister) as e:
            _err(f"{organ_id}/{datum.isoformat()}/{journal.JOURNAL}: fel: justering: en "
                 f"avbruten justering kan inte slutföras ({e}). Återställ sammantrade.md och "
                 f"justering.lock ur versionshanteringen, ta bort {journal.JOURNAL} och "
                 "försök igen.")
            return 1
        if atervunnet:
            print(atervunnet)
            if "slutförts" in atervunnet and rattelse is None:
                return 0   # the justering asked for is the one just finished

    forsta = _kontext(rot, organ_id, datum)
    ctx, rapport, i_innehallet = forsta.ctx, forsta.rapport, forsta.lasta
    if ctx is None:
        _skriv_diagnostik(rapport.sorterade())
        _err("Justeringen registrerades inte: kommun.yml måste rättas först.")
        return 1
    arkiv = ctx.arkiv
    if organ_id not in arkiv.organ:
        _err(f"anslag justera: okänt organ \"{organ_id}\".{menade_du(organ_id, arkiv.organ)} "
             f"Organen är: {', '.join(sorted(arkiv.organ)) or 'inga'}.")
        return 1
    hittat = _hitta(ctx, organ_id, datum)
    if hittat is None:
        _err(f"anslag justera: sammanträdet {namn} finns inte ({rot / organ_id / datum.isoformat()} "
             "saknas). Kontrollera datumet.")
        return 1
    m, _doc, ra = hittat
    kort = f"{arkiv.organ[organ_id].kortnamn} {datum.isoformat()}"
    hjalp = f"anslag justera {organ_id} {datum.isoformat()} --rattelse \"vad som rättades och varför\""
    if m.utdrag:
        _err(f"anslag justera: {kort} innehåller bara protokollsutdrag (utdrag: true) och "
             "kan inte justeras här. Justeringen registreras i det fullständiga protokollet.")
        return 1
    if not m.paragrafer:
        _err(f"anslag justera: {kort} har inga paragrafer än (ett planerat sammanträde). "
             "Skriv paragraferna först, kör \"anslag kontrollera\" och justera sedan.")
        return 1
    lasfil = ra.mapp / LASFIL
    if lasfil.exists() and rattelse is None:
        jd = f" {m.justering.datum.isoformat()}" if m.justering else ""
        _err(f"anslag justera: {kort} är redan justerat{jd} och låst ({organ_id}/"
             f"{datum.isoformat()}/{LASFIL}). Ett justerat protokoll ändras bara genom en "
             f"rättelse, som visas öppet på protokollsidan: {hjalp}")
        return 1
    if rattelse is not None and not lasfil.exists() and m.justering is None:
        _err(f"anslag justera: {kort} är inte justerat än, så det finns inget att rätta. "
             f"Ändra filerna och justera med: anslag justera {organ_id} {datum.isoformat()}")
        return 1

    from generator.rules.text import ingen_stubbtext
    mapp = f"{organ_id}/{datum.isoformat()}/"
    fel = _fel_utom_eget_las(rapport, organ_id, datum)
    stubbar = [d for d in ingen_stubbtext(ctx) if d.path.startswith(mapp) and d.niva != "fel"]
    if fel or stubbar:
        _skriv_diagnostik(rapport.sorterade())
        vad = [f"{len(fel)} fel"] if fel else []
        if stubbar:
            vad.append(f"{len(stubbar)} paragraf{'er' if len(stubbar) > 1 else ''} med text "
                       "från \"anslag ny\"")
        _err(f"Justeringen registrerades inte: innehållet har {' och '.join(vad)}. Rätta det, "
             "kör \"anslag kontrollera\" och försök igen.")
        return 1

    gammalt_las: Las | None = None
    if lasfil.exists():
        try:
            gammalt_las = las_lasfil(lasfil)
        except TrasigLasfil as e:
            _err(f"{organ_id}/{datum.isoformat()}/{LASFIL}: fel: justering.lock: låsfilen kan "
                 f"inte läsas ({e}). Återställ den ur versionshanteringen innan du "
                 "registrerar en rättelse.")
            return 1

    # the justering facts: given options win; values already in the file are kept
    jdatum = args.justeringsdatum or (m.justering.datum if m.justering else idag)
    if m.justering is None:
        plats = plats_arg or STANDARDPLATS
    else:
        plats = plats_arg or m.justering.plats
    if args.uppsatt:
        uppsatt = args.uppsatt
    elif m.anslag:
        uppsatt = m.anslag.uppsatt
    elif m.justering and not args.justeringsdatum:
        uppsatt = max(jdatum, idag)   # justerat earlier, announced now
    else:
        uppsatt = jdatum
    if jdatum < datum:
        _err(f"anslag justera: justeringsdatumet {jdatum} är före sammanträdet {datum}. "
             "Ange rätt datum med --datum ÅÅÅÅ-MM-DD.")
        return 1
    if jdatum > idag:
        _err(f"anslag justera: justeringsdatumet {jdatum} har inte inträffat än (idag är "
             f"{idag}). Justera när protokollet har justerats (signerats).")
        return 1
    if uppsatt < jdatum:
        _err(f"anslag justera: anslaget kan inte sättas upp ({uppsatt}) före justeringen "
             f"({jdatum}). Ange --uppsatt samma dag eller senare.")
        return 1

    andringar: dict[str, dict] = {}
    jus: dict = {}
    if m.justering is None or m.justering.datum != jdatum:
        jus["datum"] = jdatum
    if plats and (m.justering is None or m.justering.plats != plats):
        jus["plats"] = plats
    if jus:
        andringar["justering"] = jus
    if m.anslag is None or m.anslag.uppsatt != uppsatt:
        andringar["anslag"] = {"uppsatt": uppsatt}

    nyckel = f"{organ_id}/{datum.isoformat()}"
    try:
        lasta = las_register(rot)
    except TrasigtRegister as e:
        _err(f"{REGISTER}: fel: register: {e}. Återställ filen ur versionshanteringen; "
             "justeringen registrerades inte.")
        return 1
    journal.borja(ra.mapp, nyckel, nyckel not in lasta)
    try:
        kod = _skriv(rot, forsta, rapport, m, ra, andringar, gammalt_las, rattelse, orsak,
                     organ_id, datum, kort, idag, jdatum, plats, uppsatt, lasta, i_innehallet)
    except BaseException:
        journal.atervinn(Path(rot), ra.mapp)   # the lock is unchanged: roll back
        raise
    if kod != 0:
        journal.atervinn(Path(rot), ra.mapp)
    return kod


def _skriv(rot, forsta, rapport, m, ra, andringar, gammalt_las, rattelse, orsak, organ_id,
           datum, kort, idag, jdatum, plats, uppsatt, lasta, i_innehallet) -> int:
    """The writing half of justera, inside the journal (see generator.commands.journal)."""
    lasfil = ra.mapp / LASFIL
    sm = ra.mapp / "sammantrade.md"
    fore = sm.read_bytes()
    if andringar:
        try:
            efter = satt_frontmatter(fore, andringar)
        except RedigeringsFel as e:
            rader = []
            for k, v in andringar.items():
                rader.append(f"  {k}:")
                rader += [f"    {s}: {yaml_skalar(x)}" for s, x in v.items()]
            _err(f"{organ_id}/{datum.isoformat()}/sammantrade.md: fel: justering: kunde inte "
                 f"skriva in justeringen automatiskt ({e}). Skriv in detta för hand i "
                 "frontmatter och kör kommandot igen:\n" + "\n".join(rader))
            return 1
        if efter != fore:
            skriv_atomiskt(sm, efter, varaktig=True)
        # validate again: a bad date rolls the edit back
        ctx, rapport = _efter_redigering(rot, organ_id, datum, forsta)
        fel = _fel_utom_eget_las(rapport, organ_id, datum) if ctx else [None]
        if fel:
            skriv_atomiskt(sm, fore, varaktig=True)
            _skriv_diagnostik(d for d in rapport.sorterade() if d.niva == "fel"
                              and not _egen_lasdiagnostik(d, organ_id, datum))
            _err("Justeringen registrerades inte; sammantrade.md är återställd. "
                 "Rätta uppgifterna och försök igen.")
            return 1
        m, _doc, ra = _hitta(ctx, organ_id, datum)

    nu = kontrollsummor(motesfiler(ra, m), kanda_summor(m))
    prefix = f"{organ_id}/{datum.isoformat()}/"
    paragrafer = {p.fil[len(prefix):]: p.nummer for p in m.paragrafer if p.fil.startswith(prefix)}
    rattelser: list[RattelsePost] = list(gammalt_las.rattelser) if gammalt_las else []
    skillnad = None
    if rattelse is not None:
        if gammalt_las is not None:
            skillnad = jamfor(gammalt_las.filer, nu)
            if skillnad.tom:
                _err(f"anslag justera: inga filer i {kort} har ändrats sedan "
                     f"{'den senaste rättelsen' if gammalt_las.rattelser else 'justeringen'}, "
                     "så det finns ingen rättelse att registrera. Gör ändringen först och kör "
                     "sedan kommandot igen.")
                return 1
            filer = {rel: (gammalt_las.filer.get(rel), nu.get(rel))
                     for rel in skillnad.andrade + skillnad.tillagda + skillnad.borttagna}
        else:
            filer = {}  # justerat before the tool: there are no earlier checksums
        rattelser.append(RattelsePost(idag, orsak, filer))

    ny = Las(organ=organ_id, sammantrade=datum,
             skapad=gammalt_las.skapad if gammalt_las else idag,
             justering_datum=m.justering.datum if m.justering else jdatum,
             justering_plats=m.justering.plats if m.justering else plats,
             uppsatt=m.anslag.uppsatt if m.anslag else uppsatt,
             filer=nu, paragrafer={k: v for k, v in paragrafer.items() if k in nu},
             rattelser=rattelser)
    # the register first (every meeting locked now, this one included), then the lock
    skriv_register(rot, lasta | {f"{organ_id}/{datum.isoformat()}"} | i_innehallet)
    skriv_lasfil(lasfil, ny)
    journal.avsluta(ra.mapp)

    # the report
    a = m.anslag
    if rattelse is not None:
        print(f"Rättelsen av {kort} är registrerad ({idag}): \"{orsak}\"")
        if skillnad is not None:
            for rel in skillnad.andrade:
                print(f"  ändrad: {rel}{_nr(rel, paragrafer)}")
            for rel in skillnad.tillagda:
                print(f"  tillagd: {rel}{_nr(rel, paragrafer)}")
            for rel in skillnad.borttagna:
                print(f"  borttagen: {rel}{_nr(rel, gammalt_las.paragrafer)}")
        else:
            print("  (protokollet justerades före verktyget; tidigare kontrollsummor saknas)")
        print(f"  låst på nytt: {len(nu)} filer i {prefix}{LASFIL}")
        print("Rättelsen visas på protokollsidan, och PDF:erna görs om vid nästa "
              "\"anslag bygg\".")
    else:
        print(f"Justeringen av {kort} är registrerad:")
        print(f"  justerat {m.justering.datum}"
              f"{f' ({m.justering.plats})' if m.justering.plats else ''}")
        if a:
            print(f"  anslaget sätts upp {a.uppsatt}, sista dag för överklagande {a.sista_dag}, "
                  f"tas ned {a.nedtas}")
        print(f"  låst: {len(nu)} filer i {prefix}{LASFIL}")
        if not andringar:
            print("  (justering och anslag stod redan i sammantrade.md; inget ändrades där)")
        print(f"Nästa steg: \"anslag bygg\" och publicera webbplatsen"
              f"{f' senast {a.uppsatt}' if a and a.uppsatt >= idag else ''}. "
              "Ändringar efter detta registreras med --rattelse.")
    for d in rapport.sorterade():
        if d.niva == "varning" and d.path.startswith(prefix):
            _err(str(d))
    return 0


def _nr(rel: str, paragrafer: dict[str, int]) -> str:
    return f" (§ {paragrafer[rel]})" if rel in paragrafer else ""
