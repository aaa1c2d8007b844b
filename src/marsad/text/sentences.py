"""Paragraph and sentence splitting for Arabic news, on the original text.

Every line is at least a sentence boundary (headlines, datelines and captions rarely
end in punctuation).  Within a line a run of ``. ! ? ؟ …`` ends a sentence unless it
sits inside a number, URL or e-mail (no following space), follows an abbreviation,
or falls inside a quotation that is closed later on the same line (quotes never
span lines, so an unbalanced quote cannot swallow the rest of an article).
"""

from __future__ import annotations

import re

from .normalize import normalize_form

_LINE_RE = re.compile(r"[^\n\r\u2028\u2029\x85]+")
_TERMINATORS = ".!?؟…"
_TERM_RE = re.compile(r"[.!?؟…]+")
_QUOTE_RE = re.compile(r'["«»“”„]')
_OPEN_TO_CLOSE = {"«": "»", "“": "”", "„": "“", '"': '"'}
# Closers used the "wrong" way round (common when RTL text is typed on LTR tooling).
_MIRRORED_OPEN = {"»": "«", "”": "“"}
_CLOSERS = set('»”"’)]}')
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Multi-letter abbreviations that take a dot (normalised, lower-case); single letters
# are handled generically.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "no", "jr", "sr", "gen", "col", "lt", "inc", "ltd", "co", "etc"}
)


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, whitespace-trimmed."""
    out = []
    for m in _LINE_RE.finditer(text):
        span = trim_span(text, m.start(), m.end())
        if span:
            out.append(span)
    return out


def _quoted_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) indices of quotations closed within ``text[start:end]``."""
    stack: list[tuple[str, int]] = []  # (expected closer, open index)
    regions = []
    for m in _QUOTE_RE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == ch), None)
        if depth is not None:
            regions.append((stack[depth][1], pos))
            del stack[depth:]  # quotes opened inside and never closed are dropped
        elif ch in _OPEN_TO_CLOSE:
            stack.append((_OPEN_TO_CLOSE[ch], pos))
        elif ch in _MIRRORED_OPEN:
            stack.append((_MIRRORED_OPEN[ch], pos))
    return regions


def _word_before(text: str, pos: int, lo: int) -> tuple[str, int]:
    """The letters (marks skipped) right before ``pos`` and the index where they start."""
    i = pos
    while i > lo and (_is_letter(text[i - 1]) or _MARKS.match(text[i - 1])):
        i -= 1
    return _MARKS.sub("", text[i:pos]), i


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    word, begin = _word_before(text, dot, lo)
    if not word:
        # "1. " opening a line is a list number, not a sentence.
        return text[lo:dot].strip().isdigit()
    if len(word) == 1:
        # "2023م." / "1445 هـ." is an era marker that often ends the sentence.
        j = begin
        while j > lo and text[j - 1] == " ":
            j -= 1
        return not (j > lo and text[j - 1].isdigit())
    return normalize_form(word).lower() in _ABBREVIATIONS


def _boundary(text: str, a: int, b: int, lo: int, hi: int, regions: list[tuple[int, int]]) -> int | None:
    """Where the sentence ends for the terminator run ``text[a:b]``, or None."""
    j = b
    while j < hi and text[j] in _CLOSERS:
        j += 1
    if any(o < a < c for o, c in regions):
        # Inside quoted speech: «...؟» is usually followed by the rest of the reporting
        # sentence; a terminator after the closing quote («...».) does end it.
        return None
    nxt = text[j] if j < hi else ""
    if text[a:b] == ".":
        if nxt and nxt.isspace() or not nxt:
            return None if _is_abbreviation(text, a, lo) else j
        # No space after the dot: numbers, URLs, e-mails, "أ.ف.ب" -- unless it is a
        # missing space between two Arabic words ("قال.وأضاف").
        word, _ = _word_before(text, a, lo)
        if _is_arabic_letter(nxt) and len(word) >= 2 and all(_is_arabic_letter(c) for c in word):
            return j
        return None
    if not nxt or nxt.isspace() or _is_arabic_letter(nxt):
        return j
    return None


def _split_line(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    regions = _quoted_regions(text, lo, hi)
    cuts = [lo]
    for m in _TERM_RE.finditer(text, lo, hi):
        cut = _boundary(text, m.start(), m.end(), lo, hi, regions)
        if cut is not None and cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(hi)
    spans = (trim_span(text, s, e) for s, e in zip(cuts, cuts[1:], strict=False))
    return [s for s in spans if s]


# Hardly a news sentence is this long (99.9% of SaudiNewsNet's are under 1,400 characters); a longer run is a
# list, a table or garbage, cut into pieces so that what the coder does per sentence costs linear time.
MAX_SENTENCE = 2000


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most MAX_SENTENCE characters, cut after a space where there is one."""
    out = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\t", start + 1, limit))
        cut = cut + 1 if cut > start else limit
        span = trim_span(text, start, cut)
        if span:
            out.append(span)
        start = cut
    span = trim_span(text, start, end)
    return out + [span] if span else out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``: trimmed, non-empty, ordered, non-overlapping, at most MAX_SENTENCE long."""
    out: list[tuple[int, int]] = []
    for m in _LINE_RE.finditer(text):
        for s, e in _split_line(text, m.start(), m.end()):
            out.extend(_capped(text, s, e) if e - s > MAX_SENTENCE else [(s, e)])
    return out
