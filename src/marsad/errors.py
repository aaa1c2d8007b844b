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
    NO_DATABASE = 4      # the database, or the folder to make it in, does not exist
    NOT_WRITABLE = 5     # the database file or its folder cannot be written (read-only, immutable, permissions)
    DATABASE_LOCKED = 6  # another process is writing the database (an ingest is running)
    NOT_A_DATABASE = 7   # the file given as the database is not a DuckDB database
    OUTPUT = 8           # an output file (-o, --plot) cannot be written
    INPUT = 9            # an input named on the command line cannot be read (explain @FILE)


class MarsadError(Exception):
    """A failure the user can fix: str() says what, which file, and what to do."""

    status = ExitStatus.USAGE


class UsageError(MarsadError, ValueError):
    """A bad value of an option or argument."""

    status = ExitStatus.USAGE


class DatabaseMissing(MarsadError, FileNotFoundError):
    status = ExitStatus.NO_DATABASE


class DatabaseNotWritable(MarsadError, PermissionError):
    status = ExitStatus.NOT_WRITABLE


class DatabaseLocked(MarsadError, OSError):
    status = ExitStatus.DATABASE_LOCKED


class NotADatabase(MarsadError, ValueError):
    status = ExitStatus.NOT_A_DATABASE


class OutputError(MarsadError, OSError):
    status = ExitStatus.OUTPUT


class InputError(MarsadError, OSError):
    status = ExitStatus.INPUT
