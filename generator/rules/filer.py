"""Files in the content folder that nothing reads (contract "Layout").

A § saved as ``beslut.md.txt`` or ``beslut.MD``, or put in the organ folder instead of
the meeting's, would otherwise be left out of the protokoll without a word. Hidden files
and the ones the operating system writes (``loading.SYSTEMFILER``) are not reported.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from generator.common.diagnostics import varning

_I_MOTET = ("i en sammanträdesmapp läses bara .md-filer (sammantrade.md och en fil per "
            "paragraf), justering.lock och mapparna bilagor/ och handlingar/")


def okanda_filer(ctx):
    inn = ctx.innehall
    for namn in inn.okanda:
        yield varning(namn, "fil", "filen ligger direkt i innehållsmappen och läses inte (där "
                      "hör bara kommun.yml och en mapp per organ hemma). Flytta den till rätt "
                      "mapp eller ta bort den.")
    for ra_o in inn.organ:
        for rel in ra_o.okanda:
            yield varning(rel, "fil", "filen ligger direkt i organmappen och hör inte till något "
                          "sammanträde, så den läses inte och publiceras inte. Flytta den till "
                          f"sammanträdets mapp ({ra_o.id}/ÅÅÅÅ-MM-DD/) eller ta bort den.")
        for ra_m in ra_o.sammantraden:
            for rel in ra_m.okanda:
                yield varning(rel.rstrip("/"), "fil", _meddelande(rel))


def _meddelande(rel: str) -> str:
    if rel.endswith("/"):
        return (f"mappen läses inte: {_I_MOTET}. Flytta filerna dit de hör hemma "
                "eller ta bort mappen.")
    if PurePosixPath(rel).suffix.lower() == ".md":
        return ("filen läses inte: filändelsen ska vara .md med små bokstäver. Byt namn på "
                "filen.")
    return (f"filen läses inte: {_I_MOTET}. Är den en paragraf, byt namn så att den slutar "
            "på .md; är den en bilaga, lägg den i bilagor/; annars ta bort den.")
