"""Errors on the command line: one line on stderr and the exit status of errors.py, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from marsad.errors import ExitStatus, MarsadError, UsageError
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
