"""`anslag justera`: record the justering, lock the protokoll, record rättelser.

1. The content must be free of errors (the lock errors of this very meeting
   are expected when a rättelse is recorded, and are not counted).
2. ``justering: {datum, plats}`` and ``anslag: {uppsatt}`` are written into
   sammantrade.md by a targeted edit of the frontmatter: only the lines that
   carry those values are added or changed; comments, key order, quoting, the
   BOM, the line endings and the free text stay byte for byte. The result is
   parsed again and must equal the old frontmatter with exactly those values
   set, otherwise nothing is written.
3. The content is validated again (a bad date rolls the edit back), then
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

import copy
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import yaml

from generator.rules import las_kontext
from generator.common.datum import idag_stockholm
from generator.common.diagnostics import Diagnostik, Rapport, innehall_saknas, menade_du
from generator.common.filer import skriv_atomiskt
from generator.commands import journal
from generator.content.register import REGISTER, TrasigtRegister, las_register, skriv_register
from generator.content.frontmatter import FrontmatterFel, slutrad
from generator.content.lasfil import (LASFIL, Las, RattelsePost, TrasigLasfil, jamfor, kanda_summor,
                     kontrollsummor, las_lasfil, motesfiler, skriv_lasfil)

STANDARDPLATS = "Digital signering"


# ---------------------------------------------------------------- the frontmatter edit

class RedigeringsFel(Exception):
    """The targeted edit could not be made safely (message in Swedish)."""


def yaml_skalar(v: str | date) -> str:
    """A YAML scalar for ``v``: plain when that reads back as the same string,
    otherwise double-quoted."""
    if isinstance(v, date):
        return v.isoformat()
    s = unicodedata.normalize("NFC", str(v))
    try:
        if s == s.strip() and s and yaml.safe_load(f"k: {s}\n") == {"k": s}:
            return s
    except yaml.YAMLError:
        pass
    return json.dumps(s, ensure_ascii=False)


def _dela_kommentar(rest: str) -> tuple[str, str]:
    """Split what follows ``key:`` into (value, trailing whitespace + comment)."""
    stripped = rest.lstrip(" \t")
    lead = len(rest) - len(stripped)
    i = 0
    if stripped[:1] in ("'", '"'):
        q = stripped[0]
        i = 1
        while i < len(stripped):
            c = stripped[i]
            if q == '"' and c == "\\":
                i += 2
                continue
            if c == q:
                if q == "'" and stripped[i + 1:i + 2] == "'":
                    i += 2
                    continue
                i += 1
                break
            i += 1
    m = re.search(r"[ \t]+#", stripped[i:])
    if m is None:
        if stripped[i:].startswith("#") and i == 0:
            return "", rest
        return rest[:lead] + stripped, ""
    slut = i + m.start()
    return rest[:lead] + stripped[:slut], stripped[slut:]


_TOM = ("", "~", "null", "Null", "NULL")


def _ladda(v: str):
    try:
        return yaml.safe_load(v) if v.strip() else None
    except yaml.YAMLError:
        return object()  # never equal: the line is rewritten


def _lika(a, b) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
    return a == b


def satt_frontmatter(raw: bytes, andringar: dict[str, dict[str, str | date]]) -> bytes:
    """Set ``andringar`` (top key -> sub key -> value) in a Markdown file's
    frontmatter, changing no other byte. Raises RedigeringsFel."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RedigeringsFel("filen är inte UTF-8") from None
    rader = text.split("\n")
    try:
        slut = slutrad(rader)   # the loader's rule (generator.content.frontmatter)
    except FrontmatterFel as e:
        raise RedigeringsFel("filen börjar inte med en frontmatter (\"---\")" if e.slag == "saknas"
                             else "frontmatter avslutas inte med \"---\"") from None
    nl = "\r\n" if rader[0].endswith("\r") else "\n"
    cr = "\r" if nl == "\r\n" else ""
    fm = [r.rstrip("\r") for r in rader[1:slut]]
    cr_rad = [r.endswith("\r") for r in rader[1:slut]]
    gammal = _fm_data(fm)
    for nyckel, varden in andringar.items():
        varden = {k: yaml_skalar(v) for k, v in varden.items()}
        k = _toppnyckel(fm, nyckel)
        if k is None:
            block = [f"{nyckel}:"] + [f"  {sub}: {v}" for sub, v in varden.items()]
            pos = len(fm)
            kj = _toppnyckel(fm, "justering")
            if nyckel == "anslag" and kj is not None:
                pos = _block(fm, kj)[0] + 1
            fm[pos:pos] = block
            cr_rad[pos:pos] = [bool(cr)] * len(block)
            continue
        rest = fm[k].split(":", 1)[1]
        varde, kommentar = _dela_kommentar(rest)
        if varde.strip() not in _TOM:
            # flow style ({datum: ..}): rewrite only this key's line, as a block
            befintlig = _ladda(varde)
            if not isinstance(befintlig, dict) or varde.strip()[:1] != "{" \
                    or not varde.strip().endswith("}"):
                raise RedigeringsFel(f"\"{nyckel}\" har en form som inte kan redigeras "
                                     "automatiskt")
            block = [f"{nyckel}:{kommentar}"]
            for sub, v in {**befintlig, **varden}.items():
                if sub in varden:
                    text = varden[sub]
                elif isinstance(v, (str, date)):
                    text = yaml_skalar(v)
                else:
                    text = json.dumps(v, ensure_ascii=False)
                block.append(f"  {sub}: {text}")
            fm[k:k + 1] = block
            cr_rad[k:k + 1] = [cr_rad[k]] * len(block)
            continue
        if varde.strip() in _TOM[1:]:  # "justering: ~" -> "justering:"
            fm[k] = f"{nyckel}:{kommentar}"
        sista_barn, indrag = _block(fm, k)
        for sub, v in varden.items():
            idx = next((i for i in range(k + 1, sista_barn + 1)
                        if re.match(rf"^{re.escape(indrag)}{re.escape(sub)}[ \t]*:", fm[i])), None)
            if idx is None:
                sista_barn += 1
                fm.insert(sista_barn, f"{indrag}{sub}: {v}")
                cr_rad.insert(sista_barn, bool(cr))
                continue
            forsta, rest = fm[idx].split(":", 1)
            gammalt, kom = _dela_kommentar(rest)
            if _lika(_ladda(gammalt), _ladda(v)):
                continue
            mellan = rest[:len(rest) - len(rest.lstrip(" \t"))] or " "
            fm[idx] = f"{forsta}:{mellan}{v}{kom}"

    ny_fm = [r + ("\r" if c else "") for r, c in zip(fm, cr_rad)]
    ut = "\n".join([rader[0]] + ny_fm + rader[slut:])
    # the safety net: the new frontmatter must be the old one with exactly these values
    forvantat = copy.deepcopy(gammal)
    for nyckel, varden in andringar.items():
        if not isinstance(forvantat.get(nyckel), dict):
            forvantat[nyckel] = {}
        for sub, v in varden.items():
            forvantat[nyckel][sub] = yaml.safe_load(f"k: {yaml_skalar(v)}\n")["k"]
    ny = _fm_data(fm)
    if _nfc(ny) != _nfc(forvantat):
        raise RedigeringsFel("redigeringen gav inte det väntade resultatet")
    return (b"\xef\xbb\xbf" if bom else b"") + ut.encode("utf-8")


