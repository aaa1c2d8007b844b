"""The CAMEO event code table (package data ``data/cameo.tsv``): load, validate, look up."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from marsad.knowledge.errors import KnowledgeError

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
COLUMNS = ("code", "name_en", "name_ar", "goldstein", "quad_class", "plover")
_CODE_RE = re.compile(r"^\d{2,4}$")
_DATA_FILE = "cameo.tsv"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name_en: str
    name_ar: str
    goldstein: float
    quad_class: int
    plover: str  # "" when PLOVER has no counterpart (most 01x statements)

    @property
    def root(self) -> str:
        return root_of(self.code)


def root_of(code: str) -> str:
    """The two-digit CAMEO root of any code ("0431" -> "04")."""
    return code[:2]


def parent_of(code: str) -> str | None:
    """The code one level up: 4 digits -> 3, 3 -> 2 (root), a root has none."""
    return code[:-1] if len(code) > 2 else None


def _parse_row(path: str, lineno: int, fields: list[str]) -> CameoCode:
    if len(fields) != len(COLUMNS):
        raise KnowledgeError(path, lineno, f"expected {len(COLUMNS)} tab-separated columns, got {len(fields)}")
    code, name_en, name_ar, goldstein_s, quad_s, plover = (f.strip() for f in fields)
    if not _CODE_RE.match(code):
        raise KnowledgeError(path, lineno, f"code {code!r} is not 2 to 4 digits")
    if not name_en or not name_ar:
        raise KnowledgeError(path, lineno, f"code {code}: name_en and name_ar must not be empty")
    try:
        goldstein = float(goldstein_s)
    except ValueError:
        raise KnowledgeError(path, lineno, f"code {code}: goldstein {goldstein_s!r} is not a number") from None
    if not -10.0 <= goldstein <= 10.0:
        raise KnowledgeError(path, lineno, f"code {code}: goldstein {goldstein} outside [-10, 10]")
    if quad_s not in {"1", "2", "3", "4"}:
        raise KnowledgeError(path, lineno, f"code {code}: quad_class {quad_s!r} is not 1..4")
    if plover and plover not in PLOVER_TYPES:
        raise KnowledgeError(path, lineno, f"code {code}: unknown PLOVER type {plover!r}")
    return CameoCode(code, name_en, name_ar, goldstein, int(quad_s), plover)


def parse_cameo(lines: Iterable[str], path: str = _DATA_FILE) -> dict[str, CameoCode]:
    """Parse and validate the table's text; `path` only names the source in errors."""
    table: dict[str, CameoCode] = {}
    first_line: dict[str, int] = {}
    header_seen = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            # The first data line must be the header, so a column swap cannot go unnoticed.
            if tuple(f.strip() for f in fields) != COLUMNS:
                raise KnowledgeError(path, lineno, "expected the header line: " + " <TAB> ".join(COLUMNS))
            header_seen = True
            continue
        entry = _parse_row(path, lineno, fields)
        if entry.code in table:
            raise KnowledgeError(
                path, lineno, f"duplicate code {entry.code} (first on line {first_line[entry.code]})"
            )
        parent = parent_of(entry.code)
        # Rows are ordered parent-first, so a parent must already be known.
        if parent is not None and parent not in table:
            raise KnowledgeError(path, lineno, f"code {entry.code}: parent {parent} is not defined above it")
        table[entry.code] = entry
        first_line[entry.code] = lineno
    if not header_seen:
        raise KnowledgeError(path, 1, "empty table: no header line")
    return table


@functools.cache
def load_cameo() -> dict[str, CameoCode]:
    """The packaged table, keyed by code (parsed once per process)."""
    res = resources.files("marsad.knowledge").joinpath("data", _DATA_FILE)
    text = res.read_text(encoding="utf-8")
    return parse_cameo(text.splitlines(), path=str(res))


def lookup(code: str) -> CameoCode:
    """The entry for `code`; an unknown leaf falls back to its nearest known ancestor."""
    table = load_cameo()
    current: str | None = code.strip()
    while current is not None:
        if current in table:
            return table[current]
        if not _CODE_RE.match(current):
            break
        current = parent_of(current)
    raise KeyError(f"unknown CAMEO code {code!r}")


def quad_of_root(root: str) -> int:
    """Quad class of a two-digit root (used by the scorer's quad mode)."""
    return lookup(root_of(root)).quad_class
