"""Small file-system helpers shared by every stage that writes or checks files.

Every write goes through a temporary file in the target folder and one
``os.replace``: a reader (or a crash) never sees half a file, and a file that
is a hard link to the previous build gets a new inode instead of being
changed in place (see ``generator.commands.bygg``).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import tempfile
from pathlib import Path


def sha256_fil(fil: Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(fil, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _ersatt(mal: Path, fyll, varaktig: bool) -> None:
    mal = Path(mal)
    mal.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = mal.stat().st_mode & 0o777   # keep the permissions of the file replaced
    except FileNotFoundError:
        mode = 0o644                        # mkstemp makes 0600; published files must be readable
    fd, tmp = tempfile.mkstemp(dir=mal.parent, prefix=f".{mal.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fyll(fh, tmp)
            if varaktig:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, mal)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def skriv_atomiskt(mal: Path, data: bytes, *, varaktig: bool = False) -> None:
    """Write ``data`` to ``mal`` atomically; ``varaktig`` also fsyncs it (locks, content)."""
    _ersatt(mal, lambda fh, _tmp: fh.write(data), varaktig)


def kopiera(kalla: Path, mal: Path) -> None:
    """Copy ``kalla`` to ``mal`` atomically."""
    def fyll(fh, _tmp) -> None:
        with open(kalla, "rb") as src:
            shutil.copyfileobj(src, fh, 1 << 20)
    _ersatt(mal, fyll, False)


def lagg_tillbaka_om_lika(forra: Path | str, ny: Path | str) -> bool:
    """Put the previous file ``forra`` back in place of ``ny`` when their bytes are equal,
    so that an unchanged file keeps its inode and mtime; False (nothing moved) when they
    differ or either cannot be read."""
    try:
        if os.path.getsize(forra) != os.path.getsize(ny):
            return False
        with open(forra, "rb") as a, open(ny, "rb") as b:
            if a.read() != b.read():
                return False
        os.replace(forra, ny)
    except OSError:
        return False
    return True


def las_pickle(fil: Path) -> dict:
    """A cache dict written by ``spara_pickle``; ``{}`` when it is missing or damaged
    (a cache is never the truth: the caller then recomputes)."""
    try:
        with open(fil, "rb") as fh:
            d = pickle.load(fh)
    except Exception:  # noqa: BLE001 - any unreadable cache is an empty cache
        return {}
    return d if isinstance(d, dict) else {}


def spara_pickle(fil: Path, d: dict) -> None:
    skriv_atomiskt(fil, pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL))


def ar_pdf(fil: Path) -> bool:
    """Whether ``fil`` is a PDF by its first bytes (not its name); unreadable means no."""
    try:
        with open(fil, "rb") as fh:
            return b"%PDF-" in fh.read(1024)
    except OSError:
        return False


def ta_bort_i_bakgrunden(mapp: Path) -> None:
    """Remove a finished-with tree of our own without making the build wait for it
    (deleting a folder of 30,000 pages takes seconds): ``rm -rf`` in its own session."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(mapp)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        shutil.rmtree(mapp, ignore_errors=True)


def starta_lankkopia(fran: Path, till: Path) -> subprocess.Popen | None:
    """Start copying the tree ``fran`` into ``till`` (made when missing) as hard links
    (``cp -al``) in a background process; ``None`` when that cannot start."""
    if shutil.which("cp") is None:
        return None
    try:
        return subprocess.Popen(["cp", "-al", "--", f"{fran}/.", str(till)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    except OSError:
        return None


def lankkopia_klar(kopia: subprocess.Popen | None) -> bool:
    """Wait for a copy started by ``starta_lankkopia``: whether it copied everything (if
    not, the caller links what it needs itself)."""
    return kopia is not None and kopia.wait() == 0