def _toppnyckel(fm: list[str], nyckel: str) -> int | None:
    return next((i for i, r in enumerate(fm) if re.match(rf"^{re.escape(nyckel)}[ \t]*:", r)), None)


def _block(fm: list[str], k: int) -> tuple[int, str]:
    """The block under the top key on line ``k``: (index of its last indented
    line, or k when it has none; the indentation of its children)."""
    j, sista, indrag = k + 1, k, None
    while j < len(fm):
        r = fm[j]
        if r.strip() == "":
            j += 1
            continue
        if not r[:1].isspace():
            break  # the next top key, or a comment in column 0
        if not r.lstrip().startswith("#"):
            if indrag is None:
                indrag = r[:len(r) - len(r.lstrip())]
            sista = j
        j += 1
    return sista, indrag or "  "


def _nfc(v):
    if isinstance(v, str):
        return unicodedata.normalize("NFC", v)
    if isinstance(v, dict):
        return {_nfc(k): _nfc(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_nfc(x) for x in v]
    return v


def _fm_data(fm: list[str]) -> dict:
    try:
        data = yaml.safe_load("\n".join(fm) + "\n") if any(r.strip() for r in fm) else {}
    except yaml.YAMLError:
        raise RedigeringsFel("frontmatter är inte giltig YAML") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RedigeringsFel("frontmatter är ingen samling nycklar")
    return data


# ---------------------------------------------------------------- reading the content

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

    ctx, rapport = las_kontext(rot)
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
        kod = _skriv(rot, ctx, rapport, m, ra, andringar, gammalt_las, rattelse, orsak,
                     organ_id, datum, kort, idag, jdatum, plats, uppsatt, lasta)
    except BaseException:
        journal.atervinn(Path(rot), ra.mapp)   # the lock is unchanged: roll back
        raise
    if kod != 0:
        journal.atervinn(Path(rot), ra.mapp)
    return kod


def _skriv(rot, ctx, rapport, m, ra, andringar, gammalt_las, rattelse, orsak, organ_id,
           datum, kort, idag, jdatum, plats, uppsatt, lasta) -> int:
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
        ctx, rapport = las_kontext(rot)
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
    skriv_register(rot, lasta | {f"{organ_id}/{datum.isoformat()}"}
                   | {f"{r.organ_id}/{r.datum_text}" for _m, _d, r in ctx.sammantraden
                      if r.lock is not None})
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
