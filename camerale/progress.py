"""Progress of a long ingest: a bar on a terminal, plain periodic lines otherwise.

On a terminal, rich draws documents done, pages read, pages per second, the time
left and the file being read, below the per-document lines.  Piped into a log, a
plain line every ``PLAIN_EVERY`` seconds says the same.  ``quiet`` shows nothing.
"""
from __future__ import annotations

import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from camerale.errors import one_line

if TYPE_CHECKING:
    from camerale.document import Outcome

PLAIN_EVERY = 30.0


class IngestProgress:
    """Told how many documents a run reads, which one starts and how each ends."""

    def __init__(self, console: Console, quiet: bool = False) -> None:
        self.console, self.quiet = console, quiet
        self.total = self.done = self.pages = 0
        self.current = ""
        self.started = time.monotonic()
        self._last_plain = self.started
        self._planned: set[str] = set()
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def plan(self, displays: list[str]) -> None:
        """The documents the run will read (skipped ones are not)."""
        self._planned = set(displays)
        self.total, self.started = len(displays), time.monotonic()
        if self.quiet or not self.total or not self.console.is_terminal:
            return
        self._bar = Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} p · {task.fields[rate]} p/s"), TimeRemainingColumn(),
            TextColumn("{task.fields[current]}"), console=self.console, transient=True)
        self._task = self._bar.add_task("ingest", total=self.total, pages=0, rate="0.0", current="")
        self._bar.start()

    def start(self, display: str) -> None:
        self.current = Path(display).name
        self._update()

    def finish(self, outcome: Outcome) -> None:
        if outcome.path not in self._planned:
            return  # skipped or refused before reading
        self.done += 1
        self.pages += outcome.n_pages or 0  # OCR'd pages included
        self._update()

    def _update(self) -> None:
        if self.quiet:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.pages / elapsed
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, pages=self.pages, rate=f"{rate:.1f}",
                             current=one_line(self.current, 60))
            return
        now = time.monotonic()
        if self.total and now - self._last_plain >= PLAIN_EVERY:
            self._last_plain = now
            left = (elapsed / self.done * (self.total - self.done)) if self.done else None
            eta = f", about {left / 60:.0f} min left" if left is not None else ""
            self.console.print(f"progress: {self.done}/{self.total} documents, {self.pages} pages, "
                               f"{rate:.1f} pages/s{eta}; reading {one_line(self.current, 80)}",
                               markup=False, highlight=False)
