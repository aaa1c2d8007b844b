"""The error every knowledge loader raises for a bad data file."""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(ValueError):
    """A problem in a data file, reported as ``file:line: message`` so editors can jump to it."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
