"""The check cache: a check redoes only what changed since the last one.

The content folder is split into *units*: one per meeting folder (``organ/datum/`` with
everything under it) and the rest (kommun.yml, the organ.yml files, ``.anslag/``). A scan
takes every file's size, mtime_ns and inode; a file whose stat differs is read and its
content hash compared, so a touch without a change changes nothing. Then:

* nothing changed: every diagnostic is the cached one (no file is read or parsed);
* only meeting units changed, and the set of meetings is the same: those meetings are read,
  modelled and checked by the one-meeting rules; the cross-meeting rules
  (``rules.OVERGRIPANDE``) are reused when what they read of those meetings
  (``sammandrag``) is unchanged, every other unit keeps its cached diagnostics;
* anything else (kommun.yml, an organ.yml, a meeting added or removed, a link, a new
  cross-meeting fact, no usable cache): the whole check, which refills the cache.

The cache is keyed by the content folder and the code of every stage the check runs
(``kodavtryck``) and the libraries that parse; it is one pickle of our own data in the
tool's cache folder. An unreadable cache is an empty one; the result is always the one a
check without cache gives (``tests/core/test_kontroll.py`` proves it on random edits).
"""
from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from generator.common.cache import Cachefil, kodavtryck, nyckel
from generator.common.diagnostics import Diagnostik, Rapport

if TYPE_CHECKING:    # the model and the rules are imported only when something is checked
    from generator.archive.bygg import Kontext
    from generator.archive.model import Arkiv

FIL = "kontroll.pickle"
MODELL = "modell.pickle"              # the Arkiv of the last check, for `anslag status` and `ny`
TOLKMINNE = "frontmatter.pickle"      # shared with `anslag bygg`
OSAKER_NS = 3_000_000_000              # a stat this close to the scan is not trusted

Enhet = tuple[str, str]               # (organ folder, meeting folder)
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


def _avtryck(rot: Path) -> str:
    return nyckel(kodavtryck("generator.common", "generator.content", "generator.schema",
                             "generator.archive", "generator.rules",
                             bibliotek=("PyYAML", "regex")), str(rot.resolve()))


def _skanna(rot: Path) -> tuple[dict[str, Stat], set[Enhet], bool]:
    """Every file the check can read: rel -> stat, the meeting folders, and whether the
    scan is complete (False on a symbolic link or an unreadable folder)."""
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
                stack.append((r + "/", djup + 1, e.path))
            else:
                st = e.stat(follow_symlinks=False)
                filer[r] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return filer, enheter, hel


def _enhet(path: str, enheter: set[Enhet]) -> Enhet | None:
    delar = path.split("/", 2)
    if len(delar) >= 2 and (delar[0], delar[1]) in enheter:
        return delar[0], delar[1]
    return None


def _hash(fil: Path) -> bytes | None:
    try:
        return hashlib.blake2b(fil.read_bytes(), digest_size=20).digest()
    except OSError:
        return None


def sammandrag(ctx: Kontext) -> dict[Enhet, tuple]:
    """What the cross-meeting rules read of each meeting: numbers and files of its §§,
    persons, references and dnr, the lock and the journal."""
    from generator.rules.las import JOURNAL
    ut: dict[Enhet, list] = defaultdict(list)
    for m, doc, ra in ctx.sammantraden:
        ut[(ra.organ_id, ra.datum_text)].append((
            m.organ_id, m.datum, m.utdrag, doc.path if doc is not None else None,
            tuple((p.nummer, p.fil) for p in m.paragrafer), repr(m.beslutande),
            repr(m.ersattare), ra.lock is not None, (ra.mapp / JOURNAL).exists()))
    enheter = set(ut)
    for p, doc, _m in ctx.paragrafer:
        e = _enhet(doc.path, enheter) or ("", "")
        ut[e].append((doc.path, p.organ_id, p.datum, p.nummer, p.dnr,
                      _ref(p.beredning), _ref(p.hanvisningar)))
    return {k: tuple(v) for k, v in ut.items()}


