"""Read a Pagefind bundle back as plain data, independent of the order pages were indexed in.

Pagefind numbers a bundle's pages in the order it indexed them (the CLI: the order it
walked the site folder); words, filters and the page list refer to those numbers, so two
bundles of the same pages indexed in another order differ in bytes but not in what a
search returns. ``innehall(mapp)`` turns a bundle into data where every page is named by
its fragment's hash (the hash of the page's indexed content, URL, title, meta and
filters): two bundles with equal ``innehall`` answer every query the same way.
"""
from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path


def _cbor(b: bytes, i: int = 0):
    """Decode one CBOR item (the subset Pagefind writes) at ``i``: (value, next index)."""
    mt, ai = b[i] >> 5, b[i] & 31
    i += 1
    if ai < 24:
        v = ai
    else:
        n = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
        v = int.from_bytes(b[i:i + n], "big")
        i += n
    if mt == 0:
        return v, i
    if mt == 1:
        return -1 - v, i
    if mt in (2, 3):
        data = b[i:i + v]
        return (data.decode("utf-8") if mt == 3 else bytes(data)), i + v
    if mt == 4:
        ut = []
        for _ in range(v):
            x, i = _cbor(b, i)
            ut.append(x)
        return ut, i
    if mt == 5:
        d = {}
        for _ in range(v):
            k, i = _cbor(b, i)
            d[k], i = _cbor(b, i)
        return d, i
    if mt == 7 and ai in (20, 21, 22):
        return {20: False, 21: True, 22: None}[ai], i
    if mt == 7 and ai == 27:
        return struct.unpack(">d", b[i - 8:i])[0], i
    raise ValueError(f"CBOR-typ {mt}/{ai} stöds inte")


def las(fil: Path):
    data = gzip.decompress(fil.read_bytes())
    assert data.startswith(b"pagefind_dcd"), fil
    return _cbor(data, len(b"pagefind_dcd"))[0]


def _traffar(poster: list, sidor: list[str]) -> dict:
    """A word's postings by page hash (page numbers are delta coded)."""
    sida, ut = 0, {}
    for post in poster:
        sida += post[0]
        ut[sidor[sida]] = (post[1], post[2])
    return ut


def innehall(mapp: Path) -> dict:
    """The bundle in ``mapp`` as order-free data (see the module doc)."""
    entry = json.loads((mapp / "pagefind-entry.json").read_text(encoding="utf-8"))
    ut: dict = {"version": entry["version"], "tecken": entry["include_characters"],
                "sprak": sorted(entry["languages"]), "delar": {}}
    statiska = {p.name: p.read_bytes() for p in mapp.iterdir()
                if p.is_file() and p.suffix != ".pf_meta" and p.name != "pagefind-entry.json"}
    ut["statiska"] = statiska
    for sprak, info in entry["languages"].items():
        meta = las(mapp / f"pagefind.{info['hash']}.pf_meta")
        sidor = [h for h, _ord in meta[1]]
        fragment = {h: (mapp / "fragment" / f"{h}.pf_fragment").read_bytes() for h in sidor}
        ord_: dict = {}
        for f in sorted((mapp / "index").glob(f"{sprak}_*.pf_index")):
            for chunk in las(f):
                for w in chunk:   # [word, postings, [[original spelling, postings]]]
                    ord_[w[0]] = (_traffar(w[1], sidor),
                                  {v: _traffar(p, sidor) for v, p in w[2]})
        filter_: dict = {}
        for f in sorted((mapp / "filter").glob(f"{sprak}_*.pf_filter")):
            namn, varden = las(f)
            filter_[namn] = {v: sorted(sidor[n] for n in nr) for v, nr in varden}
        ut["delar"][sprak] = {
            "antal": info["page_count"], "sidor": sorted(map(tuple, meta[1])),
            "delning": [c[:2] for c in meta[2]],      # the words each index chunk holds
            "filternamn": sorted(f[0] for f in meta[3]), "sortering": meta[4], "meta": meta[5],
            "fragment": fragment, "ord": ord_, "filter": filter_}
    return ut
