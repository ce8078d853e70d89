"""Mutants of a content folder for the fuzz test (tests/core/test_fuzz.py) and the
fuzz runner (scripts/fuzz): byte edits, YAML structure edits and file-level edits of a
copy of a valid archive. A mutant is fully determined by its seed."""
from __future__ import annotations

import os
import random
import re
import shutil
from datetime import date
from pathlib import Path

import yaml

# tokens that have broken parsers before, or that mean something to YAML/Markdown/paths
TOKEN = ["\x00", "\r", "\r\n", "\ufeff", ":", ": ", "- ", "---\n", "{", "}", "[", "]", "&a ",
         "*a", "!!binary ", "!!python/object ", "~", "9999-12-31", "2025-02-30", "0000-01-01",
         "1e999", "? ", "|", ">", "'", '"', "\t", "a\u030a", "\u2028", "#", "%", "@", "`",
         "<script>alert(1)</script>", "../", "/etc/passwd", "§ XX", "19121212-1212",
         "9" * 40, "-1", ".nan", "!!set {a}", "<<: *a", "\\", "\udcff", "é" * 300,
         "> " * 200, "- " * 200, "    " * 100 + "- x"]

VARDEN = [None, True, False, 0, -1, 3, 2 ** 70, 10 ** 400, 1.5, float("nan"), float("inf"),
          "", " ", "x", "2025-02-30", "9999-12-31", "0000-01-01", "KS 2025/7",
          "Ansökan om stöd för en enskild", "<b>x</b>", "a" * 5000, "\x00", "../../etc/passwd",
          "bilagor/arsredovisning-2024.pdf", "OSL 26 kap. 1 §", "Eva Exempelsson (S)",
          date(2025, 2, 30 - 2), date(1, 1, 1), date(9999, 12, 31), [], {}, [None], [[[]]],
          {"datum": "2025-02-27"}, {"rubrik": None}, ["a", 1, None, {"x": [1]}]]


def _filer(rot: Path) -> list[Path]:
    return sorted(p for p in rot.rglob("*") if p.is_file() and not p.is_symlink())


def _bytes(r: random.Random, data: bytes) -> bytes:
    op = r.randrange(6)
    n = len(data)
    i = r.randrange(n + 1)
    if op == 0 and n:
        i = min(i, n - 1)
        return data[:i] + bytes([data[i] ^ (1 << r.randrange(8))]) + data[i + 1:]
    if op == 1:
        t = r.choice(TOKEN).encode("utf-8", "surrogatepass")
        return data[:i] + t * r.choice([1, 1, 1, 3, 50]) + data[i:]
    if op == 2:
        j = min(n, i + r.randrange(1, 40))
        return data[:i] + data[j:]
    if op == 3:
        j = min(n, i + r.randrange(1, 80))
        return data[:j] + data[i:j] + data[j:]
    if op == 4:
        return data[:i]
    return data[:i] + bytes(r.randrange(256) for _ in range(r.randrange(1, 8))) + data[i:]


