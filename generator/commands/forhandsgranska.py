"""`anslag forhandsgranska`: the live preview, with the same plugin as the build.

Runs ``mkdocs serve`` with the project's mkdocs.yml; the ``anslagstavla``
plugin reads the content folder from ANSLAG_INNEHALL and the day the board is
judged on from ANSLAG_IDAG. The content folder is watched, so a saved file
rebuilds the page in the browser. PDFs are not made in the preview
(ANSLAG_PDF=false); ``anslag bygg`` makes them.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from generator.commands import osfel
from generator.common.diagnostics import innehall_saknas

REPO = Path(__file__).resolve().parents[2]


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def hitta_mkdocs_yml(start: Path | None = None) -> Path | None:
    """mkdocs.yml in the working folder, else the one beside the generator package."""
    for kandidat in ((start or Path.cwd()) / "mkdocs.yml", REPO / "mkdocs.yml"):
        if kandidat.is_file():
            return kandidat
    return None


def kommando(config: Path, adress: str, innehall: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", adress,
            "-w", str(innehall)]


def kommando_forhandsgranska(args) -> int:
    from generator.rules import las_arkiv
    if innehall_saknas(args.innehall):
        return 1
    rot = Path(args.innehall).resolve()
    arkiv, rapport = las_arkiv(rot)
    for d in rapport.sorterade():
        _err(str(d))
    if arkiv is None or rapport.har_fel:
        _err(f"Förhandsgranskningen startar inte: innehållet har {rapport.antal('fel')} fel. "
             "Rätta dem (se ovan) och försök igen.")
        return 1
    config = hitta_mkdocs_yml()
    if config is None:
        _err("anslag forhandsgranska: hittar ingen mkdocs.yml (varken i den här mappen eller "
             f"i {REPO}). Kör kommandot i projektmappen.")
        return 1
    if importlib.util.find_spec("mkdocs") is None:
        _err("anslag forhandsgranska: MkDocs är inte installerat. Installera projektet med "
             "\"pip install -e .\" och försök igen.")
        return 1
    env = dict(os.environ)
    env["ANSLAG_INNEHALL"] = str(rot)
    if getattr(args, "idag", None):
        env["ANSLAG_IDAG"] = args.idag.isoformat()
    env["ANSLAG_PDF"] = "false"
    print(f"Förhandsgranskning av {rot} som den ser ut {env.get('ANSLAG_IDAG', 'idag')}: "
          f"http://{args.adress}/  (avsluta med Ctrl+C)", flush=True)
    try:
        p = subprocess.run(kommando(config, args.adress, rot), env=env, cwd=config.parent)
    except KeyboardInterrupt:
        print("Förhandsgranskningen är avslutad.")
        return 0
    except OSError as e:
        _err(f"anslag forhandsgranska: kunde inte starta MkDocs ({osfel.orsak(e)}).")
        return 1
    if p.returncode in (0, 130, -2):
        print("Förhandsgranskningen är avslutad.")
        return 0
    _err(f"anslag forhandsgranska: MkDocs avslutades med felkod {p.returncode} (se ovan).")
    return 1
