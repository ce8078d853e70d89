"""Two halves of a list of work, one in a forked child process and one here.

Reading and parsing a large content folder is pure Python work per file; on two
cores the second half runs in a child made with ``os.fork`` (it sees everything this
process has, nothing is sent to it) and sends its result back pickled through a pipe.
The result is always the one ``gor(uppgifter)`` gives in one process: the halves are
joined in order, and if the child cannot be made or fails, this process does its half
too. Only worth it for large lists (the caller gives the break-even, ``minst``).
"""
from __future__ import annotations

import gc
import os
import pickle
import threading
from contextlib import contextmanager
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def karnor() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):    # pragma: no cover - not Linux
        return os.cpu_count() or 1


_delad = False         # inside a split (either half): a nested i_tva does not split again
_frysta = 0            # inside fryst(): the objects frozen stay frozen until it ends


@contextmanager
def fryst():
    """The objects alive now out of the cyclic collector's reach until the block ends
    (``gc.freeze``): a build's model and plan live to its end, and each pass of the
    collector over them finds nothing (six passes of 0.2-0.55 s each at 20,000 §§, on the
    core that renders the pages). Objects made in the block are collected as usual; the
    frozen ones are in reach again afterwards (a long-running ``serve`` builds many times)."""
    global _frysta
    gc.freeze()
    _frysta += 1
    trosklar = gc.get_threshold()
    # the oldest generation passed over ten times less often: the pages and engine objects
    # made in the block live to its end too (with the model frozen, a pass came every
    # second or so at 20,000 §§ and found nothing); young garbage is collected as usual
    gc.set_threshold(trosklar[0], trosklar[1], max(trosklar[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*trosklar)
        _frysta -= 1
        if _frysta == 0:
            gc.unfreeze()


def kan_dela(antal: float, minst: float) -> bool:
    """Whether ``antal`` items are split: at least ``minst``, two cores, ``os.fork``, no
    other thread running (a fork copies only this one, with whatever locks it held) and not
    already inside a split (the two cores are taken)."""
    return (antal >= minst and not _delad and hasattr(os, "fork") and karnor() >= 2
            and threading.active_count() == 1)


def _mitt(uppgifter: list[T], andel: float, vikt: Callable[[T], float] | None) -> int:
    """Where the child's part starts: its items (the last ones) weigh about ``andel`` of all."""
    if vikt is None:
        return len(uppgifter) - round(len(uppgifter) * andel)
    vikter = [vikt(u) for u in uppgifter]
    kvar = sum(vikter) * andel
    i = len(vikter)
    while i > 0 and vikter[i - 1] / 2 <= kvar:   # an item goes where most of it fits
        i -= 1
        kvar -= vikter[i]
    return i


def i_tva(uppgifter: list[T], gor: Callable[[list[T]], R], minst: float,
          skicka: Callable[[R], R] | None = None, andel: float = 0.5,
          vikt: Callable[[T], float] | None = None) -> list[R]:
    """``[gor(forsta_halvan), gor(andra_halvan)]``, the second half in a forked child when
    ``kan_dela``; otherwise ``[gor(uppgifter)]``. ``skicka``: what the child sends of its
    result (by default all of it); ``andel``: the share of the items the child takes (the
    parent may have more to do after); ``vikt``: each item's cost, when they differ (then
    ``minst`` and ``andel`` count weight, not items).

    Before the fork every object is moved out of the garbage collector's reach
    (``gc.freeze``): the child's collections would otherwise write to every object the two
    processes share, and copy all of their memory pages."""
    global _delad
    storlek = len(uppgifter) if vikt is None else sum(vikt(u) for u in uppgifter)
    if not kan_dela(storlek, minst):  # type: ignore[arg-type]
        return [gor(uppgifter)]
    mitt = _mitt(uppgifter, andel, vikt)
    forsta, andra = uppgifter[:mitt], uppgifter[mitt:]
    gc.freeze()
    try:
        las, skriv = os.pipe()
        pid = os.fork()
    except OSError:
        _tina()
        return [gor(uppgifter)]
    if pid == 0:                                       # the child: its half, then exit
        kod = 0
        _delad = True
        try:
            os.close(las)
            res = gor(andra)
            with os.fdopen(skriv, "wb") as ut:             # streamed: no copy of it all
                pickle.dump(res if skicka is None else skicka(res), ut,
                            protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent does this half itself
            kod = 1
        os._exit(kod)                                  # no atexit, no flushing of our buffers
    _tina()
    os.close(skriv)
    _delad = True
    try:
        egen = gor(forsta)
    finally:
        _delad = False
        barnets = _ta_emot(las)
        _pid, status = os.waitpid(pid, 0)
    if status != 0 or barnets is None:
        return [egen, gor(andra)]
    return [egen, barnets[0]]


_bakgrund: list[int] = []   # children of i_bakgrunden not yet waited for


def i_bakgrunden(gor: Callable[[], None]) -> None:
    """``gor()`` (work whose only result is what it writes, such as a cache file) in a
    forked child while this process goes on, when ``kan_dela``; else here, now. The child
    sees this process as it was at the fork; ``vanta_pa_bakgrunden`` waits for it. A child
    that fails has written nothing whole (the caller's writes are atomic): like a cache
    that could not be written."""
    if not kan_dela(1, 1):
        gor()
        return
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        _tina()
        gor()
        return
    if pid == 0:
        kod = 0
        try:
            gor()
        except BaseException:  # noqa: BLE001 - nothing to report to: see above
            kod = 1
        os._exit(kod)
    _tina()
    _bakgrund.append(pid)


def vanta_pa_bakgrunden() -> None:
    """Wait for every child of ``i_bakgrunden`` (before the lock of what they write is let go)."""
    while _bakgrund:
        try:
            os.waitpid(_bakgrund.pop(), 0)
        except ChildProcessError:
            pass


def _tina() -> None:
    """The parent's objects in the collector's reach again after a fork, unless a ``fryst``
    block keeps them (and what was frozen for the fork) out of it until it ends."""
    if _frysta == 0:
        gc.unfreeze()


def _ta_emot(fd: int) -> tuple | None:
    """The child's result read from the pipe as it comes (never all its bytes at once), or
    None when it sent nothing whole; the pipe is read to its end either way, so the child
    is never left waiting to write."""
    with os.fdopen(fd, "rb") as inn:
        pa = gc.isenabled()
        gc.disable()                 # many new objects, none of them garbage
        try:
            return (pickle.load(inn),)
        except Exception:  # noqa: BLE001 - a child that failed: the parent does its half
            while inn.read(1 << 20):
                pass
            return None
        finally:
            if pa:
                gc.enable()