def _stigar(v, stig=()):
    yield stig
    if isinstance(v, dict):
        for k, x in v.items():
            yield from _stigar(x, stig + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from _stigar(x, stig + (i,))


def _struktur(r: random.Random, data):
    stigar = list(_stigar(data))
    stig = r.choice(stigar)
    if not stig:
        return r.choice(VARDEN) if r.random() < 0.1 else data
    forald = data
    for s in stig[:-1]:
        forald = forald[s]
    sista = stig[-1]
    op = r.randrange(5)
    if op == 0:
        del forald[sista]
    elif op == 1:
        forald[sista] = r.choice(VARDEN)
    elif op == 2 and isinstance(forald, dict):
        forald[r.choice(["rubrik", "dnr", "sekretess", "fil", "datum", "paragraf", "x y",
                         "justering", "anslag", "kallelse", "arenden", "namn", "typ"])] = \
            forald.pop(sista)
    elif op == 3:
        forald[sista] = [forald[sista]]
    else:
        forald[sista] = {"datum": forald[sista]} if r.random() < 0.5 else str(forald[sista])
    return data


def _yaml_mutant(r: random.Random, text: str) -> str | None:
    """Mutate the YAML (the whole file or the frontmatter) as structure; None if unparsable."""
    fm = text.startswith("---\n")
    if fm:
        slut = text.find("\n---", 3)
        if slut < 0:
            return None
        yaml_text, rest = text[4:slut + 1], text[slut + 1:]
    else:
        yaml_text, rest = text, ""
    try:
        data = yaml.safe_load(yaml_text)
    except Exception:  # noqa: BLE001 - a mutant of a mutant
        return None
    if not isinstance(data, dict):
        return None
    for _ in range(r.choice([1, 1, 2, 3])):
        data = _struktur(r, data)
    try:
        ny = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    except Exception:  # noqa: BLE001
        return None
    return ("---\n" + ny + rest) if fm else ny


def _fil_mutant(r: random.Random, rot: Path, filer: list[Path]) -> None:
    op = r.randrange(6)
    f = r.choice(filer)
    if op == 0:
        f.unlink()
    elif op == 1:
        f.rename(f.with_name(r.choice(["ny.md", "sammantrade.md", "organ.yml", "x.md",
                                       "justering.lock", "a\u030a.md", " .md"])))
    elif op == 2:
        (f.parent / r.choice(["tom.md", "organ.yml", "justering.lock"])).write_bytes(b"")
    elif op == 3:
        mapp = f.parent.parent / r.choice(["2025-02-30", "9999-12-31", "x", "2025-13-01",
                                           "1799-01-01", "2025-06-01"])
        mapp.mkdir(exist_ok=True)
        shutil.copy(f, mapp / f.name)
    elif op == 4:
        lank = f.parent / "lank.md"
        if not lank.exists():
            os.symlink(r.choice(["/etc/hostname", f.name, "../../kommun.yml", "saknas"]), lank)
    else:
        (rot / ".anslag").mkdir(exist_ok=True)
        (rot / ".anslag" / "lasta.json").write_bytes(r.choice(
            [b"{", b'{"format": 1, "lasta": ["x"]}', b"[]", b'{"format": 1, "lasta": [1]}']))


def _bild(rot: Path) -> dict[str, bytes]:
    return {p.relative_to(rot).as_posix(): p.read_bytes() for p in _filer(rot)}


_BILDER: dict[Path, dict[str, bytes]] = {}


def _aterstall(kalla: Path, mal: Path) -> None:
    """Make ``mal`` an exact copy of ``kalla`` again, rewriting only what a mutant changed."""
    bild = _BILDER.setdefault(kalla, _bild(kalla))
    if not mal.is_dir():
        shutil.copytree(kalla, mal, symlinks=True)
        return
    for dirpath, dirs, filer in os.walk(mal, topdown=False):
        for namn in filer + dirs:
            p = Path(dirpath) / namn
            rel = p.relative_to(mal).as_posix()
            if p.is_symlink() or (p.is_file() and rel not in bild):
                p.unlink()
            elif p.is_dir() and not any(k.startswith(rel + "/") for k in bild):
                shutil.rmtree(p)
    for rel, data in bild.items():
        p = mal / rel
        try:
            if p.read_bytes() == data:
                continue
        except OSError:
            p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)


def mutera(kalla: Path, mal: Path, seed: int) -> str:
    """Make ``mal`` a copy of ``kalla`` and apply one to three mutations; returns a
    description."""
    _aterstall(kalla, mal)
    r = random.Random(seed)
    vad = []
    for _ in range(r.choice([1, 1, 1, 2, 3])):
        filer = _filer(mal)
        if not filer:
            break
        slag = r.random()
        f = r.choice(filer)
        rel = f.relative_to(mal).as_posix()
        if slag < 0.45:
            f.write_bytes(_bytes(r, f.read_bytes()))
            vad.append(f"byte {rel}")
        elif slag < 0.85 and f.suffix in (".md", ".yml"):
            try:
                ny = _yaml_mutant(r, f.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, ValueError):
                ny = None
            if ny is not None:
                f.write_text(ny, encoding="utf-8", errors="surrogatepass")
                vad.append(f"yaml {rel}")
        else:
            _fil_mutant(r, mal, filer)
            vad.append(f"fil {rel}")
    return ", ".join(vad) or "ingen"


RAD = re.compile(r"^(?P<fil>[^\n]+?): (?P<niva>fel|varning): (?P<nyckel>[^\n]+?): (?P<msg>[^\n]+)$")