def _ref(referenser) -> tuple:
    # not i_arkivet: the model sets it from the other meetings, the rules look them up
    return tuple((r.text, r.organ_id, r.datum, r.paragraf) for r in referenser)


def _rakna(ctx: Kontext | None) -> dict[Enhet, tuple[int, int]]:
    ut: dict[Enhet, tuple[int, int]] = {}
    if ctx is None:
        return ut
    for m, _doc, ra in ctx.sammantraden:
        ut[(ra.organ_id, ra.datum_text)] = (1, len(m.paragrafer))
    return ut


def _modell(rot: Path, cachemapp: Path | None) -> tuple[Kontext | None, Rapport]:
    """Read the whole content folder (parsed files from the shared memo) and model it."""
    from generator.archive.bygg import bygg_modell
    from generator.content.loading import Tolkminne, las_innehall
    rapport = Rapport()
    minne = Tolkminne(cachemapp / TOLKMINNE) if cachemapp is not None else None
    innehall = las_innehall(rot, rapport, minne)
    if minne is not None:
        try:
            minne.spara()
        except OSError:
            pass
    return bygg_modell(innehall, rapport), rapport


def kontrollera(rot: Path | str, cachemapp: Path | None = None, *,
                modell: str | None = None) -> Resultat:
    """Check the content folder ``rot`` using (and refreshing) the check cache in
    ``cachemapp`` (None: no cache). ``modell``: what the caller needs besides the
    diagnostics: None, "arkiv" (``Resultat.arkiv``, kept between runs) or "kontext"
    (``Resultat.ctx``, the whole context, always built); the rules still run only on
    what changed."""
    rot = Path(rot)
    fil = Cachefil(cachemapp / FIL, _avtryck(rot)) if cachemapp is not None else None
    forra = fil.las() if fil is not None else {}
    start = time.time_ns()
    filer, enheter, hel = _skanna(rot)
    andrade, hashar = _andrade(rot, filer, enheter, forra) if hel and forra else (None, {})
    if andrade is not None and not andrade:
        if hashar and fil is not None:
            _spara(fil, forra, filer, hashar, start)      # touched, not changed
        res = _fran_cache(forra, "oforandrad")
        if modell == "arkiv" and forra["ok"]:
            res.arkiv = _las_modell(cachemapp, forra)
        if modell and forra["ok"] and res.arkiv is None:
            res.ctx, _r = _modell(rot, cachemapp)
            res.arkiv = res.ctx.arkiv if res.ctx is not None else None
            if modell == "arkiv":
                _spara_modell(cachemapp, forra, res.arkiv)
        return res
    ctx = rapport = None
    if modell:
        ctx, rapport = _modell(rot, cachemapp)
    if andrade is not None and forra["ok"] and None not in andrade and (ctx or not modell):
        res = _inkrementell(rot, forra, andrade, enheter)
        if res is not None:
            data = forra | res[1] | {"stampel": os.urandom(8)}
            if fil is not None:
                _spara(fil, data, filer, hashar, start)
            return _med_modell(res[0], ctx, modell, cachemapp, data)
    if fil is not None and hel:
        for rel, st in filer.items():       # hash what may still change unseen (OSAKER_NS)
            if rel not in hashar and st[1] >= start - OSAKER_NS:
                hashar[rel] = _hash(rot / rel)
    if rapport is None:
        ctx, rapport = _modell(rot, cachemapp)
    over = Rapport()
    if ctx is not None:
        from generator.rules import kor_regler
        kor_regler(ctx, rapport, overgripande=False)
        kor_regler(ctx, over, lokala=False)
    data = _data(ctx, rapport, over, enheter)
    if fil is not None and hel:
        _spara(fil, data, filer, hashar, start)
    return _med_modell(_fran_cache(data, "hel"), ctx, modell, cachemapp, data)


def _med_modell(res: Resultat, ctx: Kontext | None, modell: str | None,
                cachemapp: Path | None, data: dict) -> Resultat:
    if modell:
        res.ctx, res.arkiv = ctx, (ctx.arkiv if ctx is not None else None)
        if modell == "arkiv" and res.arkiv is not None:
            _spara_modell(cachemapp, data, res.arkiv)
    return res


