"""Validation of query parameters, once for every surface: the CLI, the API and the report.

Each function takes the raw value and the parameter's name, and returns the
normalised value or raises ParamError with one line that names the parameter,
the bad value and what is expected. The patterns and bounds are constants so
that the API's OpenAPI schema states the same rules.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from functools import cache

from marsad.model import IGO_CODES, STATUSES

PERIODS = ("day", "week", "month", "year")
# An actor's scoring key: an ISO 3166-1 alpha-3 country or one of the contract's IGO codes (2-5 letters).
ACTOR_PATTERN = r"^[A-Za-z]{2,5}$"
CAMEO_PATTERN = r"^[0-9]{1,4}$"  # a code or a prefix of one: 1, 04, 042
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
MAX_SEARCH = 200      # characters of a sentence search
MAX_LIMIT = 1000      # rows of a ranked list (dyads, actors, partners)
MAX_PAGE_SIZE = 500   # events per page
MAX_OFFSET = 1_000_000
MAX_MIN_COUNT = 1_000_000
MAX_KM = 20_000       # half the Earth's circumference


class ParamError(ValueError):
    """A query parameter with a bad value; `name` is the parameter, str() the one-line message."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


@cache
def known_actors() -> frozenset[str]:
    """Every key an actor can have: the knowledge's countries and the contract's IGO codes."""
    from marsad.knowledge.actors import country_codes

    return country_codes() | frozenset(IGO_CODES)


def actor(value: str, name: str = "actor") -> str:
    key = value.strip().upper()
    if not re.match(ACTOR_PATTERN, key) or key not in known_actors():
        raise ParamError(name, f"{value!r} is not an actor key (an ISO3 country such as ISR, or an IGO such as UN)")
    return key


def country(value: str, name: str = "in") -> str:
    """A country (ISO3) the knowledge knows: where an event is located."""
    from marsad.knowledge.actors import country_codes

    key = value.strip().upper()
    if key not in country_codes():
        raise ParamError(name, f"{value!r} is not an ISO3 country code (IRQ, SYR)")
    return key


def near(lat: float, lon: float, km: float) -> tuple[float, float, float]:
    """A point on Earth and a radius: events located within `km` of it."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ParamError("near", f"{lat},{lon} is not a point on Earth")
    if not 0 < km <= MAX_KM:
        raise ParamError("km", f"{km!r} is not a radius from 0 to {MAX_KM:,} km")
    return float(lat), float(lon), float(km)


def dyad(values: tuple[str, str] | list[str], name: str = "dyad") -> tuple[str, str]:
    if len(values) != 2:
        raise ParamError(name, f"needs two actor keys, not {len(values)}")
    return actor(values[0], name), actor(values[1], name)


def day(value: str, name: str) -> str:
    """A date at year, month or day precision (YYYY, YYYY-MM, YYYY-MM-DD), checked against the calendar."""
    text = value.strip()
    expected = "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if not re.match(DATE_PATTERN, text):
        raise ParamError(name, f"{value!r} {expected}")
    full = text + "-01" * (2 - text.count("-"))
    try:
        date.fromisoformat(full)
    except ValueError:
        raise ParamError(name, f"{value!r} {expected}") from None
    return text


def cameo(value: str, name: str = "code") -> str:
    if not re.match(CAMEO_PATTERN, value.strip()):
        raise ParamError(name, f"{value!r} is not a CAMEO code or prefix (1 to 4 digits, e.g. 04 or 042)")
    return value.strip()


def quad(value: int, name: str = "quad") -> int:
    if value not in (1, 2, 3, 4):
        raise ParamError(name, f"{value!r} is not a quad class (1 to 4)")
    return value


def status(value: str, name: str = "status") -> str:
    return choice(value, name, STATUSES)


def search(value: str, name: str = "search") -> str:
    if not value.strip():
        raise ParamError(name, "is empty")
    if len(value) > MAX_SEARCH:
        raise ParamError(name, f"is longer than {MAX_SEARCH} characters")
    return value


def period(value: str, name: str = "by") -> str:
    return choice(value, name, PERIODS)


def bounded(value: int, name: str, low: int, high: int) -> int:
    """An integer count such as a limit, a page size or an offset, within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ParamError(name, f"{value!r} is not a whole number from {low} to {high:,}")
    return value


def limit(value: int, name: str = "limit") -> int:
    return bounded(value, name, 1, MAX_LIMIT)


def choice(value: str, name: str, options: tuple[str, ...]) -> str:
    if value not in options:
        raise ParamError(name, f"{value!r} is not one of {', '.join(options)}")
    return value


# A page cursor: where the last page ended, in the order it was sorted by. Opaque to clients
# (base64url of a JSON list); it names its sort and order so that it is not read in another order.
MAX_CURSOR = 2000  # characters
CursorKey = tuple[str | float | int | None, str, int]  # (sort value, doc_id, ord) of the last event


def encode_cursor(sort: str, order: str, key: CursorKey) -> str:
    raw = json.dumps([sort, order, *key], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def cursor(value: str, sort: str, order: str, name: str = "cursor") -> CursorKey:
    """The position a cursor (encode_cursor) stands for; refused if it was made for another order."""
    bad = ParamError(name, "not a cursor this server returned (take next_cursor from a page, unchanged)")
    if len(value) > MAX_CURSOR:
        raise bad
    try:
        parts = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise bad from None
    if not (isinstance(parts, list) and len(parts) == 5 and isinstance(parts[3], str)
            and type(parts[4]) is int and (parts[2] is None or isinstance(parts[2], str | int | float))):
        raise bad
    if parts[:2] != [sort, order]:
        raise ParamError(name, f"this cursor pages events sorted by {parts[0]} {parts[1]}, not by {sort} {order}")
    return parts[2], parts[3], parts[4]
