"""Small helpers over the normalised text shared by the coder's stages."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from marsad.coder.state import ActorMention
from marsad.knowledge.base import words as word_class
from marsad.text.chars import char_classes, runs

WORD = re.compile(r"[^\W\d_]+")  # a run of letters


def words_between(text: str, start: int, end: int) -> list[str]:
    return WORD.findall(text, start, end) if end > start else []


@dataclass(frozen=True, slots=True)
class WordIndex:
    """The words (runs of letters) of one text, found in one pass: their spans and strings, in order."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    windows: dict[tuple[int, int, int], tuple[list[tuple[int, int]], list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> WordIndex:
        """The index of `text`, built once: stages ask about the same document many times in a row."""
        last = _last_index
        if last is not None and last.text is text:
            return last
        starts, ends = (a.tolist() for a in runs(char_classes(text).letter))  # WORD.finditer, at numpy speed
        index = cls(text, starts, ends, [text[s:e] for s, e in zip(starts, ends, strict=True)])
        globals()["_last_index"] = index
        return index

    def window(self, start: int, end: int, limit: int) -> tuple[list[tuple[int, int]], list[str]]:
        """The first `limit` words `WORD.finditer(text, start, end)` gives (cut at start and end): spans, strings.

        Remembered: the patterns that share a trigger word each ask about the words after it. Do not change them.
        """
        found = self.windows.get((start, end, limit))
        if found is None:
            found = self.windows[(start, end, limit)] = self._window(start, end, limit)
        return found

    def _window(self, start: int, end: int, limit: int) -> tuple[list[tuple[int, int]], list[str]]:
        if end <= start:
            return [], []
        i = bisect_right(self.ends, start)
        j = min(bisect_left(self.starts, end, i), i + limit)
        spans = list(zip(self.starts[i:j], self.ends[i:j], strict=True))
        words = self.words[i:j]
        if spans and (spans[0][0] < start or spans[-1][1] > end):
            spans[0] = (max(spans[0][0], start), spans[0][1])
            spans[-1] = (spans[-1][0], min(spans[-1][1], end))
            words[0] = self.text[spans[0][0]:spans[0][1]]
            words[-1] = self.text[spans[-1][0]:spans[-1][1]]
        return spans, words


_last_index: WordIndex | None = None


def joined(text: str, a: ActorMention, b: ActorMention) -> bool:
    """b follows a joined by و (السعودية والإمارات), أو, وحتى, وكذلك ... (grammar.yaml list_joiners)."""
    gap = words_between(text, a.end, b.start)
    if b.prefix.startswith("و") and not gap:
        return True
    return len(gap) == 1 and gap[0] in word_class("list_joiners") and not any(c in text[a.end:b.start] for c in ".؛:")


def conjuncts(text: str, actors: list[ActorMention], first: int) -> list[ActorMention]:
    """actors[first] and those joined after it by و."""
    out = [actors[first]]
    for b in actors[first + 1:]:
        if not joined(text, out[-1], b):
            break
        out.append(b)
    return out


def conjuncts_back(text: str, actors: list[ActorMention], last: int) -> list[ActorMention]:
    """actors[last] and those joined before it by و: السعودية والإمارات ومصر قطعت ..."""
    out = [actors[last]]
    for b in reversed(actors[:last]):
        if not joined(text, b, out[0]):
            break
        out.insert(0, b)
    return out
