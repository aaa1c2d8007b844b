"""What can go wrong for a user, in one place: each kind of failure, its one-line message and its exit status.

The CLI prints str(error) on one line and exits with `error.status`; from Python the same exceptions are
raised, and each is also the built-in exception a caller would catch (ValueError, FileNotFoundError,
PermissionError...). The README's table of exit statuses is this enum.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NOTHING_DONE = 1     # nothing could be read, or nothing read could be coded and stored
    USAGE = 2            # a bad option or argument (click's own usage errors use 2 as well)
    KNOWLEDGE = 3        # a knowledge data file is broken (file:line)


class MarsadError(Exception):
    """A failure the user can fix: str() says what, which file, and what to do."""

    status = ExitStatus.USAGE


class UsageError(MarsadError, ValueError):
    """A bad value of an option or argument."""

    status = ExitStatus.USAGE
