"""Wars the press names by their two sides' adjectives (wars.tsv): the year such a name fixes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.knowledge.actors import _iso3, country_codes
from marsad.knowledge.files import read_tsv


@dataclass(frozen=True, slots=True)
class War:
    sides: frozenset[str]  # the two ISO3 keys
    start: int
    end: int
    name_en: str
    example: str


def _year(row, column: str) -> int:  # noqa: ANN001 - a files.Row
    value = row.get(column)
    if not value.isdigit() or not 1800 <= int(value) <= 2100:
        raise row.error(f"{column} must be a year, not {value!r}")
    return int(value)


@cache
def load_wars() -> tuple[War, ...]:
    known = country_codes()
    out: list[War] = []
    seen: set[frozenset[str]] = set()
    for row in read_tsv("wars.tsv", ("side_a", "side_b", "start", "end", "name_en", "example")):
        a, b = _iso3(row, "side_a", known), _iso3(row, "side_b", known)
        sides = frozenset({a, b})
        if len(sides) != 2:
            raise row.error("a war needs two different sides")
        if sides in seen:
            raise row.error("a pair may name one war only: two wars between them need a year in the text")
        seen.add(sides)
        start, end = _year(row, "start"), _year(row, "end")
        if end < start:
            raise row.error("end is before start")
        if not row.get("example"):
            raise row.error("example is empty")
        out.append(War(sides, start, end, row.get("name_en"), row.get("example")))
    return tuple(out)
