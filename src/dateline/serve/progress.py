"""Progress for a person waiting at a terminal: a bar on standard error with a total and an ETA where the size of
the work is known (bytes of the input files, or articles to score), a count where it is not.

Never in a pipe: when standard error is not a terminal nothing is drawn, so logs and redirected output stay clean.
A run short enough not to need one (fewer than `AFTER` articles and under `DELAY` seconds) never shows one either.
The bar never touches standard output: results written there reach their file or pipe whatever standard error is,
and a result printed for a person on the same screen is printed with the bar set `aside`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column

AFTER = 3
"""Articles after which a bar appears."""
DELAY = 1.0
"""Seconds after which a bar appears, however few articles are done."""
BAR = 20
"""Columns of the bar itself: at 80 columns the time left and the time taken still fit beside it."""
DESCRIPTION = Column(ratio=1, no_wrap=True, overflow="ellipsis")
"""The note (“ingesting: 1,200 stored …”) takes the room the other columns leave, and is cut short first."""


class Meter:
    """A progress bar that appears only when a run is long enough to need one, on a terminal only."""

    def __init__(self, console: Console, what: str, *, total: float | None = None) -> None:
        self.console = console
        self.what = what
        self.enabled = console.is_terminal
        self.started = time.monotonic()
        self.shown = False
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}", table_column=DESCRIPTION),
                                 BarColumn(bar_width=BAR), TaskProgressColumn(), TimeRemainingColumn(compact=True),
                                 TimeElapsedColumn(), console=console, transient=True, expand=True,
                                 redirect_stdout=False, disable=not self.enabled)
        self.task = self.progress.add_task(what, total=total)

    def update(self, *, done: float | None = None, total: float | None = None, count: int | None = None,
               note: str | None = None) -> None:
        """Say how far the run has got: `done` of `total` (units of the bar), and a note (“120 articles”)."""
        if not self.enabled:
            return
        fields: dict[str, object] = {}
        if total is not None:
            fields["total"] = total
        if done is not None:
            fields["completed"] = done
        if note is not None:
            fields["description"] = f"{self.what}: {note}"
        self.progress.update(self.task, **fields)  # type: ignore[arg-type]
        if not self.shown and ((count or 0) > AFTER or time.monotonic() - self.started > DELAY):
            self.progress.start()
            self.shown = True

    @contextmanager
    def aside(self, needed: bool = True) -> Iterator[None]:
        """Take the bar off the screen while something is printed on it through standard output (`needed`: when
        standard output is a terminal too), and put it back after."""
        if not (needed and self.shown):
            yield
            return
        self.progress.stop()
        try:
            yield
        finally:
            self.progress.start()

    def __enter__(self) -> Meter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.shown:
            self.progress.stop()
