"""Two halves of a list of work, one in a forked child process and one here.

Reading and parsing a large content folder is pure Python work per file; on two
cores the second half runs in a child made with ``os.fork`` (it sees everything this
process has, nothing is sent to it) and sends its result back pickled through a pipe.
The result is always the one ``gor(uppgifter)`` gives in one process: the halves are
joined in order, and if the child cannot be made or fails, this process does its half
too. Only worth it for large lists (the caller gives the break-even, ``minst``).
"""
from __future__ import annotations

import os
import pickle
import threading
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _karnor() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):    # pragma: no cover - not Linux
        return os.cpu_count() or 1


_delad = False         # inside a split (either half): a nested i_tva does not split again


def kan_dela(antal: int, minst: int) -> bool:
    """Whether ``antal`` items are split: at least ``minst``, two cores, ``os.fork``, no
    other thread running (a fork copies only this one, with whatever locks it held) and not
    already inside a split (the two cores are taken)."""
    return (antal >= minst and not _delad and hasattr(os, "fork") and _karnor() >= 2
            and threading.active_count() == 1)


def i_tva(uppgifter: list[T], gor: Callable[[list[T]], R], minst: int,
          skicka: Callable[[R], R] | None = None, andel: float = 0.5) -> list[R]:
    """``[gor(forsta_halvan), gor(andra_halvan)]``, the second half in a forked child when
    ``kan_dela``; otherwise ``[gor(uppgifter)]``. ``skicka``: what the child sends of its
    result (by default all of it); ``andel``: the share of the items the child takes (the
    parent may have more to do after)."""
    global _delad
    if not kan_dela(len(uppgifter), minst):
        return [gor(uppgifter)]
    mitt = len(uppgifter) - round(len(uppgifter) * andel)
    forsta, andra = uppgifter[:mitt], uppgifter[mitt:]
    try:
        las, skriv = os.pipe()
        pid = os.fork()
    except OSError:
        return [gor(uppgifter)]
    if pid == 0:                                       # the child: its half, then exit
        kod = 0
        _delad = True
        try:
            os.close(las)
            res = gor(andra)
            data = pickle.dumps(res if skicka is None else skicka(res),
                                protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(skriv, "wb") as ut:
                ut.write(data)
        except BaseException:  # noqa: BLE001 - the parent does this half itself
            kod = 1
        os._exit(kod)                                  # no atexit, no flushing of our buffers
    os.close(skriv)
    _delad = True
    try:
        egen = gor(forsta)
    finally:
        _delad = False
        with os.fdopen(las, "rb") as inn:
            data = inn.read()
        _pid, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return [egen, gor(andra)]
    return [egen, pickle.loads(data)]
