"""Read news from files, folders, feeds and web archives into contract Documents.

Every source yields `Document`s and `IngestError`s in one stream: a bad file,
line or record is reported where it is and the batch goes on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestError:
    """Something that could not be read (or was read only in part).

    `where` is the line (JSONL), entry (feeds) or record (WARC) number, or None
    for the whole file. `fatal` is False for warnings such as truncation: the
    document was still read.
    """

    path: str
    where: int | str | None
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        loc = f"{self.path}:{self.where}" if self.where is not None else self.path
        return f"{loc}: {self.message}"


from marsad.ingest.sources import (  # noqa: E402
    DEFAULT_MAX_CHARS,
    ReadMeter,
    count_inputs,
    iter_files,
    read_paths,
)

__all__ = ["DEFAULT_MAX_CHARS", "IngestError", "ReadMeter", "count_inputs", "iter_files", "read_paths"]
