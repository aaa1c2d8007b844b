"""Opening the database file, with DuckDB's failures turned into errors.py's one-line errors."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb

from marsad.errors import DatabaseLocked, DatabaseMissing, DatabaseNotWritable, MarsadError, NotADatabase

_PID = re.compile(r"\(PID (\d+)\)")


def check_folder(path: str) -> None:
    """The folder a database is written in must exist and take new files: DuckDB adds a .wal beside it."""
    folder = Path(path).absolute().parent
    if not folder.is_dir():
        raise DatabaseMissing(f"cannot create the database {path}: the folder {folder} does not exist; "
                              f"create it (mkdir -p {folder}) or choose another --db")
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".marsad-probe-"):
            pass
    except OSError as exc:
        raise DatabaseNotWritable(f"cannot write the database {path}: its folder {folder} is read-only "
                                  f"({exc.strerror}); make it writable or choose another --db") from None


def database_error(exc: duckdb.Error, path: str, *, read_only: bool) -> MarsadError:
    """The one-line error for a DuckDB failure to open `path`; the original message when it is none we know."""
    message = str(exc)
    if "Could not set lock" in message or "Conflicting lock" in message:
        pid = _PID.search(message)
        holder = f"process {pid.group(1)}" if pid else "another process"
        return DatabaseLocked(f"the database {path} is in use by {holder} (an ingest?): DuckDB lets one process "
                              "write a database and none read it meanwhile; wait until it ends and run this again")
    if "not a valid DuckDB database" in message:
        return NotADatabase(f"{path} is not a DuckDB database: give the file `marsad ingest` made (--db, $MARSAD_DB)")
    if "No such file or directory" in message:
        return DatabaseMissing(f"no database at {path}: check --db and $MARSAD_DB")
    if any(s in message for s in ("Permission denied", "Operation not permitted", "Read-only file system")):
        how = "read-only commands (events, stats, export) still work" if not read_only else "fix its permissions"
        return DatabaseNotWritable(f"cannot open the database {path} for writing: the file is read-only or "
                                   f"immutable; {how}, or ingest into a copy (--db)")
    return MarsadError(f"cannot open the database {path}: {message.splitlines()[0]}")


def connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to the database at `path`; a MarsadError subclass that says what to do when there is none."""
    if read_only and not Path(path).exists():
        raise DatabaseMissing(f"no database at {path} (run `marsad ingest FILES --db {path}` first, "
                              "or check --db and $MARSAD_DB)")
    if not read_only and path != ":memory:":
        check_folder(path)
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        raise database_error(exc, path, read_only=read_only) from None
