"""RSS / Atom files: each entry is one document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from marsad.ingest.html import strip_tags
from marsad.model import Document
from marsad.published import KEPT, day_or_problem

# The entry's own strings, not feedparser's *_parsed: those are in UTC (a day early for a morning
# in Baghdad) and roll impossible dates over (2023-13-45 became 2024-01-01).
_DATE_KEYS = ("published", "updated", "created")


def parse_feed(data: bytes) -> Any | None:
    """The parsed feed, or None when the bytes are not an RSS/Atom feed."""
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        return None
    return parsed


def entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, cleaned of HTML."""
    blocks = [c.get("value", "") for c in entry.get("content") or []]
    blocks.append(entry.get("summary", "") or "")
    best = max(blocks, key=len)
    return strip_tags(best)


def entry_published(entry: Any) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, None) from the first date the entry states, or (None, why) when it is no date."""
    for key in _DATE_KEYS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return day_or_problem(value)
    return None, None


def entry_id(entry: Any) -> str | None:
    return entry.get("id") or entry.get("link") or None


def feed_documents(parsed: Any, fallback_source: str | None) -> Iterator[tuple[int, Document | str | Warning]]:
    """(entry number, Document) for each good entry, (entry number, message) for each bad one.

    A Warning before a Document says what was wrong with an entry that is still read (its date).
    """
    source = parsed.feed.get("title") or fallback_source
    for n, entry in enumerate(parsed.entries, start=1):
        doc_id = entry_id(entry)
        text = entry_text(entry)
        if not doc_id:
            yield n, "feed entry has no id or link"
            continue
        if not text:
            yield n, f"feed entry {doc_id!r} has no text"
            continue
        extra: dict[str, Any] = {}
        if entry.get("title"):
            extra["title"] = strip_tags(entry["title"])
        if entry.get("link"):
            extra["url"] = entry["link"]
        published, problem = entry_published(entry)
        if problem:
            yield n, Warning(f"entry {doc_id!r}: {problem}; {KEPT}")
        yield n, Document(id=doc_id, text=text, published=published, source=source, extra=extra)
