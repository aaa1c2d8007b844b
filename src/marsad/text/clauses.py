"""Clause splitting inside one sentence.

Clauses bound the search for an event's actors around its verb.  Boundaries are
clause punctuation (``، ؛ : , ;``, except between digits as in ``1,000`` or ``10:30``)
and the start of a discourse connector.  A separator stays at the end of the clause
it closes, so the clauses cover the sentence except for whitespace.
"""

from __future__ import annotations

import re

from .normalize import normalize
from .sentences import trim_span

_SEPARATOR_RE = re.compile(r"[،؛;,:]")
_DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"

# Matched on normalised text (أ/إ -> ا, no diacritics).  An optional و/ف may be
# attached; لكن and the "... أن" connectors may carry a pronoun (لكنه، غير أنها).
_PRONOUN = r"(?:ه|ها|هم|هما|هن|نا|ني)?"
_CONNECTOR_RE = re.compile(
    r"(?<!\w)(?:"
    r"[وف]?(?:ثم|بينما|فيما|حيث|اذ|لكن" + _PRONOUN + r")"
    r"|[وف]?(?:في\s+حين|كما\s+ان|غير\s+ان)" + _PRONOUN + r"|وسط"
    r")(?!\w)"
)


def _is_between_digits(text: str, i: int, start: int, end: int) -> bool:
    return start < i < end - 1 and text[i - 1] in _DIGITS and text[i + 1] in _DIGITS


def _cut_points(text: str, start: int, end: int) -> list[int]:
    cuts = {
        m.end()
        for m in _SEPARATOR_RE.finditer(text, start, end)
        if not _is_between_digits(text, m.start(), start, end)
    }
    norm = normalize(text[start:end])
    for m in _CONNECTOR_RE.finditer(norm.text):
        cuts.add(start + norm.to_original(m.start(), m.end())[0])
    return sorted(c for c in cuts if start < c < end)


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans covering ``text[start:end]`` in order, whitespace-trimmed."""
    bounds = [start, *_cut_points(text, start, end), end]
    out: list[tuple[int, int]] = []
    orphan: int | None = None  # start of a leading piece with no letters or digits
    for s, e in zip(bounds, bounds[1:], strict=False):
        span = trim_span(text, s, e)
        if span is None:
            continue
        if not any(ch.isalnum() for ch in text[span[0] : span[1]]):
            # Bare punctuation ("، ،") is glued to a neighbour, never a clause.
            if out:
                out[-1] = (out[-1][0], span[1])
            elif orphan is None:
                orphan = span[0]
            continue
        if orphan is not None:
            span, orphan = (orphan, span[1]), None
        out.append(span)
    if orphan is not None and not out:
        out.append(trim_span(text, orphan, end) or (orphan, end))
    return out
