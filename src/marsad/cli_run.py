"""The command line's side of a coding run: the --workers option and the progress bar (Rich)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from marsad.ingest import ReadMeter
from marsad.run import CHUNK, RunStats, default_workers

WorkersOption = Annotated[
    int | None, typer.Option("--workers", "-w", min=1, help="coding processes (default: this machine's cores)")
]


def workers_for(requested: int | None, total: int | None) -> int:
    """The pool size: as asked, else every core; one process when the input fits in one chunk."""
    if requested is not None:
        return requested
    return 1 if total is not None and total <= CHUNK else default_workers()


def run_progress(console: Console, *, disable: bool = False, transient: bool = False, by_bytes: bool = False
                 ) -> Progress:
    """A bar with a total and an ETA when the input size is known, a pulse and counts otherwise.

    `by_bytes`: the bar measures bytes of input read (feeds, web archives), not documents.
    """
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn() if by_bytes else MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s, {task.fields[events]:,} events, {task.fields[skipped]:,} skipped"),
        TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
        console=console, disable=disable, transient=transient,
    )


def tracker(progress: Progress, description: str, total: int | None, meter: ReadMeter | None = None
            ) -> Callable[[RunStats], None]:
    """Add a task to `progress`; the returned function moves it on from a run's stats (or the meter's
    bytes read, when there is one)."""
    task = progress.add_task(description, total=meter.total if meter else total, rate="0", events=0, skipped=0)
    started = time.perf_counter()

    def update(stats: RunStats) -> None:
        rate = stats.coded / max(time.perf_counter() - started, 1e-9)
        progress.update(task, completed=meter.done if meter else stats.done, rate=f"{rate:,.0f}",
                        events=stats.events, skipped=stats.skipped)

    return update


def input_measure(paths: list[str], limit: int | None = None) -> tuple[int | None, ReadMeter | None]:
    """What a progress bar counts: documents when they can be counted cheaply (files, JSON Lines),
    else bytes read (feeds, web archives); neither for stdin or a --limit over uncountable input."""
    from marsad.ingest import count_inputs
    from marsad.ingest.sources import STDIN

    if STDIN in paths:
        return None, None
    total = count_inputs(paths)
    if total is not None:
        return (min(total, limit) if limit is not None else total), None
    return None, (ReadMeter(paths) if limit is None else None)
