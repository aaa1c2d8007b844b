"""Errors on the command line: one line on stderr and the exit status of errors.py, never a traceback."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from marsad.errors import ExitStatus, MarsadError, OutputError, UsageError
from marsad.published import publication_day
from marsad.store.params import ParamError

err_console = Console(stderr=True)


def fail(message: str, status: int) -> typer.Exit:
    """Print `message` as one line on stderr; the caller raises the returned Exit."""
    err_console.print(f"[red]error[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(int(status))


def checked(command: Callable[..., None]) -> Callable[..., None]:
    """Run a command so that a bad parameter (params.py) or a MarsadError ends it with one line and its status."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except ParamError as exc:
            raise fail(f"--{exc.name.replace('_', '-')}: {str(exc).split(': ', 1)[1]}", ExitStatus.USAGE) from None
        except MarsadError as exc:
            raise fail(str(exc), exc.status) from None

    return run


def published_option(value: str | None) -> str | None:
    """--published as YYYY-MM-DD (ISO dates and date-times, RFC 822); a bad value is a UsageError."""
    try:
        return publication_day(value)
    except ValueError as exc:
        raise UsageError(f"--{exc}") from None


def check_output(path: Path, option: str = "-o", *, folder: bool = False) -> Path:
    """Fail before any work when `path` cannot be written (a missing or read-only folder, an immutable file).

    `folder`: the output is a folder that the writer makes (Parquet), so only its parent is tried.
    """
    parent = path.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {parent} does not exist; "
                          f"create it (mkdir -p {parent}) or choose another {option}")
    if not folder and path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give {option} a file name")
    existed = path.exists()
    try:
        if folder:
            with tempfile.NamedTemporaryFile(dir=parent, prefix=".marsad-probe-"):
                pass
        else:
            with path.open("a"):
                pass
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}; choose another {option}") from None
    if not folder and not existed:
        os.unlink(path)
    return path
