"""The targeted frontmatter edit of ``anslag justera``: set ``justering`` and ``anslag``
values in sammantrade.md changing no other byte (comments, key order, quoting, BOM,
line endings and the free text stay as they were). The result is parsed again and
must equal the old frontmatter with exactly those values set."""
from __future__ import annotations

import copy
import json
import re
import unicodedata
from datetime import date

import yaml

from generator.content.frontmatter import FrontmatterFel, slutrad


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