def _modellfil(cachemapp: Path, data: dict) -> Cachefil:
    return Cachefil(cachemapp / MODELL, nyckel(data["stampel"]))


def _las_modell(cachemapp: Path | None, data: dict):
    if cachemapp is None or "stampel" not in data:
        return None
    return _modellfil(cachemapp, data).las().get("arkiv")


def _spara_modell(cachemapp: Path | None, data: dict, arkiv) -> None:
    if cachemapp is None or arkiv is None or not data.get("sparbar"):
        return
    try:
        _modellfil(cachemapp, data).spara({"arkiv": arkiv})
    except Exception:  # noqa: BLE001 - a model that cannot be kept is rebuilt next time
        pass


def _andrade(rot: Path, filer: dict[str, Stat], enheter: set[Enhet],
             forra: dict) -> tuple[set[Enhet | None] | None, dict[str, bytes | None]]:
    """The units with a changed, new or removed file (None in the set: the rest of the
    folder), or None when the meetings are not the same as last time; and the content
    hashes taken on the way."""
    if enheter != forra["enheter"].keys():
        return None, {}
    gamla: dict[str, tuple[Stat, bytes | None]] = forra["filer"]
    osaker = forra["skannad"] - OSAKER_NS
    andrade: set[Enhet | None] = set()
    hashar: dict[str, bytes | None] = {}
    for rel in gamla.keys() - filer.keys():
        andrade.add(_enhet(rel, enheter))
    for rel, st in filer.items():
        e = _enhet(rel, enheter)
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
    """Recheck the changed meetings; None when the whole check is needed."""
    from generator.archive.bygg import bygg_modell
    from generator.content.loading import las_innehall
    from generator.rules import kor_regler
    rapport = Rapport()
    ctx = bygg_modell(las_innehall(rot, rapport, None, urval=andrade), rapport)
    if ctx is None:
        return None
    kor_regler(ctx, rapport, overgripande=False)
    topp = set(forra["topp"])
    nya: dict[Enhet, list[Diagnostik]] = {e: [] for e in andrade}
    for d in rapport.poster:
        e = _enhet(d.path, enheter)
        if e is None:
            if d not in topp:
                return None          # something outside the meetings changed
        else:
            nya[e].append(d)
    ny_sammandrag = sammandrag(ctx)
    if any(ny_sammandrag.get(e) != forra["sammandrag"].get(e) for e in andrade):
        return None
    antal = _rakna(ctx)
    enh = dict(forra["enheter"])
    for e in andrade:
        enh[e] = (nya[e], antal.get(e, (0, 0)))
    data = {"enheter": enh}
    return _fran_cache(forra | data, "inkrementell"), data


def _data(ctx: Kontext | None, rapport: Rapport, over: Rapport, enheter: set[Enhet]) -> dict:
    antal = _rakna(ctx)
    enh: dict[Enhet, tuple[list[Diagnostik], tuple[int, int]]] = {
        e: ([], antal.get(e, (0, 0))) for e in enheter}
    topp: list[Diagnostik] = []
    for d in rapport.poster:
        e = _enhet(d.path, enheter)
        (topp if e is None else enh[e][0]).append(d)
    # a dnr pattern too slow for some dnr stops that rule at the first such dnr: which one
    # depends on the whole archive, so such a result is never reused
    sparbar = not any(d.nyckel == "dnr_monster" for d in topp)
    return {"ok": ctx is not None, "enheter": enh, "topp": topp, "sparbar": sparbar,
            "overgripande": list(over.poster),
            "sammandrag": sammandrag(ctx) if ctx is not None else {}, "stampel": os.urandom(8)}


def _fran_cache(data: dict, satt: str) -> Resultat:
    poster = list(data["topp"]) + list(data["overgripande"])
    n_m = n_p = 0
    for diag, (m, p) in data["enheter"].values():
        poster.extend(diag)
        n_m += m
        n_p += p
    return Resultat(Rapport(poster), data["ok"], n_p, n_m, satt)


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
