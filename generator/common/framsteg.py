"""Progress display for long builds.

The build tells a ``Framsteg`` which stage it is in and how far it has come;
how that is shown depends on where the output goes:

* a terminal: rich progress bars (one per stage, kept on screen when done);
* not a terminal (CI logs, cron mail, a pipe): plain lines, a few per stage
  ("PDF:er: 8/32", "PDF:er: klart, 32 st på 4,2 s");
* ``tyst=True`` (``anslag bygg --tyst``): nothing at all.

Usage from the build::

    fs = Framsteg(tyst=tyst)
    with fs.steg("Sidor", totalt=len(sidor)) as s:
        for sida in sidor:
            ...
            s.fram()
    with fs.steg("PDF:er", totalt=n) as s:
        ...                       # s.fram(3) after three PDFs, from any thread
    with fs.steg("PDF:er") as s:  # or absolute, as the PDF renderer reports it
        rendera_pdfer(..., framsteg=s.uppdatera)      # (klara, totalt)
    fs.meddelande("Webbplatsen är byggd i site/")
    fs.stang()                    # or use ``with Framsteg(...) as fs:``

A stage without ``totalt`` shows a spinner (terminal) or one start and one end
line (plain). The output goes to stderr unless another file is given, so
stdout stays free for the build's own summary.
"""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import IO, Iterator


def _sekunder(s: float) -> str:
    return f"{s:.1f}".replace(".", ",") + " s"


class Steg:
    """One stage of the build; created by ``Framsteg.start`` or ``Framsteg.steg``."""

    def __init__(self, framsteg: "Framsteg", namn: str, totalt: int | None) -> None:
        self._fs = framsteg
        self.namn = namn
        self.totalt = totalt
        self.klara = 0
        self.borjan = time.monotonic()
        self.avslutad = False
        self._task = None
        self._senaste_fjardedel = 0

    def fram(self, antal: int = 1) -> None:
        """``antal`` more items are done."""
        self._fs._fram(self, antal)

    def uppdatera(self, klara: int, totalt: int | None = None) -> None:
        """Absolute progress: ``klara`` of ``totalt`` done. Has the signature of
        the PDF renderer's callback: ``rendera_pdfer(..., framsteg=s.uppdatera)``."""
        if totalt is not None and totalt != self.totalt:
            self._fs._nytt_totalt(self, totalt)
        if klara != self.klara:
            self._fs._fram(self, klara - self.klara)

    def klar(self, text: str | None = None) -> None:
        """The stage is finished; ``text`` replaces the default summary."""
        self._fs._klar(self, text)


class Framsteg:
    def __init__(self, tyst: bool = False, tty: bool | None = None,
                 fil: IO[str] | None = None) -> None:
        self.fil = fil if fil is not None else sys.stderr
        self.tyst = tyst
        if tty is None:
            try:
                tty = self.fil.isatty()
            except (AttributeError, ValueError):
                tty = False
        self.tty = tty
        self._lock = threading.Lock()
        self._progress = None
        self._aktiva: list[Steg] = []

    # -------------------------------------------------------------- public API

    def start(self, namn: str, totalt: int | None = None) -> Steg:
        steg = Steg(self, namn, totalt)
        if self.tyst:
            return steg
        with self._lock:
            self._aktiva.append(steg)
            if self.tty:
                p = self._rich()
                steg._task = p.add_task(namn, total=totalt)
            else:
                mangd = f" ({totalt} st)" if totalt is not None else ""
                self._skriv(f"{namn}: börjar{mangd}")
        return steg

    @contextmanager
    def steg(self, namn: str, totalt: int | None = None) -> Iterator[Steg]:
        s = self.start(namn, totalt)
        try:
            yield s
        except BaseException:
            if not s.avslutad:
                self._klar(s, "avbrutet", fel=True)
            raise
        if not s.avslutad:
            s.klar()

    def meddelande(self, text: str) -> None:
        """A line between the stages (shown above the bars on a terminal)."""
        if self.tyst:
            return
        with self._lock:
            if self._progress is not None:
                self._progress.console.print(text, markup=False, highlight=False)
            else:
                self._skriv(text)

    def stang(self) -> None:
        with self._lock:
            self._stoppa()

    def __enter__(self) -> "Framsteg":
        return self

    def __exit__(self, *exc) -> None:
        self.stang()

    # -------------------------------------------------------------- internals

    def _skriv(self, text: str) -> None:
        try:
            print(text, file=self.fil, flush=True)
        except (OSError, ValueError):
            pass

    def _rich(self):
        if self._progress is None:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn)
            console = Console(file=self.fil, force_terminal=True)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                      console=console, transient=False)
            self._progress.start()
        return self._progress

    def _stoppa(self) -> None:
        if self._progress is not None:
            try:
                self._progress.stop()
            finally:
                self._progress = None

    def _nytt_totalt(self, steg: Steg, totalt: int) -> None:
        steg.totalt = totalt
        if self.tyst or not self.tty:
            return
        with self._lock:
            if self._progress is not None and steg._task is not None:
                self._progress.update(steg._task, total=totalt)

    def _fram(self, steg: Steg, antal: int) -> None:
        steg.klara += antal
        if self.tyst or steg.avslutad:
            return
        with self._lock:
            if self.tty:
                if self._progress is not None and steg._task is not None:
                    self._progress.advance(steg._task, antal)
                return
            if steg.totalt:
                fjardedel = min(3, steg.klara * 4 // steg.totalt)
                if fjardedel > steg._senaste_fjardedel and steg.klara < steg.totalt:
                    steg._senaste_fjardedel = fjardedel
                    self._skriv(f"{steg.namn}: {steg.klara}/{steg.totalt}")

    def _klar(self, steg: Steg, text: str | None, fel: bool = False) -> None:
        if steg.avslutad:
            return
        steg.avslutad = True
        if self.tyst:
            return
        tid = _sekunder(time.monotonic() - steg.borjan)
        with self._lock:
            if steg in self._aktiva:
                self._aktiva.remove(steg)
            if self.tty and self._progress is not None and steg._task is not None:
                p = self._progress
                total = steg.totalt if steg.totalt is not None else max(steg.klara, 1)
                beskrivning = f"{steg.namn}: {text}" if text else steg.namn
                if fel:
                    beskrivning = f"[red]{beskrivning}[/red]"
                    p.update(steg._task, description=beskrivning)
                else:
                    p.update(steg._task, total=total, completed=total, description=beskrivning)
                if not self._aktiva:
                    self._stoppa()
                return
            mangd = f", {steg.klara} st" if steg.klara or steg.totalt else ""
            self._skriv(f"{steg.namn}: {text or 'klart'}{mangd} på {tid}")
