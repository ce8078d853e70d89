"""The check cache: a check redoes only what changed since the last one.

The content folder is split into *units*: one per meeting folder (``organ/datum/`` with
everything under it), ``.anslag/`` (the register of locked meetings that `anslag justera`
writes, read by one cross-meeting rule only) and the rest (kommun.yml, the organ.yml
files). A scan
takes every file's size, mtime_ns and inode; a file whose stat differs is read and its
content hash compared, so a touch without a change changes nothing. Then:

* nothing changed: every diagnostic is the cached one (no file is read or parsed);
* only meeting units or ``.anslag/`` changed (edited, added or removed): those meetings
  are read, modelled and checked by the one-meeting rules, every other unit keeps its
  cached diagnostics; the cross-meeting rules (``rules.OVERGRIPANDE``) are reused when
  what they read of those meetings (``commands.fakta``) and ``.anslag/`` are unchanged,
  and otherwise run again over the kept facts of every meeting (no file of an unchanged
  meeting is read);
* anything else (kommun.yml, an organ.yml, a new organ folder, a link, no usable cache):
  the whole check, which refills the cache.

The cache is keyed by the content folder and the code of every stage the check runs
(``kodavtryck``) and the libraries that parse; it is one pickle of our own data in the
tool's cache folder. An unreadable cache is an empty one; the result is always the one a
check without cache gives (``tests/core/test_kontroll.py`` proves it on random edits).

Every check gives each meeting unit a *version* (new when the unit changed) and the rest one
(new on a whole check); ``commands.modellcache`` keeps the model by those versions and reads
again only the meetings whose version changed.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import fakta, helkontroll, modellcache
from generator.common.cache import Cachefil, kodavtryck, nyckel, utan_skrapsamlare
from generator.common.diagnostics import Diagnostik, Rapport

if TYPE_CHECKING:    # the model and the rules are imported only when something is checked
    from generator.archive.bygg import Kontext
    from generator.archive.model import Arkiv

FIL = "kontroll.pickle"
OSAKER_NS = 3_000_000_000              # a stat this close to the scan is not trusted

Enhet = tuple[str, str]               # (organ folder, meeting folder)
ANSLAG: Enhet = (".anslag", "")       # the unit of the .anslag/ folder (not a meeting)
Stat = tuple[int, int, int]


@dataclass(slots=True)
class Resultat:
    """What a check found: every diagnostic, the counts for the summary line, and the
    model when the caller asked for it (``kontrollera(modell=...)``)."""

    rapport: Rapport
    ok: bool                          # kommun.yml was usable (there is a model)
    paragrafer: int
    sammantraden: int
    satt: str = "hel"                 # "hel", "inkrementell" or "oforandrad" (for tests, bench)
    ctx: Kontext | None = None
    arkiv: Arkiv | None = None
    lasta: set[str] = field(default_factory=set)   # "organ/datum" of every locked meeting
    modellmoten: int | None = None    # meeting folders read for the model (None: all)
    stampel: bytes = b""              # changes with every change of the content (anslag bygg)
    cache: dict = field(default_factory=dict)      # the data checked (commands.motekontroll)


def _avtryck(rot: Path) -> str:
    return nyckel(kodavtryck("generator.common", "generator.content", "generator.schema",
                             "generator.archive", "generator.rules",
                             "generator.commands.kontroll", "generator.commands.fakta",
                             "generator.commands.helkontroll",
                             "generator.commands.modellcache",
                             bibliotek=("PyYAML", "regex")), str(rot.resolve()))


def _skanna(rot: Path) -> tuple[dict[str, Stat], set[Enhet], bool]:
    """Every file and folder the check can read: rel -> stat (a folder's rel ends in /),
    the meeting folders, and whether the scan is complete (False on a symbolic link or an
    unreadable folder)."""
    filer: dict[str, Stat] = {}
    enheter: set[Enhet] = set()
    hel = True
    stack = [("", 0, str(rot))]
    while stack:
        rel, djup, mapp = stack.pop()
        try:
            poster = list(os.scandir(mapp))
        except OSError:
            hel = False
            continue
        for e in poster:
            r = rel + e.name
            if e.is_symlink():
                hel = False
            elif e.is_dir(follow_symlinks=False):
                if djup < 2 and e.name.startswith(".") and r != ".anslag":
                    continue                  # hidden organ/meeting folders are not content
                if djup == 1 and not rel.startswith("."):
                    enheter.add((rel[:-1], e.name))
                filer[r + "/"] = (0, 0, 0)    # a folder, even an empty one, is part of the scan
                stack.append((r + "/", djup + 1, e.path))
            else:
                st = e.stat(follow_symlinks=False)
                filer[r] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return filer, enheter, hel


def _filenhet(rel: str, enheter: set[Enhet]) -> Enhet | None:
    """The unit a scanned file or folder belongs to (ANSLAG for .anslag/, None: the rest)."""
    if rel.startswith(".anslag/"):
        return ANSLAG
    return helkontroll.enhet(rel, enheter)


def _hash(fil: Path) -> bytes | None:
    try:
        return hashlib.blake2b(fil.read_bytes(), digest_size=20).digest()
    except OSError:
        return None


def kontrollera(rot: Path | str, cachemapp: Path | None = None, *, modell: str | None = None,
                mote: Enhet | None = None, bakgrund: bool = False) -> Resultat:
    """Check the content folder ``rot`` using (and refreshing) the check cache in
    ``cachemapp`` (None: no cache); the rules run only on what changed. ``modell``: None,
    or "arkiv" for the whole model (``Resultat.arkiv``, kept between runs when nothing
    changed). ``mote`` (organ folder, meeting folder): ``Resultat.ctx`` is a context of
    every organ and that one meeting, and ``Resultat.lasta`` the meetings with a lock.
    ``bakgrund``: after a whole check the caches are written by a forked child
    (``common.parallell.i_bakgrunden``; about 1.6 s at 20,000 §§ that a build spends on the
    site instead); the caller waits for it with ``vanta_pa_bakgrunden`` before letting the
    cache folder's lock go."""
    rot = Path(rot)
    avtryck = _avtryck(rot)
    fil = Cachefil(cachemapp / FIL, avtryck) if cachemapp is not None else None
    forra = fil.las() if fil is not None else {}
    start = time.time_ns()
    filer, enheter, hel = _skanna(rot)
    andrade, hashar = _andrade(rot, filer, enheter, forra) if hel and forra else (None, {})
    if andrade is not None and not andrade:
        if hashar and fil is not None:
            _spara(fil, forra, filer, hashar, start)      # touched, not changed
        res = _fran_cache(forra, "oforandrad")
        if modell and forra["ok"]:
            _med_modell(res, rot, cachemapp, avtryck, forra)
        res.stampel = _stampel(forra)
        return _med_mote(res, rot, mote, forra)
    if fil is not None and hel:
        for rel, st in filer.items():       # hash what may still change unseen (OSAKER_NS)
            if rel not in hashar and st[1] >= start - OSAKER_NS:
                hashar[rel] = _hash(rot / rel)
    if andrade is not None and forra["ok"] and None not in andrade:
        res = _inkrementell(rot, forra, andrade, enheter)
        if res is not None:
            data = forra | res[1] | {"stampel": os.urandom(8)}
            if fil is not None:
                _spara(fil, data, filer, hashar, start)
            if modell:
                _med_modell(res[0], rot, cachemapp, avtryck, data)
            res[0].stampel = _stampel(data)
            return _med_mote(res[0], rot, mote, data)
    data, ctx = helkontroll.hel(rot, cachemapp, enheter, hel and not modell)

    def spara() -> None:
        if fil is not None and hel:
            _spara(fil, data, filer, hashar, start)
        if modell and ctx is not None and hel:
            modellcache.spara(cachemapp, avtryck, data, ctx)

    res = _fran_cache(data, "hel")
    if modell and ctx is not None:
        res.arkiv = ctx.arkiv
    if bakgrund:
        from generator.common.parallell import i_bakgrunden
        i_bakgrunden(spara)
    else:
        spara()
    res.stampel = _stampel(data)
    return _med_mote(res, rot, mote, data)


def _med_modell(res: Resultat, rot: Path, cachemapp: Path | None, avtryck: str,
                data: dict) -> None:
    """The whole model: the kept one with the changed meetings read again
    (``commands.modellcache``), else read and modelled whole (and kept)."""
    sparad = modellcache.hamta(rot, cachemapp, avtryck, data)
    if sparad is not None:
        res.arkiv, res.modellmoten = sparad
    else:
        ctx, _r = helkontroll.modell(rot, cachemapp)
        res.arkiv = ctx.arkiv if ctx is not None else None
        if ctx is not None:
            modellcache.spara(cachemapp, avtryck, data, ctx)


def _med_mote(res: Resultat, rot: Path, mote: Enhet | None, data: dict) -> Resultat:
    """The context of one meeting (all organs, that meeting) for `anslag justera`."""
    if mote is None or not res.ok:
        return res
    res.ctx = helkontroll.moten_modell(rot, {mote})
    res.lasta = set(data["las"])
    return res


def _andrade(rot: Path, filer: dict[str, Stat], enheter: set[Enhet],
             forra: dict) -> tuple[set[Enhet | None], dict[str, bytes | None]]:
    """The units with a changed, new or removed file or folder (None in the set: the rest
    of the content folder), and the content hashes taken on the way."""
    enheter = enheter | forra["enheter"].keys()
    gamla: dict[str, tuple[Stat, bytes | None]] = forra["filer"]
    osaker = forra["skannad"] - OSAKER_NS
    andrade: set[Enhet | None] = set()
    hashar: dict[str, bytes | None] = {}
    for rel in gamla.keys() - filer.keys():
        andrade.add(_filenhet(rel, enheter))
    for rel, st in filer.items():
        e = _filenhet(rel, enheter)
        if e in andrade:
            continue
        g = gamla.get(rel)
        if g is not None and g[0] == st and st[1] < osaker:
            continue
        h = _hash(rot / rel)
        hashar[rel] = h
        if g is None or h is None or g[1] != h:
            andrade.add(e)
    return andrade, hashar


def _inkrementell(rot: Path, forra: dict, andrade: set[Enhet],
                  enheter: set[Enhet]) -> tuple[Resultat, dict] | None:
    """Recheck the changed meetings (and the cross-meeting rules when what they read
    changed); None when the whole check is needed."""
    from generator.rules import kor_regler
    rapport = Rapport()
    ctx = helkontroll.moten_modell(rot, andrade & enheter, rapport)
    if ctx is None:
        return None
    kor_regler(ctx, rapport, overgripande=False)
    topp = set(forra["topp"])
    nya: dict[Enhet, list[Diagnostik]] = {e: [] for e in andrade}
    for d in rapport.poster:
        e = helkontroll.enhet(d.path, enheter)
        if e is None:
            if d not in topp:
                return None          # something outside the meetings changed
        else:
            nya[e].append(d)
    nya_fakta = fakta.fakta(ctx)
    gamla: dict[Enhet, bytes] = forra["fakta"]
    alla = dict(gamla)
    for e in andrade:
        alla.pop(e, None)
        if e in nya_fakta:
            alla[e] = helkontroll.packa(nya_fakta[e])
    data = {"fakta": alla, "las": sorted(
        {x for x in forra["las"] if tuple(x.split("/", 1)) not in andrade}
        | {f"{o}/{d}" for (o, d), f in nya_fakta.items() if f.las})}
    if ANSLAG in andrade or any(nya_fakta.get(e) != _packa_upp(gamla.get(e)) for e in andrade):
        over = Rapport()
        try:
            with utan_skrapsamlare():     # many small objects, none of them garbage
                kor_regler(fakta.kontext(rot, forra["organ"], helkontroll.packa_upp_alla(alla)),
                           over, lokala=False)
        except Exception:  # noqa: BLE001 - a rule that reads more than the facts: check all
            return None
        data["overgripande"] = over.poster
    antal = helkontroll.rakna(ctx)
    enh = {e: v for e, v in forra["enheter"].items() if e in enheter}
    for e in andrade & enheter:
        enh[e] = (nya[e], antal.get(e, (0, 0)))
    data["enheter"] = enh
    data["versioner"] = {e: v for e, v in forra["versioner"].items() if e in enheter} | {
        e: os.urandom(8) for e in andrade & enheter}
    return _fran_cache(forra | data, "inkrementell"), data


def _stampel(data: dict) -> bytes:
    """A stamp that changes with every check that found a change (``anslag bygg`` keeps the
    published site only when it is the stamp of its last build); empty when not kept."""
    return data.get("stampel", b"") if data.get("sparbar") else b""


def _packa_upp(b: bytes | None) -> fakta.Motesfakta | None:
    return pickle.loads(b) if b is not None else None


def _fran_cache(data: dict, satt: str) -> Resultat:
    poster = list(data["topp"]) + list(data["overgripande"])
    n_m = n_p = 0
    for diag, (m, p) in data["enheter"].values():
        poster.extend(diag)
        n_m += m
        n_p += p
    return Resultat(Rapport(poster), data["ok"], n_p, n_m, satt, cache=data)


def _spara(fil: Cachefil, data: dict, filer: dict[str, Stat], hashar: dict[str, bytes | None],
           start: int) -> None:
    if not data["sparbar"]:
        return
    gamla = data.get("filer", {})
    ut: dict[str, tuple[Stat, bytes | None]] = {}
    for rel, st in filer.items():
        if rel in hashar:
            h = hashar[rel]
        else:
            g = gamla.get(rel)
            h = g[1] if g is not None and g[0] == st else None
        ut[rel] = (st, h)
    data = data | {"filer": ut, "skannad": start}
    try:
        fil.fil.parent.mkdir(parents=True, exist_ok=True)
        fil.spara(data)
    except OSError:
        pass       # a cache that cannot be written is no cache; the check stands
