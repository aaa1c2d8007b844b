"""Publication dates: what an input may state, and the one form a Document keeps (YYYY-MM-DD).

Accepted: ISO 8601 dates and date-times, with or without a zone (`datetime.fromisoformat`), and RFC 822
dates as feeds write them (`email.utils`). A date-time keeps the day as written, in the publisher's own
zone: 2023-05-01T01:30+03:00 appeared on 1 May where it was written, though it was 30 April in UTC.
Anything else ("yesterday", "2023-13-45") is no date: readers warn and keep the document with none,
since every relative date ("أمس") is anchored on this one.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime

FORMS = "ISO 2023-05-01 or 2023-05-01T10:30:00+03:00, or RFC 822 Mon, 01 May 2023 10:30:00 +0300"
_SHOWN = 60  # characters of a bad value quoted in a message


def _not_a_date(value: object) -> ValueError:
    shown = repr(value)
    if len(shown) > _SHOWN:
        shown = shown[:_SHOWN - 1] + "…"
    return ValueError(f"published {shown} is not a date ({FORMS})")


def publication_day(value: object) -> str | None:
    """YYYY-MM-DD of a stated publication date, None when none is stated; ValueError when it is no date."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _not_a_date(value)
    text = value.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    raise _not_a_date(value)


KEPT = "the document is kept with no publication date"


def day_or_problem(value: object) -> tuple[str | None, str | None]:
    """(day, None) for a good or absent date, (None, why) for a bad one: for readers that warn and go on."""
    try:
        return publication_day(value), None
    except ValueError as exc:
        return None, str(exc)
