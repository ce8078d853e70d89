"""`anslag verifiera FIL [--ut site]`: is this file exactly a published one?

The file's SHA-256 is looked up in the site's ``data/sha256.txt`` (written by
``generator.render.manifest.skriv_manifest``). Exit 0 when it is a published file
(the output names which one), 1 when it is not or cannot be checked.
"""
from __future__ import annotations

import sys
from pathlib import Path

from generator.commands import osfel
from generator.common.filer import sha256_fil
from generator.render.manifest import MANIFEST, las_manifest


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def kommando_verifiera(args) -> int:
    fil: Path = args.fil
    site: Path = args.ut
    if not fil.is_file():
        _err(f"anslag verifiera: {fil} finns inte eller är ingen fil.")
        return 1
    manifest = site / MANIFEST
    if not manifest.is_file():
        _err(f"anslag verifiera: {manifest} finns inte. Bygg webbplatsen med \"anslag bygg\" "
             "eller ange den publicerade webbplatsens mapp med --ut MAPP. (Utan verktyget: "
             "hämta /data/sha256.txt från webbplatsen och jämför med \"sha256sum FIL\".)")
        return 1
    try:
        summor = las_manifest(manifest)
    except (OSError, UnicodeDecodeError) as e:
        _err(f"anslag verifiera: {manifest} kan inte läsas ({e}).")
        return 1
    try:
        h = sha256_fil(fil)
    except OSError as e:
        _err(f"anslag verifiera: {fil} kan inte läsas ({osfel.orsak(e)}).")
        return 1
    traffar = sorted(rel for rel, s in summor.items() if s == h)
    if traffar:
        print(f"{fil}: stämmer. Filen är exakt den publicerade {traffar[0]}"
              + (f" (samma innehåll som {', '.join(traffar[1:])})" if len(traffar) > 1 else "")
              + ".")
        print(f"  SHA-256 {h}")
        return 0
    samma_namn = sorted(rel for rel in summor if rel.rsplit("/", 1)[-1] == fil.name)
    print(f"{fil}: stämmer INTE med någon publicerad fil i {manifest} "
          f"({len(summor)} publicerade filer).")
    print(f"  SHA-256 {h}")
    if samma_namn:
        print("  Filer med samma namn som har publicerats: "
              + ", ".join(f"{rel} ({summor[rel][:12]}…)" for rel in samma_namn[:5])
              + ". Kopian är ändrad, eller kommer från en annan version av protokollet "
              "(t.ex. före en rättelse).")
    return 1
