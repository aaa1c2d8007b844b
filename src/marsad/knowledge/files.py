"""Reading the package's knowledge files (TSV and YAML) with file:line errors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from marsad.knowledge.errors import KnowledgeError

# libyaml's C parser when the wheel has it: ten times faster on events.yaml than the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Row:
    path: str
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def many(self, column: str) -> list[str]:
        """A multi-value cell: `|`-separated, blanks dropped."""
        return [v.strip() for v in self.get(column).split("|") if v.strip()]

    def error(self, message: str) -> KnowledgeError:
        return KnowledgeError(self.path, self.line, message)


def data_path(name: str) -> Path:
    return Path(str(resources.files("marsad.knowledge") / "data" / name))


def read_tsv(name_or_path: str | Path, required: tuple[str, ...]) -> Iterator[Row]:
    """Rows of a TSV file with a header line; `#` lines and blank lines are skipped.

    A missing required column or a row with more cells than the header is an error.
    """
    path = Path(name_or_path) if isinstance(name_or_path, Path) else data_path(name_or_path)
    shown = path.name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise KnowledgeError(shown, None, "file not found") from e
    except UnicodeDecodeError as e:
        raise KnowledgeError(shown, None, f"not UTF-8: {e}") from e
    header: list[str] | None = None
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            if missing:
                raise KnowledgeError(shown, lineno, f"missing columns: {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise KnowledgeError(shown, lineno, f"{len(cells)} cells but {len(header)} columns")
        yield Row(shown, lineno, dict(zip(header, cells, strict=False)))
    if header is None:
        raise KnowledgeError(shown, None, "empty file")
